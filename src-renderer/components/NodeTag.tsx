import { nodeColour } from '../features/nodes/node-colour';

/** A node's colour swatch and name: on the editor toolbar, in dialog titles, on terminal tabs. */
export function NodeTag({ id, name, quiet = false }: { id: string; name: string; quiet?: boolean }) {
  return (
    <span className={`node-tag${quiet ? ' node-tag-quiet' : ''}`} data-node-id={id}>
      <span className="node-swatch" style={{ background: nodeColour(id) }} aria-hidden="true" />
      <span className="node-tag-name">{name}</span>
    </span>
  );
}

/** Only the swatch (where the name is already written beside it). */
export function NodeSwatch({ id }: { id: string }) {
  return <span className="node-swatch" style={{ background: nodeColour(id) }} aria-hidden="true" />;
}
