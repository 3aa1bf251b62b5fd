import { useEffect, useState } from 'react';
import type { Prompt } from '../../../src-main/contract';
import { useApi } from '../../api/ApiProvider';

/** The core's questions waiting for an answer, oldest first. */
export function usePrompts(): Prompt[] {
  const { client } = useApi();
  const [prompts, setPrompts] = useState<Prompt[]>([]);
  useEffect(() => {
    const stream = client.open(
      'prompts.events',
      {},
      {
        onEvent(event) {
          if (event.type === 'ask')
            setPrompts((current) => [...current.filter((p) => p.id !== event.prompt.id), event.prompt]);
          else setPrompts((current) => current.filter((p) => p.id !== event.promptId));
        },
      },
    );
    return () => stream.close();
  }, [client]);
  return prompts;
}
