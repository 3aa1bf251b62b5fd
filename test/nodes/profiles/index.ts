/**
 * The node set-ups test nodes can take (`startTestNodes({ profile })`, `nodes:up -- --profile`).
 * See types.ts for what a profile says, test/nodes/README.md for each one.
 */
import { kubeadmJsonLogs } from './kubeadm-json-logs';
import { kubeadmRhelCrio } from './kubeadm-rhel-crio';
import { kubeadmUbuntu } from './kubeadm-ubuntu';
import { k3sAgent } from './k3s-agent';
import { rke2Server } from './rke2-server';
import type { ProfileDefinition, ProfileName } from './types';
import { PROFILE_NAMES } from './types';

export const DEFAULT_PROFILE: ProfileName = 'kubeadm-ubuntu';

const PROFILES: Partial<Record<ProfileName, ProfileDefinition>> = {
  'kubeadm-ubuntu': kubeadmUbuntu,
  'kubeadm-rhel-crio': kubeadmRhelCrio,
  'kubeadm-json-logs': kubeadmJsonLogs,
  'rke2-server': rke2Server,
  'k3s-agent': k3sAgent,
};

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/** The profile of that name; an unknown name is an error that lists the known ones. */
export function profileNamed(name: string = DEFAULT_PROFILE): ProfileDefinition {
  const found = isProfileName(name) ? PROFILES[name] : undefined;
  if (!found) {
    const known = PROFILE_NAMES.filter((n) => PROFILES[n]).join(', ');
    throw new Error(`unknown test node profile "${name}" (known: ${known})`);
  }
  return found;
}

/** The profiles that can be started, in PROFILE_NAMES order. */
export function availableProfiles(): ProfileDefinition[] {
  return PROFILE_NAMES.flatMap((n) => (PROFILES[n] ? [PROFILES[n]] : []));
}

export { PROFILE_NAMES };
export type * from './types';
