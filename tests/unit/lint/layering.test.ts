import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: root });

/** Lints source text as if it were a file at `relativePath`, returning the rule ids that fired. */
async function rulesFired(relativePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, relativePath) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the layering rule', () => {
  it.each([
    ['shared/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['shared/probe.ts', "import React from 'react';\nexport const a = React;\n"],
    ['shared/probe.ts', "import fs from 'node:fs';\nexport const a = fs;\n"],
    ['shared/probe.ts', "import fs from 'fs';\nexport const a = fs;\n"],
    ['shared/probe.ts', "import { App } from '../renderer/App';\nexport const a = App;\n"],
    ['shared/feeds/probe.ts', "import { x } from '../../electron/ipc';\nexport const a = x;\n"],
    ['renderer/probe.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['renderer/probe.ts', "import path from 'node:path';\nexport const a = path;\n"],
    ['renderer/components/Probe.tsx', "import { registerHostHandlers } from '../../electron/ipc';\nexport const a = registerHostHandlers;\n"],
    ['electron/probe.ts', "import { App } from '../renderer/App';\nexport const a = App;\n"],
  ])('rejects a forbidden import in %s', async (file, source) => {
    expect(await rulesFired(file, source)).toContain('no-restricted-imports');
  });

  it('rejects DOM and Node globals in shared/', async () => {
    const fired = await rulesFired('shared/probe.ts', 'export const a = document.title + Buffer.from("x").length;\n');
    expect(fired.filter((rule) => rule === 'no-restricted-globals')).toHaveLength(2);
  });

  it.each([
    ['renderer/probe.ts', "import { hostChannel } from '../shared/host';\nexport const a = hostChannel;\n"],
    ['electron/probe.ts', "import path from 'node:path';\nimport { app } from 'electron';\nimport { hostChannel } from '../shared/host';\nexport const a = [path, app, hostChannel];\n"],
    ['shared/probe.ts', "import Dexie from 'dexie';\nimport { hostChannel } from './host';\nexport const a = [Dexie, hostChannel];\n"],
  ])('allows imports that point into shared/ from %s', async (file, source) => {
    expect(await rulesFired(file, source)).toEqual([]);
  });
});
