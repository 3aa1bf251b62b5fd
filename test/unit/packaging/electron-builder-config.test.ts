import fs from 'node:fs';
import path from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../support/serve-process';

// Packaging cannot run here (electron-builder downloads Electron), so the configuration is
// checked with electron-builder's own validator, and the promises docs/security.md makes about it.
const config = parse(fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  // Loading electron-builder's validator takes seconds on a busy machine: not a timing test.
  it('passes electron-builder validation', { timeout: 30_000 }, async () => {
    const logger = { isEnabled: false, add() {}, save: async () => {} };
    await expect(validateConfiguration(config, logger as never)).resolves.toBeUndefined();
    // The validator is strict, so a misspelt key would be caught here.
    await expect(validateConfiguration({ ...config, electronFusez: {} }, logger as never)).rejects.toThrow();
  });

  it('builds AppImage and deb, dmg, and nsis with the app id and icons from assets/', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    for (const platform of ['linux', 'mac', 'win']) {
      expect(fs.existsSync(path.join(repoRoot, config[platform].icon))).toBe(true);
    }
  });

  it('flips the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packages the built app whose entry point the build produces', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(manifest.main).toBe('out/main/electron-main.cjs');
    expect(config.files).toContain('out/**');
  });
});
