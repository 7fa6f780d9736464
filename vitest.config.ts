import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ once before any test: the CLI tests never run stale output, and none skips for a missing dist/.
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Load tests open real sockets and spawn worker threads; keep parallelism modest on 2 cores.
    maxWorkers: 2,
    // Console output fits the terminal width (COLUMNS when not a TTY): tests that look for whole lines in
    // the CLI's output get a wide one; the fit itself is tested at explicit widths (100 and 80).
    env: { COLUMNS: '1000' },
  },
});
