/**
 * Serves the renderer build. Only files below the build directory, only GET/HEAD, with the
 * same strict Content-Security-Policy the Electron window uses.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { contentTypeFor } from '../content-types';

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** The path with its percent-encoding undone, or null when it is not valid UTF-8 (`/%E0%A4%A`). */
function decodePath(urlPath: string): string | null {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return null;
  }
}

export async function serveStatic(
  rendererDir: string,
  urlPath: string,
  response: ServerResponse,
  headOnly: boolean,
) {
  const relative = decodePath(urlPath === '/' ? '/index.html' : urlPath);
  if (relative === null) {
    response
      .writeHead(400, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Bad request: the path is not valid percent-encoded UTF-8.');
    return;
  }
  const file = path.resolve(rendererDir, `.${relative}`);
  if (!file.startsWith(path.resolve(rendererDir) + path.sep)) {
    response.writeHead(404, SECURITY_HEADERS).end('Not found');
    return;
  }
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    const missingBuild = relative === '/index.html';
    response
      .writeHead(missingBuild ? 500 : 404, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/plain; charset=utf-8',
      })
      .end(
        missingBuild ? `The UI is not built (${rendererDir} is missing). Run: npm run build` : 'Not found',
      );
    return;
  }
  const type = contentTypeFor(file);
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': body.length });
  response.end(headOnly ? undefined : body);
}
