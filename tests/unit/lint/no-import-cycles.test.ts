/**
 * No import circles in the product's code (CONVENTIONS: "arrows point one way"), type-only imports included: a
 * circle through types still ties two modules' designs together. ESLint's import plugins would do this too, but
 * they add a resolver and seconds to every lint run; TypeScript's own import scanner over ~300 files takes well
 * under a second.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PRODUCT_FOLDERS = ['shared', 'electron', 'renderer'];
const EXTENSIONS = ['.ts', '.tsx'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The relative imports of each file (static, dynamic and type-only), resolved to files of the graph. */
function importGraph(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const resolve = (from: string, specifier: string): string | undefined => {
    const base = path.resolve(path.dirname(from), specifier);
    const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
    return candidates.find((candidate) => files.has(candidate));
  };
  const graph = new Map<string, string[]>();
  for (const [file, source] of files) {
    const { importedFiles } = ts.preProcessFile(source, true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => resolve(file, specifier))
      .filter((target): target is string => target !== undefined);
    graph.set(file, targets);
  }
  return graph;
}

/** Each strongly connected set of two or more files (or a file importing itself): Tarjan's algorithm. */
function importCycles(files: ReadonlyMap<string, string>): string[][] {
  const graph = importGraph(files);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const members: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      members.push(member);
    } while (member !== file);
    if (members.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(members.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

describe('import cycles', () => {
  it('finds a circle, type-only imports included, and leaves a one-way chain alone', () => {
    const files = new Map([
      ['/p/a.ts', "import { b } from './b';\nexport const a = b;\n"],
      ['/p/b.ts', "import type { C } from './c';\nexport const b: C = 1;\n"],
      ['/p/c.ts', "import type { A } from './a';\nexport type C = A;\n"],
      ['/p/d.ts', "import { a } from './a';\nexport const d = a;\n"],
    ]);
    expect(importCycles(files)).toEqual([['/p/a.ts', '/p/b.ts', '/p/c.ts']]);
    files.set('/p/c.ts', 'export type C = number;\n');
    expect(importCycles(files)).toEqual([]);
  });

  it('there are none in shared/, electron/ and renderer/', () => {
    const files = new Map<string, string>();
    for (const folder of PRODUCT_FOLDERS) {
      for (const file of sourceFiles(path.join(root, folder))) files.set(file, readFileSync(file, 'utf8'));
    }
    expect(files.size).toBeGreaterThan(200);
    const cycles = importCycles(files).map((cycle) => cycle.map((file) => path.relative(root, file)).join(' ↔ '));
    expect(cycles).toEqual([]);
  });
});
