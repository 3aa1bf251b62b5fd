/**
 * Node IPs for a set of test nodes: `127.A.B.1`, `127.A.B.2`, … on the loopback network, a block
 * of its own per set, because each node's simulated API server listens on <node IP>:6443 and
 * several test processes (and `npm run nodes:up` sets) may run at once on one machine. The block
 * is derived from the process id and a counter, and taken only if no one listens on :6443 of
 * any of its addresses yet.
 */
import { createServer } from 'node:net';
import { API_SERVER_PORT } from '../../src-main/sandbox/apiserver/server';

let setCounter = 0;

function isFree(ip: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(API_SERVER_PORT, ip, () => server.close(() => resolve(true)));
  });
}

/** Second and third octets: 20–250 and 0–255, away from 127.0.x.x. */
function block(seed: number): [number, number] {
  const n = Math.abs(seed) % (231 * 256);
  return [20 + Math.floor(n / 256), n % 256];
}

export async function pickNodeIps(count: number): Promise<string[]> {
  const base = process.pid * 7919 + ++setCounter * 104729;
  for (let attempt = 0; attempt < 50; attempt++) {
    const [a, b] = block(base + attempt * 15485863);
    const ips = Array.from({ length: count }, (_, i) => `127.${a}.${b}.${i + 1}`);
    const free = await Promise.all(ips.map(isFree));
    if (free.every(Boolean)) return ips;
  }
  throw new Error(`no free block of ${count} loopback addresses with port ${API_SERVER_PORT} free`);
}
