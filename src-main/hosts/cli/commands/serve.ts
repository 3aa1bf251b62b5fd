import { defaultDataDir } from '../../../store/data-dir';
import { startLaunchControl } from '../../web/launch-control';
import { writeLaunchFile, type LaunchFile } from '../../web/launch-file';
import { startWebHost } from '../../web/web-host';
import { rendererBuildDir } from '../../locate-build';
import { startCore } from '../../start-core';
import { optionInt } from '../args';
import type { CliCommand } from '../command';
import { canOpenBrowser, openInBrowser } from '../open-browser';

/**
 * `kubelet-studio serve`: browser mode on 127.0.0.1 (docs/security.md "Browser mode"). Prints a
 * launch link that works once; the browser it starts gets the link through a private file, never
 * in argv; `kubelet-studio open` asks this process for another link.
 */
export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve [--port N] [--no-open]',
  summary: 'Serve the app to a browser on 127.0.0.1 and print its one-time launch link.',
  options: { port: { value: true }, 'no-open': {} },
  async run(context) {
    const port = optionInt(context.args, 'port', 0, 65535) ?? 0;
    const dataDir = defaultDataDir();
    const core = await startCore({ host: 'browser', moduleDir: context.moduleDir, dataDir });
    const host = await startWebHost({ core, rendererDir: rendererBuildDir(context.moduleDir), port });
    const openBrowser = !context.args.options.has('no-open') && canOpenBrowser();

    let launchFile: LaunchFile | null = null;
    const newLaunch = async (withFile: boolean) => {
      const launch = host.launch();
      launchFile = withFile ? await writeLaunchFile(dataDir, host.port, launch.url) : null;
      return { url: launch.url, fileUrl: launchFile?.fileUrl ?? '' };
    };
    host.onLaunchUsed(() => {
      void launchFile?.remove();
      launchFile = null;
    });
    const first = await newLaunch(openBrowser);
    const control = await startLaunchControl(dataDir, host.port, () => newLaunch(true));
    if (context.json) context.out(JSON.stringify({ url: first.url, port: host.port }));
    else context.out(`Kubelet Studio: ${first.url}`);
    context.err(
      control.path
        ? 'The link works once. For another window: kubelet-studio open'
        : 'The link works once. For another window, start kubelet-studio serve again.',
    );
    if (openBrowser) openInBrowser(first.fileUrl, context.err);

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await control.close();
    await (launchFile as LaunchFile | null)?.remove();
    await host.close();
    await core.dispose();
    return 0;
  },
};
