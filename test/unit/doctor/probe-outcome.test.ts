/**
 * What a connection made on the node shows, from the tools' real words (curl 7.88 -v, GNU wget
 * 1.21, python3 3.11's urllib, OpenSSL 3.0 s_client, coreutils timeout): a refused connection
 * is "nothing listens", no answer in time is only that, and no tool is "could not check".
 */
import { describe, expect, it } from 'vitest';
import type { BatchSection } from '../../../src-main/node/batch/batch-script';
import { describeProbe, probeResult } from '../../../src-main/inspect/doctor/probe-outcome';

const section = (code: number, stdout: string, stderr = ''): BatchSection => ({
  code,
  stdout: Buffer.from(stdout),
  stderr,
});

describe('probeResult', () => {
  it('an answer keeps the tool and the body', () => {
    expect(probeResult(section(0, 'curl\nok'))).toEqual({
      outcome: 'answered',
      tool: 'curl',
      body: 'ok',
      message: null,
    });
  });

  it('refused, in each tool’s words', () => {
    const cases: Array<[BatchSection, string]> = [
      [
        section(
          7,
          'curl\n',
          "* connect to 10.0.0.1 port 10248 failed: Connection refused\ncurl: (7) Failed to connect to 10.0.0.1 port 10248 after 0 ms: Couldn't connect to server",
        ),
        '* connect to 10.0.0.1 port 10248 failed: Connection refused',
      ],
      [
        section(4, 'wget\n', 'Connecting to 127.0.0.1:1... failed: Connection refused.'),
        'Connecting to 127.0.0.1:1... failed: Connection refused.',
      ],
      [
        section(1, 'python3\n', 'urllib.error.URLError: <urlopen error [Errno 111] Connection refused>'),
        'urllib.error.URLError: <urlopen error [Errno 111] Connection refused>',
      ],
      [section(1, 'openssl s_client\n', 'connect:errno=111'), 'connect:errno=111'],
    ];
    for (const [s, message] of cases) expect(probeResult(s)).toMatchObject({ outcome: 'refused', message });
  });

  it('no answer in time is a timeout, not a failure of the thing asked', () => {
    expect(probeResult(section(124, 'openssl s_client\n'))).toMatchObject({ outcome: 'timeout' });
    expect(
      probeResult(
        section(28, 'curl\n', 'curl: (28) Operation timed out after 5001 milliseconds with 0 bytes received'),
      ),
    ).toMatchObject({ outcome: 'timeout', tool: 'curl' });
    const r = probeResult(section(28, 'curl\n', 'curl: (28) Operation timed out after 5001 milliseconds'));
    expect(describeProbe(r, '10.0.0.1:10248', 5)).toBe(
      'no answer from 10.0.0.1:10248 within 5 s (curl: curl: (28) Operation timed out after 5001 milliseconds); that is not evidence that it is down',
    );
  });

  it('no tool on the node: could not check', () => {
    const r = probeResult(section(127, '', 'neither curl, wget nor python3 on the node'));
    expect(r).toMatchObject({ outcome: 'no-tool', tool: null });
    expect(describeProbe(r, '127.0.0.1:10248', 5)).toBe(
      'could not check 127.0.0.1:10248: neither curl, wget nor python3 on the node',
    );
  });

  it('a certificate read is an answer even when the server then drops the connection (etcd wants a client certificate)', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(
      probeResult(section(1, `openssl s_client\n${pem}\n`, 'tlsv13 alert certificate required')),
    ).toMatchObject({
      outcome: 'answered',
      tool: 'openssl s_client',
    });
  });

  it('anything else is a failure with the tool’s last message, and a section never run says so', () => {
    expect(
      probeResult(section(1, 'openssl s_client\n', 'no peer certificate available\nsomething else')),
    ).toEqual({
      outcome: 'failed',
      tool: 'openssl s_client',
      body: '',
      message: 'something else',
    });
    expect(probeResult(undefined)).toMatchObject({ outcome: 'failed', message: 'not run' });
  });
});
