import { useState } from 'react';
import type { Prompt } from '../../../src-main/contract';
import { useApi } from '../../api/ApiProvider';
import { Dialog } from '../../components/Dialog';
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
  const [values, setValues] = useState<string[]>(() => prompt.fields.map(() => ''));

  const answer = (accept: boolean) => {
    void client.call('prompts.answer', { promptId: prompt.id, accept, ...(accept ? { values } : {}) });
    setValues([]);
  };

  return (
    <Dialog
      title={prompt.title}
      className="prompt-dialog"
      onCancel={() => answer(false)}
      onSubmit={() => answer(true)}
      initialFocus={prompt.fields.length > 0 ? 'input' : 'button[type="submit"]'}
      actions={
        <>
          <button type="button" className="secondary" onClick={() => answer(false)}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {prompt.acceptLabel}
          </button>
        </>
      }
    >
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
            autoComplete="off"
            value={values[index] ?? ''}
            onChange={(event) =>
              setValues((current) => current.map((v, i) => (i === index ? event.target.value : v)))
            }
          />
        </label>
      ))}
    </Dialog>
  );
}
