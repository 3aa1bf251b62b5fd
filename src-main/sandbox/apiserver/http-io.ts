/**
 * Request and response plumbing: the request path as kube-apiserver's RequestInfoFactory splits
 * it (apiserver/pkg/endpoints/request/requestinfo.go: `/api/v1[/namespaces/NS]/RESOURCE[/NAME]`),
 * bodies read with a size limit (kube-apiserver refuses request bodies over 3 MiB,
 * maxRequestBodyBytes), content negotiation for Table output, and JSON answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, requestTooLarge, type ApiError } from './status';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface ResourcePath {
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** `/api/v1/...` resource paths; null for anything else (a non-resource path). */
export function parseResourcePath(pathname: string): ResourcePath | null {
  let parts: string[];
  try {
    parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw badRequest(`malformed path: ${pathname}`);
  }
  if (parts[0] !== 'api' || parts[1] !== 'v1' || parts.length < 3) return null;
  let rest = parts.slice(2);
  let namespace: string | undefined;
  // `namespaces/NS/RESOURCE…` is namespaced; `namespaces[/NS]` alone is the namespaces resource.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  if (!resource || rest.length > 3) return null;
  return { resource, namespace, name, subresource };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(requestTooLarge(MAX_BODY_BYTES));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A JSON body, or undefined when empty; malformed JSON is a 400 as the decoder words it. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badRequest(`json: ${(e as Error).message}`);
  }
}

/**
 * Whether the client asked for a Table, and which version: the first media range of Accept with
 * `as=Table;g=meta.k8s.io` (kubectl sends v1 then v1beta1 then plain JSON as the fallback).
 */
export function tableRequested(accept: string | undefined): 'v1' | 'v1beta1' | null {
  for (const range of (accept ?? '').split(',')) {
    const params = new Map(
      range
        .split(';')
        .slice(1)
        .map((p) => p.trim().split('=') as [string, string]),
    );
    if (params.get('as') === 'Table' && params.get('g') === 'meta.k8s.io') {
      const v = params.get('v');
      if (v === 'v1' || v === 'v1beta1') return v;
    }
  }
  return null;
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status.code, error.status);
}

/** Query parameters as the API reads them: booleans are `true`/`1`. */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v === 'true' || v === '1';
}
