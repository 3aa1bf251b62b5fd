// Typed failures of the SSH layer, so callers (and the UI, through the contract) can tell a
// refused host key from a dead network without parsing messages.

/** A host key was refused (changed, revoked, or the user declined an unknown one). Not retried. */
export class HostKeyError extends Error {
  constructor(
    readonly verdict: 'changed' | 'revoked' | 'declined' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'HostKeyError';
  }
}

/** Authentication failed (wrong password or passphrase, no usable method). Not retried. */
export class AuthError extends Error {
  constructor(
    readonly reason: 'wrong-passphrase' | 'wrong-password' | 'no-method' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** The connection went away while a call was pending. */
export class ConnectionLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionLostError';
  }
}

/** A channel open or a whole call did not finish in time. */
export class SshTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SshTimeoutError';
  }
}

/** Errors that must not trigger a reconnect: retrying cannot fix them and may lock accounts. */
export function isPermanent(err: unknown): boolean {
  return err instanceof HostKeyError || err instanceof AuthError;
}
