import { MergeView } from '@codemirror/merge';
import { useEffect, useRef } from 'react';
import { readOnlyExtensions } from './editor-extensions';

/**
 * A side-by-side diff (@codemirror/merge): the node's version on the left, the other on the
 * right, unchanged stretches collapsed so the change is what one sees.
 */
export function DiffView({
  left,
  right,
  leftLabel,
  rightLabel,
}: {
  left: string;
  right: string;
  leftLabel: string;
  rightLabel: string;
}) {
  const parent = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!parent.current) return;
    const merge = new MergeView({
      parent: parent.current,
      a: { doc: left, extensions: readOnlyExtensions(leftLabel) },
      b: { doc: right, extensions: readOnlyExtensions(rightLabel) },
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => merge.destroy();
  }, [left, right, leftLabel, rightLabel]);
  const same = left === right;
  return (
    <div className="manifest-diff" data-testid="manifest-diff">
      <div className="manifest-diff-labels">
        <span>{leftLabel}</span>
        <span>{rightLabel}</span>
      </div>
      {same ? <p className="manifest-note">No difference: the content is identical.</p> : null}
      <div className="manifest-diff-body" ref={parent} />
    </div>
  );
}
