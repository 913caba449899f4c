/**
 * Files that are not runbooks stop with one sentence instead of a pile of
 * findings, a stack trace or a wait of minutes: a binary file (a NUL byte),
 * and lists or blockquotes nested so deep that the Markdown parser's time
 * grows with the cube of the depth (a 1,000-deep list takes it half a
 * minute). Both are checked on the text, before it is parsed.
 */

import type {Root} from 'mdast'
import type {Processor} from 'unified'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {describeInvalidUtf8, invalidUtf8} from 'runbook-model'

const origin = 'remark-preset-runbook'

/** Deeper than any runbook needs, and parsed in a fraction of a second. */
export const maxNesting = 100

/** Stop the file if it is binary or nests containers too deep. */
export function checkDocument(value: string, file: VFile): void {
  const nul = value.indexOf('\0')
  if (nul !== -1) {
    file.fail(
      `Cannot lint ${name(file)}: it looks like a binary file (NUL byte at offset ${nul})`,
      {place: location(file).toPoint(nul) ?? {line: 1, column: 1}, ruleId: 'binary', source: origin}
    )
  }

  const notUtf8 = invalidUtf8(file)
  if (notUtf8) {
    file.message(
      `Unexpected ${describeInvalidUtf8(notUtf8)} of ${name(file)}, expected UTF-8 text: save the file as UTF-8 (until then such bytes read as U+FFFD)`,
      {place: {line: notUtf8.line, column: notUtf8.column}, ruleId: 'encoding', source: origin}
    )
  }

  const deep = deepestLine(value)
  if (deep.depth > maxNesting) {
    file.fail(
      `Cannot lint ${name(file)}: line ${deep.line} nests lists or blockquotes ${deep.depth} levels deep, expected at most ${maxNesting}`,
      {place: {line: deep.line, column: 1}, ruleId: 'nesting', source: origin}
    )
  }
}

/**
 * The container depth a line reaches, counted cheaply: its `>` markers and
 * list markers, and its indentation (two columns a level) when it has at
 * least one marker. It can overcount (a list marker in an indented code
 * block), never by much for a real runbook.
 */
export function deepestLine(value: string): {depth: number; line: number} {
  let deepest = {depth: 0, line: 1}
  let line = 1
  let index = 0
  while (index < value.length) {
    let columns = 0
    let markers = 0
    for (;;) {
      const code = value.charCodeAt(index)
      if (code === 32) {
        columns++
        index++
      } else if (code === 9) {
        columns += 4
        index++
      } else if (code === 62 /* `>` */) {
        markers++
        index++
      } else if ((code === 45 || code === 42 || code === 43) /* `-*+` */ && isSpace(value.charCodeAt(index + 1))) {
        markers++
        index += 2
        columns += 2
      } else if (code >= 48 && code <= 57) {
        let end = index
        while (end < value.length && end - index < 9 && value.charCodeAt(end) >= 48 && value.charCodeAt(end) <= 57) end++
        const after = value.charCodeAt(end)
        if ((after === 46 || after === 41) /* `.` `)` */ && isSpace(value.charCodeAt(end + 1))) {
          markers++
          columns += end + 2 - index
          index = end + 2
        } else break
      } else break
    }
    if (markers > 0) {
      const depth = Math.max(markers, Math.floor(columns / 2))
      if (depth > deepest.depth) deepest = {depth, line}
    }
    const next = value.indexOf('\n', index)
    if (next === -1) break
    index = next + 1
    line++
  }
  return deepest
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9
}

function name(file: VFile): string {
  return file.path ? `\`${file.basename}\`` : 'this file'
}

/**
 * The plugin: checks the text before the parser sees it (when a parser is
 * attached before it, as `remark` has), and again before the rules run (for
 * a tree parsed elsewhere).
 */
export default function remarkRunbookGuard(this: Processor) {
  const parser = this.parser
  if (parser) {
    this.parser = function (document, file) {
      checkDocument(document, file)
      return parser(document, file)
    }
  }

  return function (_tree: Root, file: VFile) {
    const value = String(file.value ?? '')
    if (value.includes('\0')) checkDocument(value, file)
  }
}
