import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authenticate, isAdmin, nodeOfUser } from '../../../src-main/sandbox/apiserver/auth';

/** A request over TLS whose client certificate has this subject (verified against the CA). */
function request(
  subject: { CN: string; O?: string | string[] },
  headers: Record<string, string | string[]> = {},
) {
  const distinct = Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]),
  );
  return {
    headers: Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
    ),
    headersDistinct: distinct,
    socket: { authorized: true, getPeerCertificate: () => ({ subject }) },
  } as unknown as IncomingMessage;
}

// Impersonation (https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation):
// another control plane's API server forwards its clients' requests as those clients.
describe('the simulated API server: users and impersonation', () => {
  it('an admin acts as the user and groups it names', () => {
    const user = authenticate(
      request(
        { CN: 'kube-apiserver-etcd-client', O: 'system:masters' },
        { 'impersonate-user': 'system:node:node01', 'impersonate-group': ['system:nodes'] },
      ),
    );
    expect(user).toEqual({ name: 'system:node:node01', groups: ['system:nodes', 'system:authenticated'] });
    expect(nodeOfUser(user)).toBe('node01');
    expect(isAdmin(user)).toBe(false);
  });

  it('anyone else who asks to impersonate is refused', () => {
    expect(() =>
      authenticate(
        request({ CN: 'system:node:node01', O: 'system:nodes' }, { 'impersonate-user': 'kubernetes-admin' }),
      ),
    ).toThrow(/cannot impersonate/);
  });

  it('without the header, the certificate says who it is', () => {
    const user = authenticate(request({ CN: 'system:node:node02', O: 'system:nodes' }));
    expect(user).toEqual({ name: 'system:node:node02', groups: ['system:nodes', 'system:authenticated'] });
    expect(nodeOfUser({ name: 'system:node:node02', groups: ['system:authenticated'] })).toBeNull();
  });
});
