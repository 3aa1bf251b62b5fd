/**
 * Errors that cross the contract. Every failure a user can see has a code (for the UI and the
 * CLI's exit status), a sentence saying what happened, and where possible what to do next.
 */
export type ErrorCode =
  | 'invalid-argument'
  | 'unknown-operation'
  | 'not-found'
  | 'not-connected'
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'host-key-revoked'
  | 'auth-failed'
  | 'sudo-failed'
  | 'conflict'
  | 'timeout'
  | 'connection-lost'
  | 'remote-command-failed'
  | 'unsupported'
  | 'internal';

export interface ContractErrorBody {
  code: ErrorCode;
  message: string;
  /** What the user can do about it, in one sentence. */
  hint?: string;
  /** Facts that explain the error (file names, fingerprints, exit codes). */
  details?: Record<string, string | number | boolean>;
}

export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details?: Record<string, string | number | boolean>;

  constructor(body: ContractErrorBody) {
    super(body.message);
    this.name = 'ContractError';
    this.code = body.code;
    this.hint = body.hint;
    this.details = body.details;
  }

  toBody(): ContractErrorBody {
    const body: ContractErrorBody = { code: this.code, message: this.message };
    if (this.hint) body.hint = this.hint;
    if (this.details) body.details = this.details;
    return body;
  }

  static from(error: unknown): ContractError {
    if (error instanceof ContractError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ContractError({ code: 'internal', message });
  }
}
