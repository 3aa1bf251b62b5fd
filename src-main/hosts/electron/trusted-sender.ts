/**
 * Which IPC sender may talk to the core: the app's own main frame on app://kubelet-studio/,
 * nothing else (Electron security checklist, "Validate the sender of all IPC messages":
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages).
 * The shapes are the parts of Electron's WebContents / WebFrameMain this reads, so the
 * decision runs (and is tested) in plain Node.
 */
import { isAppUrl } from './app-url';

export interface FrameFacts {
  url: string;
  /** WebFrameMain.parent: null for a top frame (docs: api/web-frame-main.md). */
  parent: unknown;
  processId: number;
  /** Unique within the frame's renderer process (WebFrameMain.frameToken). */
  frameToken: string;
  detached?: boolean;
}

/**
 * `senderFrame` may be null once its frame navigated or was destroyed (api/structures/
 * ipc-main-event.md). The main-frame test compares the frame's identity (process + token),
 * not object identity: Electron documents that distinct WebFrameMain instances can refer to
 * the same frame. A top frame that is not the window's main frame (a fenced or prerendered
 * page) has no parent either, hence both tests.
 */
export function isTrustedSender(contents: { mainFrame: FrameFacts }, frame: FrameFacts | null): boolean {
  if (!frame || frame.parent !== null || frame.detached === true) return false;
  const main = contents.mainFrame;
  const isMainFrame =
    frame === main || (frame.processId === main.processId && frame.frameToken === main.frameToken);
  return isMainFrame && isAppUrl(frame.url);
}
