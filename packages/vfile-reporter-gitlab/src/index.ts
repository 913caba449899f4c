/**
 * vfile reporter that writes a GitLab Code Quality report: `remark --report
 * gitlab .` prints it, `--report gitlab=output:"gl-code-quality-report.json"`
 * writes it to the file a CI job publishes with
 * `artifacts: reports: codequality:`, and GitLab shows the findings in the
 * merge request.
 */

import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import {sanitizeFiles} from 'remark-lint-runbook-no-secrets/mask'
import {writeFileAtomic} from 'runbook-model'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

export interface Options {
  /** File to write the report to (relative to the current folder); without it the report is returned for printing. */
  readonly output?: string | undefined
  /** Paths are relative to this folder; default: the git repository around the current folder, else the current folder. */
  readonly root?: string | undefined
  /** Only report fatal messages (`remark --silent`). */
  readonly silent?: boolean | undefined
  // remark-cli also passes `color`, `quiet` and `verbose`; none applies here.
  readonly [key: string]: unknown
}

/** GitLab's severities, from least to most severe. */
export type Severity = 'info' | 'minor' | 'major' | 'critical' | 'blocker'

/** One issue of a Code Quality report, with the fields GitLab reads. */
export interface CodeQualityIssue {
  /** The message's reason. */
  description: string
  /** The rule id (else the message's source, else `remark`). */
  check_name: string
  /** Unique in the report; the same for the same finding in the next run, wherever its line moved. */
  fingerprint: string
  severity: Severity
  location: {
    /** Relative to the repository root, with `/`. */
    path: string
    lines: {begin: number; end?: number}
  }
}

export default function reporterGitlab(files: ReadonlyArray<VFile>, options: Options = {}): string {
  const text = JSON.stringify(toCodeQuality(files, options), null, 2) + '\n'
  if (typeof options.output === 'string' && options.output !== '') {
    // Through a temporary file: a full disk leaves the last report whole.
    writeFileAtomic(path.resolve(options.output), text)
    return ''
  }
  return text
}

export function toCodeQuality(files: ReadonlyArray<VFile>, options: Options = {}): CodeQualityIssue[] {
  // No secret and no control character in any text or path.
  sanitizeFiles(files)
  const root = options.root ? path.resolve(options.root) : repositoryRoot(process.cwd())
  const issues: CodeQualityIssue[] = []
  const seen = new Set<string>()
  for (const file of files) {
    const filePath = relativePath(file, root)
    // How many findings so far had the same path, rule and subject.
    const occurrences = new Map<string, number>()
    for (const message of [...file.messages].sort(byPlace)) {
      const severity = severityOf(message)
      if (options.silent && severity !== 'major') continue
      const checkName = message.ruleId ?? message.source ?? 'remark'
      const key = JSON.stringify([filePath, checkName, subjectOf(message.reason)])
      let index = occurrences.get(key) ?? 0
      let fingerprint = fingerprintOf(key, index)
      // A file given twice: its findings are told apart, not dropped by GitLab.
      while (seen.has(fingerprint)) fingerprint = fingerprintOf(key, ++index)
      occurrences.set(key, index + 1)
      seen.add(fingerprint)
      issues.push({
        description: message.reason,
        check_name: checkName,
        fingerprint,
        severity,
        // A finding in another file (`message.file`: a rule file's, carried
        // by a runbook under `remark`) is located in that file.
        location: {path: elsewhere(message, file) ? relativePath(new VFile({path: message.file!, cwd: file.cwd}), root) : filePath, lines: linesOf(message)}
      })
    }
  }
  return issues
}

/** Fatal messages (remark's errors) are `major`, warnings `minor`, the rest `info`. */
export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'major' : message.fatal === false ? 'minor' : 'info'
}

/**
 * The lines of a message, from 1; `end` only when it spans lines. A message
 * about the whole file (one that could not be read, say) is on line 1.
 */
export function linesOf(message: VFileMessage): {begin: number; end?: number} {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'start' in place ? place.end : undefined
  const begin = start?.line ?? message.line
  if (typeof begin !== 'number' || begin < 1) return {begin: 1}
  return end && end.line > begin ? {begin, end: end.line} : {begin}
}

/**
 * What a finding is about, whatever line it is on today: the reason without
 * the line and column numbers some reasons quote (`on line 12`, `3:1`), and
 * without the count of days since a review date, which grows every day.
 */
export function subjectOf(reason: string): string {
  return reason
    .replaceAll(/\b(lines?|columns?) \d+(?:(?:-|–| to )\d+)?/g, '$1 #')
    .replaceAll(/\b\d+:\d+(?:-\d+:\d+)?\b/g, '#')
    .replaceAll(/\b\d+ days? (ago|in the future)\b/g, '# days $1')
}

/**
 * A hex digest (32 characters, as GitLab's examples) of the finding's path,
 * rule and subject, and of how many such findings come before it in the file.
 * SHA-256 rather than MD5, which FIPS-mode Node.js refuses.
 */
export function fingerprintOf(key: string, occurrence: number): string {
  return createHash('sha256').update(`${key}\n${occurrence}`).digest('hex').slice(0, 32)
}

/** The closest folder up from `from` with a `.git` (a folder, or a file in worktrees and submodules), else `from`. */
export function repositoryRoot(from: string): string {
  let folder = path.resolve(from)
  for (;;) {
    if (fs.existsSync(path.join(folder, '.git'))) return folder
    const parent = path.dirname(folder)
    if (parent === folder) return path.resolve(from)
    folder = parent
  }
}

function elsewhere(message: VFileMessage, file: VFile): boolean {
  return typeof message.file === 'string' && message.file !== '' && !file.history.includes(message.file)
}

function relativePath(file: VFile, root: string): string {
  if (!file.path) return 'stdin'
  const absolute = path.resolve(file.cwd, file.path)
  const relative = path.relative(root, absolute)
  // A file outside the repository keeps its absolute path: better than `../..`.
  const outside = relative === '..' || relative.startsWith('..' + path.sep) || path.isAbsolute(relative)
  const shown = outside ? absolute : relative
  return shown.split(path.sep).join('/')
}

function byPlace(left: VFileMessage, right: VFileMessage): number {
  return (left.line ?? 0) - (right.line ?? 0) || (left.column ?? 0) - (right.column ?? 0)
}
