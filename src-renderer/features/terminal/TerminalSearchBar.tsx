import { useState } from 'react';

interface TerminalSearchBarProps {
  /** Returns whether a match was found. */
  onFind(text: string, backwards: boolean): boolean | undefined;
  onClose(): void;
}

/** Find in the terminal's scrollback (Ctrl+Shift+F): Enter for next, Shift+Enter for previous, Escape to close. */
export function TerminalSearchBar({ onFind, onClose }: TerminalSearchBarProps) {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const find = (backwards: boolean) => {
    if (!text) return;
    setMissing(onFind(text, backwards) === false);
  };
  return (
    <div className="terminal-search" role="search">
      <input
        autoFocus
        aria-label="Find in terminal"
        placeholder="Find"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') find(event.shiftKey);
          else if (event.key === 'Escape') onClose();
          else return;
          event.preventDefault();
        }}
      />
      {missing ? <span className="muted">No match</span> : null}
      <button type="button" className="secondary" onClick={() => find(true)} aria-label="Previous match">
        ↑
      </button>
      <button type="button" className="secondary" onClick={() => find(false)} aria-label="Next match">
        ↓
      </button>
      <button type="button" className="secondary" onClick={onClose} aria-label="Close search">
        ×
      </button>
    </div>
  );
}
