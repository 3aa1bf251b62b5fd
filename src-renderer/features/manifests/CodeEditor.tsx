import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { manifestEditorExtensions, type EditorHooks } from './editor-extensions';

export interface CodeEditorHandle {
  text(): string;
  /** Replaces the whole text (taking "theirs" after a conflict, a template). */
  setText(text: string): void;
  focus(): void;
}

interface CodeEditorProps extends EditorHooks {
  /** A new key makes a new editor (another file), with a fresh undo history. */
  docKey: string;
  initialText: string;
  /** The editor's accessible name: the file and its node. */
  label: string;
}

/**
 * The manifest editor: one CodeMirror view per opened file. The hooks are read through a ref so
 * that re-renders never rebuild the editor (and lose the cursor or the undo history).
 */
export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(props, ref) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const hooks = useRef<EditorHooks>(props);
  hooks.current = props;

  useEffect(() => {
    if (!parent.current) return;
    const editor = new EditorView({
      parent: parent.current,
      state: EditorState.create({
        doc: props.initialText,
        extensions: [
          EditorView.contentAttributes.of({ 'aria-label': props.label, tabindex: '0' }),
          manifestEditorExtensions({
            validate: (content) => hooks.current.validate(content),
            onSave: () => hooks.current.onSave(),
            onChange: (content) => hooks.current.onChange(content),
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Only a new document makes a new editor; initialText is read once per docKey.
  }, [props.docKey]);

  useImperativeHandle(ref, () => ({
    text: () => view.current?.state.doc.toString() ?? '',
    setText(text) {
      const editor = view.current;
      if (editor) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
    },
    focus: () => view.current?.focus(),
  }));

  return <div className="manifest-editor" ref={parent} data-testid="manifest-editor" />;
});
