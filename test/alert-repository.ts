/**
 * A team's repository with Prometheus alerting rules and their runbooks
 * (`fixtures/alert-coverage/team`): plain rule files and `PrometheusRule`
 * objects, links under `runbook_url` and `runbook`, quoted keys, one alert
 * defined twice, a page that lists alerts in a table, and every finding of
 * `runbook-alert-coverage` once. Every entry point must report the same
 * findings of that rule for it: test/alert-coverage.test.ts (`remark`,
 * `remark-runbook`), test/pre-commit.test.ts and test/action.test.ts.
 */

import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {fixtures, toolEnv} from './helpers.js'
import type {Findings} from './team-repository.js'

export const alertFixture = path.join(fixtures, 'alert-coverage', 'team')

/** The rule's options in the team's configuration. */
export const alertOptions = {
  alertRules: ['monitoring/*.yaml'],
  runbookUrls: {'https://runbooks.example.org/': 'docs/runbooks/', 'https://github.com/example/ops/blob/main/': '.'},
  severities: ['critical', 'warning']
}

export const alertPlugins: unknown[] = ['remark-preset-runbook', ['remark-lint-runbook-alert-coverage', ['error', alertOptions]]]

/** `line:column ruleId severity` of each finding of `runbook-alert-coverage`, by file. */
export const alertFindings: Findings = {
  'docs/runbooks/NodeDown.md': ['1:3 runbook-alert-coverage error'],
  'docs/runbooks/OldQueueStalled.md': ['1:1 runbook-alert-coverage warning'],
  'monitoring/app-rules.yaml': [
    '23:16 runbook-alert-coverage error',
    '41:26 runbook-alert-coverage error',
    '42:16 runbook-alert-coverage error'
  ],
  'monitoring/platform-rules.yaml': ['22:26 runbook-alert-coverage error', '45:26 runbook-alert-coverage error']
}

/** Only the findings of `runbook-alert-coverage`. */
export function coverageOnly(findings: Findings): Findings {
  const result: Findings = {}
  for (const [file, list] of Object.entries(findings)) {
    const own = list.filter((finding) => finding.includes(' runbook-alert-coverage '))
    if (own.length > 0) result[file] = own
  }
  return result
}

/** Copy the team's repository into `directory` (a new git repository) with its `.remarkrc.json`. */
export function writeAlertRepository(directory: string, plugins: unknown[] = alertPlugins): void {
  fs.cpSync(alertFixture, directory, {recursive: true})
  fs.writeFileSync(path.join(directory, '.remarkrc.json'), JSON.stringify({plugins}, null, 2) + '\n')
  execFileSync('git', ['init', '--quiet'], {cwd: directory, env: toolEnv()})
}
