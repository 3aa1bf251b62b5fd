/**
 * The fuses a packaged build has (electron-builder.yml, electronFuses), as the code that depends
 * on them sees them. test/unit/packaging checks the two agree.
 */
export const PACKAGED_FUSES = {
  /** Off: the packaged binary never runs as plain Node (docs/security.md "Electron"). */
  runAsNode: false,
} as const;
