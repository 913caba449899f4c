/**
 * A reporter for the benchmark that times another one, in the process of a
 * real run: `--report /path/to/bench/timed-reporter.js=reporter:"sarif"`.
 * It loads the reporter named in `reporter` (the names `remark-runbook`
 * gives its bundled reporters, or `vfile-reporter`, remark's default), calls
 * it with the other options, and appends one line of JSON to the file that
 * `BENCH_REPORT_TIMES` names: the milliseconds to load the module and to
 * format the report, the report's length, and the number of messages.
 */

import fs from 'node:fs'

const modules = {
  runbook: 'vfile-reporter-runbook',
  json: 'vfile-reporter-runbook/json',
  sarif: 'vfile-reporter-sarif',
  'github-actions': 'vfile-reporter-github-actions',
  'vfile-reporter': 'vfile-reporter'
}

export default async function timedReporter(files, options = {}) {
  const {reporter = 'runbook', ...rest} = options
  if (!Object.hasOwn(modules, reporter)) throw new Error(`Unknown reporter \`${reporter}\`, expected one of ${Object.keys(modules).join(', ')}`)
  let start = performance.now()
  const module = await import(modules[reporter])
  const load = performance.now() - start
  const format = module.default ?? module.reporter
  start = performance.now()
  const report = format(files, rest)
  const formatting = performance.now() - start
  const messages = files.reduce((sum, file) => sum + file.messages.length, 0)
  if (process.env.BENCH_REPORT_TIMES) {
    fs.appendFileSync(process.env.BENCH_REPORT_TIMES, JSON.stringify({reporter, load, format: formatting, length: report.length, messages}) + '\n')
  }
  return report
}
