import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../../src-main/hosts/content-security-policy';
import { contentTypeFor } from '../../../../src-main/hosts/content-types';
import { respondToAppRequest, resolveAppPath } from '../../../../src-main/hosts/electron/app-request';

// The app:// handler over a real build-like folder, with requests as Chromium sends them
// (a standard scheme: the URL is canonical, `..` segments already resolved).
let dir: string;
let renderer: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-app-protocol-'));
  renderer = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Kubelet Studio</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(renderer, 'assets', 'a b%.css'), 'body{}');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the build');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => respondToAppRequest({ url, method }, renderer);

describe('respondToAppRequest', () => {
  it('serves index.html for / and a build file with its type, the CSP and nosniff', async () => {
    const index = await get('app://kubelet-studio/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>Kubelet Studio</title>');
    const script = await get('app://kubelet-studio/assets/index-abc.js?v=1');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('decodes well-formed escapes', async () => {
    const response = await get('app://kubelet-studio/assets/a%20b%25.css');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('body{}');
  });

  it('answers a malformed escape with 400, not an exception', async () => {
    for (const bad of [
      'app://kubelet-studio/%E0%A4%A',
      'app://kubelet-studio/assets/%',
      'app://kubelet-studio/%ZZ',
    ]) {
      const response = await get(bad);
      expect(response.status, bad).toBe(400);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('never leaves the build folder', async () => {
    for (const escape of [
      'app://kubelet-studio/..%2fsecret.txt',
      'app://kubelet-studio/assets/..%2f..%2fsecret.txt',
      'app://kubelet-studio/%2e%2e/secret.txt',
      `app://kubelet-studio/${encodeURIComponent(path.join(dir, 'secret.txt'))}`,
    ]) {
      const response = await get(escape);
      expect(response.status, escape).toBe(404);
      expect(await response.text()).not.toContain('outside the build');
    }
    expect((await get('app://kubelet-studio/a%00b')).status).toBe(400);
  });

  it('carries the CSP on 404s, other hosts and refused methods too', async () => {
    for (const response of [
      await get('app://kubelet-studio/missing.js'),
      await get('app://other-host/index.html'),
      await get('app://kubelet-studio/index.html', 'POST'),
    ]) {
      expect([404, 405]).toContain(response.status);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await get('app://kubelet-studio/index.html', 'POST')).headers.get('allow')).toBe('GET, HEAD');
  });

  it('says the UI is not built when index.html is missing', async () => {
    const empty = fs.mkdtempSync(path.join(dir, 'empty-'));
    const response = await respondToAppRequest({ url: 'app://kubelet-studio/', method: 'GET' }, empty);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/not built.*npm run build/);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://kubelet-studio/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('resolveAppPath and the shared content types', () => {
  it('maps / to index.html and ignores the query', () => {
    expect(resolveAppPath({ url: 'app://kubelet-studio/?x=1', method: 'GET' }, renderer)).toEqual({
      file: path.join(renderer, 'index.html'),
    });
  });

  it('uses the same table as browser mode (one MIME table in src-main/hosts)', () => {
    const webHost = fs.readFileSync(path.resolve('src-main/hosts/web/static-files.ts'), 'utf8');
    const appProtocol = fs.readFileSync(path.resolve('src-main/hosts/electron/app-request.ts'), 'utf8');
    for (const source of [webHost, appProtocol]) {
      expect(source).toContain("from '../content-types'");
      expect(source).not.toMatch(/'\.html':/);
    }
    expect(contentTypeFor('x/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x/file.exe')).toBe('application/octet-stream');
  });
});
