/**
 * The questions an SSH connection asks, worded for people (docs/security.md "SSH": show the
 * SHA256 fingerprint exactly as ssh-keygen -lf prints it and ask before authenticating).
 */
import type { AuthPrompts } from '../ssh/auth';
import type { HostKeyPromptCallback } from '../ssh/host-verifier';
import type { SudoPasswordRequest } from '../ssh/sudo';
import type { PromptBroker } from './prompt-broker';

export interface SshPromptSet {
  hostKey: HostKeyPromptCallback;
  auth: AuthPrompts;
  sudoPassword: (request: SudoPasswordRequest) => Promise<string | null>;
}

/** `signal` withdraws every open question of this connection when it closes. */
export function sshPrompts(broker: PromptBroker, nodeName: string, signal: AbortSignal): SshPromptSet {
  const single = async (request: Parameters<PromptBroker['ask']>[0]) => {
    const answer = await broker.ask(request, signal);
    return answer.accept ? (answer.values[0] ?? '') : null;
  };
  return {
    async hostKey(prompt) {
      const where = prompt.port === 22 ? prompt.host : `[${prompt.host}]:${prompt.port}`;
      const answer = await broker.ask(
        {
          kind: 'host-key',
          nodeName,
          title: `Unknown host ${where}`,
          message:
            `Kubelet Studio has never seen this host. Its ${prompt.keyType} key fingerprint is ${prompt.fingerprint}. ` +
            'Compare it with `ssh-keygen -lf` of the host key on the node before you trust it. Nothing has been sent to the host yet.',
          details: {
            host: prompt.host,
            port: String(prompt.port),
            keyType: prompt.keyType,
            fingerprint: prompt.fingerprint,
            keygenLine: prompt.keygenLine,
            hop: String(prompt.hop),
          },
          fields: [],
          acceptLabel: 'Trust and connect',
        },
        signal,
      );
      return answer.accept;
    },
    auth: {
      onPassword: ({ user, host }) =>
        single({
          kind: 'password',
          nodeName,
          title: `Password for ${user}@${host}`,
          message: `The server asks for ${user}'s password. It is kept in memory for this session only.`,
          details: { user, host },
          fields: [{ label: 'Password', secret: true }],
          acceptLabel: 'Log in',
        }),
      onPassphrase: ({ file }) =>
        single({
          kind: 'passphrase',
          nodeName,
          title: 'Key passphrase',
          message: `The private key ${file} is encrypted. Its passphrase is kept in memory for this session only.`,
          details: { file },
          fields: [{ label: 'Passphrase', secret: true }],
          acceptLabel: 'Unlock',
        }),
      async onKeyboardInteractive(request) {
        const answer = await broker.ask(
          {
            kind: 'keyboard-interactive',
            nodeName,
            title: request.name || `Log in to ${request.host}`,
            message:
              request.instructions ||
              `The server asks ${request.prompts.length === 1 ? 'a question' : 'some questions'}.`,
            details: { user: request.user, host: request.host },
            fields: request.prompts.map((p) => ({ label: p.prompt.trim(), secret: !p.echo })),
            acceptLabel: 'Log in',
          },
          signal,
        );
        return answer.accept ? answer.values : null;
      },
    },
    sudoPassword: ({ user, node }) =>
      single({
        kind: 'sudo-password',
        nodeName,
        title: `sudo password for ${user} on ${node}`,
        message:
          'Reading manifests and talking to the container runtime needs root. Asked once per session; kept in memory only.',
        details: { user, node },
        fields: [{ label: 'sudo password', secret: true }],
        acceptLabel: 'Use sudo',
      }),
  };
}
