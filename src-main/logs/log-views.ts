/**
 * The views of one session's store, cached by filter (a few at a time: the viewer changes its
 * filter often, and going back to the previous one should not rescan a million rows). A regex
 * runs on a worker thread with a time budget (regex-worker.ts), never on the core's thread.
 */
import type { LogFilter } from '../contract/domain/log-filter';
import { filterKey } from './log-matcher';
import type { LogStore } from './log-store';
import { LogView } from './log-view';
import type { RegexJudge, RegexSpec } from './regex-judge';
import { workerRegexJudge } from './regex-worker';

const KEEP = 4;

export class LogViews {
  private readonly views = new Map<string, LogView>();

  constructor(
    private readonly store: LogStore,
    private readonly makeJudge: (spec: RegexSpec) => RegexJudge = (spec) => workerRegexJudge(spec),
  ) {}

  get(filter: LogFilter | undefined): LogView {
    const key = filterKey(filter);
    let view = this.views.get(key);
    if (view) {
      this.views.delete(key);
    } else {
      view = new LogView(this.store, key === '' ? undefined : filter, this.makeJudge);
      if (this.views.size >= KEEP) {
        const oldest = this.views.keys().next().value;
        if (oldest !== undefined) {
          this.views.get(oldest)?.dispose();
          this.views.delete(oldest);
        }
      }
    }
    this.views.set(key, view);
    return view;
  }

  /** Ends every view's worker (the session is closing). */
  dispose(): void {
    for (const view of this.views.values()) view.dispose();
    this.views.clear();
  }
}
