// Stand-in for out/sandbox/kubelet.cjs, used only until the real bundle is built: just enough
// of a kubelet for the node infrastructure tests (a daemon named kubelet, manifests, a state file).
const fs = require('node:fs');
const path = require('node:path');

const root = process.env.KUBELET_SIM_ROOT || '/';
const at = (...p) => path.join(root, ...p);
const flag = (name) => (process.argv.find((a) => a.startsWith(`--${name}=`)) || '').split('=')[1];
const node = flag('hostname-override') || 'node';

fs.mkdirSync(at('etc/kubernetes/manifests'), { recursive: true });
fs.mkdirSync(at('run/kubelet-sim'), { recursive: true });
fs.mkdirSync(at('var/log/journal'), { recursive: true });
// First start, as the real daemon does it: the kubelet config (only the field tests read).
const config = at('var/lib/kubelet/config.yaml');
const firstStart = !fs.existsSync(config);
if (firstStart)
  fs.writeFileSync(config, 'kind: KubeletConfiguration\nstaticPodPath: /etc/kubernetes/manifests\n');
if (firstStart && flag('role') === 'control-plane') {
  for (const name of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    const file = at('etc/kubernetes/manifests', `${name}.yaml`);
    if (!fs.existsSync(file)) {
      fs.writeFileSync(
        file,
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: kube-system\n`,
        { mode: 0o600 },
      );
    }
  }
}
const pods = fs
  .readdirSync(at('etc/kubernetes/manifests'))
  .filter((f) => !f.startsWith('.'))
  .map((f, i) => ({
    id: `${i}`.padStart(64, 'a'),
    name: `${path.basename(f, '.yaml')}-${node}`,
    namespace: 'kube-system',
  }));
fs.writeFileSync(at('run/kubelet-sim/kubelet.pid'), `${process.pid}\n`);
fs.writeFileSync(at('run/kubelet-sim/state.json'), JSON.stringify({ node, pods }));
fs.appendFileSync(
  at('var/log/journal/kubelet.jsonl'),
  `${JSON.stringify({ MESSAGE: 'stand-in kubelet started' })}\n`,
);
setInterval(() => {}, 1 << 30);
