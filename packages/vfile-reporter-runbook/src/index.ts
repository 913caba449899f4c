/**
 * vfile reporter for the terminal: what `vfile-reporter` 8 prints (the same
 * layout, colours, options and summary line), with three differences.
 *
 * * Messages come in document order, and messages at the same place in the
 *   order they were made: by rule, then by the template's order. A stable
 *   sort by line and column. `vfile-reporter` sorts messages at the same place
 *   by severity, source, rule and then reason, alphabetically: two sections
 *   missing at the end of a runbook came out `## Alerts` before `## Overview`,
 *   whatever the template says.
 * * Fast on thousands of messages. `vfile-reporter` measures every cell with
 *   `string-width` 6, which builds its emoji expression on each call and has
 *   no short cut for ASCII: about a second per 4,600 messages. Here a cell of
 *   characters one column wide each (printable ASCII, Latin letters,
 *   punctuation such as `’` and `…`: almost every cell) is its length;
 *   anything else goes to `string-width` 8.
 * * Columns line up within each file, as in ESLint's default report, not
 *   across the whole report: one long message (a document of another shape
 *   gets one) widened every line of every other file, in a terminal mostly
 *   with spaces.
 *
 * And, as every reporter of remark-runbook, it prints no secret and no
 * control character: each message and path is sanitized first (secrets
 * masked as `runbook-no-secrets` finds them, `ESC` shown as `\x1b`), so that
 * a heading with a terminal escape changes no terminal, colours or not.
 */

import {createRequire} from 'node:module'
import type * as StringWidth from 'string-width'
import type * as SupportsColor from 'supports-color'
import {stringifyPosition} from 'unist-util-stringify-position'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {sanitizeFiles, splitCodeSpans} from 'remark-lint-runbook-no-secrets/mask'
import {byPlace} from './order.js'

export interface Options {
  /** Use ANSI colours (default: whether stderr supports them). */
  readonly color?: boolean | null | undefined
  /** Name of a file without a path (default: `<stdin>`); with one file and no `defaultName`, no name shows. */
  readonly defaultName?: string | null | undefined
  /** Show each message's URL, note and ancestors (default: `false`). */
  readonly verbose?: boolean | null | undefined
  /** Hide files without messages (default: `false`). */
  readonly quiet?: boolean | null | undefined
  /** Show errors only, and hide files without errors (default: `false`). */
  readonly silent?: boolean | null | undefined
  /** Most nodes to show of a message's ancestors with `verbose` (default: `10`). */
  readonly traceLimit?: number | null | undefined
  // unified-engine passes whatever `--report runbook=…` gives.
  readonly [key: string]: unknown
}

interface State {
  readonly defaultName: string | undefined
  readonly oneFileMode: boolean
  readonly verbose: boolean
  readonly quiet: boolean
  readonly silent: boolean
  readonly traceLimit: number
  readonly bold: string
  readonly underline: string
  readonly normalIntensity: string
  readonly noUnderline: string
  readonly red: string
  readonly cyan: string
  readonly green: string
  readonly yellow: string
  readonly defaultColor: string
}

/** A message's cells with the columns each takes (measured once, when made), or a line of its own. */
interface Cells {
  readonly cells: string[]
  readonly widths: number[]
  /** The widths of the columns of this row's file (set by `createRows`). */
  sizes?: number[]
}
type Row = Cells | string

const eol = /\r?\n|\r/

/**
 * `string-width` (about 50 ms to load: it sets up `Intl.Segmenter`) loads on
 * the first cell that needs it, and `supports-color` when no `color` option
 * is given (`remark` always gives one). Synchronously, with `require`, which
 * loads ES modules from Node.js 20.19 on; older Node.js 20 releases load both
 * up front.
 */
const requireModule = (process.features as {require_module?: boolean}).require_module === true
let stringWidth: typeof StringWidth.default | undefined = requireModule ? undefined : (await import('string-width')).default
let supportsColor: typeof SupportsColor.default | undefined = requireModule
  ? undefined
  : (await import('supports-color')).default

function load<Module>(name: string): Module {
  return (createRequire(import.meta.url)(name) as {default: Module}).default
}

/** As `vfile-reporter`: colours when stderr supports them. */
function colorByDefault(): boolean {
  supportsColor ??= load<typeof SupportsColor.default>('supports-color')
  return supportsColor.stderr ? supportsColor.stderr.hasBasic : false
}

/** Report one file (no name shown when it has no path) or several. */
export function reporter(files: ReadonlyArray<VFile> | VFile, options: Options | null | undefined = {}): string {
  if (!files || ('name' in files && 'message' in files)) {
    throw new TypeError('Unexpected value for `files`, expected one or more `VFile`s')
  }
  sanitizeFiles(files)
  const settings = options ?? {}
  const color = typeof settings.color === 'boolean' ? settings.color : colorByDefault()
  const oneFileMode = !Array.isArray(files)
  const state: State = {
    defaultName: settings.defaultName || undefined,
    oneFileMode,
    quiet: settings.quiet || false,
    silent: settings.silent || false,
    traceLimit: typeof settings.traceLimit === 'number' ? settings.traceLimit : 10,
    verbose: settings.verbose || false,
    bold: color ? '\u001B[1m' : '',
    underline: color ? '\u001B[4m' : '',
    normalIntensity: color ? '\u001B[22m' : '',
    noUnderline: color ? '\u001B[24m' : '',
    red: color ? '\u001B[31m' : '',
    cyan: color ? '\u001B[36m' : '',
    green: color ? '\u001B[32m' : '',
    yellow: color ? '\u001B[33m' : '',
    defaultColor: color ? '\u001B[39m' : ''
  }
  return serializeRows(createRows(state, oneFileMode ? [files as VFile] : (files as ReadonlyArray<VFile>)))
}

export default reporter

interface Counts {
  fatal: number
  warn: number
  info: number
}

function count(messages: ReadonlyArray<VFileMessage>): Counts {
  const counts: Counts = {fatal: 0, warn: 0, info: 0}
  for (const message of messages) counts[message.fatal ? 'fatal' : message.fatal === false ? 'warn' : 'info']++
  return counts
}


function createRows(state: State, files: ReadonlyArray<VFile>): Row[] {
  const sortedFiles = [...files].sort((left, right) => String(left.path || '').localeCompare(String(right.path || '')))
  const all: VFileMessage[] = []
  const rows: Row[] = []
  let lastWasMessage = false

  for (const file of sortedFiles) {
    const messageRows: Row[] = []
    for (const message of [...file.messages].sort(byPlace)) {
      if (state.silent && !message.fatal) continue
      all.push(message)
      append(messageRows, createMessageLines(state, message))
    }

    // Columns line up within each file, not across the report: one long
    // message widens its own file's lines only.
    const sizes = columnSizes(messageRows)
    for (const row of messageRows) if (typeof row !== 'string') row.sizes = sizes

    if ((!state.quiet && !state.silent) || messageRows.length > 0) {
      const line = createFileLine(state, file)
      // A blank line between a file's messages and the next file's name.
      if (lastWasMessage && line) rows.push('')
      if (line) rows.push(line)
      append(rows, messageRows)
      lastWasMessage = messageRows.length > 0
    }
  }

  const counts = count(all)
  if (counts.fatal || counts.warn) rows.push('', createByline(state, counts))
  return rows
}

/**
 * `target.push(...items)` without the spread: each item of a spread is an
 * argument, and a report of 120,000 findings overflowed the call stack.
 */
function append<Item>(target: Item[], items: ReadonlyArray<Item>): void {
  for (const item of items) target.push(item)
}

function createFileLine(state: State, file: VFile): string {
  const counts = count(file.messages)
  const total = counts.fatal + counts.warn + counts.info
  const fromPath = file.history[0]
  const toPath = file.path
  let left = ''
  let right = ''

  if (!state.oneFileMode || state.defaultName || fromPath) {
    const name = fromPath || state.defaultName || '<stdin>'
    left =
      state.underline +
      (counts.fatal ? state.red : total ? state.yellow : state.green) +
      name +
      state.defaultColor +
      state.noUnderline +
      (file.stored && name !== toPath ? ' > ' + toPath : '')
  }

  if (file.stored) right = state.yellow + 'written' + state.defaultColor
  else if (!total) right = 'no issues found'

  return left && right ? left + ': ' + right : left + right
}

function createMessageLines(state: State, message: VFileMessage): Row[] {
  const label = fatalToLabel(message.fatal)
  let reason = message.stack || message.message
  let rest: Row[] = []
  const match = eol.exec(reason)
  if (match) {
    rest = reason.slice(match.index + 1).split(eol)
    reason = reason.slice(0, match.index)
  }

  const place = message.place ?? (message as {position?: VFileMessage['place']}).position
  const position = stringifyPosition(place)
  const ruleId = message.ruleId || ''
  const source = message.source || ''
  // The colours add no columns: a position is digits, a label one word, and
  // the reason as many columns with its code spans coloured as without.
  const row: Cells = {
    cells: [position, (label === 'error' ? state.red : state.yellow) + label + state.defaultColor, formatReason(state, reason), ruleId, source],
    widths: [position.length, label.length, width(reason), width(ruleId), width(source)]
  }

  if (message.cause) append(rest, createCauseLines(state, message.cause))
  if (state.verbose && message.url) {
    rest.push('  ' + state.bold + '[url]' + state.normalIntensity + ':', '    ' + message.url)
  }
  if (state.verbose && message.note) {
    rest.push('  ' + state.bold + '[note]' + state.normalIntensity + ':')
    for (const line of message.note.split(eol)) rest.push('    ' + line)
  }
  if (state.verbose && message.ancestors) append(rest, createAncestorsLines(state, message.ancestors))

  rest.unshift(row)
  return rest
}

function createCauseLines(state: State, cause: unknown): Row[] {
  const lines: Row[] = ['  ' + state.bold + '[cause]' + state.normalIntensity + ':']
  let foundReasonableCause = false

  if (cause !== null && typeof cause === 'object') {
    const stackValue =
      ('stack' in cause ? String(cause.stack) : undefined) || ('message' in cause ? String(cause.message) : undefined)

    if (typeof stackValue === 'string') {
      foundReasonableCause = true
      let causeLines: Row[]
      if ('file' in cause && 'fatal' in cause) {
        // A message.
        causeLines = createMessageLines(state, cause as VFileMessage)
      } else {
        causeLines = stackValue.split(eol)
        if ('cause' in cause && cause.cause) append(causeLines, createCauseLines(state, cause.cause))
      }
      const head = causeLines[0]
      if (typeof head === 'string') {
        causeLines[0] = '    ' + head
      } else if (head) {
        head.cells[0] = '    ' + head.cells[0]
        head.widths[0]! += 4
      }
      append(lines, causeLines)
    }
  }

  if (!foundReasonableCause) lines.push('    ' + String(cause))
  return lines
}

function createAncestorsLines(state: State, ancestors: NonNullable<VFileMessage['ancestors']>): Row[] {
  const min = ancestors.length > state.traceLimit ? ancestors.length - state.traceLimit : 0
  let index = ancestors.length
  const lines: Row[] = []
  if (index > min) lines.push('  ' + state.bold + '[trace]' + state.normalIntensity + ':')

  while (index-- > min) {
    const node = ancestors[index]!
    const value = node as unknown as Record<string, unknown>
    const name =
      typeof value['tagName'] === 'string' ? value['tagName'] : typeof value['name'] === 'string' ? value['name'] : undefined
    const position = stringifyPosition(node.position)
    lines.push(
      '    at ' +
        state.yellow +
        node.type +
        (name ? '<' + name + '>' : '') +
        state.defaultColor +
        (position ? ' (' + position + ')' : '')
    )
  }
  return lines
}

function createByline(state: State, counts: Counts): string {
  const parts: string[] = []
  if (counts.fatal) parts.push(state.red + '✖' + state.defaultColor + ' ' + counts.fatal + ' ' + fatalToLabel(true) + (counts.fatal === 1 ? '' : 's'))
  if (counts.warn) parts.push(state.yellow + '⚠' + state.defaultColor + ' ' + counts.warn + ' ' + fatalToLabel(false) + (counts.warn === 1 ? '' : 's'))
  // vfile-reporter leaves infos out of its total; a `--fix` summary is one, and it counts.
  if (counts.info) parts.push('ℹ ' + counts.info + ' ' + fatalToLabel(undefined) + (counts.info === 1 ? '' : 's'))
  const total = counts.fatal + counts.warn + counts.info
  return parts.length > 1 ? total + ' messages (' + parts.join(', ') + ')' : (parts[0] ?? '')
}

/** The reason in bold, its code spans in cyan. */
function formatReason(state: State, reason: string): string {
  if (!state.cyan) return state.bold + reason + state.normalIntensity
  let result = ''
  for (const part of splitCodeSpans(reason)) result += part.code ? state.cyan + part.raw + state.defaultColor : part.raw
  return state.bold + result + state.normalIntensity
}

function fatalToLabel(value: boolean | null | undefined): string {
  return value ? 'error' : value === false ? 'warning' : 'info'
}

/**
 * Characters one column wide each, which never join the one before: printable
 * ASCII, Latin-1 (but the soft hyphen), Latin Extended-A and -B, IPA, spacing
 * modifier letters, and general punctuation (dashes, quotes, bullets, `…`,
 * but the invisible ones). A test checks each against `string-width`.
 */
const narrow = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E]*$/
/** The colour codes this reporter writes. */
const ansi = /\u001B\[\d{1,2}m/g

/** The columns a text takes in a terminal. */
export function width(text: string): number {
  const bare = text.includes('\u001B') ? text.replace(ansi, '') : text
  if (narrow.test(bare)) return bare.length
  stringWidth ??= load<typeof StringWidth.default>('string-width')
  return stringWidth(bare)
}

/** Spaces, by count: the same few paddings over and over. */
const spaces: string[] = []
/** What `trimEnd` removes. */
const whitespaceAtEnd = /\s$/

/** The widest cell of each column of `rows`. */
function columnSizes(rows: ReadonlyArray<Row>): number[] {
  const sizes: number[] = []
  for (const row of rows) {
    if (typeof row === 'string') continue
    const {widths} = row
    for (let index = 0; index < widths.length; index++) {
      if (widths[index]! > (sizes[index] ?? 0)) sizes[index] = widths[index]!
    }
  }
  return sizes
}

function serializeRows(rows: ReadonlyArray<Row>): string {
  // Only for rows that `createRows` gave no file's sizes (none, today).
  let whole: number[] | undefined
  const lines: string[] = []
  for (const row of rows) {
    let line: string
    if (typeof row === 'string') {
      line = row
    } else {
      const {cells, widths} = row
      const sizes = row.sizes ?? (whole ??= columnSizes(rows))
      // Cells after the last one with text add only spaces, which go anyway,
      // and the last cell needs no padding.
      let last = cells.length - 1
      while (last > 0 && cells[last] === '') last--
      line = ''
      for (let index = 0; index < last; index++) {
        const size = (sizes[index] ?? 0) + 1 - widths[index]!
        line += cells[index]! + (spaces[size] ??= ' '.repeat(size))
      }
      line += cells[last]!
    }
    lines.push(whitespaceAtEnd.test(line) ? line.trimEnd() : line)
  }
  return lines.join('\n')
}
