/**
 * The alerts of the rule set and their runbooks, when `runbook-alert-coverage`
 * recorded them (`file.data.runbookAlertCoverage`, on one file of the run):
 * how many have a good runbook, a poor one, a link that leads nowhere or
 * none, and the runbooks no alert links to, for the job summary.
 */

import path from 'node:path'
import type {VFile} from 'vfile'

type AlertState = 'good' | 'poor' | 'unchecked' | 'dead' | 'none' | 'not-required' | 'elsewhere'

interface Coverage {
  readonly ruleFiles: ReadonlyArray<{readonly file: string}>
  readonly alerts: ReadonlyArray<{
    readonly name: string
    readonly rules: ReadonlyArray<{readonly file: string; readonly line: number; readonly severity?: string}>
    readonly runbooks: ReadonlyArray<string>
    readonly state: AlertState
  }>
  readonly orphans: ReadonlyArray<string>
}

/** Worst first. */
const order: ReadonlyArray<AlertState> = ['none', 'dead', 'poor', 'unchecked', 'elsewhere', 'good', 'not-required']

const label: Record<AlertState, string> = {
  none: '❌ no runbook',
  dead: '❌ link leads nowhere',
  poor: '⚠️ runbook with errors',
  unchecked: '➖ runbook not linted in this run',
  elsewhere: '↗️ runbook outside the repository',
  good: '✅ good runbook',
  'not-required': '➖ none needed for its severity'
}

/** At most this many alerts are listed: the summary has a size limit. */
const maximumRows = 1000

export function formatCoverage(files: ReadonlyArray<VFile>, workspace: string): string {
  const file = files.find((each) => each.data['runbookAlertCoverage'])
  const coverage = file?.data['runbookAlertCoverage'] as Coverage | undefined
  if (!file || !coverage || !Array.isArray(coverage.alerts as unknown)) return ''
  const shown = (value: string) => {
    const relative = path.relative(workspace, path.resolve(file.cwd, value))
    return (relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file.cwd, value) : relative).split(path.sep).join('/')
  }
  const count = (state: AlertState) => coverage.alerts.filter((alert) => alert.state === state).length
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const parts = [
    `${count('good')} with a good runbook`,
    `${count('poor')} with a runbook that has errors`,
    `${count('dead')} with a link that leads nowhere`,
    `${count('none')} without a runbook`
  ]
  for (const state of ['unchecked', 'elsewhere', 'not-required'] as const) {
    if (count(state) > 0) parts.push(`${count(state)} ${label[state].replace(/^\S+ /, '')}`)
  }
  const lines = [
    '### Alerts and their runbooks',
    '',
    `${plural(coverage.alerts.length, 'alert')} in ${plural(coverage.ruleFiles.length, 'rule file')}: ${parts.join(', ')}; ${plural(coverage.orphans.length, 'runbook')} that no alert links to.`,
    ''
  ]
  const alerts = [...coverage.alerts].sort(
    (left, right) => order.indexOf(left.state) - order.indexOf(right.state) || left.name.localeCompare(right.name)
  )
  if (alerts.length > 0) {
    lines.push('| Alert | Severity | Rule | Runbook | State |', '| ----- | -------- | ---- | ------- | ----- |')
    for (const alert of alerts.slice(0, maximumRows)) {
      const rule = alert.rules[0]
      const severities = [...new Set(alert.rules.flatMap((each) => (each.severity ? [each.severity] : [])))].join(', ')
      const runbooks = alert.runbooks.map((runbook) => code(shown(runbook))).join(', ') || '—'
      lines.push(`| ${code(alert.name)} | ${cell(severities || '—')} | ${rule ? code(`${shown(rule.file)}:${rule.line}`) : '—'} | ${runbooks} | ${label[alert.state] ?? cell(String(alert.state))} |`)
    }
    if (alerts.length > maximumRows) lines.push('', `${alerts.length - maximumRows} more alerts are not listed.`)
    lines.push('')
  }
  if (coverage.orphans.length > 0) {
    lines.push(`Runbooks that no alert links to: ${coverage.orphans.map((orphan) => code(shown(orphan))).join(', ')}.`, '')
  }
  return lines.join('\n') + '\n'
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll(/\r?\n|\r/g, ' ')
}

function code(text: string): string {
  return '`' + cell(text).replaceAll('`', '') + '`'
}
