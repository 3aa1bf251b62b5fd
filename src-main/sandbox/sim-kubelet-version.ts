/**
 * The version the simulated kubelet claims to be: its `--version` answer, its Node's
 * status.nodeInfo.kubeletVersion, and the kubelet version whose file-source rules it applies
 * (the kubelet model, src-main/kubelet). kubeadm v1.32.2's by default (the default manifests are
 * that release's); the node's KUBELET_SIM_KUBELET_VERSION (sim-env.ts) picks another, so version-dependent rules can be run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KUBEADM_VERSION } from './default-manifests';
import { SIM_ENV } from './daemon/sim-env';
import type { SimPaths } from './paths';

const VERSION = /^v1\.\d+\.\d+$/;

export function simKubeletVersion(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env[SIM_ENV.kubeletVersion]?.trim();
  return wanted && VERSION.test(wanted) ? wanted : KUBEADM_VERSION;
}

/**
 * A real kubelet's version is built into its binary; every simulated node runs one shared bundle,
 * so the kubelet records the version it was started as, and a `kubelet --version` run later on
 * the node (by the app's discovery, or a user) answers with it.
 */
export function recordSimKubeletVersion(paths: SimPaths, version: string): void {
  fs.mkdirSync(path.dirname(paths.versionFile), { recursive: true });
  fs.writeFileSync(paths.versionFile, `${version}\n`);
}

/** What `kubelet --version` answers on a node: its own setting, else the running kubelet's. */
export function simVersionAnswer(paths: SimPaths, env: NodeJS.ProcessEnv = process.env): string {
  if (env[SIM_ENV.kubeletVersion]?.trim()) return simKubeletVersion(env);
  try {
    const recorded = fs.readFileSync(paths.versionFile, 'utf8').trim();
    if (VERSION.test(recorded)) return recorded;
  } catch {
    // No kubelet has run on this node yet: the default.
  }
  return simKubeletVersion(env);
}

/** The minor release of simKubeletVersion (`v1.30.4` → 30): decides version-specific behaviour. */
export function simKubeletMinor(env: NodeJS.ProcessEnv = process.env): number {
  return Number(/^v1\.(\d+)\./.exec(simKubeletVersion(env))?.[1]);
}

/** What `kubelet --version` prints (cmd/kubelet: component-base/version/verflag). */
export function kubeletVersionLine(version: string): string {
  return `Kubernetes ${version}`;
}
