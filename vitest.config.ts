import { defineConfig } from 'vitest/config';

const reports = process.env.BROADSHEET_TEST_REPORTS;

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: reports ? ['default', 'json'] : ['default'],
    outputFile: reports ? { json: `${reports}/unit.json` } : undefined,
  },
});
