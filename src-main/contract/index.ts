/** The contract, the only part of src-main the renderer may import. */
export * from './app';
export * from './browser-session';
export * from './client';
export type * from './domain/discovery';
export type * from './domain/doctor';
export type { BundleResult } from './ops/doctor';
export type * from './domain/node-pods';
export type * from './domain/cri';
export type * from './domain/pods';
export * from './errors';
export * from './limits';
export * from './nodes';
export * from './operations';
export * from './protocol';
export { Prompt, PromptKind } from './ops/prompts';
