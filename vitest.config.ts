import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // End-to-end tests spawn the real CLI and npm; the unit tests are fast.
    testTimeout: 30_000,
    hookTimeout: 180_000
  }
})
