/**
 * What every report may print of a finding: no secret, in any case, encoded
 * or decoded, and no control character a terminal would obey.
 *
 * `remark-preset-runbook` applies `sanitizeFile` to every file once every
 * plugin is done with it, whatever plugin made its messages, and every
 * reporter of this repository applies it again to what it is given (a file
 * linted elsewhere, a message added after the preset). A message already
 * sanitized is not read again.
 */

import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {detectSecrets, mayHoldSecretInAnyCase, type Secret} from './detect.js'

/**
 * A quoted stretch of at least this many characters of a secret is hidden:
 * messages may quote part of a value (the first line, a truncated value).
 * Shorter secrets are hidden where they appear whole.
 */
const shortestQuote = 8

/** The secrets of one document, folded to lower case, as masking compares them. */
export interface KnownSecrets {
  /** Every run of `shortestQuote` characters of a secret. */
  readonly pieces: ReadonlySet<string>
  /** Secrets shorter than that, whole. */
  readonly whole: ReadonlyArray<string>
}

const none: KnownSecrets = {pieces: new Set(), whole: []}

/** The secrets found in each document, by file: kept here, never on the file where a reporter could print them. */
const knownByFile = new WeakMap<object, KnownSecrets>()

const alphanumeric = /^[a-z0-9]$/

/** Lower case for ASCII letters only: the same length, so that offsets stay. */
function fold(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) : text
}

function unfoldUpper(text: string): string {
  return /[a-z]/.test(text) ? text.replace(/[a-z]+/g, (letters) => letters.toUpperCase()) : text
}

/** What masking needs to know of `secrets` found in `content`: each secret, as written and as decoded. */
export function knownSecrets(content: string, secrets: ReadonlyArray<Secret>): KnownSecrets {
  if (secrets.length === 0) return none
  const values: string[] = []
  for (const secret of secrets) {
    values.push(secret.secret)
    const written = content.slice(secret.start, secret.end)
    if (written !== secret.secret) values.push(written)
  }
  const pieces = new Set<string>()
  const whole: string[] = []
  for (const found of values) {
    // Each line of a private key on its own, without its `-----BEGIN …-----` armour.
    for (const line of found.split(/\r?\n|\r/)) {
      const value = fold(line.trim())
      if (value === '' || /^-----(?:begin|end)[a-z ]*-----$/.test(value)) continue
      if (value.length < shortestQuote) whole.push(value)
      for (let index = 0; index + shortestQuote <= value.length; index++) pieces.add(value.slice(index, index + shortestQuote))
    }
  }
  return {pieces, whole}
}

/** Remember the secrets `runbook-no-secrets` found in a file, for masking its other messages. */
export function rememberSecrets(file: VFile, content: string, secrets: ReadonlyArray<Secret>): void {
  knownByFile.set(file, knownSecrets(content, secrets))
}

/** Whether the secrets of a file are known (its document was scanned). */
export function hasKnownSecrets(file: VFile): boolean {
  return knownByFile.has(file)
}

/** The secrets of a file's document: as remembered, else found now in its text (when it still has one). */
export function knownSecretsOf(file: VFile): KnownSecrets {
  let known = knownByFile.get(file)
  if (!known) {
    const value = file.value
    const content = typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : ''
    known = content === '' ? none : knownSecrets(content, detectSecrets(content))
    knownByFile.set(file, known)
  }
  return known
}

/**
 * `text` with every secret hidden: those the detector finds in it, written
 * in any case, and every quote, in any case, of a secret known from the
 * document. Each hidden stretch (and an ellipsis right after it) becomes one
 * `…`.
 */
export function maskText(text: string, known: KnownSecrets = none): string {
  if (text === '') return text
  let hidden: Uint8Array | undefined
  const hide = (start: number, end: number) => {
    hidden ??= new Uint8Array(text.length)
    hidden.fill(1, start, end)
  }

  if (known.pieces.size > 0 || known.whole.length > 0) {
    const folded = fold(text)
    if (known.pieces.size > 0) {
      for (let index = 0; index + shortestQuote <= folded.length; index++) {
        if (known.pieces.has(folded.slice(index, index + shortestQuote))) hide(index, index + shortestQuote)
      }
    }
    // A short secret where it stands alone: `pass` in `password` is a word.
    for (const value of known.whole) {
      for (let index = folded.indexOf(value); index !== -1; index = folded.indexOf(value, index + 1)) {
        if (!alphanumeric.test(folded.charAt(index - 1)) && !alphanumeric.test(folded.charAt(index + value.length))) {
          hide(index, index + value.length)
        }
      }
    }
  }

  if (mayHoldSecretInAnyCase(text)) {
    const variants = new Set([text, fold(text), unfoldUpper(text)])
    for (const variant of variants) for (const secret of detectSecrets(variant)) hide(secret.start, secret.end)
  }

  if (!hidden) return text
  const marks: Uint8Array = hidden
  let result = ''
  for (let index = 0; index < text.length; index++) {
    if (!marks[index]) {
      result += text.charAt(index)
      continue
    }
    while (marks[index + 1]) index++
    result += '…'
    if (text.startsWith('...', index + 1)) index += 3
    else if (text.charAt(index + 1) === '…') index++
  }
  return result
}

/**
 * Control characters a terminal or a log viewer would act on (C0 but tab,
 * line feed and carriage return; DEL; C1) and the bidirectional overrides
 * and isolates that reorder what a reader sees.
 */
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

/**
 * What a GitHub Actions runner reads as a workflow command in any line of a
 * step's output: a line that starts with `::` (after white space), and the
 * legacy `##[command]` anywhere in a line (actions/runner,
 * `ActionCommand.TryParseV2` and `TryParse`: `stop-commands`, `add-mask`,
 * `error` …). A report prints messages and file names at the start of its
 * lines (a note, a cause, a second line), so neither may pass as it is.
 */
const commands = /(^|[\r\n])([^\S\r\n]*)::|##\[/g

/**
 * `text` with each control character shown as an escape (`\x1b`,
 * `\u202e`), and what a CI runner would take for a command escaped with a
 * backslash (`\::error::`, `##\[`).
 */
export function printable(text: string): string {
  const escaped = text.replace(controls, (character) => {
    const code = character.charCodeAt(0)
    return code < 0x100 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0')
  })
  return escaped.replace(commands, (found: string, before: string | undefined, space: string | undefined) =>
    found === '##[' ? '##\\[' : `${before ?? ''}${space ?? ''}\\::`
  )
}

/**
 * What `safeText` made of short texts that depend on no document: rule ids,
 * sources, notes and URLs repeat on every message.
 */
const common = new Map<string, string>()

/** `text` as a report may print it: secrets hidden, control characters escaped. */
export function safeText(text: string, known: KnownSecrets = none): string {
  if (known !== none || text.length > 200) return printable(maskText(text, known))
  let safe = common.get(text)
  if (safe === undefined) {
    if (common.size >= 1000) common.clear()
    safe = printable(maskText(text))
    common.set(text, safe)
  }
  return safe
}

/** Messages already sanitized: each is read once. */
const sanitized = new WeakSet<object>()

/** The node types and places of a message's ancestors, without their content (what `vfile-reporter --verbose` shows). */
function strippedAncestors(ancestors: NonNullable<VFileMessage['ancestors']>, known: KnownSecrets): VFileMessage['ancestors'] {
  return ancestors.map((node) => {
    const value = node as unknown as Record<string, unknown>
    const stripped: Record<string, unknown> = {type: node.type}
    if (node.position) stripped['position'] = node.position
    for (const key of ['tagName', 'name']) if (typeof value[key] === 'string') stripped[key] = safeText(value[key], known)
    return stripped as unknown as NonNullable<VFileMessage['ancestors']>[number]
  })
}

function sanitizeCause(cause: unknown, known: KnownSecrets, depth: number): unknown {
  if (typeof cause === 'string') return safeText(cause, known)
  if (cause === null || typeof cause !== 'object' || depth > 8) return cause
  if ('reason' in cause && 'fatal' in cause) {
    sanitizeMessage(cause as VFileMessage, known, depth + 1)
    return cause
  }
  const error = cause as {message?: unknown; stack?: unknown; cause?: unknown}
  try {
    if (typeof error.message === 'string') {
      const message = safeText(error.message, known)
      if (message !== error.message) error.message = message
    }
    if (typeof error.stack === 'string') {
      const stack = safeText(error.stack, known)
      if (stack !== error.stack) error.stack = stack
    }
    if (error.cause !== undefined) error.cause = sanitizeCause(error.cause, known, depth + 1)
  } catch {
    // A frozen error: leave it; reporters print `String(cause)` of what they cannot read.
  }
  return cause
}

/**
 * Hide secrets and escape control characters in every text of a message:
 * its reason, stack, note, URL, `actual`, path, rule and source, its cause;
 * `expected` goes when it held a secret (a quick fix that inserts `…` would
 * break the document); `ancestors` keep their types and places only.
 */
export function sanitizeMessage(message: VFileMessage, known: KnownSecrets = none, depth = 0): void {
  if (sanitized.has(message)) return
  sanitized.add(message)
  // runbook-no-secrets says what it found and never more: its messages only
  // need their control characters (of a file name) escaped.
  if (message.ruleId === 'runbook-no-secrets' && message.source === 'remark-lint') known = none
  const reason = safeText(message.reason, known)
  if (reason !== message.reason) message.reason = reason
  if (message.message !== message.reason) {
    const text = safeText(message.message, known)
    if (text !== message.message) message.message = text
  }
  if (message.stack) {
    const stack = safeText(message.stack, known)
    if (stack !== message.stack) message.stack = stack
  }
  for (const key of ['note', 'url', 'actual', 'file', 'ruleId', 'source'] as const) {
    const value = message[key]
    if (typeof value !== 'string' || value === '') continue
    const safe = safeText(value, known)
    if (safe !== value) (message as unknown as Record<string, unknown>)[key] = safe
  }
  if (message.expected && message.expected.some((text) => maskText(text, known) !== text)) message.expected = undefined
  if (message.cause !== undefined) message.cause = sanitizeCause(message.cause, known, depth)
  if (message.ancestors) message.ancestors = strippedAncestors(message.ancestors, known)
}

/** Sanitize every message of a file (not its paths: unified-engine still writes it under them). */
export function sanitizeMessages(file: VFile): void {
  let known: KnownSecrets | undefined
  for (const message of file.messages) {
    if (sanitized.has(message)) continue
    known ??= knownSecretsOf(file)
    sanitizeMessage(message, known)
  }
}

/**
 * Sanitize every message of a file, and its paths (a token in a file or
 * folder name reaches every report).
 */
export function sanitizeFile(file: VFile): void {
  sanitizeMessages(file)
  const known = knownByFile.get(file)
  const history = file.history.map((path) => safeText(path, known))
  if (history.some((path, index) => path !== file.history[index])) file.history = history
  const cwd = safeText(file.cwd, known)
  if (cwd !== file.cwd) file.cwd = cwd
}

/** What unified-engine gives a plugin as its second parameter: the set of files it processes. */
export interface DoneFileSet {
  valueOf(): VFile[]
  prependListener?(event: 'done', listener: () => void): unknown
}

const watched = new WeakSet<object>()

/**
 * Under unified-engine, the last moment every message of every file is
 * there and no reporter has run: the file set's `done`. It comes once each
 * file has been through its whole pipeline, whatever stopped it (a plugin
 * that threw, a file that could not be read) and whatever came after the
 * transform (completers, a failed write). The reporter runs from the
 * engine's own `done` listener, added when the set was made, so ours goes
 * before it. Each message is sanitized (secrets masked, control characters
 * escaped), and each file's paths: the files are written by then. Once per
 * set, whichever plugin asks first (the preset, or `runbook-no-secrets`
 * used without it).
 */
export function sanitizeWhenDone(fileSet: DoneFileSet | undefined): void {
  if (!fileSet || watched.has(fileSet) || typeof fileSet.prependListener !== 'function' || typeof fileSet.valueOf !== 'function') return
  watched.add(fileSet)
  fileSet.prependListener('done', () => {
    for (const file of fileSet.valueOf()) sanitizeFile(file)
  })
}

/** `sanitizeFile` on each file: what a reporter calls first. */
export function sanitizeFiles(files: ReadonlyArray<VFile> | VFile): void {
  for (const file of Array.isArray(files) ? files : [files as VFile]) sanitizeFile(file)
}

/**
 * A message's text in pieces, its code spans (`` `## Overview` ``) apart
 * (`value` inside the backticks, `raw` with them), as
 * CommonMark pairs backtick runs: a run opens a span that the next run of
 * the same length closes. In one pass: a message may quote a heading of a
 * megabyte of backticks.
 */
export function splitCodeSpans(text: string): Array<{readonly code: boolean; readonly value: string; readonly raw: string}> {
  const runs: Array<{index: number; size: number}> = []
  for (let index = text.indexOf('`'); index !== -1; index = text.indexOf('`', index)) {
    let end = index + 1
    while (text.charCodeAt(end) === 96) end++
    runs.push({index, size: end - index})
    index = end
  }
  // For each run, the next run of the same length.
  const next = new Int32Array(runs.length).fill(-1)
  const seen = new Map<number, number>()
  for (let position = runs.length - 1; position >= 0; position--) {
    const size = runs[position]!.size
    next[position] = seen.get(size) ?? -1
    seen.set(size, position)
  }
  const parts: Array<{code: boolean; value: string; raw: string}> = []
  let textStart = 0
  for (let position = 0; position < runs.length; position++) {
    const close = next[position]!
    if (close === -1) continue
    const open = runs[position]!
    const end = runs[close]!
    if (open.index > textStart) {
      const value = text.slice(textStart, open.index)
      parts.push({code: false, value, raw: value})
    }
    parts.push({code: true, value: text.slice(open.index + open.size, end.index), raw: text.slice(open.index, end.index + end.size)})
    textStart = end.index + end.size
    position = close
  }
  if (textStart < text.length) {
    const value = text.slice(textStart)
    parts.push({code: false, value, raw: value})
  }
  return parts
}
