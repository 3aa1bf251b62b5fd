import { z } from 'zod';

/** How a node is reached: the built-in sandbox node, or a node over SSH. */
export const NodeKind = z.enum(['sandbox', 'ssh']);
export type NodeKind = z.infer<typeof NodeKind>;

/** Connection state of a node session, shown in the UI and used by every pane. */
export const ConnectionState = z.enum(['disconnected', 'connecting', 'connected', 'reconnecting', 'failed']);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const NodeSummary = z.object({
  id: z.string(),
  /** What the user calls it: the ssh_config alias, `user@host:port`, or "Sandbox node". */
  name: z.string(),
  kind: NodeKind,
  /** The SSH target as typed (`user@host[:port]` or an alias); empty for the sandbox node. */
  target: z.string(),
  state: ConnectionState,
  /** Why the node is failed or reconnecting, in words. */
  reason: z.string().optional(),
  /**
   * While connected, when what the node runs was started (ms since the epoch): for the Sandbox
   * node its boot, which may be an earlier run's (it keeps running between runs).
   */
  startedAt: z.number().optional(),
});
export type NodeSummary = z.infer<typeof NodeSummary>;

/** A target as OpenSSH takes it: `user@host[:port]`, `host`, or a Host alias. */
export const SshTarget = z
  .string()
  .trim()
  .min(1, 'Give a target such as user@host, user@host:2222 or an alias from ~/.ssh/config.')
  .max(1024)
  .regex(/^[^\s'"`;|&$<>\\]+$/, 'A target has no spaces or shell characters.');

export const NodeId = z.string().min(1).max(200);

export const NodeStateEvent = z.object({
  id: z.string(),
  state: ConnectionState,
  reason: z.string().optional(),
});
export type NodeStateEvent = z.infer<typeof NodeStateEvent>;

/** The node list changed (added, removed, renamed). */
export const NodeListEvent = z.object({ nodes: z.array(NodeSummary) });
export type NodeListEvent = z.infer<typeof NodeListEvent>;
