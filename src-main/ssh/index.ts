// The SSH layer's public surface (docs/architecture.md › src-main/ssh). UI concerns stay outside:
// every question to the user is a callback.
export { SshConnection } from './connection.js';
export type { ConnectionOptions, RunOptions, StreamHandle } from './connection.js';
export type { ConnectionState, StateListener } from './connection-state.js';
export type { AuthMethodName, AuthPrompts, KeyboardInteractiveRequest } from './auth.js';
export type { HostKeyPrompt, HostKeyPromptCallback } from './host-verifier.js';
export { AuthError, ConnectionLostError, HostKeyError, SshTimeoutError } from './errors.js';
export { SudoError, SudoSession, detectSudo } from './sudo.js';
export type { SudoMode, SudoPasswordRequest } from './sudo.js';
export { toRemoteCommand, followArgv } from './command-line.js';
export type { ArgvInput } from './command-line.js';
export { resolveSshTarget, listHostAliases, parseTargetSpec } from './ssh-config.js';
export type { SshTarget, SshConfigSource } from './ssh-config.js';
export { sha256Fingerprint, keygenListLine } from './fingerprint.js';
export * from './known-hosts/index.js';
export type { CommandTransport, ExecChannel, ExecResult, ExitStatus } from './transport.js';
export { createLocalTransport } from './local-transport.js';
