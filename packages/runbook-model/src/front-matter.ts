/**
 * YAML front matter, read once per file however many rules read it.
 *
 * Most runbook front matter is a few flat `key: value` lines. Those are read
 * here directly, with YAML 1.2's rules for plain scalars; anything else
 * (nesting, lists, quotes, flow collections, comments after values, numbers,
 * booleans, null, duplicate keys ...) goes to the `yaml` package. A test
 * checks both give the same entries, values and places.
 *
 * The `yaml` package is loaded on first use, synchronously (`yaml` ships
 * CommonJS): loading it costs a process about 20 ms and its first documents
 * run cold. Not with a dynamic `import()`: a rule that awaits one lets
 * unified-engine flush its file set early when the file already has an
 * error, and `remark` then exits without a word on the other files.
 */

import {createRequire} from 'node:module'
import type {Yaml} from 'mdast'
import type * as YamlModule from 'yaml'

let yamlModule: typeof YamlModule | undefined

/** The `yaml` package, loaded on first use. */
function yaml(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule
  return yamlModule
}

/** One top-level entry of a front matter mapping whose key is a scalar. */
export interface FrontMatterEntry {
  readonly key: string
  /** The value if it is a scalar (`null` when empty), else `null`. */
  readonly value: unknown
  /** Offset of the key in the front matter's value. */
  readonly start: number
  /** Offset of the end of a scalar value, else of the key. */
  readonly end: number
}

export interface FrontMatter {
  /** The first error, with its offset in the front matter's value. */
  readonly error: {readonly offset: number; readonly message: string} | undefined
  /** The top-level entries of a mapping, in order (empty for anything else). */
  readonly entries: ReadonlyArray<FrontMatterEntry>
  /** The whole document as plain data; `undefined` when it has an error or cannot be converted. */
  readonly data: unknown
}

const cache = new WeakMap<Yaml, FrontMatter>()

/** The front matter of a `yaml` node, read once. */
export function readYaml(node: Yaml): FrontMatter {
  let result = cache.get(node)
  if (!result) {
    result = readFlat(node.value) ?? readWithYaml(node.value)
    cache.set(node, result)
  }
  return result
}

function readWithYaml(value: string): FrontMatter {
  const {isMap, isScalar, parseDocument} = yaml()
  // Duplicate keys are found below: `yaml` compares each key with every
  // key before it (40,000 keys took it 10 seconds, 300,000 several minutes).
  const document = parseDocument(value, {prettyErrors: false, uniqueKeys: false})
  const first = firstError(document.errors, duplicateKey(document))
  if (first) return {error: first, entries: [], data: undefined}
  const entries: FrontMatterEntry[] = []
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue
      const scalar = isScalar(pair.value) ? pair.value : undefined
      entries.push({
        key: String(pair.key.value),
        value: scalar ? scalar.value : null,
        start: pair.key.range[0],
        end: scalar?.range?.[1] ?? pair.key.range[1]
      })
    }
  }
  let data: unknown
  try {
    data = document.toJS()
  } catch {
    data = undefined
  }
  return {error: undefined, entries, data}
}

type Document = ReturnType<typeof YamlModule.parseDocument>

/**
 * The first key of a mapping that repeats one before it, as `yaml` reports
 * it with `uniqueKeys`: scalar keys of equal value (`1` and `1.0` too),
 * any other key only as the same node.
 */
function duplicateKey(document: Document): {offset: number; message: string} | undefined {
  const {isScalar, visit} = yaml()
  let found: {offset: number; message: string} | undefined
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>()
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key
        // `NaN` equals nothing, itself included, for `yaml` as for `===`.
        if (seen.has(key) && !Number.isNaN(key)) {
          const offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0
          if (!found || offset < found.offset) found = {offset, message: 'Map keys must be unique'}
        }
        seen.add(key)
      }
    }
  })
  return found
}

/** The error `yaml` reports first, by place in the text. */
function firstError(
  errors: ReadonlyArray<{pos: [number, number]; message: string}>,
  duplicate: {offset: number; message: string} | undefined
): {offset: number; message: string} | undefined {
  const first = errors[0] && {offset: errors[0].pos[0], message: errors[0].message}
  if (!first) return duplicate
  return duplicate && duplicate.offset < first.offset ? duplicate : first
}

// A key: a plain word, not one YAML 1.2 reads as a boolean or null.
// The value starts after every space: `[ ]+(.*)` could share them out in as
// many ways as there are, then fail on each (a line ending in `\r`).
const flatLine = /^([A-Za-z_][A-Za-z0-9_-]{0,100}):(?:[ ]+([^ \n\r\u2028\u2029].*)?)?$/
const specialKey = /^(?:true|false|null)$/i
// Characters that may start a plain scalar: no indicator, no sign or dot
// (`-1`, `.5`, `.inf`), no `~` (null).
const plainStart = /^[^-?:,[\]{}#&*!|>'"%@`+.~ ]/
// What YAML 1.2 could read as a number (`12`, `1.5`, `1e3`, `0x1F`, `0o17`),
// and a little more; a date such as `2025-01-15` is not.
const numeric = /^[0-9][0-9._]*(?:[eE][-+]?[0-9]+)?$|^0[xXoO]/
// Anything that could end, nest or comment a plain scalar, or that YAML
// does not allow in one.
const notPlain = /: |:$| #|\t|[^\x20-\x7E\u00A0-\uD7FF\uE000-\uFFFD]/
const specialValue = /^(?:true|false|null)$/i

/**
 * Flat `key: value` lines whose values are plain strings, read without the
 * `yaml` package; `undefined` for anything else.
 */
export function readFlat(value: string): FrontMatter | undefined {
  if (value.length > 4096) return undefined
  const entries: FrontMatterEntry[] = []
  const data: Record<string, string | null> = {}
  const seen = new Set<string>()
  let offset = 0
  for (const line of value.split('\n')) {
    const start = offset
    offset += line.length + 1
    if (line.trim() === '' && !line.includes('\t')) continue
    if (line.startsWith('#')) {
      if (/[^\x20-\x7E\u00A0-\uD7FF\uE000-\uFFFD]/.test(line)) return undefined
      continue
    }
    const match = flatLine.exec(line)
    if (!match) return undefined
    const key = match[1]!
    const text = withoutTrailingSpaces(match[2] ?? '') || undefined
    if (specialKey.test(key) || key === '__proto__' || seen.has(key)) return undefined
    seen.add(key)
    if (text === undefined) {
      // As `yaml` places an empty value: at the end of the line.
      entries.push({key, value: null, start, end: start + line.length})
      data[key] = null
      continue
    }
    if (!plainStart.test(text) || notPlain.test(text) || specialValue.test(text) || numeric.test(text)) return undefined
    const valueStart = start + line.indexOf(text, key.length + 1)
    entries.push({key, value: text, start, end: valueStart + text.length})
    data[key] = text
  }
  if (entries.length === 0) return undefined
  return {error: undefined, entries, data}
}

/** A text without trailing spaces, scanned from the end (a `/ +$/` would retry at every space). */
function withoutTrailingSpaces(text: string): string {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--
  return text.slice(0, end)
}
