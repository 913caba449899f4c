/**
 * Review dates written in a runbook's text rather than its front matter:
 * a line such as `Last reviewed: 2026-10-01` or `_Last review date: 3rd May
 * 2019_`, in any paragraph outside code.
 */

import type {Nodes, Root} from 'mdast'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {isPlaceholderValue} from 'runbook-model'

/** A `Label: value` line whose label is one of the keys, and where it is. */
export interface BodyEntry {
  /** The label as written. */
  readonly key: string
  /** The value as written, markup around it taken away. */
  readonly value: string
  readonly place: Position
}

// Markup and list or quote markers before a line's label.
const lineStart = /^[\s>]*(?:[-+*]\s+|\d{1,3}[.)]\s+)?[\s_*]*/
const label = /^[A-Za-z][A-Za-z _-]{2,40}$/
const lineBreak = /[\n\r\u2028\u2029]/

/**
 * The `Label: value` lines of the document's paragraphs whose label,
 * compared as front matter keys are (`normalKey`), is one of `keys`.
 */
export function bodyEntries(
  tree: Root,
  file: VFile,
  keys: ReadonlySet<string>,
  normalKey: (key: string) => string
): BodyEntry[] {
  const source = String(file)
  const entries: BodyEntry[] = []
  let place: ReturnType<typeof location> | undefined

  const visit = (node: Nodes): void => {
    if (node.type === 'paragraph') {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined) return
      const text = source.slice(start, end)
      if (!text.includes(':')) return
      let offset = start
      for (const line of text.split('\n')) {
        const entry = readLine(line.replace(/\r$/, ''), offset)
        if (entry) entries.push(entry)
        offset += line.length + 1
      }
      return
    }
    if (node.type === 'code' || node.type === 'html' || node.type === 'yaml' || node.type === 'heading') return
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }

  visit(tree)
  return entries

  function readLine(line: string, offset: number): BodyEntry | undefined {
    const colon = line.indexOf(':')
    if (colon === -1 || colon > 60) return undefined
    // The label ends at the first colon, the value is the rest of the line:
    // each without the spaces and emphasis marks around it, cut in code, where
    // a pattern such as `(.*?)[\s_*]*$` tries every split of a run of them.
    const lead = lineStart.exec(line)![0].length
    const key = labelOf(line.slice(lead, colon))
    const rest = withoutMarks(line.slice(colon + 1))
    if (key === undefined || lineBreak.test(rest) || !keys.has(normalKey(key))) return undefined
    const value = rest.replace(/[`_*]/g, '').trim().replace(/[.,;]$/, '')
    place ??= location(file)
    const from = place.toPoint(offset + /^[\s>]*/.exec(line)![0].length)
    const to = place.toPoint(offset + line.trimEnd().length)
    if (!from || !to) return undefined
    return {key, value, place: {start: from, end: to}}
  }
}

function isMark(character: string | undefined): boolean {
  return character === '_' || character === '*' || (character !== undefined && /\s/.test(character))
}

/** A text without the white space, `_` and `*` that open and close it. */
function withoutMarks(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && isMark(text[start])) start++
  while (end > start && isMark(text[end - 1])) end--
  return text.slice(start, end)
}

/**
 * The label in the text before a line's colon, without the marks after it:
 * three characters at least (a shorter word takes the spaces and `_` after
 * it), at most 41, letters, spaces, `_` and `-`.
 */
function labelOf(text: string): string | undefined {
  let end = text.length
  while (end > 0 && isMark(text[end - 1])) end--
  const found = text.slice(0, Math.max(end, Math.min(3, text.length)))
  return label.test(found) ? found.trim() : undefined
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december'
]

// `2019-05-03`; `3 May 2019`, `3rd of May, 2019`, `3nd May 2019` (any
// ordinal suffix: typos such as `3nd` or `1th` are common); `May 3, 2019`.
const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])/
// The spaces before an ordinal suffix belong to it: `\s*(?:st|nd|rd|th)?\s+`
// shared a run of spaces out in every way before failing.
const dayMonthYear = /^(\d{1,2})(?:\s*(?:st|nd|rd|th))?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})(?!\d)/i
const monthDayYear = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:\s*(?:(?:st|nd|rd|th),?|,))?\s+(\d{4})(?!\d)/i

/**
 * A calendar date from a date written by hand, as `[year, month, day]`
 * (not checked against the calendar), or `undefined`.
 */
export function readHumanDate(value: string): [number, number, number] | undefined {
  const text = value.trim()
  let match = isoDate.exec(text)
  if (match) return [Number(match[1]), Number(match[2]), Number(match[3])]
  match = dayMonthYear.exec(text)
  if (match) {
    const month = monthNumber(match[2]!)
    return month ? [Number(match[3]), month, Number(match[1])] : undefined
  }
  match = monthDayYear.exec(text)
  if (match) {
    const month = monthNumber(match[1]!)
    return month ? [Number(match[3]), month, Number(match[2])] : undefined
  }
  return undefined
}

// `December 2024`, `Dec. 2024`, `Dec, 2024`: a month alone.
const monthYear = /^([A-Za-z]{3,9})\.?,?\s+(\d{4})(?!\d)/

/**
 * A month written by hand with its year and no day, as `[year, month]`, or
 * `undefined`.
 */
export function readHumanMonth(value: string): [number, number] | undefined {
  const match = monthYear.exec(value.trim())
  const month = match ? monthNumber(match[1]!) : undefined
  return match && month ? [Number(match[2]), month] : undefined
}

function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase()
  const index = months.indexOf(lower.slice(0, 3))
  if (index === -1) return undefined
  // `May`, `Sep`, `Sept`, `September`; not `Mayday`.
  return monthNames[index]!.startsWith(lower) || lower === 'sept' ? index + 1 : undefined
}

/**
 * Whether a value is the template's or a writer's stand-in for a date
 * (`_date, e.g. 2024-12-15_`, `YYYY-MM-DD`, `TBD`): not read, not reported.
 */
export function isDatePlaceholder(value: string): boolean {
  return value === '' || isPlaceholderValue(value) || /\be\.\s?g\b|\byyyy\b|\bdd\b|^date\b|<|\[/i.test(value)
}
