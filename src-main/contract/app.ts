import { z } from 'zod';

/** Which host the core runs in; the UI adapts a few things (e.g. "open in browser"). */
export const HostKind = z.enum(['electron', 'browser', 'cli']);
export type HostKind = z.infer<typeof HostKind>;

export const AppInfo = z.object({
  name: z.literal('Kubelet Studio'),
  version: z.string(),
  host: HostKind,
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;
