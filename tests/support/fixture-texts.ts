/**
 * The text of every file under tests/fixtures (feeds, hostile inputs, pages, OPML…): real-world markup, entities,
 * scripts and encodings for tests that compare a fast path with its reference on everything the project keeps.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

export function fixtureTexts(): string[] {
  return filesUnder(fixtures).map((file) => readFileSync(file, 'utf8'));
}
