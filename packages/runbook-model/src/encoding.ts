/**
 * Whether a runbook's bytes are UTF-8. unified-engine reads files as UTF-8
 * text, so a Latin-1 or Windows-1252 file arrives with every accented letter
 * already replaced by U+FFFD: it lints as if nothing were wrong, and a fix
 * written back would change those bytes for good. The bytes are read again
 * only when the text holds a U+FFFD, which a UTF-8 runbook almost never does.
 */

import {isUtf8} from 'node:buffer'
import fs from 'node:fs'
import path from 'node:path'
import type {VFile} from 'vfile'

export interface InvalidUtf8 {
  /** Offset of the first byte that is not UTF-8. */
  readonly offset: number
  /** That byte. */
  readonly byte: number
  /** Its 1-based line and column (in characters, as the text is read). */
  readonly line: number
  readonly column: number
}

/** The first byte of a file that is not UTF-8, or `undefined` when the file is UTF-8 (or cannot be read again). */
export function invalidUtf8(file: VFile): InvalidUtf8 | undefined {
  const value = file.value
  let bytes: Uint8Array | undefined
  if (value instanceof Uint8Array) bytes = value
  else if (typeof value === 'string' && value.includes('\uFFFD') && file.path) bytes = readBytes(path.resolve(file.cwd, file.path))
  if (!bytes || isUtf8(bytes)) return undefined
  return firstInvalid(bytes)
}

/** A sentence naming the byte, for messages: `byte 0xE9 at line 3, column 12`. */
export function describeInvalidUtf8(found: InvalidUtf8): string {
  return `byte 0x${found.byte.toString(16).toUpperCase().padStart(2, '0')} at line ${found.line}, column ${found.column}`
}

function readBytes(file: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(file)
  } catch {
    return undefined
  }
}

/** Walk the UTF-8 sequences (RFC 3629: no overlongs, no surrogates, at most U+10FFFF) to the first bad byte. */
function firstInvalid(bytes: Uint8Array): InvalidUtf8 {
  let index = 0
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index)
    if (length === 0) break
    index += length
  }
  let line = 1
  let lineStart = 0
  for (let at = 0; at < index; at++) {
    if (bytes[at] === 0x0a) {
      line++
      lineStart = at + 1
    }
  }
  const column = new TextDecoder().decode(bytes.subarray(lineStart, index)).length + 1
  return {offset: index, byte: bytes[index] ?? 0, line, column}
}

/** The length of a valid sequence at `index`, or 0. */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const first = bytes[index]!
  if (first < 0x80) return 1
  const continuation = (at: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[index + at]
    return byte !== undefined && byte >= low && byte <= high
  }
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80
    const high = first === 0xed ? 0x9f : 0xbf
    return continuation(1, low, high) && continuation(2) ? 3 : 0
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80
    const high = first === 0xf4 ? 0x8f : 0xbf
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0
  }
  return 0
}

/**
 * Whether text read as UTF-8 was UTF-16: with a byte order mark (FF FE or
 * FE FF, each byte read as U+FFFD), or without one, where text in a Latin
 * script has a NUL in every other byte. Such a file is not binary, and the
 * one thing to tell its owner is to save it as UTF-8. Reading the decoded
 * text is enough: UTF-8 decoding keeps each ASCII byte and each NUL in place.
 */
export function utf16Order(text: string): 'little-endian' | 'big-endian' | undefined {
  const sample = text.slice(0, 1024)
  let evenNul = 0
  let oddNul = 0
  const start = sample.startsWith('\uFFFD\uFFFD') ? 2 : 0
  const pairs = Math.floor((sample.length - start) / 2)
  for (let index = start; index + 1 < sample.length; index += 2) {
    if (sample.charCodeAt(index) === 0) evenNul++
    if (sample.charCodeAt(index + 1) === 0) oddNul++
  }
  if (pairs === 0) return undefined
  // Most characters of a runbook are ASCII: one byte of each is NUL, on the same side.
  if (oddNul >= pairs * 0.6 && evenNul <= pairs * 0.1) return 'little-endian'
  if (evenNul >= pairs * 0.6 && oddNul <= pairs * 0.1) return 'big-endian'
  return undefined
}
