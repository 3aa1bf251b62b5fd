/**
 * Where the window may go (docs/security.md "Electron"; Electron security checklist, "Limit
 * navigation" and "Limit creation of new windows": https://www.electronjs.org/docs/latest/tutorial/security).
 * The window shows only the app's own pages. A web link (http or https) is never opened inside
 * the app: it is offered to the user's browser, after they confirm. Anything else (file:,
 * javascript:, custom schemes that would start other programs) is refused outright.
 */
import { isAppUrl } from './app-url';

export type NavigationDecision = { action: 'allow' } | { action: 'deny'; offerExternal?: string };

export function isExternalHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** 'will-navigate' / 'will-frame-navigate': a link clicked or location changed in the page. */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return { action: 'allow' };
  return isExternalHttpUrl(url) ? { action: 'deny', offerExternal: url } : { action: 'deny' };
}

/** 'will-redirect': the app's pages never redirect, so a redirect leaving them is refused. */
export function decideRedirect(url: string): NavigationDecision {
  return isAppUrl(url) ? { action: 'allow' } : { action: 'deny' };
}

/** setWindowOpenHandler: the app opens no windows of its own; web links go to the browser. */
export function decideWindowOpen(url: string): NavigationDecision & { action: 'deny' } {
  return isExternalHttpUrl(url) ? { action: 'deny', offerExternal: url } : { action: 'deny' };
}

/** The confirm dialog's options (dialog.showMessageBox): the full URL shown, Cancel the default. */
export function externalLinkPrompt(url: string) {
  return {
    type: 'question' as const,
    buttons: ['Open in Browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Open link',
    message: 'Open this link in your web browser?',
    detail: url,
  };
}

export interface ExternalLinkOffers {
  /** Asks the user, then opens the link; an offer while one is open is dropped. */
  offer(url: string): Promise<'opened' | 'declined' | 'ignored'>;
}

/**
 * One question at a time: a page calling window.open in a loop must not stack dialogs. Opens
 * only http(s), checked again here as the last step before the browser is started.
 */
export function createExternalLinkOffers(deps: {
  confirm(url: string): Promise<boolean>;
  open(url: string): Promise<void>;
}): ExternalLinkOffers {
  let asking = false;
  return {
    async offer(url) {
      if (asking || !isExternalHttpUrl(url)) return 'ignored';
      asking = true;
      try {
        if (!(await deps.confirm(url))) return 'declined';
      } finally {
        asking = false;
      }
      await deps.open(url);
      return 'opened';
    },
  };
}
