import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // End-to-end tests spawn the real CLI and npm; the unit tests are fast.
    testTimeout: 30_000,
    // Vitest takes one worker on a 2-core machine; the slowest files mostly
    // wait on child processes (pre-commit's npm install, a registry), so two
    // run side by side.
    maxWorkers: 2,
    hookTimeout: 180_000
  }
})
