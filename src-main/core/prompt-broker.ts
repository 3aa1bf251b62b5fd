/**
 * Routes the core's questions to whoever can answer: the UI (subscribed to prompts.events),
 * or the host's own asker (the CLI on a terminal). With nobody to ask, a question is answered
 * "no" at once, so a connection fails clearly instead of hanging. Answers are never logged.
 */
import { randomUUID } from 'node:crypto';
import type { Prompt } from '../contract';

export type PromptAnswer = { accept: true; values: string[] } | { accept: false };

export type PromptRequest = Omit<Prompt, 'id'>;

/** A host-provided way to ask (terminal prompts for the CLI). */
export type Asker = (prompt: Prompt) => Promise<PromptAnswer>;

type BrokerEvent = { type: 'ask'; prompt: Prompt } | { type: 'settled'; promptId: string };

const ANSWER_TIMEOUT_MS = 5 * 60_000;

export class PromptBroker {
  private readonly pending = new Map<string, { prompt: Prompt; resolve(answer: PromptAnswer): void }>();
  private readonly listeners = new Set<(event: BrokerEvent) => void>();

  constructor(private readonly fallback?: Asker) {}

  /**
   * Asks and waits for the answer. `signal` withdraws the question (the connection that asked
   * was closed): it is settled as "no" and disappears from the UI.
   */
  async ask(request: PromptRequest, signal?: AbortSignal): Promise<PromptAnswer> {
    if (signal?.aborted) return { accept: false };
    const prompt: Prompt = { id: randomUUID(), ...request };
    if (this.listeners.size === 0) return this.fallback ? this.fallback(prompt) : { accept: false };
    return new Promise<PromptAnswer>((resolve) => {
      const withdraw = () => this.settle(prompt.id, { accept: false });
      const timer = setTimeout(withdraw, ANSWER_TIMEOUT_MS);
      signal?.addEventListener('abort', withdraw, { once: true });
      this.pending.set(prompt.id, {
        prompt,
        resolve: (answer) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', withdraw);
          resolve(answer);
        },
      });
      this.emit({ type: 'ask', prompt });
    });
  }

  /** Delivers the user's answer; false when the question is no longer waiting. */
  answer(promptId: string, answer: PromptAnswer): boolean {
    return this.settle(promptId, answer);
  }

  subscribe(listener: (event: BrokerEvent) => void): () => void {
    this.listeners.add(listener);
    for (const { prompt } of this.pending.values()) listener({ type: 'ask', prompt });
    return () => this.listeners.delete(listener);
  }

  private settle(promptId: string, answer: PromptAnswer): boolean {
    const waiting = this.pending.get(promptId);
    if (!waiting) return false;
    this.pending.delete(promptId);
    waiting.resolve(answer);
    this.emit({ type: 'settled', promptId });
    return true;
  }

  private emit(event: BrokerEvent) {
    for (const listener of this.listeners) listener(event);
  }
}
