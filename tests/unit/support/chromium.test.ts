import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, onPath } from '../../support/chromium';

let dir: string;
let fakeChromium: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-finder-'));
  fakeChromium = path.join(dir, 'chromium-browser');
  writeFileSync(fakeChromium, '#!/bin/sh\n');
  chmodSync(fakeChromium, 0o755);
  writeFileSync(path.join(dir, 'chromium'), 'not executable');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the browser finder', () => {
  it('uses CHROMIUM_PATH when it is set', () => {
    expect(findChromium({ CHROMIUM_PATH: fakeChromium, PATH: '' })).toEqual({ ok: true, chromium: { path: fakeChromium, source: 'CHROMIUM_PATH' } });
  });

  it('reports a CHROMIUM_PATH that points nowhere instead of picking another browser', () => {
    const lookup = findChromium({ CHROMIUM_PATH: path.join(dir, 'nowhere'), PATH: dir });
    expect(lookup.ok).toBe(false);
    if (!lookup.ok) expect(lookup.problem).toContain(`CHROMIUM_PATH is set to ${path.join(dir, 'nowhere')}`);
  });

  it('finds an executable chromium or chromium-browser on the PATH, skipping files that cannot run', () => {
    expect(onPath(['chromium', 'chromium-browser'], `/nonexistent${path.delimiter}${dir}`)).toBe(fakeChromium);
    expect(onPath(['chromium'], dir)).toBeUndefined();
  });

  it('says plainly that there is none when nothing is found', () => {
    const lookup = findChromium({ PATH: path.join(dir, 'empty') });
    // Playwright's own Chromium, where one was installed on this machine, is a legitimate find.
    if (lookup.ok) expect(lookup.chromium.source).toBe('Playwright');
    else expect(lookup.problem).toMatch(/^No Chromium: CHROMIUM_PATH is unset/);
  });
});
