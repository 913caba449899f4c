/**
 * The job summary (`$GITHUB_STEP_SUMMARY`): every finding, since annotations
 * stop at 10 of each kind per step, and the state of each runbook's sections.
 */

import type {VFile} from 'vfile'
import type {Finding} from './findings.js'

export type SectionState = 'filled' | 'placeholder' | 'empty' | 'missing'

export interface SectionSummary {
  readonly title: string
  readonly depth: number
  readonly state: SectionState
  /** Only on a section present at another depth or under another parent than the template's. */
  readonly placed?: boolean | undefined
  /** Only on a missing section the runbook need not have (optional, or a section above says it does not apply). */
  readonly required?: boolean | undefined
}

/** What the preset stores on `file.data.runbookSummary`. */
export interface RunbookSummary {
  readonly sections: ReadonlyArray<SectionSummary>
}

/** What the rules store on `file.data.runbookLayout`: the template a runbook was checked against, and how it was chosen. */
export interface RunbookLayout {
  readonly template: string
  readonly chosen: 'closest' | 'configured'
}

export interface RunbookReport {
  readonly file: string
  readonly findings: ReadonlyArray<Finding>
  /** The template the runbook was checked against, when the rules recorded it. */
  readonly layout?: RunbookLayout | undefined
  /** From the preset, or only the missing sections read from messages; undefined when nothing is known. */
  readonly sections: ReadonlyArray<SectionSummary> | undefined
  /** Whether `sections` lists only what the messages told (no `runbookSummary`). */
  readonly partial: boolean
}

/** GitHub refuses a step summary over 1 MiB; stay well below it. */
const maximumSize = 900 * 1024

const stateLabel: Record<SectionState, string> = {
  filled: '✅ filled',
  placeholder: '📝 placeholder',
  empty: '⚪ empty',
  missing: '❌ missing'
}

const missingHeading = /^Missing required heading `(#{1,6}) ([^`]+)`/

export function sectionsOf(file: VFile, findings: ReadonlyArray<Finding>): Pick<RunbookReport, 'sections' | 'partial' | 'layout'> {
  const recorded = file.data['runbookLayout'] as Partial<RunbookLayout> | undefined
  const layout = typeof recorded?.template === 'string' ? (recorded as RunbookLayout) : undefined
  const summary = file.data['runbookSummary'] as RunbookSummary | undefined
  if (summary && Array.isArray(summary.sections)) return {sections: summary.sections, partial: false, layout}

  const missing: SectionSummary[] = []
  for (const finding of findings) {
    if (finding.ruleId !== 'runbook-required-headings') continue
    const match = missingHeading.exec(finding.reason)
    if (match?.[1] && match[2]) missing.push({title: match[2], depth: match[1].length, state: 'missing'})
  }
  return {sections: missing.length > 0 ? missing : undefined, partial: true, layout}
}

export function formatSummary(reports: ReadonlyArray<RunbookReport>): string {
  const findings = reports.flatMap((report) => report.findings)
  const lines: string[] = [`## Runbook lint: ${headline(findings, reports.length)}`, '']

  if (findings.length > 0) {
    lines.push('| File | Line | Severity | Rule | Message |', '| ---- | ---: | -------- | ---- | ------- |')
    // Each rule's docs URL once, as a link definition, rather than on every row.
    const urls = new Map<string, string>()
    for (const finding of findings) {
      if (finding.ruleId && finding.url && !urls.has(finding.ruleId)) urls.set(finding.ruleId, finding.url)
    }
    let size = lines.join('\n').length
    let listed = 0
    for (const finding of findings) {
      const row = findingRow(finding, urls)
      if (size + row.length > maximumSize) break
      lines.push(row)
      size += row.length + 1
      listed++
    }
    if (listed < findings.length) {
      lines.push('', `${findings.length - listed} more findings are not listed: the summary would be over GitHub's size limit.`)
    }
    lines.push('')
    for (const [ruleId, url] of urls) lines.push(`[${ruleId}]: ${url}`)
    if (urls.size > 0) lines.push('')
  }

  for (const report of reports) {
    if (!report.sections) continue
    const section = [`### Sections of ${code(report.file || 'stdin')}`, '']
    if (report.layout) {
      const how = report.layout.chosen === 'closest' ? ', the built-in layout closest to it (no template is configured)' : ''
      section.push(`Checked against the ${code(report.layout.template)} template${how}.`, '')
    }
    if (report.partial) {
      section.push('Only the missing sections are known: the preset did not record this runbook’s sections.', '')
    }
    section.push('| Section | State |', '| ------- | ----- |')
    const top = Math.min(...report.sections.map((entry) => entry.depth))
    for (const entry of report.sections) {
      section.push(`| ${'&emsp;'.repeat(Math.max(0, entry.depth - top))}${cell(entry.title)} | ${stateText(entry)} |`)
    }
    section.push('')
    const text = section.join('\n')
    if (lines.join('\n').length + text.length > maximumSize) break
    lines.push(text)
  }

  return lines.join('\n') + '\n'
}

function stateText(entry: SectionSummary): string {
  if (entry.state === 'missing' && entry.required === false) return '➖ missing, not required'
  const label = stateLabel[entry.state] ?? cell(String(entry.state))
  return entry.state !== 'missing' && entry.placed === false ? `${label}, ⚠ out of place` : label
}

function headline(findings: ReadonlyArray<Finding>, files: number): string {
  const runbooks = `${files} ${files === 1 ? 'file' : 'files'}`
  if (findings.length === 0) return `no findings in ${runbooks}`
  const counts = (['error', 'warning', 'notice'] as const)
    .map((kind) => [kind, findings.filter((finding) => finding.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}${count === 1 ? '' : 's'}`)
  return `${counts.join(', ')} in ${runbooks}`
}

function findingRow(finding: Finding, urls: ReadonlyMap<string, string>): string {
  const rule = finding.ruleId ?? finding.source ?? ''
  const ruleCell = finding.ruleId && urls.has(finding.ruleId) ? `[${code(rule)}][${finding.ruleId}]` : rule ? code(rule) : ''
  const line = finding.line === undefined ? '' : String(finding.line)
  return `| ${code(finding.file || 'stdin')} | ${line} | ${finding.kind} | ${ruleCell} | ${cell(finding.reason)} |`
}

/** Text inside a table cell: pipes would end the cell, line endings the row. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll(/\r?\n|\r/g, '<br>')
}

/** A code span that survives backticks in file names. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const padding = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return fence + padding + cell(text) + padding + fence
}
