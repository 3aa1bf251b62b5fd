/**
 * The CodeMirror 6 set-up of the manifest editor (issue 5 point 3): YAML highlighting, the
 * offline Pod JSON schema (assets/schemas, bundled, never fetched) for linting, completion and
 * hover, the kubelet's static-pod rules through `manifests.validate`, and Ctrl/Cmd+S. The
 * editor holds the user's text: nothing is re-serialised, so comments and key order survive.
 */
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  foldGutter,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { yamlSchema } from 'codemirror-json-schema/yaml';
import { tags } from '@lezer/highlight';
import type { JSONSchema7 } from 'json-schema';
import podSchemaJson from '../../../assets/schemas/pod.schema.json';
import type { ManifestProblem } from '../../../src-main/contract/domain/manifests';

const podSchema = podSchemaJson as unknown as JSONSchema7;

/** Colours from the app's CSS variables, so the editor follows the light/dark theme. */
const appTheme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--bg)', color: 'var(--fg)', fontSize: '13px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)' },
  '.cm-gutters': {
    backgroundColor: 'var(--bg-pane)',
    color: 'var(--fg-muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine, .cm-activeLineGutter': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 8%, transparent)',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--bg-pane)',
    color: 'var(--fg)',
    border: '1px solid var(--border)',
    maxWidth: '40em',
  },
  '&.cm-focused': { outline: 'none' },
});

/**
 * YAML colours from the app's CSS variables (styles/app.css --syntax-*), chosen for 4.5:1 on the
 * editor's background in both themes; CodeMirror's default style is for light backgrounds only.
 */
const yamlHighlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: 'var(--syntax-key)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
  { tag: [tags.lineComment, tags.comment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: [tags.keyword, tags.meta, tags.typeName, tags.labelName], color: 'var(--syntax-keyword)' },
  { tag: tags.attributeValue, color: 'var(--syntax-string)' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

/** Line/column of a problem → a document range (the whole line when there is no column). */
export function problemToDiagnostic(state: EditorState, problem: ManifestProblem): Diagnostic {
  const lineNo = Math.min(Math.max(problem.line ?? 1, 1), state.doc.lines);
  const line = state.doc.line(lineNo);
  const from = problem.column ? Math.min(line.from + problem.column - 1, line.to) : line.from;
  return {
    from,
    to: problem.column ? Math.min(from + 1, line.to) || line.to : line.to,
    severity: problem.severity === 'error' ? 'error' : 'warning',
    source: 'kubelet static-pod rules',
    message: problem.message,
  };
}

export interface EditorHooks {
  /** `manifests.validate` on the current text. */
  validate(content: string): Promise<ManifestProblem[]>;
  onSave(): void;
  onChange(content: string): void;
}

export function manifestEditorExtensions(hooks: EditorHooks): Extension[] {
  const staticPodRules = linter(
    async (view) => {
      const text = view.state.doc.toString();
      try {
        const problems = await hooks.validate(text);
        // The document may have changed meanwhile; CodeMirror drops stale results itself.
        return problems.map((p) => problemToDiagnostic(view.state, p));
      } catch {
        return [];
      }
    },
    { delay: 400 },
  );
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    lintGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    syntaxHighlighting(yamlHighlight),
    EditorState.tabSize.of(2),
    keymap.of([
      // Ctrl+S / Cmd+S: save through the diff (issue 5 point 3); never the browser's "save page".
      { key: 'Mod-s', preventDefault: true, run: () => (hooks.onSave(), true) },
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...completionKeymap,
      indentWithTab,
    ]),
    yamlSchema(podSchema),
    staticPodRules,
    EditorView.updateListener.of((update) => {
      if (update.docChanged) hooks.onChange(update.state.doc.toString());
    }),
    EditorView.lineWrapping,
    appTheme,
  ];
}

/** Read-only YAML for diffs and previews; `label` names it (one Tab stop, arrows scroll it). */
export function readOnlyExtensions(label: string): Extension[] {
  return [
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
    lineNumbers(),
    yaml(),
    syntaxHighlighting(yamlHighlight),
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    appTheme,
  ];
}
