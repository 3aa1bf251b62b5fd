/**
 * How a simulated component reads its certificate and key files (node paths mapped to the
 * host): every call reads them again, so a provider built on it reloads as the real component
 * does; `once` keeps the first pair read (a component that loads its files only at start).
 */
import fs from 'node:fs';
import type { ServedPair } from './tls-port';

export type PairProvider = () => ServedPair | null;

export function filePair(
  toHost: (nodePath: string) => string,
  certFile: string,
  keyFile: string,
  clientCaFile?: string,
): PairProvider {
  return () => {
    try {
      return {
        cert: fs.readFileSync(toHost(certFile), 'utf8'),
        key: fs.readFileSync(toHost(keyFile), 'utf8'),
        ...(clientCaFile ? { clientCa: fs.readFileSync(toHost(clientCaFile), 'utf8') } : {}),
      };
    } catch {
      return null;
    }
  };
}

export function once(provider: PairProvider): PairProvider {
  let first: ServedPair | null | undefined;
  return () => (first ??= provider());
}
