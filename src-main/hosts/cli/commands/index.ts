/**
 * Every `kubelet-studio` command: what `--help` prints and which options it takes. Only this
 * list is loaded at start; a command's module (and the core, ssh2, node-pty… behind it) is
 * imported when that command runs.
 */
import type { CliCommand } from '../command';

export const commands: CliCommand[] = [
  {
    name: 'serve',
    usage: 'serve [--port N] [--no-open]',
    summary: 'Serve the app to a browser on 127.0.0.1 and print its one-time launch link.',
    options: { port: { value: true }, 'no-open': {} },
    load: async () => (await import('./serve')).run,
  },
  {
    name: 'open',
    usage: 'open [--port N] [--no-open]',
    summary: 'Open another browser window on the running serve (prints a new one-time link).',
    options: { port: { value: true }, 'no-open': {} },
    load: async () => (await import('./open')).run,
  },
  {
    name: 'nodes',
    usage: 'nodes [--json]',
    summary: 'List the nodes in the node list.',
    options: {},
    load: async () => (await import('./nodes')).run,
  },
  {
    name: 'status',
    usage: 'status <node> [--json]',
    summary: "The node's pods: manifests, crictl and kubectl joined, with findings (exit 1 on an error).",
    options: {},
    load: async () => (await import('./status')).run,
  },
  {
    name: 'manifests',
    usage: 'manifests <node> [--json]',
    summary: "List the node's static pod manifests with what the kubelet makes of each.",
    options: {},
    load: async () => (await import('./manifests')).run,
  },
  {
    name: 'apply',
    usage:
      'apply <node> <manifest-name> --from <file> [--wait] [--rollback-on-failure] [--timeout S] [--force] [--json]',
    summary:
      'Save a local file as a static pod manifest, crash-safe; --wait follows the kubelet to a verdict.',
    options: {
      from: { value: true },
      wait: {},
      'rollback-on-failure': {},
      timeout: { value: true },
      force: {},
    },
    load: async () => (await import('./apply')).run,
  },
  {
    name: 'logs',
    usage: 'logs <node> [-f] [--pod NS/NAME|NAME] [--level I|W|E|F] [--since T] [--lines N] [--json]',
    summary: "Print the kubelet's log on a node (journal or log files), parsed as klog; -f follows it.",
    options: {
      f: {},
      follow: {},
      pod: { value: true },
      level: { value: true },
      since: { value: true },
      lines: { value: true },
    },
    load: async () => (await import('./logs')).run,
  },
  {
    name: 'doctor',
    usage: 'doctor <node> [--json]',
    summary: "Certificates, cgroup driver, etcd, conditions and images of a node's control plane.",
    options: {},
    load: async () => (await import('./doctor')).run,
  },
  {
    name: 'drift',
    usage: 'drift <node> <node> [<node>…] [--json]',
    summary: 'Compare static pod manifests across control-plane nodes; name the node that differs.',
    options: {},
    load: async () => (await import('./drift')).run,
  },
  {
    name: 'check',
    usage: 'check <node>… [--concurrency N] [--format text|json|junit] [--fail-on error|warning]',
    summary: 'Findings of many nodes at once; JSON or JUnit for CI; exit 1 at the worst severity.',
    options: { concurrency: { value: true }, format: { value: true }, 'fail-on': { value: true } },
    load: async () => (await import('./check')).run,
  },
  {
    name: 'bundle',
    usage: 'bundle <node|cluster> [--output FILE]',
    summary: 'One tar.gz of manifests, pods, findings, logs, certificates and configs; secrets redacted.',
    options: { output: { value: true } },
    load: async () => (await import('./bundle')).run,
  },
  {
    name: 'sandbox',
    usage: 'sandbox status|stop [--json]',
    summary:
      'The Sandbox node keeps running between runs (so `status sandbox` is quick): show it, or stop it and its kubelet.',
    options: {},
    load: async () => (await import('./sandbox')).run,
  },
  {
    name: 'call',
    usage: 'call <operation> [json-input] | call --list',
    summary: 'Call any operation of the contract with JSON input; prints JSON.',
    options: { list: {} },
    load: async () => (await import('./call')).run,
  },
];
