// Stand-in for out/sandbox/crictl.cjs: `crictl pods -o json` from the stand-in kubelet's state.
const fs = require('node:fs');
const path = require('node:path');

const root = process.env.KUBELET_SIM_ROOT || '/';
const state = JSON.parse(fs.readFileSync(path.join(root, 'run/kubelet-sim/state.json'), 'utf8'));
const items = state.pods.map((p) => ({
  id: p.id,
  metadata: { name: p.name, uid: p.id.slice(0, 32), namespace: p.namespace, attempt: 0 },
  state: 'SANDBOX_READY',
}));
process.stdout.write(`${JSON.stringify({ items }, null, 2)}\n`);
