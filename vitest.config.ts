import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'examples/**/*.test.ts', 'test/docs-links.test.ts'],
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Their own project (below): they need the local cluster, which `npm test` does not bring up.
          exclude: [...configDefaults.exclude, 'test/e2e/kubernetes/**'],
          setupFiles: ['test/e2e/support/setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Drills measure time: running them side by side on 2 cores would blur the figures.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'k8s',
          include: ['test/e2e/kubernetes/**/*.test.ts'],
          setupFiles: ['test/e2e/support/setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
