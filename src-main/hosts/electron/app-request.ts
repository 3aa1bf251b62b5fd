/**
 * Answers a request for app://kubelet-studio/… from the renderer build, as a Web `Response`
 * (what `protocol.handle` expects: docs api/protocol.md, `protocol.handle(scheme, handler)`).
 * Only files below the build directory; a malformed escape is a 400, not an exception; and
 * every response, errors included, carries the Content-Security-Policy, so no page this
 * scheme serves can run a script from anywhere but the build.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { contentTypeFor } from '../content-types';
import { APP_HOST, APP_SCHEME } from './ipc-channel';

export interface AppRequest {
  url: string;
  method: string;
}

export type ResolvedPath = { file: string } | { status: 400 | 404 | 405; text: string };

/** Which file of the build a request asks for, or why none. */
export function resolveAppPath(request: AppRequest, rendererDir: string): ResolvedPath {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return { status: 405, text: 'Method not allowed' };
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { status: 400, text: 'Bad request: not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404, text: 'Not found' };
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return { status: 400, text: 'Bad request: malformed percent-encoding in the path' };
  }
  if (relative.includes('\0')) return { status: 400, text: 'Bad request: NUL in the path' };
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return { status: 404, text: 'Not found' };
  return { file };
}

function headers(contentType: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  };
}

const PLAIN = 'text/plain; charset=utf-8';

export async function respondToAppRequest(request: AppRequest, rendererDir: string): Promise<Response> {
  const resolved = resolveAppPath(request, rendererDir);
  if (!('file' in resolved)) {
    const extra: Record<string, string> = resolved.status === 405 ? { Allow: 'GET, HEAD' } : {};
    return new Response(resolved.text, { status: resolved.status, headers: headers(PLAIN, extra) });
  }
  let body: Buffer;
  try {
    body = await fs.readFile(resolved.file);
  } catch {
    const missingBuild = resolved.file === path.join(path.resolve(rendererDir), 'index.html');
    return new Response(
      missingBuild
        ? `The UI is not built (${rendererDir} has no index.html). Run: npm run build`
        : 'Not found',
      { status: missingBuild ? 500 : 404, headers: headers(PLAIN) },
    );
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: headers(contentTypeFor(resolved.file), { 'Content-Length': String(body.length) }),
  });
}
