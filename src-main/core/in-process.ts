/**
 * An in-process channel between a contract client and a host session: the CLI's transport.
 * Messages are cloned as they cross, so the CLI sees exactly what a remote client would.
 */
import { createContractClient, type ContractClient, type HostMessage } from '../contract';
import { createHostSession } from './dispatcher';
import type { CoreApi } from './handlers';

export function createInProcessClient(core: CoreApi): ContractClient {
  const listeners = new Set<(message: HostMessage) => void>();
  const session = createHostSession(core, (message) => {
    const copy = structuredClone(message);
    queueMicrotask(() => listeners.forEach((listener) => listener(copy)));
  });
  const client = createContractClient({
    send(message) {
      const copy = structuredClone(message);
      queueMicrotask(() => session.receive(copy));
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const dispose = client.dispose.bind(client);
  client.dispose = (reason) => {
    session.dispose();
    dispose(reason);
  };
  return client;
}
