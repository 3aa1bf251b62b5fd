import { startWebHost } from '../../web/web-host';
import { rendererBuildDir } from '../../locate-build';
import { startCore } from '../../start-core';
import { optionInt } from '../args';
import type { CliContext } from '../command';
import { openInBrowser } from '../open-browser';

/** `kubelet-studio serve`: browser mode on 127.0.0.1 (docs/security.md "Browser mode"). */
export async function run(context: CliContext): Promise<number> {
  const port = optionInt(context.args, 'port', 0, 65535) ?? 0;
  const core = await startCore({ host: 'browser', moduleDir: context.moduleDir });
  const host = await startWebHost({ core, rendererDir: rendererBuildDir(context.moduleDir), port });
  if (context.json) context.out(JSON.stringify({ url: host.url, port: host.port }));
  else context.out(`Kubelet Studio: ${host.url}`);
  if (!context.args.options.has('no-open')) openInBrowser(host.url, context.err);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await core.dispose();
  return 0;
}
