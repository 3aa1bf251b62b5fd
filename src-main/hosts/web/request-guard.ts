/**
 * The browser mode's gatekeeping at the HTTP level (docs/security.md "Browser mode"): loopback
 * Host headers only (DNS rebinding), WebSocket upgrades only from our own origin, secrets of
 * 256 bits compared in constant time, and request targets parsed without throwing.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes (256 bits), URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host header must name this server on a loopback name, with our port. */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return LOOPBACK_NAMES.some((name) => hostHeader.toLowerCase() === `${name}:${port}`);
}

/** A WebSocket may only come from a page this server served: same scheme, host and port. */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  if (!origin || origin === 'null') return false;
  return LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}

/**
 * The request target as a URL, or null when the URL parser refuses it (`GET http://[`): Node
 * hands the target over as sent, and a throw in a request handler would end the process.
 */
export function parseRequestTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}
