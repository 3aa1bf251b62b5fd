/**
 * The CLI's answers to the core's questions (host keys, passwords, sudo): asked on the
 * terminal, secrets without echo. Under CI=true or without a terminal nothing can be asked,
 * so the question fails at once with what to do instead (issue 4 point 8).
 */
import readline from 'node:readline';
import type { Prompt } from '../../contract';
import type { Asker, PromptAnswer } from '../../core/prompt-broker';
import { safeOutput } from './terminal-text';

export function canAskOnTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return !ci && Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY);
}

function readLine(question: string, secret: boolean): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (secret) {
      // Echo nothing after the question: overwrite readline's output writer while typing.
      const output = rl as unknown as { _writeToOutput?: (text: string) => void };
      output._writeToOutput = (text: string) => {
        if (text.startsWith(question)) process.stderr.write(question);
      };
    }
    rl.question(question, (answer) => {
      if (secret) process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      resolve(null);
    });
  });
}

/** A yes/no question on the terminal (no means no: anything but y or yes, or Ctrl-C). */
export async function askYesNo(question: string): Promise<boolean> {
  const yes = await readLine(`${question} [y/N] `, false);
  return yes !== null && /^y(es)?$/i.test(yes.trim());
}

export const terminalAsker: Asker = async (prompt: Prompt): Promise<PromptAnswer> => {
  if (!canAskOnTerminal()) return { accept: false };
  // Host names and messages can come from the node or its ssh_config: never raw to the terminal.
  process.stderr.write(`${safeOutput(prompt.title)}\n${safeOutput(prompt.message)}\n`);
  if (prompt.fields.length === 0) {
    return (await askYesNo(`${safeOutput(prompt.acceptLabel)}?`))
      ? { accept: true, values: [] }
      : { accept: false };
  }
  const values: string[] = [];
  for (const field of prompt.fields) {
    const value = await readLine(`${safeOutput(field.label)}: `, field.secret);
    if (value === null) return { accept: false };
    values.push(value);
  }
  return { accept: true, values };
};
