import { useEffect, useState } from 'react';
import { useAnnounce } from './Announcer';
import { copyText } from './clipboard';

/**
 * A Copy button for one piece of text: "Copied" once the clipboard took it, or why it did not.
 * `what` completes the button's name for screen readers ("Copy the next step").
 */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const announce = useAnnounce();
  const [result, setResult] = useState<{ ok: true } | { ok: false; reason: string } | null>(null);
  // A new text has not been copied yet.
  useEffect(() => setResult(null), [text]);
  const copy = async () => {
    const outcome = await copyText(text);
    setResult(outcome);
    announce(outcome.ok ? `Copied ${what}.` : `Could not copy ${what}: ${outcome.reason}.`);
  };
  return (
    <>
      <button
        type="button"
        className="copy-button"
        onClick={() => void copy()}
        data-copied={result?.ok === true}
      >
        {result?.ok ? 'Copied' : 'Copy'}
        <span className="visually-hidden"> {what}</span>
      </button>
      {result && !result.ok ? <span className="copy-failed">Could not copy: {result.reason}</span> : null}
    </>
  );
}
