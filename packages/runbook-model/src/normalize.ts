/**
 * Heading normalisation: turn what people write in real runbooks into a key
 * that compares equal to the template's heading.
 *
 * Tolerated: case, Unicode compatibility forms, repeated spaces, leading
 * numbering (`1.`, `2.3`, `A)`, `iv.`), emoji and `:shortcode:` emoji,
 * punctuation (trailing colons, dashes, commas), "and", "or" and `&`,
 * plural `s`.
 * A trailing parenthesised suffix ("(Backup Management)") is kept in the
 * full key and dropped in the base key, so it may be present or absent.
 */

import {isAscii, nonAlphanumeric} from './text.js'

// Each pattern below is linear: no nested or adjacent overlapping quantifiers.
const shortcode = /:[a-z\d_+-]{1,40}:/gi
const emoji = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}]/gu
const numbering = /^(?:\d{1,3}(?:\.\d{1,3}){0,4}[.):]?|[a-z][.)]|[ivxlc]{1,6}[.)])\s+/i
const nonWord = /[^\p{L}\p{N}]+/gu
const whitespace = /\s+/g
const maxTitleLength = 200
// "X, Y and Z", "X, Y & Z" and "X, Y, Z" are the same title.
const connectives = new Set(['and', 'or'])

export interface HeadingKeys {
  /** The heading as a reader sees it, cleaned of emoji and numbering. */
  readonly display: string
  /** Comparable key of the whole title. */
  readonly key: string
  /** Comparable key with a trailing parenthesised group removed. */
  readonly baseKey: string
}

/**
 * Clean a heading's plain text for display: emoji, shortcodes and leading
 * numbering removed, whitespace collapsed, trailing colon dropped.
 */
export function cleanTitle(text: string): string {
  // No template heading is long: bounding the input keeps every pattern
  // below cheap even on a hostile one-megabyte heading.
  const bounded = text.slice(0, maxTitleLength)
  // Emoji are never ASCII.
  let value = isAscii(bounded) ? bounded.replace(shortcode, ' ') : bounded.normalize('NFKC').replace(shortcode, ' ').replace(emoji, ' ')
  value = value.replace(whitespace, ' ').trim()
  value = withoutAttributes(value.replace(numbering, ''))
  return trimTrailingPunctuation(value).trim()
}

/**
 * A title without a trailing `{#id}` or `{: .class}` attribute list (Pandoc,
 * kramdown, mkdocs), scanned from the end.
 */
function withoutAttributes(title: string): string {
  const trimmed = title.trimEnd()
  if (!trimmed.endsWith('}')) return title
  const open = trimmed.lastIndexOf('{')
  if (open === -1 || !'#:.'.includes(trimmed.charAt(open + 1)) || trimmed.length - open > 102) return title
  return trimmed.slice(0, open).trimEnd()
}

/**
 * Drop trailing whitespace and punctuation (`:;,.!?–—-`) with a scan from
 * the end: the pattern `/[…]+$/` would retry from every position of a long
 * run that does not reach the end, and take quadratic time.
 */
function trimTrailingPunctuation(text: string): string {
  let end = text.length
  while (end > 0 && /[\s:;,.!?–—-]/u.test(text.charAt(end - 1))) end--
  return text.slice(0, end)
}

/**
 * A title without its trailing parenthesised group (`Backups (Backup
 * Management)` gives `Backups`), or the title itself if it has none.
 * Scanned from the end, for the same reason.
 */
export function withoutTrailingGroup(title: string): string {
  const trimmed = title.trimEnd()
  if (!trimmed.endsWith(')')) return title
  const open = trimmed.lastIndexOf('(')
  if (open === -1 || trimmed.slice(open + 1, -1).includes(')')) return title
  return trimmed.slice(0, open).trimEnd()
}

/**
 * Comparable key: lower case, punctuation (`&` included) as space, "and" and
 * "or" dropped, and a plural `s` dropped from every word, so "Backup
 * procedure" and "Backup Procedures:" compare equal.
 */
export function titleKey(text: string): string {
  const lower = text.toLowerCase()
  const words = lower.replace(isAscii(lower) ? nonAlphanumeric : nonWord, ' ').trim().split(' ')
  return words
    .filter((word) => !connectives.has(word))
    .map((word) => singular(word))
    .join(' ')
}

// Headings repeat from runbook to runbook (they come from one template):
// their keys are computed once per process, up to a bound.
const keysCache = new Map<string, HeadingKeys>()
const keysCacheSize = 10_000

export function headingKeys(text: string): HeadingKeys {
  let keys = keysCache.get(text)
  if (!keys) {
    keys = computeHeadingKeys(text)
    if (keysCache.size >= keysCacheSize) keysCache.clear()
    // Long text is not cached: no heading of a template is long.
    if (text.length <= maxTitleLength) keysCache.set(text, keys)
  }
  return keys
}

function computeHeadingKeys(text: string): HeadingKeys {
  const display = cleanTitle(text)
  const key = titleKey(display)
  const base = withoutTrailingGroup(display)
  return Object.freeze({display, key, baseKey: base === display ? key : titleKey(base)})
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word
}
