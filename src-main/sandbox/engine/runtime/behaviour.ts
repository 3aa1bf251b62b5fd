/**
 * What a started container does, decided from its image and command line the way the real
 * binaries would behave: control-plane components reject unknown flags (and crash-loop),
 * a missing executable is a StartError (exit 128), `false` / `sh -c "exit N"` exit with that
 * code, a second copy of a host-network component cannot bind its port; everything else runs.
 */
import { imageRepository } from '../ids';
import type { ContainerSpec } from '../../../kubelet/pod-object';
import { firstUnknownFlag, isControlPlaneComponent, type ControlPlaneComponent } from './component-flags';

export type ContainerBehaviour =
  | { kind: 'runs'; component?: ControlPlaneComponent | 'coredns' }
  | { kind: 'exits'; exitCode: number; reason: 'Error' | 'Completed'; stderr: string[] }
  | { kind: 'startError'; exitCode: 128; message: string };

export interface BehaviourContext {
  /** The same component already runs on the host network (e.g. a `kubectl apply`d copy). */
  portTaken: boolean;
}

const COMPONENT_PORTS: Record<ControlPlaneComponent, string> = {
  'kube-apiserver': '0.0.0.0:6443',
  'kube-controller-manager': '127.0.0.1:10257',
  'kube-scheduler': '127.0.0.1:10259',
  'kube-proxy': '0.0.0.0:10256',
  etcd: '127.0.0.1:2379',
};

/** The component a registry.k8s.io image provides, if any. */
export function imageComponent(image: string): ControlPlaneComponent | 'coredns' | undefined {
  const name = imageRepository(image).split('/').pop() ?? '';
  if (isControlPlaneComponent(name)) return name;
  return name === 'coredns' ? 'coredns' : undefined;
}

export function containerBehaviour(spec: ContainerSpec, ctx: BehaviourContext): ContainerBehaviour {
  const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
  const exe = argv[0] ?? '';
  const exeName = exe.split('/').pop() ?? '';
  const fromImage = imageComponent(spec.image);

  if (argv.length === 0) return { kind: 'runs', component: fromImage };

  if (fromImage && fromImage !== 'coredns' && !allowedExecutables(fromImage).has(exeName)) {
    return {
      kind: 'startError',
      exitCode: 128,
      message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${exe}": executable file not found in $PATH: unknown`,
    };
  }

  if (isControlPlaneComponent(exeName)) {
    const unknown = firstUnknownFlag(exeName, argv.slice(1));
    if (unknown) return unknownFlagExit(exeName, unknown);
    if (ctx.portTaken) return portTakenExit(exeName);
    return { kind: 'runs', component: exeName };
  }

  if (exeName === 'false') return { kind: 'exits', exitCode: 1, reason: 'Error', stderr: [] };
  if (exeName === 'true') return { kind: 'exits', exitCode: 0, reason: 'Completed', stderr: [] };
  if (['sh', 'bash', 'ash'].includes(exeName)) {
    const script = argv[argv.indexOf('-c') + 1];
    if (argv.includes('-c') && script !== undefined) {
      const exit = /(?:^|[;&|\s])exit\s+(\d+)\s*;?\s*$/.exec(script);
      if (exit) {
        const code = Number(exit[1]) % 256;
        return { kind: 'exits', exitCode: code, reason: code === 0 ? 'Completed' : 'Error', stderr: [] };
      }
      if (/^\s*(false|exit)\s*$/.test(script))
        return { kind: 'exits', exitCode: 1, reason: 'Error', stderr: [] };
    }
  }
  return { kind: 'runs', component: fromImage };
}

function allowedExecutables(component: ControlPlaneComponent): Set<string> {
  return component === 'etcd'
    ? new Set(['etcd', 'etcdctl', 'etcdutl', 'sh'])
    : new Set([component, 'go-runner']);
}

/**
 * cobra (Kubernetes components) prints the usage, then `Error: unknown flag: --x`, exit 1;
 * etcd uses Go's flag package: `flag provided but not defined: -x`, its usage, exit 2.
 * The usage text is shortened to its first lines.
 */
function unknownFlagExit(component: ControlPlaneComponent, flag: string): ContainerBehaviour {
  if (component === 'etcd') {
    return {
      kind: 'exits',
      exitCode: 2,
      reason: 'Error',
      stderr: [
        `flag provided but not defined: -${flag.replace(/^--?/, '')}`,
        'Usage:',
        '',
        '  etcd [flags]',
        '    Start an etcd server.',
        '',
      ],
    };
  }
  return {
    kind: 'exits',
    exitCode: 1,
    reason: 'Error',
    stderr: ['Usage:', `  ${component} [flags]`, '', 'Generic flags:', '', `Error: unknown flag: ${flag}`],
  };
}

function portTakenExit(component: ControlPlaneComponent): ContainerBehaviour {
  const address = COMPONENT_PORTS[component];
  const err = `failed to create listener: failed to listen on ${address}: listen tcp ${address}: bind: address already in use`;
  return { kind: 'exits', exitCode: 1, reason: 'Error', stderr: [`Error: ${err}`] };
}
