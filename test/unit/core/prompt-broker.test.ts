import { describe, expect, it } from 'vitest';
import { PromptBroker } from '../../../src-main/core/prompt-broker';

describe('prompt broker', () => {
  it('withdraws a question when its connection goes away, and tells the UI', async () => {
    const broker = new PromptBroker();
    const events: string[] = [];
    broker.subscribe((event) => events.push(event.type));
    const controller = new AbortController();
    const answer = broker.ask(
      {
        kind: 'sudo-password',
        nodeName: 'n',
        title: 't',
        message: 'm',
        details: {},
        fields: [],
        acceptLabel: 'OK',
      },
      controller.signal,
    );
    controller.abort();
    await expect(answer).resolves.toEqual({ accept: false });
    expect(events).toEqual(['ask', 'settled']);
  });
});
