/** The contract, the only part of src-main the renderer may import. */
export * from './app';
export * from './client';
export * from './errors';
export * from './nodes';
export * from './operations';
export * from './protocol';
