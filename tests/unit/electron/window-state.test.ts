import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../../electron/window-state';

const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
const tempFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'broadsheet-window-')), 'window-state.json');

describe('window state', () => {
  it('remembers size, position and maximised state between runs', () => {
    const file = tempFile();
    saveWindowState(file, { bounds: { x: 100, y: 80, width: 1100, height: 760 }, maximized: true });
    expect(loadWindowState(file, displays)).toEqual({ bounds: { x: 100, y: 80, width: 1100, height: 760 }, maximized: true });
  });

  it('starts with the default size when nothing was saved or the file is corrupt', () => {
    expect(loadWindowState(tempFile(), displays)).toEqual(DEFAULT_WINDOW_STATE);
    const file = tempFile();
    writeFileSync(file, '{"bounds": {"width": "huge"');
    expect(loadWindowState(file, displays)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify({ bounds: { width: 50, height: 1e9 }, maximized: false }));
    expect(loadWindowState(file, displays)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('drops a position that is on a display no longer attached, keeping the size', () => {
    const file = tempFile();
    saveWindowState(file, { bounds: { x: 3000, y: 200, width: 900, height: 600 }, maximized: false });
    expect(loadWindowState(file, displays)).toEqual({ bounds: { width: 900, height: 600 }, maximized: false });
  });

  it('writes the file whole (no temp file left behind)', () => {
    const file = tempFile();
    saveWindowState(file, DEFAULT_WINDOW_STATE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(DEFAULT_WINDOW_STATE);
    expect(() => readFileSync(`${file}.tmp`)).toThrow();
  });
});
