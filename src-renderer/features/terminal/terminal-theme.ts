/** xterm.js colours matching the app's light and dark themes (styles/app.css variables). */
import type { ITheme } from '@xterm/xterm';

export const LIGHT_THEME: ITheme = {
  background: '#ffffff',
  foreground: '#1d2330',
  cursor: '#2f5fd0',
  cursorAccent: '#ffffff',
  selectionBackground: '#b7cdfb',
  black: '#1d2330',
  red: '#c53030',
  green: '#1f8a4c',
  yellow: '#9c6a12',
  blue: '#2f5fd0',
  magenta: '#8e3fb8',
  cyan: '#137a8a',
  white: '#d5d9e0',
  brightBlack: '#5d6675',
  brightWhite: '#f7f8fa',
};

export const DARK_THEME: ITheme = {
  background: '#16181d',
  foreground: '#e3e6ec',
  cursor: '#7aa2ff',
  cursorAccent: '#16181d',
  selectionBackground: '#2a3a5c',
  black: '#16181d',
  red: '#ff6b6b',
  green: '#4cc38a',
  yellow: '#e0b050',
  blue: '#7aa2ff',
  magenta: '#d191ff',
  cyan: '#5ccfe6',
  white: '#e3e6ec',
  brightBlack: '#9aa3b2',
  brightWhite: '#ffffff',
};

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function currentTheme(): ITheme {
  return window.matchMedia(DARK_QUERY).matches ? DARK_THEME : LIGHT_THEME;
}

/** Calls back with the new theme when the OS switches; returns the unsubscribe. */
export function onThemeChange(listener: (theme: ITheme) => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  const handler = () => listener(currentTheme());
  query.addEventListener('change', handler);
  return () => query.removeEventListener('change', handler);
}
