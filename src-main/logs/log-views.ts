/**
 * The views of one session's store, cached by filter (a few at a time: the viewer changes its
 * filter often, and going back to the previous one should not rescan a million rows).
 */
import type { LogFilter } from '../contract/domain/log-filter';
import { filterKey } from './log-matcher';
import type { LogStore } from './log-store';
import { LogView } from './log-view';

const KEEP = 4;

export class LogViews {
  private readonly views = new Map<string, LogView>();

  constructor(private readonly store: LogStore) {}

  get(filter: LogFilter | undefined): LogView {
    const key = filterKey(filter);
    let view = this.views.get(key);
    if (view) {
      this.views.delete(key);
    } else {
      view = new LogView(this.store, key === '' ? undefined : filter);
      if (this.views.size >= KEEP) {
        const oldest = this.views.keys().next().value;
        if (oldest !== undefined) this.views.delete(oldest);
      }
    }
    this.views.set(key, view);
    return view;
  }
}
