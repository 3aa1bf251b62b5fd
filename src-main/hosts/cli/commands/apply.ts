import { ContractError } from '../../../contract';
import type { CliCommand } from '../command';

/** `kubelet-studio apply`: arrives with its issue; until then it says so plainly. */
export const applyCommand: CliCommand = {
  name: 'apply',
  usage: 'apply <node>',
  summary: 'Not available yet in this build.',
  options: {},
  async run() {
    throw new ContractError({ code: 'unsupported', message: '"apply" is not available yet in this build.' });
  },
};
