import { ContractError } from '../../../contract';
import type { CliCommand } from '../command';

/** `kubelet-studio logs`: arrives with its issue; until then it says so plainly. */
export const logsCommand: CliCommand = {
  name: 'logs',
  usage: 'logs <node>',
  summary: 'Not available yet in this build.',
  options: {},
  async run() {
    throw new ContractError({ code: 'unsupported', message: '"logs" is not available yet in this build.' });
  },
};
