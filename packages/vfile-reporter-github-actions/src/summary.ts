/**
 * The job summary (`$GITHUB_STEP_SUMMARY`): every finding, since annotations
 * stop at 10 of each kind per step, and the state of each runbook's sections.
 */

import {splitCodeSpans} from 'remark-lint-runbook-no-secrets/mask'
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

/** What the summary says about annotations: which findings got one, and which files the pull request changes. */
export interface Annotated {
  readonly annotated: ReadonlySet<Finding>
  readonly changed?: ReadonlySet<string> | undefined
}

export function formatSummary(reports: ReadonlyArray<RunbookReport>, annotations?: Annotated): string {
  const findings = reports.flatMap((report) => report.findings)
  const lines: string[] = [`## Runbook lint: ${headline(findings, reports.length)}`, '']

  if (annotations) {
    const missed = notAnnotated(findings, annotations)
    if (missed) lines.push(missed, '')
  }

  if (findings.length > 0) {
    lines.push('| File | Line | Severity | Rule | Message |', '| ---- | ---: | -------- | ---- | ------- |')
    // Each rule's docs URL once, as a link definition, rather than on every row.
    const urls = new Map<string, {label: string; url: string}>()
    for (const finding of findings) {
      if (finding.ruleId && finding.url && !urls.has(finding.ruleId) && /^https?:\/\//i.test(finding.url)) {
        const label = /^[A-Za-z0-9._@/:-]{1,100}$/.test(finding.ruleId) ? finding.ruleId : `rule-${urls.size + 1}`
        urls.set(finding.ruleId, {label, url: finding.url})
      }
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
    for (const {label, url} of urls.values()) lines.push(`[${label}]: ${destination(url)}`)
    if (urls.size > 0) lines.push('')
  }

  let size = lines.join('\n').length
  for (const report of reports) {
    if (!report.sections) continue
    const section = [`### Sections of ${code(report.file || 'stdin')}`, '']
    if (report.layout) {
      // No template configured and `template: auto` alike: each runbook gets the built-in layout it follows most closely.
      const how = report.layout.chosen === 'closest' ? ', the built-in layout it follows most closely (template `auto`)' : ''
      section.push(`Checked against the ${code(report.layout.template)} template${how}.`, '')
    }
    if (report.partial) {
      section.push('Only the missing sections are known: the preset did not record this runbook’s sections.', '')
    }
    section.push('| Section | State |', '| ------- | ----- |')
    let top = 6
    for (const entry of report.sections) if (entry.depth < top) top = entry.depth
    for (const entry of report.sections) {
      section.push(`| ${'&emsp;'.repeat(Math.max(0, Math.min(5, entry.depth - top)))}${text(entry.title)} | ${stateText(entry)} |`)
    }
    section.push('')
    const body = section.join('\n')
    if (size + body.length > maximumSize) break
    lines.push(body)
    size += body.length + 1
  }

  return lines.join('\n') + '\n'
}

/**
 * How many findings have no annotation, and which files they are in (the
 * files the change touches first), when any: GitHub drops annotations past
 * its limits without a word.
 */
function notAnnotated(findings: ReadonlyArray<Finding>, {annotated, changed}: Annotated): string | undefined {
  const byFile = new Map<string, number>()
  let count = 0
  for (const finding of findings) {
    if (annotated.has(finding)) continue
    count++
    byFile.set(finding.file, (byFile.get(finding.file) ?? 0) + 1)
  }
  if (count === 0) return undefined
  const files = [...byFile.entries()].sort(
    ([a, countA], [b, countB]) => Number(changed?.has(b) ?? false) - Number(changed?.has(a) ?? false) || countB - countA || (a < b ? -1 : a > b ? 1 : 0)
  )
  const shown = files.slice(0, 50).map(([file, n]) => `${n} in ${code(file || 'stdin')}${changed?.has(file) ? ' (changed here)' : ''}`)
  if (files.length > shown.length) shown.push(`and ${files.length - shown.length} more files`)
  return (
    `${count} of ${findings.length} ${findings.length === 1 ? 'finding has' : 'findings have'} no annotation (GitHub shows at most 10 errors, 10 warnings and 10 notices per step; ` +
    `annotations went to ${changed ? 'the files this change touches, then to ' : ''}secrets and password storage, then missing sections, then the rest, spread over files). ` +
    `They are in the table below: ${shown.join(', ')}.`
  )
}

function stateText(entry: SectionSummary): string {
  if (entry.state === 'missing' && entry.required === false) return '➖ missing, not required'
  const label = stateLabel[entry.state] ?? text(String(entry.state))
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

function findingRow(finding: Finding, urls: ReadonlyMap<string, {label: string}>): string {
  const rule = finding.ruleId ?? finding.source ?? ''
  const link = finding.ruleId ? urls.get(finding.ruleId) : undefined
  const ruleCell = link ? `[${code(rule)}][${link.label}]` : rule ? code(rule) : ''
  const line = finding.line === undefined ? '' : String(finding.line)
  return `| ${code(finding.file || 'stdin')} | ${line} | ${finding.kind} | ${ruleCell} | ${inline(finding.reason)} |`
}

/**
 * Text from a document or a plugin, written so that nothing in it can open
 * HTML, a link, an image, emphasis, a code span or a table cell: every ASCII
 * punctuation character backslash-escaped (CommonMark makes each a literal),
 * line endings as `<br>`. GFM also links bare URLs, `www.` names and e-mail
 * addresses in text, escaped or not (remark-gfm finds them in the text after
 * escapes are read): a word with `://`, `www.`, `@` or `mailto:` goes in a
 * code span, where nothing is linked.
 */
function text(value: string): string {
  return value
    .split(/(\s+)/)
    .map((word, index) => {
      if (index % 2 === 1) return /[\r\n]/.test(word) ? word.replaceAll(/\r?\n|\r/g, '<br>').replaceAll(/[^\S\r\n]/g, ' ').trim() : word
      return linkable.test(word) ? code(word) : word.replaceAll(/[!-/:-@[-`{-~]/g, '\\$&')
    })
    .join('')
}

/** What GFM's autolink literals start from. */
const linkable = /:\/\/|www\.|@|mailto:|xmpp:/i

/**
 * A code span around any text: a fence longer than any run of backticks in
 * it (padded when the text starts or ends with one), on one line, and `|`
 * escaped as GFM tables need inside code too (GitHub shows a backslash
 * before a pipe doubled, but keeps the cell whole). Nothing in a code span is
 * HTML or Markdown.
 */
function code(value: string): string {
  const single = value.replaceAll(/\r?\n|\r/g, ' ')
  let longest = 0
  let run = 0
  for (let index = 0; index < single.length; index++) {
    if (single.charCodeAt(index) === 96) longest = Math.max(longest, ++run)
    else run = 0
  }
  const fence = '`'.repeat(longest + 1)
  const padding = single.startsWith('`') || single.endsWith('`') || /^ .* $/.test(single) ? ' ' : ''
  // A table row splits at every `|` but `\\|`, reading `\\\\` as one escaped
  // backslash: the backslashes before a pipe are doubled, then the pipe escaped.
  return fence + padding + escapePipes(single) + padding + fence
}

/**
 * Each `|` escaped, the backslashes right before it doubled: one pass, where
 * `/(\\*)\|/g` goes over a long run of backslashes again from each of them.
 */
function escapePipes(text: string): string {
  let escaped = ''
  let from = 0
  for (let pipe = text.indexOf('|'); pipe !== -1; pipe = text.indexOf('|', from)) {
    let backslashes = pipe
    while (backslashes > from && text.charCodeAt(backslashes - 1) === 92) backslashes--
    escaped += text.slice(from, pipe) + text.slice(backslashes, pipe) + '\\|'
    from = pipe + 1
  }
  return escaped + text.slice(from)
}

/**
 * A message: its code spans as code, the rest as `text`. Two code spans
 * side by side would make one run of backticks of their fences, and
 * CommonMark would pair the fences otherwise: a space keeps them apart.
 */
function inline(value: string): string {
  let result = ''
  for (const part of splitCodeSpans(value)) {
    const written = part.code && part.value.trim() !== '' ? code(part.value) : text(part.raw)
    result += result.endsWith('`') && written.startsWith('`') ? ' ' + written : written
  }
  return result
}

/** A link destination in angle brackets, which can hold anything but `<`, `>` and line endings: those, and spaces, percent-encoded. */
function destination(url: string): string {
  return '<' + url.replaceAll(/[<>\s]/g, (character) => encodeURIComponent(character)) + '>'
}
