/**
 * Text helpers shared by the content rules: normalised text, fingerprints of
 * template sentences, and masking of URLs so that nothing inside a link
 * destination is taken for prose.
 */

const nonWord = /[^\p{L}\p{N}]+/gu

/**
 * Text reduced to lower-case words separated by single spaces: markup,
 * punctuation, line wrapping and case make no difference.
 */
export function normalizeText(text: string): string {
  if (isAscii(text)) return text.toLowerCase().replace(nonAlphanumeric, ' ').trim()
  return text.normalize('NFKC').toLowerCase().replace(nonWord, ' ').trim()
}

/**
 * The length `normalizeText` gives an ASCII text, counted without building
 * it (its words' letters and digits, and a space between words); `-1` for
 * text with other characters.
 */
export function asciiNormalizedLength(text: string): number {
  let length = 0
  let words = 0
  let inWord = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code > 127) return -1
    // 0-9, A-Z, a-z
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
      length++
      if (!inWord) {
        words++
        inWord = true
      }
    } else {
      inWord = false
    }
  }
  return words === 0 ? 0 : length + words - 1
}

// The same as `nonWord` on lower-case ASCII text, and faster (no Unicode tables to compile).
export const nonAlphanumeric = /[^a-z\d]+/g

const nonAscii = /[^\x00-\x7F]/

/** Whether a text is ASCII only: then the patterns with Unicode properties (slow to compile, slower to run) have plain ASCII equivalents. */
export function isAscii(text: string): boolean {
  return !nonAscii.test(text)
}

/**
 * A short, stable fingerprint of a sentence: the template's own sentences are
 * stored and recognised this way, never as text. It starts with the length
 * of the normalised text (base 36), so that text of any other length is
 * known not to match without hashing it.
 */
export function fingerprint(text: string): string {
  return fingerprintNormalized(normalizeText(text))
}

/** The fingerprint of text already normalised with `normalizeText`. */
export function fingerprintNormalized(normalized: string): string {
  return normalized === '' ? '' : normalized.length.toString(36) + '.' + hash53(normalized)
}

/** The normalised length a fingerprint records, if it records one. */
export function fingerprintLength(fingerprint: string): number | undefined {
  const dot = fingerprint.indexOf('.')
  return dot > 0 ? Number.parseInt(fingerprint.slice(0, dot), 36) : undefined
}

/**
 * A 53-bit hash of a text, as 14 hex digits (cyrb53, public domain, by bryc).
 * Not cryptographic, and need not be: it tells template sentences apart
 * (the chance that another sentence of the same length collides is about
 * one in 10^15) and does not hold their text. In JavaScript, it spares
 * every process loading `node:crypto` (about 2 ms) and is faster than a
 * call into it for sentences.
 */
function hash53(text: string): string {
  let h1 = 0xde_ad_be_ef
  let h2 = 0x41_c6_ce_57
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    h1 = Math.imul(h1 ^ code, 2_654_435_761)
    h2 = Math.imul(h2 ^ code, 1_597_334_677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909)
  return (4_294_967_296 * (0x1f_ff_ff & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')
}

// Scheme or `www.` followed by non-space characters: one linear pass.
const url = /\b(?:[a-z][a-z\d+.-]{1,20}:\/\/|www\.|mailto:)[^\s<>"'`]+/gi

const www = /www\./i

/** Every URL has a colon or `www.`: most prose has neither, and skips the pattern. */
function mayHaveUrl(text: string): boolean {
  return text.includes(':') || www.test(text)
}

/** Replace URLs with spaces of the same length, so offsets still match. */
export function maskUrls(text: string): string {
  return mayHaveUrl(text) ? text.replace(url, (match) => ' '.repeat(match.length)) : text
}

/** The URLs in a text, with their offsets. */
export function findUrls(text: string): Array<{value: string; start: number; end: number}> {
  if (!mayHaveUrl(text)) return []
  return [...text.matchAll(url)].map((match) => {
    const value = trimEnd(match[0], ').,;:!?')
    return {value, start: match.index, end: match.index + value.length}
  })
}

/** Drop trailing characters of a set, without a backtracking pattern. */
export function trimEnd(text: string, characters: string): string {
  let end = text.length
  while (end > 0 && characters.includes(text.charAt(end - 1))) end--
  return text.slice(0, end)
}
