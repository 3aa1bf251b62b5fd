/**
 * One kubelet log line → KlogRecord (docs/kubelet.md §5.3, §5.1).
 *
 * Order of attempts, cheapest first: a klog header at column 0 (raw klog, journal MESSAGE
 * fields); else a transport prefix (journald short/iso, rsyslog, Docker Desktop, node)
 * followed by a klog header or a JSON log object. The body after the header is structured
 * (`"Message" key=value…`) when it starts with a quote, else free text (older kubelets and
 * unmigrated messages). Anything else is kept verbatim with severity `unknown`.
 *
 * Severity always comes from the klog letter: journald stores PRIORITY=6 for every kubelet
 * line (§5.1). A record may span several lines (multi-line values joined by
 * klog-multiline.ts); `raw` is the input as given.
 */
import type { KlogKeyValue, KlogRecord, LogLinePrefix } from '../../contract/domain/logs';
import { quoted, readGoQuoted, stripCutMarker } from './go-quoted';
import { header, readKlogHeader } from './klog-header';
import { parseKlogJson } from './klog-json';
import { kvResult, readKeyValues } from './klog-values';
import { isKlogLetter, prefixEnd, readPrefix } from './log-prefix';

export function parseKlogLine(line: string): KlogRecord {
  if (isKlogLetter(line.charCodeAt(0)) && readKlogHeader(line, 0)) return fromHeader(line, null);
  const prefix = readPrefix(line);
  const at = prefix === null ? 0 : prefixEnd.at;
  if (prefix !== null && readKlogHeader(line, at)) return fromHeader(line, prefix);
  if (line.charCodeAt(at) === 0x7b) {
    const json = parseKlogJson(line, at, prefix);
    if (json !== null) return json;
  }
  return unparsed(line, prefix, at);
}

function fromHeader(line: string, prefix: LogLinePrefix | null): KlogRecord {
  const at = header.bodyAt;
  let message: string;
  let keyValues: KlogKeyValue[] = [];
  let truncated = false;
  let structured = false;
  if (line.charCodeAt(at) === 0x22) {
    message = readGoQuoted(line, at);
    structured = true;
    if (quoted.truncated) {
      message = stripCutMarker(message);
      truncated = true;
    } else if (quoted.end < line.length) {
      const next = line.charCodeAt(quoted.end);
      if (next === 0x20) {
        keyValues = readKeyValues(line, quoted.end + 1);
        truncated = kvResult.truncated;
      } else {
        structured = false; // `"quoted" words…` is free text that starts with a quote
      }
    }
  } else {
    message = '';
  }
  if (!structured) message = line.slice(at);

  let err: string | null = null;
  let pod: string | null = null;
  let podUID: string | null = null;
  let pods: string[] | null = null;
  for (let k = 0; k < keyValues.length; k++) {
    const v = keyValues[k]!;
    // Truncated values are not used for correlation: a cut pod name would match nothing.
    if (v.truncated === true) continue;
    switch (v.key) {
      case 'err':
        if (v.type === 'string') err = v.value;
        else if (v.type === 'multiline') err = v.value;
        break;
      case 'pod':
        if (v.type === 'string') pod = v.value;
        break;
      case 'podUID':
        if (v.type === 'string') podUID = v.value;
        break;
      case 'pods':
        if (v.type === 'list') pods = v.value;
        break;
    }
  }
  return {
    severity: header.severity,
    format: structured ? 'klog-structured' : 'klog-text',
    month: header.month,
    day: header.day,
    time: header.time,
    micros: header.micros,
    pid: header.pid,
    file: header.file,
    line: header.line,
    message,
    keyValues,
    err,
    pod,
    podUID,
    pods,
    truncated,
    prefix,
    raw: line,
  };
}

function unparsed(line: string, prefix: LogLinePrefix | null, at: number): KlogRecord {
  return {
    severity: 'unknown',
    format: 'unparsed',
    month: 0,
    day: 0,
    time: '',
    micros: -1,
    pid: prefix?.pid ?? -1,
    file: '',
    line: 0,
    message: line.slice(at),
    keyValues: [],
    err: null,
    pod: null,
    podUID: null,
    pods: null,
    truncated: false,
    prefix,
    raw: line,
  };
}
