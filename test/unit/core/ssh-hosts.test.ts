import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/create-core';

describe('hosts offered from ~/.ssh/config', () => {
  it('lists concrete Host aliases, not wildcards or negations', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-hosts-'));
    const text =
      'Host *\n  ServerAliveInterval 5\nHost controlplane cp1\n  HostName 10.0.0.10\nHost node0? !bastion\n  User admin\nHost node01\n  HostName 10.0.0.11\n';
    const core = await createCore({ host: 'cli', dataDir, ssh: { sshConfig: { home: dataDir, text } } });
    expect(await core.handlers['nodes.sshHosts']({})).toEqual(['controlplane', 'cp1', 'node01']);
    await core.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
