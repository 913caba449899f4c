/**
 * vfile reporter for GitHub Actions: `remark --report github-actions .`
 * prints one workflow command per message, which the runner turns into an
 * annotation on the file and line, and appends every finding to the job
 * summary, since GitHub shows only 10 annotations of each kind per step:
 * those go to the files the pull request changes, and to the findings that
 * matter most (see `budget.ts`).
 */

import fs from 'node:fs'
import process from 'node:process'
import {sanitizeFiles} from 'remark-lint-runbook-no-secrets/mask'
import type {VFile} from 'vfile'
import {chooseAnnotated, changedFiles} from './budget.js'
import {formatCommand, type AnnotationKind} from './commands.js'
import {formatCoverage} from './coverage.js'
import {findingsOf, relativePath, type Finding} from './findings.js'
import {formatSummary, sectionsOf, type RunbookReport} from './summary.js'

export {changedFiles, chooseAnnotated, rankOf} from './budget.js'
export {escapeData, escapeProperty, formatCommand, type AnnotationKind, type AnnotationProperties} from './commands.js'
export {findingsOf, kindOf, relativePath, type Finding} from './findings.js'
export {formatSummary, type Annotated, type RunbookSummary, type SectionState, type SectionSummary} from './summary.js'

export interface Options {
  /** Paths are made relative to this folder; default `$GITHUB_WORKSPACE`, else the current folder. */
  readonly workspace?: string | undefined
  /**
   * File to append the Markdown summary to; default `$GITHUB_STEP_SUMMARY`.
   * `false` writes no summary.
   */
  readonly summary?: string | false | undefined
  /**
   * The files the pull request changes (relative to the workspace), whose
   * findings are annotated first; default: found with git from the
   * workflow's event (see `changedFiles`); `false`: no file comes first.
   */
  readonly changed?: ReadonlyArray<string> | false | undefined
  /** Only report fatal messages (`remark --silent`). */
  readonly silent?: boolean | undefined
  // remark-cli also passes `color`, `quiet` and `verbose`; none applies here.
  readonly [key: string]: unknown
}

/** GitHub shows at most this many annotations of each kind per step and drops the rest. */
export const annotationLimit = 10

export default function reporterGithubActions(files: ReadonlyArray<VFile>, options: Options = {}): string {
  // No secret and no control character in any text or path.
  sanitizeFiles(files)
  const workspace = options.workspace || process.env['GITHUB_WORKSPACE'] || process.cwd()
  const summaryPath = options.summary === false ? undefined : options.summary || process.env['GITHUB_STEP_SUMMARY']

  const reports: RunbookReport[] = files.map((file) => {
    const findings = findingsOf(file, workspace, {silent: options.silent === true})
    return {file: relativePath(file, workspace), findings, ...sectionsOf(file, findings)}
  })
  const findings = reports.flatMap((report) => report.findings)
  const changed =
    options.changed === false
      ? undefined
      : Array.isArray(options.changed)
        ? new Set(options.changed.map((file) => file.split('\\').join('/')))
        : findings.length > annotationLimit
          ? changedFiles(workspace)
          : undefined
  const annotated = chooseAnnotations(findings, changed)

  let summaryWritten = false
  if (summaryPath) {
    fs.appendFileSync(summaryPath, formatSummary(reports, {annotated: new Set(annotated), changed}) + formatCoverage(files, workspace))
    summaryWritten = true
  }

  return formatAnnotations(findings, summaryWritten, changed)
}

/** How many of each kind may be annotated: one notice is kept for the count of the rest when any kind overflows. */
function limitsFor(findings: ReadonlyArray<Finding>): Record<AnnotationKind, number> {
  const total: Record<AnnotationKind, number> = {error: 0, warning: 0, notice: 0}
  for (const finding of findings) total[finding.kind]++
  const overflow = total.error > annotationLimit || total.warning > annotationLimit || total.notice > annotationLimit
  return {error: annotationLimit, warning: annotationLimit, notice: overflow ? annotationLimit - 1 : annotationLimit}
}

function chooseAnnotations(findings: ReadonlyArray<Finding>, changed: ReadonlySet<string> | undefined): Finding[] {
  return chooseAnnotated(findings, limitsFor(findings), changed)
}

/**
 * One command per finding, up to the limit of each kind, chosen as
 * `chooseAnnotated` does; then one notice saying how many were left out (it
 * takes a notice's place when needed).
 */
export function formatAnnotations(findings: ReadonlyArray<Finding>, summaryWritten = false, changed?: ReadonlySet<string>): string {
  const chosen = chooseAnnotations(findings, changed)
  const lines = chosen.map((finding) => annotation(finding))
  const omitted = findings.length - lines.length
  if (omitted > 0) {
    const where = summaryWritten
      ? 'the job summary lists every finding and says which files the others are in'
      : 'run `npx remark-runbook` on the runbooks to see every finding'
    const order = changed ? 'files this change touches first, then ' : ''
    lines.push(
      formatCommand(
        'notice',
        {title: 'Runbook lint'},
        `${omitted} of ${findings.length} findings were not annotated: GitHub shows at most ${annotationLimit} errors, ${annotationLimit} warnings and ${annotationLimit} notices per step, given to ${order}secrets and password storage, then missing sections, then the rest, spread over files; ${where}.`
      )
    )
  }

  return lines.length > 0 ? lines.join('\n') + '\n' : ''
}

export function annotation(finding: Finding): string {
  const oneLine = finding.endLine === undefined || finding.endLine === finding.line
  const text = [finding.reason, finding.note, finding.url].filter(Boolean).join('\n')
  return formatCommand(
    finding.kind,
    {
      file: finding.file || undefined,
      line: finding.line,
      endLine: finding.line === undefined ? undefined : finding.endLine,
      // The runner drops columns of a range over several lines.
      col: oneLine ? finding.column : undefined,
      endColumn: oneLine && finding.endColumn !== finding.column ? finding.endColumn : undefined,
      title: finding.ruleId ?? finding.source
    },
    text
  )
}
