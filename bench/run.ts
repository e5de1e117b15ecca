/**
 * `npm run bench`: runs every benchmark and prints figures and ratios. Nothing here fails on a number:
 * timings on shared machines are noisy, so targets are read by people, not asserted.
 * `npm run bench -- search` runs only the benchmarks whose name contains "search".
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.startsWith('_'))
  .filter((file) => !only || file.includes(only))
  .sort();

for (const file of benches) {
  console.log(`\n=== ${file.replace(/\.ts$/, '')} ===`);
  const module = (await import(path.join(here, file))) as { run?: () => Promise<void> };
  if (typeof module.run !== 'function') {
    console.log('(no run() export: skipped)');
    continue;
  }
  await module.run();
}
