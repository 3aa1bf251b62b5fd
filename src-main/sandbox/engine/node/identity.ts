/**
 * The node's persistent identity: the Node object's UID (mirror pods' ownerReference, §2.1)
 * and the boot id (journal `_BOOT_ID` and cursors, §5.1). Stored under the root so a daemon
 * restart keeps them, as a real node keeps them across kubelet restarts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SimPaths } from '../../paths';
import { apiUid, randomHex } from '../ids';

export interface NodeIdentity {
  nodeUid: string;
  bootId: string;
}

export function identityFile(paths: SimPaths): string {
  return path.join(paths.root, 'var/lib/kubelet-sim/identity.json');
}

export function loadOrCreateIdentity(paths: SimPaths): NodeIdentity {
  const file = identityFile(paths);
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<NodeIdentity>;
    if (typeof parsed.nodeUid === 'string' && /^[0-9a-f]{32}$/.test(parsed.bootId ?? '')) {
      return { nodeUid: parsed.nodeUid, bootId: parsed.bootId as string };
    }
  } catch {
    // Missing or unreadable: a new node.
  }
  const identity = { nodeUid: apiUid(), bootId: randomHex(32) };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(identity) + '\n');
  return identity;
}
