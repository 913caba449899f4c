/**
 * Labelled values as runbooks write them, template or not: a bold label with
 * a colon (`**Slack:** #payments`, `- **Pager:**`), or a row of a table of
 * two columns (`| Owner | Payments team |`), in GitHub-flavoured Markdown or
 * read from the text when the parser does not know tables. Teams keep house
 * variants of the template as such fields under each heading; an empty one
 * is a gap, whatever the layout.
 */

import type {Table} from 'mdast'
import {toString} from 'mdast-util-to-string'

/** A label and its value, with the label's offsets in the source. */
export interface Labelled {
  readonly label: string
  readonly value: string
  readonly start: number
  readonly end: number
}

// `**Label:** value`, `**Label**: value`, `__Label:__`, optionally as a list
// item; the label is short, and the line is read on its own. The two kinds
// of marks are two alternatives rather than a back-reference, which a ReDoS
// checker cannot prove linear.
const labelLine = /^([ \t]{0,3}(?:[-*+][ \t]{1,4})?)(?:\*\*([^\n]{1,80}?)\*\*|__([^\n]{1,80}?)__)[ \t]{0,4}(:?)([^\n]*)$/
const listItem = /^[ \t]{0,12}(?:[-*+]|\d{1,9}[.)])[ \t]/
// The spaces after the last cell and after a closing `|` are read one way:
// `[ \t]*\|?[ \t]*$` shared a run of them out in every way before failing.
const delimiterRow = /^[ \t]{0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+(?:\|[ \t]*)?$/
const cellSeparator = /(?<!\\)\|/

/**
 * The bold-label lines of a block of text (`source` from `start` to `end`),
 * each with its value: on the same line, else `''`. A label whose value is
 * on the lines after it (a list under `**Steps:**`) has that for its value.
 */
export function labelledLines(source: string, start: number, end: number): Labelled[] {
  const text = source.slice(start, end)
  if (!text.includes('**') && !text.includes('__')) return []
  const result: Labelled[] = []
  const lines = text.split('\n')
  let offset = start
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    const match = labelLine.exec(line)
    if (match) {
      const inside = (match[2] ?? match[3])!
      const colon = inside.indexOf(':')
      let label: string | undefined
      let value = match[5]!
      if (colon !== -1) {
        label = inside.slice(0, colon)
        value = inside.slice(colon + 1) + value
      } else if (match[4] === ':') {
        label = inside
      }
      label = label?.trim()
      if (label && /[\p{L}\p{N}]/u.test(label)) {
        value = value.trim()
        // The value on the lines after the label: what follows, up to the next label.
        if (value === '') {
          const next = lines.slice(index + 1).find((each) => each.trim() !== '')
          if (next !== undefined && !labelLine.test(next.replace(/\r$/, ''))) value = next.trim()
        }
        const from = offset + match[1]!.length
        result.push({label, value, start: from, end: from + 4 + inside.length})
      }
    }
    offset += raw.length + 1
  }
  return result
}

/**
 * The rows of a two-column table written as text (`| Owner | Payments |`
 * under a `|---|---|` row), when the parser does not read tables: each row's
 * first cell is its label, the second its value. The header row counts when
 * its value is empty (a table of fields with no header). `undefined` when
 * the text is no such table.
 */
export function textTableRows(source: string, start: number, end: number): Labelled[] | undefined {
  const text = source.slice(start, end)
  if (!text.includes('|')) return undefined
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
  if (lines.length < 2 || !delimiterRow.test(lines[1]!) || !lines.every((line) => line.includes('|'))) return undefined
  const result: Labelled[] = []
  let offset = start
  for (const [index, line] of lines.entries()) {
    if (index !== 1) {
      const cells = cellsOf(line)
      if (cells && (index > 0 || cells.value === '')) {
        result.push({label: cells.label, value: cells.value, start: offset + cells.at, end: offset + cells.at + cells.label.length})
      }
    }
    offset += line.length + (source.charAt(offset + line.length) === '\r' ? 2 : 1)
  }
  return result.filter((row) => row.label !== '')
}

/** The same for a table parsed by remark-gfm. */
export function tableRows(table: Table): Labelled[] {
  const result: Labelled[] = []
  for (const [index, row] of table.children.entries()) {
    if (row.children.length !== 2) continue
    const [first, second] = row.children
    const label = toString(first).trim()
    const value = toString(second).trim()
    // The cell's text, without the pipe and the padding its position covers.
    const start = first!.children[0]?.position?.start.offset
    const end = first!.children.at(-1)?.position?.end.offset
    if (label === '' || start === undefined || end === undefined || (index === 0 && value !== '')) continue
    result.push({label, value, start, end})
  }
  return result
}

/** The two cells of a table row, trimmed, and where the label starts in the line; `undefined` for another number of cells. */
function cellsOf(line: string): {label: string; value: string; at: number} | undefined {
  if (listItem.test(line)) return undefined
  const parts = line.split(cellSeparator)
  const leading = parts[0]!.trim() === '' ? 1 : 0
  const trailing = parts.length > 1 && parts.at(-1)!.trim() === '' ? 1 : 0
  const cells = parts.slice(leading, parts.length - trailing)
  if (cells.length !== 2) return undefined
  const at = leading === 1 ? parts[0]!.length + 1 : 0
  const cell = cells[0]!
  const label = cell.trim()
  return {label, value: cells[1]!.trim(), at: at + cell.indexOf(label)}
}
