/**
 * vfile reporter that writes the files and their messages as compact JSON:
 * the shape of `vfile-reporter-json` without `ancestors`. Each message there
 * carries the syntax tree around it, from the root: the whole document, once
 * per message (a 10 KB runbook made an 8 MB report), secrets included. Here a
 * message is its finding, a few hundred bytes, and a file's messages are in
 * document order, as the terminal reporter shows them.
 */

import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {sanitizeFiles} from 'remark-lint-runbook-no-secrets/mask'
import {byPlace} from './order.js'

export interface Options {
  /** `space` of `JSON.stringify` (default: `0`, one line); `true` is 2. */
  readonly pretty?: boolean | number | string | null | undefined
  /** Leave out files without messages (default: `false`). */
  readonly quiet?: boolean | null | undefined
  /** Only fatal messages, and only files with one (default: `false`). */
  readonly silent?: boolean | null | undefined
  // unified-engine also passes `color` and `verbose`; neither applies.
  readonly [key: string]: unknown
}

export interface JsonFile {
  /** Path of the file as given (relative to `cwd`), or `undefined` for input without a path. */
  readonly path: string | undefined
  readonly cwd: string
  /** The paths the file had, the first as read, the last as written. */
  readonly history: ReadonlyArray<string>
  readonly messages: ReadonlyArray<JsonMessage>
}

/**
 * A message: where, how bad, what, which rule, and what would fix it. No
 * `ancestors`, `cause`, `stack` or `file` (which is the file's path again).
 */
export interface JsonMessage {
  readonly column: number | undefined
  readonly fatal: boolean | null | undefined
  readonly line: number | undefined
  readonly place: VFileMessage['place']
  readonly reason: string
  readonly ruleId: string | undefined
  readonly source: string | undefined
  readonly actual: string | undefined
  readonly expected: ReadonlyArray<string> | undefined
  readonly note: string | undefined
  readonly url: string | undefined
}

export function reporterJson(files: ReadonlyArray<VFile> | VFile, options: Options | null | undefined = {}): string {
  const settings = options ?? {}
  const pretty = settings.pretty || 0
  return JSON.stringify(toJson(Array.isArray(files) ? files : [files as VFile], settings), undefined, pretty === true ? 2 : pretty)
}

export default reporterJson

/** The report as objects, before `JSON.stringify`. */
export function toJson(files: ReadonlyArray<VFile>, options: Options = {}): JsonFile[] {
  sanitizeFiles(files)
  const result: JsonFile[] = []
  for (const file of files) {
    const messages: JsonMessage[] = []
    for (const message of [...file.messages].sort(byPlace)) {
      if (!options.silent || message.fatal) messages.push(messageToJson(message))
    }
    if ((!options.quiet && !options.silent) || messages.length > 0) {
      result.push({path: file.path, cwd: file.cwd, history: file.history, messages})
    }
  }
  return result
}

/** The fields of `vfile-reporter-json`, in its order, but `ancestors`. */
function messageToJson(message: VFileMessage): JsonMessage {
  return {
    column: message.column,
    fatal: message.fatal,
    line: message.line,
    place: placeOf(message.place),
    reason: message.reason,
    ruleId: message.ruleId,
    source: message.source,
    actual: message.actual,
    expected: message.expected,
    note: message.note,
    url: message.url
  }
}

/** Lines, columns and offsets only: a place made elsewhere may carry more. */
function placeOf(place: VFileMessage['place']): VFileMessage['place'] {
  if (!place) return undefined
  if ('start' in place) return {start: pointOf(place.start), end: pointOf(place.end)}
  return pointOf(place)
}

function pointOf(point: {line: number; column: number; offset?: number | undefined}) {
  return point.offset === undefined
    ? {line: point.line, column: point.column}
    : {line: point.line, column: point.column, offset: point.offset}
}
