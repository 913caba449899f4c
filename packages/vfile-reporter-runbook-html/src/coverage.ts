/**
 * The alerts of the rule set and their runbooks, when `runbook-alert-coverage`
 * recorded them (`file.data.runbookAlertCoverage`, on one file of the run):
 * a table of every alert with the state of its runbook (good, with errors,
 * a link that leads nowhere, none), the runbooks no alert links to, and the
 * findings in the rule files, which are not runbooks and get no row of
 * their own.
 */

import path from 'node:path'
import type {VFile} from 'vfile'
import {kindOf, relativePath} from './facts.js'

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

const states: Record<AlertState, readonly [label: string, cell: '' | 'bad' | 'warn']> = {
  none: ['No runbook', 'bad'],
  dead: ['Link leads nowhere', 'bad'],
  poor: ['Runbook with errors', 'warn'],
  unchecked: ['Runbook not linted in this run', ''],
  elsewhere: ['Runbook outside the repository', ''],
  good: ['Good runbook', ''],
  'not-required': ['None needed for its severity', '']
}

export interface CoverageSection {
  /** The section, or `''` when the run recorded no coverage. */
  readonly html: string
  /** The rule files among the files: not runbooks. */
  readonly ruleFiles: ReadonlySet<VFile>
}

/**
 * The section for `files`, and which of them are rule files. `link` gives
 * the page's address of a runbook's details.
 */
export function coverageSection(files: ReadonlyArray<VFile>, workspace: string, link: (file: string) => string): CoverageSection {
  const carrier = files.find((file) => file.data['runbookAlertCoverage'])
  const coverage = carrier?.data['runbookAlertCoverage'] as Coverage | undefined
  if (!carrier || !coverage || !Array.isArray(coverage.alerts as unknown)) return {html: '', ruleFiles: new Set()}

  const shown = (value: string) => {
    const absolute = path.resolve(carrier.cwd, value)
    const relative = path.relative(workspace, absolute)
    return (relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative).split(path.sep).join('/')
  }
  const ruleFilePaths = new Set(coverage.ruleFiles.map((entry) => shown(entry.file)))
  const ruleFiles = new Set(files.filter((file) => ruleFilePaths.has(relativePath(file, workspace))))
  const runbooks = new Set(files.filter((file) => !ruleFiles.has(file)).map((file) => relativePath(file, workspace)))
  const page = (file: string) => {
    const name = shown(file)
    return runbooks.has(name) ? `<a href="${escape(link(name))}">${escape(name)}</a>` : `<code>${escape(name)}</code>`
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
    if (count(state) > 0) parts.push(`${count(state)}: ${states[state][0].toLowerCase()}`)
  }

  const alerts = [...coverage.alerts].sort(
    (left, right) => order.indexOf(left.state) - order.indexOf(right.state) || left.name.localeCompare(right.name)
  )
  const rows = alerts.map((alert) => {
    const [label, cell] = states[alert.state] ?? [String(alert.state), '']
    const severities = [...new Set(alert.rules.flatMap((rule) => (rule.severity ? [rule.severity] : [])))].join(', ')
    const rules = alert.rules.map((rule) => `<code>${escape(`${shown(rule.file)}:${rule.line}`)}</code>`).join('<br>')
    return `<tr data-state="${escape(alert.state)}"><th scope="row">${escape(alert.name)}</th><td>${escape(severities || '—')}</td><td>${rules}</td><td>${alert.runbooks.map((runbook) => page(runbook)).join('<br>') || '—'}</td><td${cell ? ` class="${cell}"` : ''}>${label}</td></tr>`
  })

  const findings = [...ruleFiles].flatMap((file) =>
    file.messages.map((message) => {
      const place = message.place
      const start = place && 'start' in place ? place.start : place
      const kind = kindOf(message)
      return `<tr><th scope="row"><code>${escape(relativePath(file, workspace))}</code></th><td class="num">${start?.line ?? ''}</td><td${kind === 'error' ? ' class="bad"' : kind === 'warning' ? ' class="warn"' : ''}>${kind}</td><td>${escape(message.reason)}</td></tr>`
    })
  )

  const html = [
    '<section id="alerts" aria-labelledby="alerts-heading">',
    '<h2 id="alerts-heading">Alerts and their runbooks</h2>',
    `<p id="alert-totals">${plural(coverage.alerts.length, 'alert')} in ${plural(coverage.ruleFiles.length, 'rule file')}: ${parts.join(', ')}; ${plural(coverage.orphans.length, 'runbook')} that no alert links to.</p>`,
    rows.length > 0
      ? `<table id="alert-coverage"><caption>Each alert of the rule files, those that need work first.</caption>
<thead><tr><th scope="col">Alert</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Runbook</th><th scope="col">State</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`
      : '',
    coverage.orphans.length > 0
      ? `<h3 id="orphans-heading">Runbooks that no alert links to</h3>\n<ul id="orphans">${coverage.orphans.map((orphan) => `<li>${page(orphan)}</li>`).join('')}</ul>`
      : '',
    findings.length > 0
      ? `<h3 id="rule-findings-heading">Findings in the rule files</h3>
<table id="rule-findings"><thead><tr><th scope="col">File</th><th scope="col" class="num">Line</th><th scope="col">Severity</th><th scope="col">Message</th></tr></thead>
<tbody>
${findings.join('\n')}
</tbody></table>`
      : '',
    '</section>'
  ]
    .filter((part) => part !== '')
    .join('\n')
  return {html, ruleFiles}
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}
