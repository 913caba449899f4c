/**
 * A message as the places it goes need it: a path relative to the
 * repository, a kind (error, warning, notice) and a one-line range.
 */

import path from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {AnnotationKind} from './commands.js'

export interface Finding {
  /** Path relative to the workspace, with `/`; empty for input without a path. */
  readonly file: string
  readonly kind: AnnotationKind
  readonly line: number | undefined
  readonly column: number | undefined
  readonly endLine: number | undefined
  /** Exclusive, like unist's end point. */
  readonly endColumn: number | undefined
  readonly ruleId: string | undefined
  readonly source: string | undefined
  readonly reason: string
  readonly note: string | undefined
  readonly url: string | undefined
}

/** `fatal: true` fails the run, `false` is a warning, anything else is informational. */
export function kindOf(message: VFileMessage): AnnotationKind {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'notice'
}

export function relativePath(file: VFile, workspace: string): string {
  if (!file.path) return ''
  return shownPath(path.resolve(file.cwd, file.path), workspace)
}

function shownPath(absolute: string, workspace: string): string {
  const relative = path.relative(workspace, absolute)
  // A file outside the workspace keeps its absolute path: better than `../..`.
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative
  return shown.split(path.sep).join('/')
}

/**
 * Whether a message is about another file than the one that carries it
 * (`message.file`): under `remark`, the findings of `runbook-alert-coverage`
 * in a rule file travel with a runbook. They are annotated on their file.
 */
function elsewhere(message: VFileMessage, file: VFile): boolean {
  return typeof message.file === 'string' && message.file !== '' && !file.history.includes(message.file)
}

export function findingsOf(file: VFile, workspace: string, options: {silent?: boolean | undefined} = {}): Finding[] {
  const filePath = relativePath(file, workspace)
  const findings: Finding[] = []
  for (const message of file.messages) {
    const kind = kindOf(message)
    if (options.silent && kind !== 'error') continue
    const place = message.place
    const start = place && 'start' in place ? place.start : place
    const end = place && 'start' in place ? place.end : undefined
    findings.push({
      file: elsewhere(message, file) ? shownPath(path.resolve(file.cwd, message.file!), workspace) : filePath,
      kind,
      line: start?.line ?? message.line ?? undefined,
      column: start?.column ?? message.column ?? undefined,
      endLine: end?.line,
      endColumn: end?.column,
      ruleId: message.ruleId,
      source: message.source,
      reason: message.reason,
      note: message.note,
      url: message.url
    })
  }
  return findings.sort(byPlace)
}

function byPlace(left: Finding, right: Finding): number {
  return (left.line ?? 0) - (right.line ?? 0) || (left.column ?? 0) - (right.column ?? 0)
}
