import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Prompt } from '../../../src-main/contract';
import { useApi } from '../../api/ApiProvider';
import { usePrompts } from './usePrompts';

/**
 * Asks what the core needs to know mid-connection: trust an unknown host key (its SHA256
 * fingerprint as ssh-keygen -lf prints it; nothing is sent to the host before the answer),
 * passwords, passphrases, the sudo password. Escape cancels. Secrets are not kept here.
 */
export function PromptDialog() {
  const prompts = usePrompts();
  const prompt = prompts[0];
  return prompt ? <PromptForm key={prompt.id} prompt={prompt} /> : null;
}

function PromptForm({ prompt }: { prompt: Prompt }) {
  const { client } = useApi();
  const dialog = useRef<HTMLDialogElement>(null);
  const [values, setValues] = useState<string[]>(() => prompt.fields.map(() => ''));

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const answer = (accept: boolean) => {
    void client.call('prompts.answer', { promptId: prompt.id, accept, ...(accept ? { values } : {}) });
    setValues([]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer(true);
  };

  return (
    <dialog
      ref={dialog}
      className="prompt-dialog"
      aria-labelledby="prompt-title"
      onCancel={(event) => {
        event.preventDefault();
        answer(false);
      }}
    >
      <form method="dialog" onSubmit={submit}>
        <h2 id="prompt-title">{prompt.title}</h2>
        <p className="prompt-node">{prompt.nodeName}</p>
        <p>{prompt.message}</p>
        {prompt.kind === 'host-key' ? (
          <dl className="prompt-fingerprint">
            <dt>Fingerprint</dt>
            <dd>
              <code>{prompt.details.fingerprint}</code>
            </dd>
            <dt>ssh-keygen -lf</dt>
            <dd>
              <code>{prompt.details.keygenLine}</code>
            </dd>
          </dl>
        ) : null}
        {prompt.fields.map((field, index) => (
          <label key={field.label} className="prompt-field">
            {field.label}
            <input
              type={field.secret ? 'password' : 'text'}
              autoFocus={index === 0}
              autoComplete="off"
              value={values[index] ?? ''}
              onChange={(event) =>
                setValues((current) => current.map((v, i) => (i === index ? event.target.value : v)))
              }
            />
          </label>
        ))}
        <div className="prompt-actions">
          <button type="button" className="secondary" onClick={() => answer(false)}>
            Cancel
          </button>
          <button type="submit" autoFocus={prompt.fields.length === 0}>
            {prompt.acceptLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
