import { ContractError } from '../../../contract';
import type { CliCommand } from '../command';

/** `kubelet-studio manifests`: arrives with its issue; until then it says so plainly. */
export const manifestsCommand: CliCommand = {
  name: 'manifests',
  usage: 'manifests <node>',
  summary: 'Not available yet in this build.',
  options: {},
  async run() {
    throw new ContractError({ code: 'unsupported', message: '"manifests" is not available yet in this build.' });
  },
};
