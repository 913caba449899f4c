/**
 * Files that are not runbooks stop with one sentence instead of a pile of
 * findings, a stack trace or a wait of minutes: a UTF-16 file, a binary file (a NUL byte),
 * and text that would keep the Markdown parser busy for minutes (lists or
 * blockquotes nested hundreds deep or by the thousand, paragraphs of tens of
 * thousands of `*` or `[`: see `parseCost` in `runbook-model`). Both are
 * checked on the text, before it is parsed.
 */

import type {Root} from 'mdast'
import type {Processor} from 'unified'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {describeInvalidUtf8, invalidUtf8, parseCostProblem, utf16Order} from 'runbook-model'

const origin = 'remark-preset-runbook'

/** Stop the file if it is binary or would take the parser too long. */
export function checkDocument(value: string, file: VFile): void {
  const nul = value.indexOf('\0')
  const utf16 = nul === -1 ? undefined : utf16Order(value)
  if (utf16) {
    file.fail(`Cannot lint ${name(file)}: it is UTF-16 (${utf16}) text, not UTF-8; save it as UTF-8`, {
      place: {line: 1, column: 1},
      ruleId: 'encoding',
      source: origin
    })
  }
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

  const slow = parseCostProblem(value)
  if (slow) {
    file.fail(`Cannot lint ${name(file)}: ${slow.reason}`, {
      place: {line: slow.line, column: 1},
      ruleId: slow.kind === 'nesting' ? 'nesting' : 'parser-limit',
      source: origin
    })
  }
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
