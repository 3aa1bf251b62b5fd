/**
 * Which kubectl the test nodes carry: a real kubectl binary when this machine has one, so the
 * app reads real kubectl output, errors and version skew; the simulated one
 * (src-main/sandbox/commands/kubectl.ts) otherwise. Both talk to the node's simulated API: the
 * real one over HTTPS (src-main/sandbox/apiserver), the simulated one through its state file.
 *
 * Chosen by, in order: the `kubectl` start option, the KS_TEST_KUBECTL environment variable
 * (`simulated`, `real`, or the path of a kubectl binary, e.g. a versioned copy `kubectl.1.27`), then
 * `real`: `command -v kubectl` on this machine. The choice is printed once per process and
 * choice, so a test run's output says which kubectl its nodes had.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import path from 'node:path';

export type KubectlChoice =
  { kind: 'real'; path: string; version: string } | { kind: 'simulated'; reason: string };

/** `command -v kubectl` over this process's PATH. */
function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function clientVersion(binary: string): string {
  const out = execFileSync(binary, ['version', '--client', '-o', 'json'], {
    encoding: 'utf8',
    timeout: 20_000,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KUBECONFIG: '/dev/null' },
  });
  const parsed = JSON.parse(out) as { clientVersion?: { gitVersion?: string } };
  return parsed.clientVersion?.gitVersion ?? 'unknown version';
}

export function chooseKubectl(requested = process.env.KS_TEST_KUBECTL || 'real'): KubectlChoice {
  if (requested === 'simulated') return { kind: 'simulated', reason: 'asked for' };
  const found = requested === 'real' ? onPath('kubectl') : requested;
  if (!found) return { kind: 'simulated', reason: 'no kubectl on PATH' };
  try {
    // Linked from inside the node by its real path: the node's /usr/local/bin hides the host's.
    const binary = realpathSync(found);
    return { kind: 'real', path: binary, version: clientVersion(binary) };
  } catch (e) {
    if (requested !== 'real') throw new Error(`kubectl ${requested} cannot run: ${(e as Error).message}`);
    return { kind: 'simulated', reason: `${found} does not run: ${(e as Error).message.split('\n')[0]}` };
  }
}

/**
 * A versioned kubectl beside the one on PATH (`kubectl.1.27` … as the Google Cloud SDK installs
 * them next to its version-dispatching `kubectl`), for version-skew tests; null when absent.
 */
export function versionedKubectl(minor: string): string | null {
  const found = onPath('kubectl');
  if (!found) return null;
  const candidate = path.join(path.dirname(realpathSync(found)), `kubectl.${minor}`);
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    return null;
  }
}

const announced = new Set<string>();

export function describeKubectl(choice: KubectlChoice): string {
  return choice.kind === 'real'
    ? `test nodes: real kubectl ${choice.version} (${choice.path})`
    : `test nodes: simulated kubectl (${choice.reason})`;
}

export function announceKubectl(choice: KubectlChoice): void {
  const line = describeKubectl(choice);
  if (announced.has(line)) return;
  announced.add(line);
  console.log(line);
}
