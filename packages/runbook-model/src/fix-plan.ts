/**
 * The text edits that fix a runbook's structure, planned once for every way
 * of applying them: `remark-runbook --fix`, the `runbook-fix` plugin and the
 * quick fixes of `runbook-required-headings` messages. Each missing required
 * heading is inserted at its place with a `TODO:` line; with `rename`,
 * near-miss and alias titles are rewritten to the template's. Offsets are
 * into the source text the tree was parsed from.
 */

import type {Heading} from 'mdast'
import type {Runbook} from './runbook.js'
import type {Section} from './sections.js'
import {sectionSkeleton} from './skeleton.js'
import type {TemplateSection} from './template.js'

export interface FixEdit {
  readonly start: number
  readonly end: number
  readonly text: string
  /** Order of edits at the same offset: template order. */
  readonly order: number
  /** The template section the edit inserts or renames. */
  readonly entry: TemplateSection
  readonly kind: 'insert' | 'rename'
}

/** Apply edits to the source they were planned on. */
export function applyFixEdits(source: string, edits: ReadonlyArray<FixEdit>): string {
  let text = source
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.order - a.order)
  for (const edit of ordered) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end)
  return text
}

export function planFixEdits(runbook: Runbook, source: string, rename: boolean): FixEdit[] {
  const eol = source.includes('\r\n') ? '\r\n' : '\n'
  const blank = eol + eol
  const edits: FixEdit[] = []
  let order = 0

  const inPlace = (entry: TemplateSection, container: Section | undefined): Section | undefined => {
    const match = runbook.find(entry)
    if (!match || !match.placed || match.duplicate) return undefined
    return !entry.parent || match.section.parent === container ? match.section : undefined
  }

  const visit = (siblings: ReadonlyArray<TemplateSection>, container: Section | undefined, depth: number) => {
    for (const entry of siblings) {
      const section = inPlace(entry, container)
      if (section) {
        if (rename) renameHeading(runbook, entry, section)
        visit(entry.sections, section, section.depth + 1)
        continue
      }
      if (entry.optional) continue
      let offset = insertionOffset(siblings, entry, container)
      const block = sectionSkeleton(entry, depth, eol)
      let text: string
      if (offset >= trimmedEnd(source)) {
        // At the end: after whatever the file ends with, trailing spaces included.
        offset = source.length
        const newlines = source.slice(trimmedEnd(source)).split('\n').length - 1
        text = (source.trim() === '' ? '' : newlines >= 2 ? '' : newlines === 1 ? eol : blank) + block + eol
      } else {
        // After a node: a blank line first. Before a heading: a blank line after.
        text = isAfterNode(offset) ? blank + block : block + blank
      }
      edits.push({start: offset, end: offset, text, order: order++, entry, kind: 'insert'})
    }
  }

  const afterOffsets = new Set<number>()
  const isAfterNode = (offset: number) => afterOffsets.has(offset)

  /** After the nearest earlier sibling in place, else before the next one, else at the end of the container. */
  const insertionOffset = (
    siblings: ReadonlyArray<TemplateSection>,
    entry: TemplateSection,
    container: Section | undefined
  ): number => {
    for (let index = entry.index - 1; index >= 0; index--) {
      const sibling = inPlace(siblings[index]!, container)
      if (sibling) return after(sibling.end.offset)
    }
    for (let index = entry.index + 1; index < siblings.length; index++) {
      const sibling = inPlace(siblings[index]!, container)
      if (sibling) return sibling.start.offset ?? trimmedEnd(source)
    }
    if (container) {
      const firstChild = container.children[0]
      if (firstChild?.start.offset !== undefined) return firstChild.start.offset
      return after(container.end.offset)
    }
    return trimmedEnd(source)
  }

  const after = (offset: number | undefined): number => {
    let value = offset ?? trimmedEnd(source)
    // Keep trailing spaces on the line they end.
    while (value < source.length && (source.charAt(value) === ' ' || source.charAt(value) === '\t')) value++
    afterOffsets.add(value)
    return value
  }

  const renameHeading = (run: Runbook, entry: TemplateSection, section: Section) => {
    const match = run.find(entry)
    if (!match || match.kind === 'title' || !section.heading) return
    const range = contentRange(section.heading)
    if (range) edits.push({start: range[0], end: range[1], text: entry.title, order: order++, entry, kind: 'rename'})
  }

  visit(runbook.template.sections, undefined, runbook.topDepth)
  return edits
}

/** The end of the text without trailing whitespace: where a block is appended. */
function trimmedEnd(source: string): number {
  let end = source.length
  while (end > 0 && /\s/.test(source.charAt(end - 1))) end--
  return end
}

function contentRange(heading: Heading): [number, number] | undefined {
  const first = heading.children[0]?.position?.start.offset
  const last = heading.children.at(-1)?.position?.end.offset
  return first === undefined || last === undefined ? undefined : [first, last]
}
