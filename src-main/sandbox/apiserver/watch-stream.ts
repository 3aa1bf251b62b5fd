/**
 * A watch response (`?watch=1`): HTTP 200 with a chunked stream of metav1.WatchEvent objects,
 * one JSON document per line, as kube-apiserver's JSON serializer writes them
 * (apiserver/pkg/endpoints/handlers/watch.go, serveWatch). Semantics of resourceVersion
 * (docs: "Resource versions", API concepts):
 * - unset or "0": synthetic ADDED events for every object that matches now, then changes;
 * - N: every change after N (replayed from the hub's history), or 410 Expired when N is older
 *   than the history kept, sent as an ERROR event carrying the Status, as the server does once
 *   the watch has started.
 * Objects moving into a selection arrive as ADDED, out of it as DELETED (the watch cache's
 * filtering). `timeoutSeconds` ends the stream; so does the server going down.
 * With a Table Accept header, each event's object is a Table of one row (kubectl get -w).
 */
import type { ServerResponse } from 'node:http';
import type { Selection } from './resources';
import type { ApiError } from './status';
import type { ApiObject, HubEvent, WatchEventType, WatchHub, WatchResource } from './watch-hub';

export interface WatchRequest {
  resource: WatchResource;
  selection: Selection<ApiObject>;
  resourceVersion: string | null;
  timeoutSeconds: number | null;
  /** The objects matching now, for a watch without a resourceVersion. */
  initial: () => ApiObject[];
  /** How an object is sent (as is, or as a one-row Table). */
  render: (o: ApiObject) => unknown;
  expired: (requested: number, oldest: number) => ApiError;
}

export function serveWatch(res: ServerResponse, hub: WatchHub, w: WatchRequest): void {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  const send = (type: WatchEventType | 'ERROR', object: unknown) =>
    res.write(JSON.stringify({ type, object }) + '\n');

  const fromRv = w.resourceVersion && w.resourceVersion !== '0' ? Number(w.resourceVersion) : null;
  if (fromRv === null) for (const o of w.initial()) send('ADDED', w.render(o));

  const onEvent = (e: HubEvent) => {
    if (e.resource !== w.resource) return;
    const now = w.selection.matches(e.object);
    const before = e.previous ? w.selection.matches(e.previous) : false;
    if (e.type === 'DELETED') {
      if (before) send('DELETED', w.render(e.object));
    } else if (now && (e.type === 'ADDED' || !before)) send('ADDED', w.render(e.object));
    else if (now) send('MODIFIED', w.render(e.object));
    else if (before) send('DELETED', w.render(e.object));
  };
  const subscription = hub.subscribe(fromRv ?? hub.resourceVersion, onEvent);
  if (!subscription) {
    send('ERROR', w.expired(fromRv ?? 0, hub.oldestResourceVersion).status);
    res.end();
    return;
  }
  const timer =
    w.timeoutSeconds !== null && w.timeoutSeconds > 0
      ? setTimeout(() => res.end(), w.timeoutSeconds * 1000)
      : undefined;
  const stop = () => {
    subscription.unsubscribe();
    if (timer) clearTimeout(timer);
  };
  res.on('close', stop);
  res.on('finish', stop);
}
