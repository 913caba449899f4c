/**
 * Lines written as headings without the space CommonMark needs after the
 * `#` marks (`###RabbitMQ Configuration`, `##Title##`): Markdown reads them
 * as text, so a runbook written that way seems to have no sections. Found
 * once per tree, in the paragraphs at the top level of the document (not in
 * code, lists or quotes).
 */

import type {Root} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {frontmatterFromMarkdown} from 'mdast-util-frontmatter'
import {frontmatter} from 'micromark-extension-frontmatter'
import type {Point, Position} from 'unist'
import {location} from 'vfile-location'

export interface UnspacedHeading {
  /** The line's range, without its indentation. */
  readonly position: Position
  /** The line as written. */
  readonly text: string
  /** Its `#` marks. */
  readonly marks: string
  /** The heading it means: a space after the marks, closing marks dropped (`## Title`). */
  readonly heading: string
}

// Two to six marks and a letter or digit, or one mark and a capital letter
// (`#payments`, `#1234` and `#!/bin/sh` are a channel, an issue and a
// shebang); at most 120 characters, as a title is.
const unspaced = /^[ \t]{0,3}(#{2,6}(?=[\p{L}\p{N}])|#(?=\p{Lu}))([^\n]{1,120})$/u

const cache = new WeakMap<Root, ReadonlyArray<UnspacedHeading>>()

/** The lines of a document that are headings but for the space after their `#` marks, in document order. */
export function unspacedHeadings(tree: Root, source: string): ReadonlyArray<UnspacedHeading> {
  let found = cache.get(tree)
  if (found) return found
  const result: UnspacedHeading[] = []
  let toPoint: ReturnType<typeof location>['toPoint'] | undefined
  for (const node of tree.children) {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    // Every such paragraph starts with a `#`: most are ruled out at once.
    if (node.type !== 'paragraph' || start === undefined || end === undefined || !source.slice(start, end).includes('#')) continue
    let offset = start
    for (const line of source.slice(start, end).split(/\r?\n|\r/)) {
      const match = unspaced.exec(line)
      if (match) {
        const indent = line.length - line.trimStart().length
        toPoint ??= location(source).toPoint
        const from = toPoint(offset + indent)
        const to = toPoint(offset + line.trimEnd().length)
        const text = line.trim()
        const title = withoutClosingMarks(match[2]!)
        if (from && to && title !== '') result.push({position: {start: from, end: to}, text, marks: match[1]!, heading: `${match[1]} ${title}`})
      }
      offset += line.length + (source.charAt(offset + line.length) === '\r' && source.charAt(offset + line.length + 1) === '\n' ? 2 : 1)
    }
  }
  found = result
  cache.set(tree, found)
  return found
}

/**
 * A title without its closing `#` marks (`Title##`), scanned from the end: a
 * pattern anchored there would retry from every position of a long run.
 */
function withoutClosingMarks(text: string): string {
  let end = text.trimEnd().length
  while (end > 0 && text.charAt(end - 1) === '#') end--
  return text.slice(0, end).trim()
}

/**
 * The document as it reads once its unspaced headings have their space (see
 * `spacedReading`): its tree, its text, and a point of that text as a point
 * of the text as written (only the headings' own lines move, by one column).
 */
export interface SpacedReading {
  readonly tree: Root
  readonly source: string
  asWritten(point: Point): Point
}

const readings = new WeakMap<Root, SpacedReading>()

/**
 * The document read with a space after the `#` marks of each unspaced
 * heading (parsed as the preset parses it: CommonMark and front matter), or
 * `undefined` when it has none. The sections the runbook lacks are those
 * that no heading gives, spaced or not: asked for of this reading, they are
 * not lost to one heading written without its space.
 */
export function spacedReading(tree: Root, source: string): SpacedReading | undefined {
  const cached = readings.get(tree)
  if (cached) return cached
  const unspaced = unspacedHeadings(tree, source)
  if (unspaced.length === 0) return undefined
  // Where each space goes: after the marks, in document order.
  const inserts = unspaced.map((heading) => ({
    offset: heading.position.start.offset! + heading.marks.length,
    line: heading.position.start.line,
    column: heading.position.start.column + heading.marks.length
  }))
  let spaced = ''
  let from = 0
  for (const insert of inserts) {
    spaced += source.slice(from, insert.offset) + ' '
    from = insert.offset
  }
  spaced += source.slice(from)
  const reading: SpacedReading = {
    tree: fromMarkdown(spaced, {
      extensions: [frontmatter(['yaml', 'toml'])],
      mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml'])]
    }),
    source: spaced,
    asWritten(point) {
      let before = 0
      let column = point.column
      for (const insert of inserts) {
        if (point.offset !== undefined ? insert.offset < point.offset - before : insert.line < point.line || (insert.line === point.line && insert.column < point.column)) {
          before++
          if (insert.line === point.line) column--
        }
      }
      return point.offset === undefined ? {line: point.line, column} : {line: point.line, column, offset: point.offset - before}
    }
  }
  readings.set(tree, reading)
  return reading
}
