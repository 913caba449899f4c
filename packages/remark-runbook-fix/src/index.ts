/**
 * Fix a runbook's structure: insert every missing required heading at its
 * place, with a `TODO:` line saying what to write, so that
 * `runbook-required-headings` is satisfied and the placeholder rules point at
 * what is left to fill.
 *
 * ```sh
 * npx remark --use runbook-fix --output docs/runbook.md
 * ```
 *
 * It edits the text, not the tree: everything it does not insert stays byte
 * for byte (no reformatting). It moves nothing and never deletes: a template
 * heading in the wrong place is left where it is and a new one is inserted in
 * its place (move the content across yourself). With `rename: true` it also
 * rewrites near-miss titles (`Trouble shooting`) and aliases (`Service
 * overview`) to the template's title. Running it again changes nothing.
 * The template is the one the `remark-runbook-template` setting names.
 */

import type {Heading, Root} from 'mdast'
import {
  checkOptionKeys,
  failOption,
  getRunbook,
  sectionSkeleton,
  templateOf,
  type Runbook,
  type Section,
  type TemplateSection
} from 'runbook-model'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'

export interface Options {
  /** Also rewrite near-miss and alias titles to the template's (default: `false`). */
  readonly rename?: boolean | null | undefined
}

interface Edit {
  readonly start: number
  readonly end: number
  readonly text: string
  /** Order of edits at the same offset: template order. */
  readonly order: number
}

declare module 'vfile' {
  interface DataMap {
    /** The fixed text of the runbook, when the fix changed anything. */
    runbookFixed: string
  }
}

export default function remarkRunbookFix(this: Processor, options?: Options | null) {
  // Serialise the edited source, not the tree: the rest of the file stays as written.
  this.compiler = (_tree, file) => file.data.runbookFixed ?? String(file.value ?? '')

  return function (tree: Root, file: VFile) {
    const given = checkOptionKeys(file, 'fix', options, ['rename'])
    if (given.rename !== undefined && given.rename !== null && typeof given.rename !== 'boolean') {
      failOption(file, 'fix', 'rename', given.rename, '`true` or `false`')
    }
    const source = String(file.value ?? '')
    const edits = planEdits(getRunbook(tree, templateOf(file)), source, given.rename === true)
    if (edits.length === 0) return

    let text = source
    const ordered = [...edits].sort((a, b) => b.start - a.start || b.order - a.order)
    for (const edit of ordered) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end)
    file.data.runbookFixed = text
  }
}

function planEdits(runbook: Runbook, source: string, rename: boolean): Edit[] {
  const eol = source.includes('\r\n') ? '\r\n' : '\n'
  const blank = eol + eol
  const edits: Edit[] = []
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
      edits.push({start: offset, end: offset, text, order: order++})
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
    if (range) edits.push({start: range[0], end: range[1], text: entry.title, order: order++})
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
