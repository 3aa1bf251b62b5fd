/**
 * Templates for a new static pod manifest (issue 5 point 3): the classic nginx static pod of
 * the Kubernetes docs ("Create static Pods") and a busybox pod. Both avoid what the kubelet
 * refuses in static pods (ServiceAccount, ConfigMap, Secret, PVC references; docs/kubelet.md §1.3).
 */
export interface ManifestTemplate {
  id: string;
  label: string;
  fileName: string;
  content: string;
}

export const MANIFEST_TEMPLATES: ManifestTemplate[] = [
  {
    id: 'nginx',
    label: 'nginx (the classic static pod)',
    fileName: 'static-web.yaml',
    content: `# The static pod of the Kubernetes docs ("Create static Pods").
# The kubelet names it static-web-<node name>.
apiVersion: v1
kind: Pod
metadata:
  name: static-web
  labels:
    role: myrole
spec:
  containers:
    - name: web
      image: nginx
      ports:
        - name: web
          containerPort: 80
          protocol: TCP
`,
  },
  {
    id: 'busybox',
    label: 'busybox (a shell that sleeps)',
    fileName: 'static-busybox.yaml',
    content: `# A busybox static pod: handy to try things on a node.
apiVersion: v1
kind: Pod
metadata:
  name: static-busybox
  namespace: default
spec:
  containers:
    - name: busybox
      image: busybox:1.36
      command: ["sh", "-c", "echo started; sleep 3600"]
      resources:
        requests:
          cpu: 10m
          memory: 16Mi
  restartPolicy: Always
`,
  },
];

/** A file name the manifest directory accepts (one component; a dot-name would be ignored, §1.2). */
export function fileNameProblem(name: string, existing: string[]): string | null {
  if (name.trim() === '') return 'Give the file a name.';
  if (name.includes('/') || name === '.' || name === '..')
    return 'A manifest name is one file name, without "/".';
  if (name.startsWith('.')) return 'The kubelet ignores names starting with "."; choose another name.';
  if (existing.includes(name)) return `${name} already exists; open it instead.`;
  return null;
}
