import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StreamSink } from '../../../src-main/contract/stream-sink';
import type { CoreContext } from '../../../src-main/core/core-context';
import { podStreamProviders } from '../../../src-main/core/handlers/pods';
import type { ExecChannel, ExitStatus } from '../../../src-main/ssh/transport';

// `pods.logs.follow` gets `crictl logs -f` output in chunks cut wherever a read ends, also
// inside a multi-byte UTF-8 character; each line must reach the client whole.
function followWith(chunks: Buffer[]) {
  const stdout = new PassThrough();
  let exited: (status: ExitStatus) => void = () => undefined;
  const channel: ExecChannel = {
    stdout,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    exit: new Promise((resolve) => (exited = resolve)),
    close: () => undefined,
  };
  const context = { session: () => ({ stream: async () => channel }) } as unknown as CoreContext;
  const lines: string[] = [];
  let ended: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const sink: StreamSink<{ lines: string[] }> = {
    push: (event) => lines.push(...event.lines),
    paused: false,
    onResume: () => undefined,
    end: () => ended(),
  };
  podStreamProviders(context)['pods.logs.follow']({ id: 'n', containerId: 'c', tail: 10 }, sink);
  setImmediate(async () => {
    for (const chunk of chunks) {
      stdout.write(chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
    stdout.end();
    exited({ code: 0, signal: null });
  });
  return done.then(() => lines);
}

describe('pods.logs.follow', () => {
  it('delivers a character split across two chunks whole', async () => {
    const text = 'Grüße aus dem Container ✓\nnext 🐳 line\n';
    const bytes = Buffer.from(text, 'utf8');
    const inside = [
      bytes.indexOf(0xbc),
      bytes.indexOf(Buffer.from('✓')) + 1,
      bytes.indexOf(Buffer.from('🐳')) + 2,
    ];
    const chunks = [
      bytes.subarray(0, inside[0]),
      bytes.subarray(inside[0], inside[1]),
      bytes.subarray(inside[1], inside[2]),
      bytes.subarray(inside[2]),
    ];
    expect(await followWith(chunks)).toEqual(['Grüße aus dem Container ✓', 'next 🐳 line']);
  });

  it("keeps an unterminated last line and drops crictl's own warnings", async () => {
    const chunks = [
      Buffer.from('WARN[0000] runtime connect using default endpoints\nfirst\nlast wi'),
      Buffer.from('thout newline'),
    ];
    expect(await followWith(chunks)).toEqual(['first', 'last without newline']);
  });
});
