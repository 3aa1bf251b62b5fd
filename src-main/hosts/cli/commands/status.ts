import { ContractError } from '../../../contract';
import type { CliCommand } from '../command';

/** `kubelet-studio status`: arrives with its issue; until then it says so plainly. */
export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'status <node>',
  summary: 'Not available yet in this build.',
  options: {},
  async run() {
    throw new ContractError({ code: 'unsupported', message: '"status" is not available yet in this build.' });
  },
};
