/**
 * Who may open a WebSocket in browser mode (docs/security.md "Browser mode"). A launch token
 * works once: it admits one new tab. Every connection of a tab then gets a fresh resume secret
 * for the tab's next connection (a reload); a secret works once, only from the origin the tab
 * was admitted from, and expires a while after its connection closed. Presenting a tab's secret
 * closes that tab's current connection, so a tab never has two.
 */
import { createHash } from 'node:crypto';
import {
  CREDENTIAL_PATTERN,
  LAUNCH_PROTOCOL_PREFIX,
  RESUME_PROTOCOL_PREFIX,
} from '../../contract/browser-session';
import { newToken, tokensEqual } from './request-guard';

export type Credential = { kind: 'launch' | 'resume'; value: string };

/**
 * The one credential among the offered subprotocols, or null when there is none or more than
 * one (as the Kubernetes API server refuses two bearer subprotocols).
 */
export function credentialFromProtocols(header: string | undefined): Credential | null {
  const found: Credential[] = [];
  for (const raw of (header ?? '').split(',')) {
    const protocol = raw.trim();
    for (const [kind, prefix] of [
      ['launch', LAUNCH_PROTOCOL_PREFIX],
      ['resume', RESUME_PROTOCOL_PREFIX],
    ] as const) {
      if (protocol.startsWith(prefix)) found.push({ kind, value: protocol.slice(prefix.length) });
    }
  }
  const [only] = found;
  return found.length === 1 && only && CREDENTIAL_PATTERN.test(only.value) ? only : null;
}

/** One browser tab: its origin, the digest of its one valid resume secret, its live connection. */
export interface Tab {
  readonly id: number;
  readonly origin: string;
  secretDigest: string | null;
  /** Closes the tab's current connection; null while it has none. */
  closeConnection: (() => void) | null;
  /** When an unconnected tab's secret stops working (ms since the epoch). */
  expiresAt: number;
}

export interface BrowserSessionsOptions {
  /** How long a tab's secret still works after its connection closed (a reload, a restored tab). */
  resumeGraceMs?: number;
  /** Tabs kept at most; the longest unconnected go first. */
  maxTabs?: number;
  now?: () => number;
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export class BrowserSessions {
  private launchToken: string | null = null;
  private readonly tabs = new Map<number, Tab>();
  private nextTabId = 1;
  private readonly graceMs: number;
  private readonly maxTabs: number;
  private readonly now: () => number;

  constructor(options: BrowserSessionsOptions = {}) {
    this.graceMs = options.resumeGraceMs ?? 10 * 60_000;
    this.maxTabs = options.maxTabs ?? 64;
    this.now = options.now ?? Date.now;
  }

  /** A new launch token; the previous one, if still unused, stops working. */
  newLaunchToken(): string {
    this.launchToken = newToken();
    return this.launchToken;
  }

  /**
   * The tab a credential admits from `origin`, consuming the credential, or null. A launch token
   * admits a new tab; a resume secret its own tab, whose current connection is closed.
   */
  admit(credential: Credential, origin: string): Tab | null {
    this.expire();
    if (credential.kind === 'launch') {
      if (this.launchToken === null || !tokensEqual(credential.value, this.launchToken)) return null;
      this.launchToken = null;
      return this.addTab(origin);
    }
    // The secret is looked up by its SHA-256: the lookup's timing says nothing about the secret.
    const wanted = digest(credential.value);
    for (const tab of this.tabs.values()) {
      if (tab.secretDigest === null || !tokensEqual(tab.secretDigest, wanted)) continue;
      // Spent either way; from another origin it leaked somehow, so the tab loses its session.
      tab.secretDigest = null;
      const close = tab.closeConnection;
      tab.closeConnection = null;
      tab.expiresAt = this.now() + this.graceMs;
      close?.();
      return tab.origin === origin ? tab : null;
    }
    return null;
  }

  /** A connection of `tab` is open: returns the secret for the tab's next connection. */
  attach(tab: Tab, closeConnection: () => void): string {
    const secret = newToken();
    tab.secretDigest = digest(secret);
    tab.closeConnection = closeConnection;
    return secret;
  }

  /** The connection `closeConnection` belonged to has closed (nothing if the tab has moved on). */
  detach(tab: Tab, closeConnection: () => void): void {
    if (tab.closeConnection !== closeConnection) return;
    tab.closeConnection = null;
    tab.expiresAt = this.now() + this.graceMs;
  }

  get tabCount(): number {
    return this.tabs.size;
  }

  private addTab(origin: string): Tab {
    const tab: Tab = {
      id: this.nextTabId++,
      origin,
      secretDigest: null,
      closeConnection: null,
      expiresAt: this.now() + this.graceMs,
    };
    this.tabs.set(tab.id, tab);
    const idle = [...this.tabs.values()].filter((t) => t.closeConnection === null && t !== tab);
    idle.sort((a, b) => a.expiresAt - b.expiresAt);
    while (this.tabs.size > this.maxTabs && idle.length > 0) this.tabs.delete((idle.shift() as Tab).id);
    return tab;
  }

  private expire(): void {
    const now = this.now();
    for (const tab of this.tabs.values()) {
      if (tab.closeConnection === null && tab.expiresAt <= now) this.tabs.delete(tab.id);
    }
  }
}
