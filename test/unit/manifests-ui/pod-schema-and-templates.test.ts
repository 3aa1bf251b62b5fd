import { Draft07 } from 'json-schema-library';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import podSchema from '../../../assets/schemas/pod.schema.json';
import { checkManifest } from '../../../src-main/inspect/manifest-rules';
import { DEFAULT_MANIFESTS } from '../../../src-main/sandbox/default-manifests';
import { fileNameProblem, MANIFEST_TEMPLATES } from '../../../src-renderer/features/manifests/templates';

// The editor's offline Pod schema (assets/schemas/pod.schema.json, the same validator library
// codemirror-json-schema uses) accepts what kubeadm writes and flags what the kubelet would not.
const draft = new Draft07(podSchema);
const errorsOf = (yamlText: string) =>
  draft.validate(parse(yamlText)).map((e) => `${e.data?.pointer ?? ''} ${e.message}`);

describe('the offline Pod schema', () => {
  it.each(Object.entries(DEFAULT_MANIFESTS))("accepts kubeadm's %s", (_name, text) => {
    expect(errorsOf(text)).toEqual([]);
  });

  it('flags a misspelled field, a wrong type, a non-Pod kind and missing containers', () => {
    const base = DEFAULT_MANIFESTS['kube-scheduler.yaml']!;
    expect(errorsOf(base.replace('imagePullPolicy:', 'imagePullPolice:')).join('\n')).toMatch(
      /imagePullPolice/,
    );
    expect(errorsOf(base.replace('hostNetwork: true', 'hostNetwork: "yes"')).join('\n')).toMatch(
      /hostNetwork/,
    );
    expect(errorsOf(base.replace('kind: Pod', 'kind: Deployment'))).not.toEqual([]);
    expect(
      errorsOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: []\n'),
    ).not.toEqual([]);
  });
});

describe('new-manifest templates', () => {
  it.each(MANIFEST_TEMPLATES.map((t) => [t.id, t] as const))(
    "%s passes the schema and the kubelet's static-pod rules",
    (_id, template) => {
      expect(errorsOf(template.content)).toEqual([]);
      expect(checkManifest(template.content).problems.filter((p) => p.severity === 'error')).toEqual([]);
      // Comments are part of the template: the editor keeps the user's text as written.
      expect(template.content).toMatch(/^# /);
    },
  );

  it('refuses file names the kubelet would ignore or that are not one name', () => {
    expect(fileNameProblem('.hidden.yaml', [])).toMatch(/ignores names starting with "\."/);
    expect(fileNameProblem('a/b.yaml', [])).toMatch(/without "\/"/);
    expect(fileNameProblem('etcd.yaml', ['etcd.yaml'])).toMatch(/already exists/);
    expect(fileNameProblem('static-web.yaml', ['etcd.yaml'])).toBeNull();
  });
});
