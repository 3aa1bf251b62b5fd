/**
 * `npm run nodes:up [-- --count N]` and `npm run nodes:down`: test nodes for manual use.
 * `up` leaves the nodes running after it exits (detached) and records them in
 * `<stateDir>/nodes.json`; `down` stops exactly the processes recorded there.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DESCRIPTION_FILE, readNodeSet } from './description';
import { TEST_NODES_ROOT, startTestNodes } from './node-set';
import type { TestNodeSet } from './node-set';
import { isSetRunning, stopStateDir } from './stop';
import { existsSync } from 'node:fs';
import { DEFAULT_PROFILE, isProfileName, profileNamed } from './profiles/index';
import type { ProfileName } from './profiles/types';

const USAGE = `usage: tsx test/nodes/cli.ts up [--profile NAME] [--count N] [--max-sessions N] [--state-dir DIR] [--sandbox-dir DIR] [--v N]
       tsx test/nodes/cli.ts down [--state-dir DIR]
       tsx test/nodes/cli.ts status [--state-dir DIR]`;

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} wants a whole number, not ${value}`);
  return n;
}

function printSet(set: TestNodeSet): void {
  const { info } = set;
  const out: string[] = [
    `${info.nodes.length} test node(s) up, profile ${set.profile}, state in ${info.stateDir}`,
    '',
  ];
  for (const n of info.nodes) {
    out.push(
      `  ${n.name.padEnd(14)} 127.0.0.1:${n.port}  ${n.role.padEnd(13)} sshd pid ${n.sshdPid}, init pid ${n.initPid}`,
    );
  }
  out.push('', `ssh_config: ${info.sshConfigPath}`, `  ssh -F ${info.sshConfigPath} controlplane`);
  for (const j of info.jumpHosts)
    out.push(`  ssh -F ${info.sshConfigPath} ${j.alias}    (ProxyJump ${j.via})`);
  out.push(`known_hosts: ${info.knownHostsPath}`, '', 'users (password, sudo, shell):');
  for (const u of info.users)
    out.push(`  ${u.name.padEnd(9)} ${u.password.padEnd(12)} ${u.sudo.padEnd(9)} ${u.shell}`);
  out.push('', 'client keys (authorized for every user):');
  for (const k of info.clientKeys) {
    out.push(`  ${k.path}${k.passphrase ? `  (passphrase "${k.passphrase}")` : ''}`);
  }
  out.push('', `description: ${path.join(info.stateDir, DESCRIPTION_FILE)}`, 'stop with: npm run nodes:down');
  console.log(out.join('\n'));
}

async function up(stateDir: string, values: Record<string, string | undefined>): Promise<void> {
  const recorded = path.join(stateDir, DESCRIPTION_FILE);
  if (existsSync(recorded) && isSetRunning(readNodeSet(recorded))) {
    throw new Error(`test nodes are already running in ${stateDir}: npm run nodes:down first`);
  }
  const started = Date.now();
  const profile = values.profile ?? DEFAULT_PROFILE;
  if (!isProfileName(profile)) profileNamed(profile); // throws, listing the known names
  const set = await startTestNodes({
    profile: profile as ProfileName,
    // Three by default: a control plane, two workers, and so a jump host to try.
    count: intOption(values.count, 'count') ?? 3,
    maxSessions: intOption(values['max-sessions'], 'max-sessions'),
    kubeletVerbosity: intOption(values.v, 'v'),
    sandboxDir: values['sandbox-dir'],
    stateDir,
    detached: true,
  });
  printSet(set);
  console.log(`(started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

async function down(stateDir: string): Promise<void> {
  const report = await stopStateDir(stateDir);
  if (!report) {
    console.log(`no test nodes recorded in ${stateDir}`);
    return;
  }
  if (report.stopped.length) console.log(`stopped ${report.stopped.join(', ')}; no process left`);
  if (report.alreadyGone.length) console.log(`already gone: ${report.alreadyGone.join(', ')}`);
}

function status(stateDir: string): void {
  const file = path.join(stateDir, DESCRIPTION_FILE);
  if (!existsSync(file)) {
    console.log(`no test nodes recorded in ${stateDir}`);
    return;
  }
  const info = readNodeSet(file);
  console.log(
    `${isSetRunning(info) ? 'running' : 'stopped'}: ${info.nodes.map((n) => `${n.name}:${n.port}`).join(' ')}`,
  );
  console.log(`ssh -F ${info.sshConfigPath} controlplane`);
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      count: { type: 'string' },
      profile: { type: 'string' },
      'max-sessions': { type: 'string' },
      'state-dir': { type: 'string' },
      'sandbox-dir': { type: 'string' },
      v: { type: 'string' },
    },
  });
  const stateDir = path.resolve(values['state-dir'] ?? TEST_NODES_ROOT);
  switch (positionals[0]) {
    case 'up':
      return up(stateDir, values);
    case 'down':
      return down(stateDir);
    case 'status':
      return status(stateDir);
    default:
      throw new Error(USAGE);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
