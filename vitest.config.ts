import { resolve } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const alias = { '@shared': resolve(import.meta.dirname, 'shared') };

/** Tests of the fakes themselves (test/fakes/**), by name where they live, and any under test/fakes-self/. */
const FAKE_SELF_TESTS = ['test/integration/fake-*.test.ts', 'test/fakes-self/**/*.test.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...FAKE_SELF_TESTS],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        // The fakes' own tests: that test/fakes/** speak the real services' wire formats and
        // that their scripting helpers work. Counted apart from the tests of FROK itself.
        resolve: { alias },
        test: { name: 'fakes', include: [...FAKE_SELF_TESTS], environment: 'node', testTimeout: 30_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: one browser at a time keeps timings honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
