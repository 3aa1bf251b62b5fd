import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createContractClient, type ContractClient } from '../../src-main/contract';
import { connectTransport } from './transport';

interface ApiState {
  client: ContractClient;
  /** Set when the link to the core is gone; the whole UI shows it. */
  lost: string | null;
}

const ApiContext = createContext<ApiState | null>(null);

export function ApiProvider({ children }: { children: ReactNode }) {
  const transport = useMemo(() => connectTransport(), []);
  const client = useMemo(() => createContractClient(transport.channel), [transport]);
  const [lost, setLost] = useState<string | null>(null);
  useEffect(() => {
    transport.onLost((reason) => {
      setLost(reason);
      client.dispose(reason);
    });
    transport.ready.catch((error: Error) => setLost(error.message));
  }, [transport, client]);
  return <ApiContext.Provider value={{ client, lost }}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiState {
  const state = useContext(ApiContext);
  if (!state) throw new Error('useApi outside ApiProvider');
  return state;
}
