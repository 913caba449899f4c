import {defineConfig} from 'vitest/config'
import {BaseSequencer, type TestSpecification} from 'vitest/node'

/**
 * The files that wait longest on real tools, longest first: pre-commit's
 * install of the hook (npm install, npm pack) and the registry's (Verdaccio,
 * npm publish, npm install) take over a minute each on a fresh clone. Vitest
 * orders files it has no timings for (CI's fresh clone) by size, largest
 * first, which started these small files last and left one worker idle at
 * the end; started first, they run beside the rest.
 */
const slowest = ['pre-commit', 'registry', 'hostile', 'gitlab', 'reports']

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (file: TestSpecification) => {
      const index = slowest.findIndex((name) => /[\\/]test[\\/]([^\\/]+)\.test\.ts$/.exec(file.moduleId)?.[1] === name)
      return index === -1 ? slowest.length : index
    }
    return sorted
      .map((file, index) => ({file, index, rank: rank(file)}))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({file}) => file)
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // End-to-end tests spawn the real CLI, npm, npx, pre-commit and a
    // registry: at load 18 on 2 cores a 10-second test took 70. A timeout
    // only catches a hang, so it is set for the busiest machine, never as a
    // measure of speed (timings belong to \`npm run bench\`).
    testTimeout: 300_000,
    // Vitest takes one worker on a 2-core machine; the slowest files mostly
    // wait on child processes (pre-commit's npm install, a registry), so two
    // run side by side.
    maxWorkers: 2,
    // Each worker loads remark, the preset and the model once for all the
    // files it runs, not once per file: that load was about 40% of the CPU
    // time of the files that run no other process. No test changes the
    // process's state (its directory, environment or globals) or mocks a
    // module, which files sharing a worker would see.
    isolate: false,
    hookTimeout: 420_000,
    // A quarter of Node.js's default call stack (984 KB): a call given one
    // argument per finding, paragraph or row (\`push(...rows)\`) overflows at
    // about 27,000 of them instead of 125,000, so the tests of many findings
    // prove there is none with 40,000, a fifth of the work. Only the test
    // workers run with it; the commands they start have Node.js's default.
    // A young generation of 64 MB semi-spaces instead of 16: the documents of
    // megabytes and of 100,000 headings make garbage fast, and collected it
    // a few milliseconds at a time in a heap of 800 MB (about 12% less CPU
    // time for the hostile inputs).
    execArgv: ['--stack-size=200', '--max-semi-space-size=64'],
    sequence: {sequencer: SlowestFirst}
  }
})
