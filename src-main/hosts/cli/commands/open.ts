import { ContractError } from '../../../contract';
import { defaultDataDir } from '../../../store/data-dir';
import { requestLaunch, servePorts } from '../../web/launch-control';
import { optionInt, UsageError } from '../args';
import type { CliCommand } from '../command';
import { canOpenBrowser, openInBrowser } from '../open-browser';

/**
 * `kubelet-studio open`: a new one-time launch link from the running `serve`, opened in the
 * browser like the first (docs/security.md "Browser mode").
 */
export const openCommand: CliCommand = {
  name: 'open',
  usage: 'open [--port N] [--no-open]',
  summary: 'Open another browser window on the running serve (prints a new one-time link).',
  options: { port: { value: true }, 'no-open': {} },
  async run(context) {
    const dataDir = defaultDataDir();
    const wanted = optionInt(context.args, 'port', 1, 65535);
    const ports = wanted === undefined ? await servePorts(dataDir) : [wanted];
    if (ports.length > 1)
      throw new UsageError(
        `several serve processes use ${dataDir} (ports ${ports.join(', ')}): choose one with --port`,
      );
    const reply = ports[0] === undefined ? null : await requestLaunch(dataDir, ports[0]);
    if (!reply)
      throw new ContractError({
        code: 'not-found',
        message: `No kubelet-studio serve answers${wanted ? ` on port ${wanted}` : ''} with the data directory ${dataDir}.`,
        hint: 'Start one with: kubelet-studio serve',
      });
    if (context.json) context.out(JSON.stringify({ url: reply.url }));
    else context.out(`Kubelet Studio: ${reply.url}`);
    if (!context.args.options.has('no-open') && canOpenBrowser()) openInBrowser(reply.fileUrl, context.err);
    return 0;
  },
};
