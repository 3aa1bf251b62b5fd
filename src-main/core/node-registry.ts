/**
 * The node list and each node's connection state: what the Nodes pane shows and what every
 * other pane asks before it talks to a node. How a node is actually reached (SSH, or the
 * local sandbox) is behind `NodeConnector`, so this file does not change when transports do.
 */
import { randomUUID } from 'node:crypto';
import { ContractError, type ConnectionState, type NodeSummary } from '../contract';
import type { NodeSession } from '../node/session/node-session';
import type { SavedNodes } from '../store/saved-nodes';

export type RegistryEvent =
  | { type: 'list'; nodes: NodeSummary[] }
  | { type: 'state'; id: string; state: ConnectionState; reason?: string };

/** A live connection to one node, as the registry needs to see it. */
export interface NodeConnection {
  /** Runs the named commands on the node. */
  session: NodeSession;
  close(): Promise<void>;
  /** Reports later state changes (reconnecting, failed …) to the registry. */
  onState(listener: (state: ConnectionState, reason?: string) => void): void;
}

export interface NodeConnector {
  connect(node: NodeSummary): Promise<NodeConnection>;
}

/** Nodes that are always in the list (the sandbox node), not stored in nodes.json. */
export interface BuiltInNode {
  summary: Omit<NodeSummary, 'state' | 'reason'>;
  connector: NodeConnector;
}

export class NodeRegistry {
  private readonly nodes = new Map<string, NodeSummary>();
  private readonly connections = new Map<string, NodeConnection>();
  private readonly connectors = new Map<string, NodeConnector>();
  private readonly listeners = new Set<(event: RegistryEvent) => void>();

  constructor(
    private readonly saved: SavedNodes,
    private readonly sshConnector: NodeConnector,
    builtIns: BuiltInNode[] = [],
  ) {
    for (const builtIn of builtIns) {
      this.nodes.set(builtIn.summary.id, { ...builtIn.summary, state: 'disconnected' });
      this.connectors.set(builtIn.summary.id, builtIn.connector);
    }
  }

  async load(): Promise<void> {
    for (const node of await this.saved.list()) {
      this.nodes.set(node.id, {
        id: node.id,
        name: node.name,
        kind: 'ssh',
        target: node.target,
        state: 'disconnected',
      });
    }
  }

  list(): NodeSummary[] {
    return [...this.nodes.values()];
  }

  get(id: string): NodeSummary {
    const node = this.nodes.get(id);
    if (!node) {
      throw new ContractError({
        code: 'not-found',
        message: `There is no node "${id}" in the node list.`,
        hint: 'Add it first, or pick one from the list.',
      });
    }
    return node;
  }

  /** The connected node's session, or a clear error saying to connect first. */
  session(id: string): NodeSession {
    const node = this.get(id);
    const connection = this.connections.get(id);
    if (!connection) {
      throw new ContractError({
        code: 'not-connected',
        message: `${node.name} is not connected.`,
        hint: 'Connect to it first.',
      });
    }
    return connection.session;
  }

  async add(target: string, name?: string): Promise<NodeSummary> {
    const existing = this.list().find((n) => n.kind === 'ssh' && n.target === target);
    if (existing) return existing;
    const node: NodeSummary = {
      id: randomUUID(),
      name: name || target,
      kind: 'ssh',
      target,
      state: 'disconnected',
    };
    await this.saved.add({ id: node.id, name: node.name, target, addedAt: new Date().toISOString() });
    this.nodes.set(node.id, node);
    this.emitList();
    return node;
  }

  /**
   * Renames a node or points it at another target. A new target is another machine (or user):
   * the node is disconnected first, so nothing keeps running against the old one.
   */
  async update(
    id: string,
    change: { target?: string | undefined; name?: string | undefined },
  ): Promise<NodeSummary> {
    const node = this.get(id);
    if (node.kind !== 'ssh') {
      throw new ContractError({
        code: 'unsupported',
        message: `${node.name} is built in and cannot be edited.`,
      });
    }
    const target = change.target ?? node.target;
    const clash = this.list().find((n) => n.id !== id && n.kind === 'ssh' && n.target === target);
    if (clash) {
      throw new ContractError({
        code: 'invalid-argument',
        message: `${target} is already in the node list as ${clash.name}.`,
      });
    }
    // A name that was the old target follows the target, unless a new name is given.
    const name = change.name ?? (node.name === node.target ? target : node.name);
    if (target !== node.target) await this.disconnect(id);
    await this.saved.update(id, { name, target });
    this.nodes.set(id, { ...this.get(id), name, target });
    this.emitList();
    return this.get(id);
  }

  async remove(id: string): Promise<boolean> {
    const node = this.get(id);
    if (node.kind !== 'ssh') {
      throw new ContractError({
        code: 'unsupported',
        message: `${node.name} is built in and cannot be removed.`,
      });
    }
    await this.disconnect(id);
    const removed = await this.saved.remove(id);
    this.nodes.delete(id);
    this.emitList();
    return removed;
  }

  async connect(id: string): Promise<NodeSummary> {
    const node = this.get(id);
    if (this.connections.has(id)) return node;
    this.setState(id, 'connecting');
    try {
      const connector = this.connectors.get(id) ?? this.sshConnector;
      const connection = await connector.connect(node);
      this.connections.set(id, connection);
      connection.onState((state, reason) => this.setState(id, state, reason));
      this.setState(id, 'connected');
    } catch (error) {
      const failure = ContractError.from(error);
      this.setState(id, 'failed', failure.message);
      throw failure;
    }
    return this.get(id);
  }

  async disconnect(id: string): Promise<NodeSummary> {
    const connection = this.connections.get(id);
    this.connections.delete(id);
    if (connection) await connection.close();
    this.setState(id, 'disconnected');
    return this.get(id);
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([...this.connections.keys()].map((id) => this.disconnect(id)));
  }

  subscribe(listener: (event: RegistryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(id: string, state: ConnectionState, reason?: string) {
    const node = this.nodes.get(id);
    if (!node) return;
    const next: NodeSummary = { ...node, state };
    if (reason) next.reason = reason;
    else delete next.reason;
    this.nodes.set(id, next);
    this.emit({ type: 'state', id, state, ...(reason ? { reason } : {}) });
  }

  private emitList() {
    this.emit({ type: 'list', nodes: this.list() });
  }

  private emit(event: RegistryEvent) {
    for (const listener of this.listeners) listener(event);
  }
}
