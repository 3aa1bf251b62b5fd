import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { NodeTag } from '../../components/NodeTag';
import type { DialogNode } from './SaveDialogs';
import { fileNameProblem, MANIFEST_TEMPLATES, type ManifestTemplate } from './templates';

/** A new manifest from a template: nginx or busybox (issue 5 point 3). */
export function NewManifestDialog({
  node,
  existing,
  onCreate,
  onCancel,
}: {
  node: DialogNode;
  existing: string[];
  onCreate(name: string, template: ManifestTemplate): void;
  onCancel(): void;
}) {
  const [template, setTemplate] = useState<ManifestTemplate>(MANIFEST_TEMPLATES[0]!);
  const [name, setName] = useState(template.fileName);
  const problem = fileNameProblem(name, existing);
  return (
    <Dialog
      title={
        <>
          <span>New manifest on</span>
          <NodeTag id={node.id} name={node.name} />
        </>
      }
      label={`New manifest on ${node.name}`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={problem !== null}
            onClick={() => onCreate(name, template)}
          >
            Open in the editor
          </button>
        </>
      }
    >
      <fieldset className="manifest-templates">
        <legend>Template</legend>
        {MANIFEST_TEMPLATES.map((t) => (
          <label key={t.id}>
            <input
              type="radio"
              name="manifest-template"
              checked={t.id === template.id}
              onChange={() => {
                setTemplate(t);
                setName(t.fileName);
              }}
            />{' '}
            {t.label}
          </label>
        ))}
      </fieldset>
      <label className="manifest-field">
        File name{' '}
        <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={problem !== null} />
      </label>
      {problem ? (
        <p className="manifest-error">{problem}</p>
      ) : (
        <p className="manifest-muted">Nothing is written until you save.</p>
      )}
    </Dialog>
  );
}
