/**
 * A node whose journal holds `messages` as `journalctl -o json` entries, one a second, each
 * written by `writer(i)` (SYSLOG_IDENTIFIER, _PID): `run` answers the first entry (the cursor
 * probe), `stream` the whole journal and ends. Shared by the log-session tests.
 */
import { PassThrough } from 'node:stream';
import type { FollowNodeSession } from '../../../src-main/node/journal/kubelet-log-follower';

export function fakeJournalNode(
  messages: readonly string[],
  writer: (i: number) => Record<string, string>,
): FollowNodeSession {
  const journal = messages
    .map(
      (m, i) =>
        JSON.stringify({
          __CURSOR: `c${i}`,
          __REALTIME_TIMESTAMP: String((i + 1) * 1_000_000),
          MESSAGE: m,
          ...writer(i),
        }) + '\n',
    )
    .join('');
  return {
    name: 'fake',
    run: async () => ({
      stdout: Buffer.from(journal.split('\n')[0] + '\n'),
      stderr: '',
      code: 0,
      signal: null,
    }),
    stream: async () => {
      const stdout = new PassThrough();
      stdout.end(journal);
      return {
        stdout,
        stderr: new PassThrough(),
        stdin: new PassThrough(),
        exit: Promise.resolve({ code: 0, signal: null }),
        close: () => {},
      };
    },
  };
}
