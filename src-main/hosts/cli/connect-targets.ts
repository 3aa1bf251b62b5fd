/**
 * Connects several CLI targets with at most `concurrency` connections being opened at once
 * (each node keeps one SSH connection, reused by every later call). A target that cannot be
 * reached or named is a result with its reason, never a failure of the whole command.
 */
import type { ContractClient, NodeSummary } from '../../contract';
import { connectCliNode } from './node-target';

export type TargetResult = { target: string; node: NodeSummary } | { target: string; error: string };

/** Runs `work` over `items` with at most `limit` running at once, results in input order. */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner));
  return results;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function connectTarget(client: ContractClient, target: string): Promise<TargetResult> {
  try {
    return { target, node: await connectCliNode(client, target) };
  } catch (e) {
    return { target, error: errorText(e) };
  }
}
