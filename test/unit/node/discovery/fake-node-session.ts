/**
 * A node as discovery's two round trips see it, answered from a description of its processes,
 * files and tools (the real scripts' output formats: probe-scripts.test.ts and
 * discovery-files.test.ts run them). Shared by the discovery and snapshot tests.
 */
import type { NodeCommand } from '../../../../src-main/node/session/node-command';
import type { Privilege } from '../../../../src-main/node/session/node-session';

export const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

export function batch(sections: Record<string, { out: string; code?: number; err?: string }>): Buffer {
  return Buffer.from(
    Object.entries(sections)
      .map(([name, s]) => `@@ks ${name} ${s.code ?? 0}\n${b64(s.out)}\n${b64(s.err ?? '')}\n`)
      .join(''),
  );
}

export interface NodeScript {
  user?: string;
  uid?: number;
  hostname: string;
  path?: string;
  processes: Array<{ pid: number; ppid: number; comm: string; args: string[] }>;
  units?: string | null;
  files: Record<string, string | { error: string } | 'missing'>;
  dropIns?: Record<string, string[] | { code: number; err: string }>;
  kubeconfigs?: Record<string, 'R' | 'U' | 'N'>;
  tools?: Record<string, string[]>;
  k3sLine?: string;
  /** The `fib` section (/proc/net/fib_trie), for this host's addresses. */
  fib?: string;
  /** Answers a command other than discovery's two (the pods snapshot…); undefined: not answered here. */
  answer?: (command: NodeCommand) => Buffer | undefined;
}

export function fakeSession(node: NodeScript, privilege: Privilege = 'sudo') {
  const commands: NodeCommand[] = [];
  return {
    commands,
    privilege,
    async run(command: NodeCommand) {
      commands.push(command);
      const answered = node.answer?.(command);
      if (answered) return { stdout: answered, stderr: '', code: 0, signal: null };
      if (command.purpose === 'look at the node') {
        const procs = node.processes
          .map((p) => `P ${p.pid} ${p.ppid} 1700000000 ${p.comm} ${b64(`${p.args.join('\0')}\0`)}`)
          .join('\n');
        return {
          stdout: batch({
            id: { out: `${node.user ?? 'ks-admin'}\n${node.uid ?? 1001}\n${node.user ?? 'ks-admin'}\n` },
            host: { out: `${node.hostname}\n` },
            path: { out: node.path ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
            loginpath: { out: '' },
            which: { out: '' },
            procs: { out: `${procs}\n` },
            units:
              node.units === null
                ? { out: '', code: 1, err: 'System has not been booted with systemd' }
                : { out: node.units ?? '' },
            paths: { out: '' },
            osrelease: { out: 'ID=ubuntu\n' },
            fib: { out: node.fib ?? '' },
          }),
          stderr: '',
          code: 0,
          signal: null,
        };
      }
      const fileLines = (paths: string[]) =>
        paths
          .map((p) => {
            const f = node.files[p];
            if (f === undefined || f === 'missing')
              return `F ${b64(p)} 2  ${b64(`head: ${p}: No such file`)}`;
            if (typeof f === 'object')
              return `F ${b64(p)} 1  ${b64(`head: cannot open '${p}' for reading: ${f.error}`)}`;
            return `F ${b64(p)} 0 ${b64(f)} `;
          })
          .join('\n');
      const params = (command.argv as string[]).slice(4);
      const [files, dirs, globs, kubeconfigs] = params.map((p) => p.split('\n').filter(Boolean));
      const sections: Record<string, { out: string; code?: number; err?: string }> = {
        tools: {
          out: Object.entries(node.tools ?? {})
            .map(([tool, argv]) => `F ${tool} ${b64(argv.join('\t'))} ${b64(`${tool} version v1.30.0`)}`)
            .join('\n'),
        },
        files: { out: fileLines(files ?? []) },
        kubeconfigs: {
          out: (kubeconfigs ?? []).map((k) => `${node.kubeconfigs?.[k] ?? 'N'} ${k}`).join('\n'),
        },
        globs: { out: fileLines((globs ?? []).filter((g) => !g.includes('*'))) },
      };
      let out = batch(sections).toString();
      for (const dir of dirs ?? []) {
        const d = node.dropIns?.[dir];
        const listing = Array.isArray(d) ? d.map((p) => `f ${p}\0`).join('') : '';
        const code = d === undefined ? 3 : Array.isArray(d) ? 0 : d.code;
        const text = `L ${b64(dir)} ${code} ${b64(listing)} ${b64(Array.isArray(d) || !d ? '' : d.err)}\n${Array.isArray(d) ? fileLines(d) : ''}`;
        out += batch({ dropins: { out: text } }).toString();
      }
      if (node.k3sLine)
        out += batch({
          k3sargs: { out: `time="x" level=info msg="Running kubelet ${node.k3sLine}"\n` },
        }).toString();
      return { stdout: Buffer.from(out), stderr: '', code: 0, signal: null };
    },
  };
}
