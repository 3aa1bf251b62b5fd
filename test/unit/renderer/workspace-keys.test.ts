import { describe, expect, it } from 'vitest';
import { tabForKey, workspaceAction, type KeyLike } from '../../../src-renderer/workspace/workspace-keys';
import { terminalAction } from '../../../src-renderer/features/terminal/terminal-keys';

const key = (k: Partial<KeyLike> & { key: string }): KeyLike => ({
  code: '',
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  type: 'keydown',
  ...k,
});

// The workspace's shortcuts are recognised wherever the focus is (the terminal lets exactly
// these through); the shell keeps Tab, Escape and its own Ctrl+Shift+letter shortcuts.
describe('workspace shortcuts', () => {
  it('Alt+1…6 and Ctrl+Shift+1…6 jump to a pane (by key position, so any layout works)', () => {
    expect(workspaceAction(key({ key: '2', code: 'Digit2', altKey: true }))).toEqual({
      kind: 'focus',
      pane: 1,
    });
    expect(workspaceAction(key({ key: '@', code: 'Digit2', ctrlKey: true, shiftKey: true }))).toEqual({
      kind: 'focus',
      pane: 1,
    });
    expect(workspaceAction(key({ key: '6', code: 'Digit6', altKey: true }))).toEqual({
      kind: 'focus',
      pane: 5,
    });
    expect(workspaceAction(key({ key: '7', code: 'Digit7', altKey: true }))).toBeNull();
    expect(workspaceAction(key({ key: '2', code: 'Digit2', ctrlKey: true }))).toBeNull(); // a browser's tab switch
    expect(workspaceAction(key({ key: '2', code: 'Digit2', altKey: true, ctrlKey: true }))).toBeNull(); // AltGr
  });

  it('F6 and Shift+F6 cycle; Ctrl+Shift+Enter maximises', () => {
    expect(workspaceAction(key({ key: 'F6', code: 'F6' }))).toEqual({ kind: 'cycle', step: 1 });
    expect(workspaceAction(key({ key: 'F6', code: 'F6', shiftKey: true }))).toEqual({
      kind: 'cycle',
      step: -1,
    });
    expect(workspaceAction(key({ key: 'Enter', code: 'Enter', ctrlKey: true, shiftKey: true }))).toEqual({
      kind: 'maximise',
    });
  });

  it('leaves Tab, Escape, plain Enter, key releases and the terminal’s own shortcuts alone', () => {
    for (const k of [
      key({ key: 'Tab', code: 'Tab' }),
      key({ key: 'Escape', code: 'Escape' }),
      key({ key: 'Enter', code: 'Enter' }),
      key({ key: 'F6', code: 'F6', type: 'keyup' }),
      key({ key: 'T', code: 'KeyT', ctrlKey: true, shiftKey: true }),
    ])
      expect(workspaceAction(k)).toBeNull();
    // …and no workspace shortcut is also a terminal shortcut.
    for (const code of ['Digit1', 'Digit6', 'Enter', 'F6'])
      expect(
        terminalAction({
          type: 'keydown',
          key: code,
          ctrlKey: true,
          shiftKey: true,
          altKey: false,
          metaKey: false,
        }),
      ).toBeNull();
  });
});

describe('tab strip keys', () => {
  it('arrows move round the ends, Home and End jump, other keys do nothing', () => {
    expect(tabForKey('ArrowRight', 2, 0)).toBe(1);
    expect(tabForKey('ArrowRight', 2, 1)).toBe(0);
    expect(tabForKey('ArrowLeft', 2, 0)).toBe(1);
    expect(tabForKey('Home', 3, 2)).toBe(0);
    expect(tabForKey('End', 3, 0)).toBe(2);
    expect(tabForKey('Enter', 3, 0)).toBeNull();
    expect(tabForKey('ArrowRight', 0, 0)).toBeNull();
  });
});
