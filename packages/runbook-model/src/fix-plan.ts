/**
 * The text edits that fix a runbook's structure, planned once for every way
 * of applying them: `remark-runbook --fix`, the `runbook-fix` plugin and the
 * quick fixes of `runbook-required-headings` messages (an editor replaces a
 * message's range with its `expected` text, so a message takes both from one
 * edit). Each missing required heading is inserted at its place with a
 * `TODO:` line; with `rename`, near-miss and alias titles are rewritten to
 * the template's. Offsets are into the source text the tree was parsed from.
 *
 * Every edit stands on its own: applied alone (one quick fix), it gives
 * valid Markdown with a blank line before and after what it inserts;
 * `applyFixEdits` joins insertions at the same offset with one blank line.
 */

import type {Heading, PhrasingContent, RootContent} from 'mdast'
import type {Point, Position} from 'unist'
import {location} from 'vfile-location'
import type {Runbook} from './runbook.js'
import type {Section} from './sections.js'
import {headingSkeleton, sectionSkeleton} from './skeleton.js'
import type {TemplateSection} from './template.js'

export interface FixEdit {
  readonly start: number
  readonly end: number
  readonly text: string
  /** Order of edits at the same offset: template order. */
  readonly order: number
  /** The template section the edit inserts, renames or moves to its level. */
  readonly entry: TemplateSection
  readonly kind: 'insert' | 'rename' | 'level'
  /** The depth of the entry's heading as the edit leaves it. */
  readonly depth: number
  /** Where an insertion goes, for messages to say; `undefined` for other edits. */
  readonly anchor: FixAnchor | undefined
}

/**
 * Where an insertion goes: after or before a sibling section, or at the end
 * of a section's own text (`runbook.root`: the end of the document).
 */
export interface FixAnchor {
  readonly relation: 'after' | 'before' | 'end'
  readonly section: Section
}

export interface FixPlan {
  /** Every edit the fix makes, in template order. */
  readonly edits: ReadonlyArray<FixEdit>
  /**
   * The planned insertion that adds a missing template heading: its own, or
   * that of its missing parent (or grandparent), which inserts the whole
   * group. `undefined` when the heading's section is found, or need not be
   * there.
   */
  insertionOf(entry: TemplateSection): FixEdit | undefined
  /**
   * The planned change of level of a heading found at the wrong depth under
   * the right parent; `undefined` when there is none: the heading is in its
   * place, under another parent, has subsections of its own, or changing its
   * level would move the sections after it under it.
   */
  levelOf(entry: TemplateSection): FixEdit | undefined
  /**
   * An insertion the fix does not make (see `refused`), for a message to
   * point at its place without offering it as a quick fix.
   */
  refusalOf(entry: TemplateSection): RefusedInsertion | undefined
  /**
   * The insertions the fix does not make because their place is inside a
   * block that is never closed (a code fence, an HTML comment or block that
   * runs to the end of the document): inserted there, the heading would not
   * be a heading, and every run would insert it again. Each with the edit it
   * would have been (for its place) and a sentence saying why and what to do.
   */
  readonly refused: ReadonlyArray<RefusedInsertion>
}

export interface RefusedInsertion {
  readonly edit: FixEdit
  /** Why, and what to do: `its place is inside the code block that starts on line 40 and is never closed: close it, then fix again`. */
  readonly reason: string
  /** The block left open, where one is: `the code block that starts on line 40`. */
  readonly block?: string
}

/** Apply edits to the source they were planned on. */
export function applyFixEdits(source: string, edits: ReadonlyArray<FixEdit>): string {
  const eol = lineEnding(source)
  // From the end, so that offsets stay valid; at one offset, a replacement
  // before the insertions that go in front of it.
  const ordered = [...edits].sort(
    (a, b) => b.start - a.start || Number(a.start === a.end) - Number(b.start === b.end) || b.order - a.order
  )
  let text = source
  // Insertions at one offset, in template order: their blocks are joined
  // with one blank line, keeping the first's lead and the last's tail.
  let joined: {start: number; text: string} | undefined
  const flush = () => {
    if (joined) text = text.slice(0, joined.start) + joined.text + text.slice(joined.start)
    joined = undefined
  }
  for (const edit of ordered) {
    if (edit.start === edit.end) {
      if (joined?.start === edit.start) {
        joined.text = withoutFinalLineEndings(edit.text) + eol + eol + joined.text.replace(/^(?:\r\n|\r|\n)+/, '')
        continue
      }
      flush()
      joined = {start: edit.start, text: edit.text}
      continue
    }
    flush()
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end)
  }
  flush()
  return text
}

/** The edits of `remark-runbook --fix` and the `runbook-fix` plugin. */
export function planFixEdits(runbook: Runbook, source: string, rename: boolean): FixEdit[] {
  return [...planFix(runbook, source, {rename}).edits]
}

/**
 * The fix of a runbook's structure. What it does with each template section:
 *
 * * missing and required: inserts it at its place, with its `TODO:` line, and
 *   with those of its subsections that are required and found nowhere else
 *   (one edit for the group);
 * * missing, with its subsections there (its heading left out): inserts the
 *   heading alone, above them;
 * * found at the wrong depth under the right parent: moves the heading to its
 *   level, when that is all it moves (it has no subsections, and no section
 *   after it would fall under it); an editor's quick fix makes the same edit;
 * * found under another parent: leaves it where it is (moving a section is
 *   for its owner to do), and inserts its missing subsections into it as it
 *   stands, never a second copy of it.
 */
export function planFix(runbook: Runbook, source: string, options: {readonly rename?: boolean} = {}): FixPlan {
  const eol = lineEnding(source)
  const blank = eol + eol
  const end = trimmedEnd(source)
  const edits: FixEdit[] = []
  const insertions = new Map<TemplateSection, FixEdit>()
  const levels = new Map<TemplateSection, FixEdit>()
  const refused: RefusedInsertion[] = []
  const open = unclosedBlock(runbook, source)
  let order = 0

  const inPlace = (entry: TemplateSection, container: Section | undefined): Section | undefined => {
    const match = runbook.find(entry)
    if (!match || match.duplicate) return undefined
    return match.section.parent === container || (!container && !entry.parent && match.placed) ? match.section : undefined
  }

  /** After the nearest earlier sibling in place, else before the next one, else at the end of the container's own text. */
  const place = (entry: TemplateSection, container: Section | undefined): {offset: number; anchor: FixAnchor} => {
    const siblings = entry.parent ? entry.parent.sections : runbook.template.sections
    for (let index = entry.index - 1; index >= 0; index--) {
      const sibling = inPlace(siblings[index]!, container)
      if (sibling) return {offset: after(sibling.end.offset), anchor: {relation: 'after', section: sibling}}
    }
    for (let index = entry.index + 1; index < siblings.length; index++) {
      const sibling = inPlace(siblings[index]!, container)
      if (sibling) return {offset: sibling.start.offset ?? end, anchor: {relation: 'before', section: sibling}}
    }
    if (container) {
      // Before its first subsection (of its own or misplaced), else after its text.
      const firstChild = container.children[0]
      if (firstChild?.start.offset !== undefined) {
        return {offset: firstChild.start.offset, anchor: {relation: 'before', section: firstChild}}
      }
      return {offset: after(container.end.offset), anchor: {relation: 'end', section: container}}
    }
    return {offset: end, anchor: {relation: 'end', section: runbook.root}}
  }

  const after = (offset: number | undefined): number => {
    let value = offset ?? end
    // Keep trailing spaces on the line they end.
    while (value < source.length && (source.charAt(value) === ' ' || source.charAt(value) === '\t')) value++
    return value
  }

  // What an inserted group holds: the subsections this runbook must have and
  // has nowhere else.
  const include = (entry: TemplateSection): boolean => runbook.required(entry) && !runbook.find(entry)

  const insertion = (entry: TemplateSection, container: Section | undefined, depth: number): FixEdit => {
    const {offset: at, anchor} = place(entry, container)
    const block = sectionSkeleton(entry, depth, eol, include)
    return insertAt(at, anchor, block, entry, depth)
  }

  /** The heading of a section whose subsections are there without it, above the first of them. */
  const headingAbove = (entry: TemplateSection, first: Section, depth: number): FixEdit => {
    const block = headingSkeleton(entry, depth, eol)
    return insertAt(first.start.offset ?? end, {relation: 'before', section: first}, block, entry, depth)
  }

  const insertAt = (at: number, anchor: FixAnchor, block: string, entry: TemplateSection, depth: number): FixEdit => {
    let offset = at
    let text: string
    if (offset >= end) {
      // At the end: after whatever the file ends with, trailing spaces included.
      offset = source.length
      const newlines = countLineEndings(source.slice(end))
      text = (source.trim() === '' ? '' : newlines >= 2 ? '' : newlines === 1 ? eol : blank) + block + eol
    } else if (anchor.relation === 'before') {
      // Before a heading: on the lines before its own, then a blank line.
      offset = lineStart(source, offset)
      text = (offset === 0 || blankLineBefore(source, offset) ? '' : eol) + block + blank
    } else {
      // After a node, on the same line: a blank line first, and one after
      // unless the next line is blank already.
      text = blank + block + (blankLineAfter(source, offset) ? '' : eol)
    }
    return {start: offset, end: offset, text, order: order++, entry, kind: 'insert', depth: Math.min(depth, 6), anchor}
  }

  const visit = (siblings: ReadonlyArray<TemplateSection>, container: Section | undefined, depth: number) => {
    for (const entry of siblings) {
      const match = runbook.find(entry)
      if (match && !match.duplicate) {
        const section = match.section
        if (options.rename && match.kind !== 'title' && match.kind !== 'combined') {
          const edit = renameEdit(source, match.entry, section, order)
          if (edit) {
            order++
            edits.push(edit)
          }
        }
        let depthHere = section.depth
        const expected = container ? container.depth + 1 : runbook.topDepth
        if (!match.placed && (section.parent === container || (!container && !entry.parent)) && depthHere !== expected) {
          const edit = safeLevelEdit(source, runbook, entry, section, expected)
          if (edit) {
            levels.set(entry, edit)
            edits.push({...edit, order: order++})
            depthHere = expected
          }
        }
        // Among subsections written deeper than one level down (all of
        // them: the team's choice), at their level.
        let childDepth = Infinity
        for (const child of section.children) childDepth = Math.min(childDepth, child.depth)
        visit(entry.sections, section, Math.max(depthHere + 1, childDepth === Infinity ? 0 : childDepth))
        continue
      }
      const implied = runbook.implied(entry)
      if (implied.length > 0) {
        // Its subsections are there, its heading is not.
        if (runbook.required(entry)) {
          const edit = headingAbove(entry, implied[0]!, depth)
          insertions.set(entry, edit)
          edits.push(edit)
        }
        visit(entry.sections, implied[0]!.parent, depth + 1)
        continue
      }
      // Recommended, optional, or answered: nothing to insert.
      if (!runbook.required(entry)) continue
      const edit = insertion(entry, container, depth)
      if (open && edit.start > open.start) {
        refused.push({edit, reason: open.reason, block: open.block})
        continue
      }
      insertions.set(entry, edit)
      edits.push(edit)
    }
  }

  visit(runbook.template.sections, undefined, runbook.topDepth)

  const insertionOf = (entry: TemplateSection): FixEdit | undefined => {
    for (let at: TemplateSection | undefined = entry; at && !runbook.find(at); at = at.parent) {
      const edit = insertions.get(at)
      if (edit) return edit
      if (runbook.implied(at).length > 0) return undefined
    }
    return undefined
  }

  const refusalOf = (entry: TemplateSection): RefusedInsertion | undefined => {
    for (let at: TemplateSection | undefined = entry; at && !runbook.find(at); at = at.parent) {
      const refusal = refused.find((item) => item.edit.entry === at)
      if (refusal) return refusal
    }
    return undefined
  }

  return {edits, insertionOf, levelOf: (entry) => levels.get(entry), refusalOf, refused}
}

/**
 * A heading's change of level that moves nothing else: the heading has no
 * subsections, and a heading moved up takes no following section under it.
 */
function safeLevelEdit(source: string, runbook: Runbook, entry: TemplateSection, section: Section, depth: number): FixEdit | undefined {
  if (!section.heading || section.children.length > 0 || depth >= section.depth) return undefined
  const index = runbook.sections.indexOf(section)
  const next = runbook.sections[index + 1]
  if (next && next.depth > depth) return undefined
  return levelEdit(source, entry, section.heading, depth)
}

/**
 * The last block of the document when it is a block that only a closing
 * line ends (a fenced code block, an HTML comment, `<script>`, `<pre>`, a
 * math block) and it has none: it runs to the end of the file, so text
 * inserted after its start would be inside it. Blocks that a blank line ends
 * (`<div>`, indented code) and containers (lists, block quotes) do not
 * swallow an insertion: it always starts after a blank line, at column 1.
 */
function unclosedBlock(runbook: Runbook, source: string): {start: number; reason: string; block: string} | undefined {
  const last = runbook.sections.at(-1)
  const node: RootContent | undefined = last ? (last.body.at(-1) ?? last.heading) : runbook.root.body.at(-1)
  const start = node?.position?.start.offset
  const end = node?.position?.end.offset
  if (!node || start === undefined || end === undefined) return undefined
  const text = source.slice(start, end)
  let kind: string | undefined
  if (node.type === 'code' || (node.type as string) === 'math') {
    const fence = /^ {0,3}(`{3,}|~{3,}|\${2,})/.exec(text)?.[1]
    if (fence && !closesFence(text, fence)) kind = node.type === 'code' ? 'code block' : 'math block'
  } else if (node.type === 'html') {
    kind = unclosedHtml(text.replace(/^ {0,3}/, ''))
  }
  if (!kind) return undefined
  const line = node.position!.start.line
  return {
    start,
    block: `the ${kind} that starts on line ${line}`,
    reason: `its place is inside the ${kind} that starts on line ${line} and is never closed, where it would not be a heading: close the ${kind}, then fix again`
  }
}

/** Whether the last line of a fenced block closes its fence: the same character, at least as many, nothing after. */
function closesFence(text: string, fence: string): boolean {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.length < 2) return false
  const closing = /^ {0,3}(`+|~+|\$+)[ \t]*$/.exec(lines.at(-1)!)?.[1]
  return closing !== undefined && closing[0] === fence[0] && closing.length >= fence.length
}

/** The kind of an HTML block (CommonMark kinds 1 to 5) whose end condition never came, if it is one. */
function unclosedHtml(text: string): string | undefined {
  // The opening, the end condition, and how much of the opening the end may not overlap.
  const ends: Array<[RegExp, RegExp, number, string]> = [
    [/^<(?:script|pre|style|textarea)(?:[\t\n\r >]|$)/i, /<\/(?:script|pre|style|textarea)>/i, 0, 'HTML block'],
    [/^<!--/, /-->/, 4, 'HTML comment'],
    [/^<\?/, /\?>/, 2, 'HTML block'],
    [/^<![a-z]/i, />/, 2, 'HTML block'],
    [/^<!\[CDATA\[/, /\]\]>/, 9, 'HTML block']
  ]
  for (const [opening, closing, skip, kind] of ends) {
    if (opening.test(text)) return closing.test(text.slice(skip)) ? undefined : kind
  }
  return undefined
}

/**
 * Rewrite a heading's title to the template's, keeping everything around
 * it: the `#` markers, leading numbering and emoji, anchors, a trailing colon
 * or `{#id}`.
 */
export function renameEdit(source: string, entry: TemplateSection, section: Section, order = 0): FixEdit | undefined {
  const range = section.heading ? titleRange(source, section.heading) : undefined
  if (!range) return undefined
  return {start: range[0], end: range[1], text: entry.title, order, entry, kind: 'rename', depth: section.depth, anchor: undefined}
}

/**
 * Move a heading to another level: its `#` markers, or the underline of a
 * setext heading (levels 1 and 2). The edit holds none of the heading's own
 * text, so a message's `expected` quotes nothing from the document (which may
 * be redacted in reports) and the text stays as written. A setext heading
 * that belongs at level 3 or deeper has no such edit: it would be rewritten.
 */
export function levelEdit(source: string, entry: TemplateSection, heading: Heading, depth: number): FixEdit | undefined {
  const start = heading.position?.start.offset
  const end = heading.position?.end.offset
  if (start === undefined || end === undefined || depth < 1 || depth > 6) return undefined
  const edit = (from: number, to: number, text: string): FixEdit => ({
    start: from,
    end: to,
    text,
    order: 0,
    entry,
    kind: 'level',
    depth,
    anchor: undefined
  })

  const atx = /^#{1,6}/.exec(source.slice(start, start + 7))
  if (atx) return edit(start, start + atx[0].length, '#'.repeat(depth))

  const lineStart = startOfLine(source, end)
  const underline = /^ {0,3}(=+|-+)[ \t]*$/.exec(source.slice(lineStart, end))
  if (!underline || lineStart <= start || depth > 2) return undefined
  const from = lineStart + underline[0].indexOf(underline[1]!)
  return edit(from, from + underline[1]!.length, (depth === 1 ? '=' : '-').repeat(underline[1]!.length))
}

/**
 * A message's place for an edit, in the parser's points: a point for an
 * insertion (editors insert there), else the range it replaces.
 */
export function editPlacer(source: string): (edit: FixEdit) => Point | Position {
  const toPoint = location(source).toPoint
  const point = (offset: number): Point => toPoint(offset) ?? {line: 1, column: 1, offset: 0}
  return (edit) => (edit.start === edit.end ? point(edit.start) : {start: point(edit.start), end: point(edit.end)})
}

const leadingDecoration = /^(?:[\s\p{Extended_Pictographic}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]|:[a-z\d_+-]{1,40}:)*(?:(?:\d{1,3}(?:\.\d{1,3}){0,4}[.):]?|[a-z][.)]|[ivxlc]{1,6}[.)])\s+)?/iu

/**
 * The offsets of a heading's title: its text without leading HTML (anchors),
 * numbering and emoji, or trailing HTML, attribute list and punctuation.
 * The end is scanned backwards: a pattern anchored at the end would retry
 * from every position of a long run (see `trimTrailingPunctuation`).
 */
function titleRange(source: string, heading: Heading): [number, number] | undefined {
  const children = heading.children.filter((child) => child.type !== 'html')
  const first = children[0]
  const last = children.at(-1)
  const whole = [first?.position?.start.offset, last?.position?.end.offset] as const
  if (first === undefined || last === undefined || whole[0] === undefined || whole[1] === undefined) return undefined

  let start = whole[0]
  if (isText(first)) start += leadingDecoration.exec(source.slice(start, first.position!.end.offset!))?.[0].length ?? 0

  let end = whole[1]
  if (isText(last)) {
    const floor = Math.max(start, last.position!.start.offset!)
    const skip = (pattern: RegExp) => {
      while (end > floor && pattern.test(source.charAt(end - 1))) end--
    }
    skip(/\s/)
    if (source.charAt(end - 1) === '}') {
      const open = source.lastIndexOf('{', end - 1)
      if (open >= floor && end - open <= 102 && '#:.'.includes(source.charAt(open + 1))) end = open
    }
    skip(/[\s:;,.!?–—-]/u)
  }
  return end > start ? [start, end] : [whole[0], whole[1]]
}

function isText(node: PhrasingContent): boolean {
  return node.type === 'text' && node.position?.start.offset !== undefined && node.position.end.offset !== undefined
}

/**
 * The file's line ending, for what is inserted: the most common of `\n`,
 * `\r\n` and a lone `\r` (CommonMark reads all three), `\n` in a tie or a
 * file of one line.
 */
function lineEnding(source: string): string {
  let crlf = 0
  let cr = 0
  let lf = 0
  for (let index = 0; index < source.length; index++) {
    const code = source.charCodeAt(index)
    if (code === 13) {
      if (source.charCodeAt(index + 1) === 10) {
        crlf++
        index++
      } else cr++
    } else if (code === 10) lf++
  }
  return crlf > lf && crlf >= cr ? '\r\n' : cr > lf && cr > crlf ? '\r' : '\n'
}

function countLineEndings(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0
}

function isLineEnding(character: string): boolean {
  return character === '\n' || character === '\r'
}

/** A line holding only spaces and tabs is blank in CommonMark; a no-break space or a form feed is text. */
function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line)
}

/**
 * A text without its final line endings, scanned from the end: a pattern
 * such as `(?:\r\n|\r|\n)+$` can read `\r\n` two ways, and tries every
 * way at a run of line endings that does not end the text.
 */
function withoutFinalLineEndings(text: string): string {
  let end = text.length
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--
  return text.slice(0, end)
}

/** The end of the text without trailing blank lines and spaces: where a block is appended. */
function trimmedEnd(source: string): number {
  let end = source.length
  while (end > 0 && ' \t\r\n'.includes(source.charAt(end - 1))) end--
  return end
}

/** The offset where the line holding `offset` starts. */
function startOfLine(source: string, offset: number): number {
  return Math.max(source.lastIndexOf('\n', offset - 1), source.lastIndexOf('\r', offset - 1)) + 1
}

/** The start of the line `offset` is on, if only spaces and tabs come before it there. */
function lineStart(source: string, offset: number): number {
  let start = offset
  while (start > 0 && (source.charAt(start - 1) === ' ' || source.charAt(start - 1) === '\t')) start--
  return start === 0 || isLineEnding(source.charAt(start - 1)) ? start : offset
}

/** Whether the line before the one starting at `offset` is blank. */
function blankLineBefore(source: string, offset: number): boolean {
  if (!isLineEnding(source.charAt(offset - 1))) return false
  const previousEnd = source.slice(offset - 2, offset) === '\r\n' ? offset - 2 : offset - 1
  return isBlank(source.slice(startOfLine(source, previousEnd), previousEnd))
}

/** Whether `offset` ends a line and the next line is blank (or the file ends). */
function blankLineAfter(source: string, offset: number): boolean {
  const newline = source.startsWith('\r\n', offset) ? 2 : isLineEnding(source.charAt(offset)) ? 1 : 0
  if (newline === 0) return offset >= source.length
  const nextStart = offset + newline
  let nextEnd = nextStart
  while (nextEnd < source.length && !isLineEnding(source.charAt(nextEnd))) nextEnd++
  return isBlank(source.slice(nextStart, nextEnd))
}
