export { parseKnownHosts, parseKnownHostLine, isOpenSshKeyType } from './parse.js';
export type { KnownHostLine, KnownHostMarker } from './parse.js';
export {
  lookupName,
  globMatch,
  matchHostPatterns,
  hashHostName,
  matchHashedName,
  hostFieldMatches,
} from './host-match.js';
export {
  checkHostKey,
  preferredHostKeyAlgorithms,
  linesForHost,
  DEFAULT_HOST_KEY_ALGORITHMS,
} from './check.js';
export type { HostKeyCheck, HostKeyVerdict, KnownKeyRef, OfferedHostKey } from './check.js';
export {
  appendKnownHost,
  formatKnownHostLine,
  loadKnownHosts,
  readKnownHostsFile,
  defaultKnownHostsPaths,
} from './files.js';
export type { KnownHostsPaths, HostKeyToRecord } from './files.js';
