import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamHandle } from '../../../src-main/contract';
import { useApi } from '../../api/ApiProvider';
import { createOutputWriter, type OutputWriter } from './output-writer';
import { TerminalSearchBar } from './TerminalSearchBar';
import { pasteChunks, terminalAction } from './terminal-keys';
import { currentTheme, onThemeChange } from './terminal-theme';
import { workspaceAction } from '../../workspace/workspace-keys';
import './terminal.css';

export type TerminalStatus = { kind: 'connecting' } | { kind: 'open' } | { kind: 'ended'; message: string };

interface TerminalViewProps {
  nodeId: string;
  visible: boolean;
  onStatus(status: TerminalStatus): void;
}

/**
 * One terminal tab: xterm.js with the fit and search add-ons, bound to one terminal.open
 * stream. Output is written with xterm's callback and acknowledged (output-writer.ts); typing,
 * pasting and resizing go to the session the stream announced.
 */
export function TerminalView({ nodeId, visible, onStatus }: TerminalViewProps) {
  const { client } = useApi();
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const sessionRef = useRef<string | null>(null);
  const streamRef = useRef<{ handle: StreamHandle; writer: OutputWriter } | null>(null);
  const [status, setStatus] = useState<TerminalStatus>({ kind: 'connecting' });
  const [searching, setSearching] = useState(false);
  const statusListener = useRef(onStatus);
  statusListener.current = onStatus;

  const report = useCallback((next: TerminalStatus) => {
    setStatus(next);
    statusListener.current(next);
  }, []);

  const connect = useCallback(() => {
    const term = termRef.current;
    if (!term) return;
    streamRef.current?.handle.close();
    streamRef.current?.writer.dispose();
    sessionRef.current = null;
    report({ kind: 'connecting' });
    const writer = createOutputWriter({ write: (data, parsed) => term.write(data, parsed) }, (chars) => {
      const sessionId = sessionRef.current;
      if (sessionId) client.call('terminal.ack', { sessionId, chars }).catch(() => undefined);
    });
    const handle = client.open(
      'terminal.open',
      { id: nodeId, cols: term.cols, rows: term.rows, ackOutput: true },
      {
        onEvent(event) {
          if (event.type === 'ready') {
            sessionRef.current = event.sessionId;
            report({ kind: 'open' });
          } else if (event.type === 'output') writer.write(event.data);
          else {
            const how = event.signal
              ? `was ended by ${event.signal}`
              : `exited with code ${event.code ?? '?'}`;
            term.write(`\r\n\x1b[2m[The shell ${how}.]\x1b[0m\r\n`);
          }
        },
        onEnd(error) {
          sessionRef.current = null;
          writer.dispose();
          report({ kind: 'ended', message: error ? error.message : 'The shell has ended.' });
        },
      },
    );
    streamRef.current = { handle, writer };
  }, [client, nodeId, report]);

  const paste = useCallback(async () => {
    const text = await navigator.clipboard?.readText().catch(() => '');
    if (text) termRef.current?.paste(text);
  }, []);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, monospace",
      fontSize: 13,
      cursorBlink: true,
      scrollback: 10_000,
      theme: currentTheme(),
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.open(host);
    termRef.current = term;
    fitRef.current = fit;
    searchRef.current = search;
    fit.fit();

    term.attachCustomKeyEventHandler((event) => {
      // The workspace's shortcuts (F6, Alt+digit, Ctrl+Shift+digit, maximise) are not the
      // shell's: xterm leaves them alone and they bubble to the window's handler. Tab and
      // Escape stay with the shell.
      if (workspaceAction(event)) return false;
      const action = terminalAction(event);
      if (!action) return true;
      // Tab actions bubble to the pane (TerminalPane); the rest are this tab's.
      if (action === 'copy') {
        const selection = term.getSelection();
        if (selection) void navigator.clipboard?.writeText(selection).catch(() => undefined);
      } else if (action === 'paste') void paste();
      else if (action === 'search') setSearching(true);
      if (action === 'copy' || action === 'paste' || action === 'search') event.preventDefault();
      return false;
    });
    const subscriptions = [
      // Copy on selection, as X terminals do.
      term.onSelectionChange(() => {
        const selection = term.getSelection();
        if (selection) void navigator.clipboard?.writeText(selection).catch(() => undefined);
      }),
      term.onData((data) => {
        const sessionId = sessionRef.current;
        if (!sessionId) return;
        for (const chunk of pasteChunks(data))
          client.call('terminal.input', { sessionId, data: chunk }).catch(() => undefined);
      }),
      term.onResize(({ cols, rows }) => {
        const sessionId = sessionRef.current;
        if (sessionId) client.call('terminal.resize', { sessionId, cols, rows }).catch(() => undefined);
      }),
    ];
    const stopTheme = onThemeChange((theme) => (term.options.theme = theme));
    const observer = new ResizeObserver(() => {
      if (host.offsetWidth > 0 && host.offsetHeight > 0) fit.fit();
    });
    observer.observe(host);
    connect();
    return () => {
      observer.disconnect();
      stopTheme();
      for (const subscription of subscriptions) subscription.dispose();
      streamRef.current?.handle.close();
      streamRef.current?.writer.dispose();
      streamRef.current = null;
      term.dispose();
      termRef.current = null;
    };
  }, [client, connect, paste]);

  useEffect(() => {
    if (!visible) return;
    fitRef.current?.fit();
    termRef.current?.focus();
  }, [visible]);

  return (
    <div className="terminal-view" hidden={!visible} data-status={status.kind}>
      {status.kind === 'ended' ? (
        <div className="terminal-ended" role="status">
          <span>Disconnected: {status.message}</span>
          <button
            type="button"
            onClick={() => {
              connect();
              termRef.current?.focus();
            }}
          >
            Reconnect
          </button>
        </div>
      ) : null}
      {searching ? (
        <TerminalSearchBar
          onFind={(text, backwards) =>
            backwards ? searchRef.current?.findPrevious(text) : searchRef.current?.findNext(text)
          }
          onClose={() => {
            setSearching(false);
            searchRef.current?.clearDecorations();
            termRef.current?.focus();
          }}
        />
      ) : null}
      <div className="terminal-host" ref={hostRef} aria-label="Terminal output" />
    </div>
  );
}
