/**
 * @DOCS@
 */

import type {Heading, Root} from 'mdast'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {
  checkOptionKeys,
  failOption,
  getRunbook,
  resolveTemplate,
  runbookRule,
  topDepth,
  type Runbook,
  type Section,
  type SectionMatch,
  type Template,
  type TemplateSection
} from 'runbook-model'

export interface Options {
  /**
   * Extra titles to accept for template headings: a template heading (any
   * tolerated spelling) to a list of other titles.
   */
  readonly aliases?: Readonly<Record<string, ReadonlyArray<string> | string>> | null | undefined
  /** Template headings that need not be present (their subsections neither). */
  readonly optional?: ReadonlyArray<string> | null | undefined
  /** Report template sections that appear out of the template's order (default: `false`). */
  readonly order?: boolean | null | undefined
}

const id = 'required-headings'

const remarkLintRunbookRequiredHeadings = runbookRule<Options>({id}, (tree, file, options) => {
  const {template, order} = settings(file, options)
  const runbook = getRunbook(tree, template)

  for (const match of runbook.matches) {
    if (match.duplicate) reportDuplicate(file, tree, runbook, match)
    else if (match.kind === 'near') reportNearMiss(file, tree, match)
    else if (!match.placed) reportMisplaced(file, tree, runbook, match)
  }

  for (const entry of template.all) {
    if (!entry.optional && !runbook.find(entry)) reportMissing(file, runbook, entry)
  }

  if (order) reportOrder(file, tree, runbook)
})

export default remarkLintRunbookRequiredHeadings

function reportMissing(file: VFile, runbook: Runbook, entry: TemplateSection): void {
  const parent = entry.parent
  const parentMatch = parent ? runbook.find(parent) : undefined
  let where: string
  let place: Point

  if (parent && !parentMatch) {
    // The whole group is missing: every heading goes where its parent goes.
    place = insertionPoint(runbook, parent).place
    where = `under \`${parent.line}\`, which is missing too`
  } else {
    const point = insertionPoint(runbook, entry)
    place = point.place
    where = point.where
  }

  const inParent = parentMatch && !where.startsWith('at the end of') ? ` in \`${parentMatch.section.title}\`` : ''
  const message = file.message(`Missing required heading \`${entry.line}\`${inParent}, expected it ${where}`, {
    place: outsideGap(runbook, place)
  })
  message.expected = [lineAtDepth(entry, expectedDepth(runbook, entry))]
}

/**
 * Where a missing heading should be inserted: after the nearest earlier
 * sibling that is in place, else before the nearest later one, else at the
 * end of its parent section (or of the document).
 */
function insertionPoint(runbook: Runbook, entry: TemplateSection): {place: Point; where: string} {
  const siblings = entry.parent ? entry.parent.sections : runbook.template.sections
  const container = entry.parent ? runbook.find(entry.parent)?.section : undefined

  for (let index = entry.index - 1; index >= 0; index--) {
    const sibling = placedIn(runbook, siblings[index]!, container)
    if (sibling) return {place: sibling.end, where: `after \`${sibling.title}\``}
  }

  for (let index = entry.index + 1; index < siblings.length; index++) {
    const sibling = placedIn(runbook, siblings[index]!, container)
    if (sibling) return {place: sibling.start, where: `before \`${sibling.title}\``}
  }

  if (container) {
    // After the parent's own text, before any subsection it has.
    const lastBodyNode = container.body.at(-1)
    const end = lastBodyNode?.position?.end ?? container.heading?.position?.end ?? container.end
    return {place: end, where: `at the end of \`${container.title}\``}
  }

  return {place: runbook.root.end, where: 'at the end of the document'}
}

/**
 * A point at the very end of the last node is in the "gap" before the end of
 * the file, where remark-lint's message control drops messages: use the end
 * of the file instead, which is the same place to insert text.
 */
function outsideGap(runbook: Runbook, point: Point): Point {
  const lastEnd = runbook.sections.length > 0 || runbook.root.body.length > 0 ? lastNodeEnd(runbook) : undefined
  return lastEnd && point.offset !== undefined && point.offset >= lastEnd ? runbook.root.end : point
}

function lastNodeEnd(runbook: Runbook): number | undefined {
  const last = runbook.sections.at(-1)
  const end = last && last.end.offset !== undefined ? last.end.offset : undefined
  const bodyEnd = runbook.root.body.at(-1)?.position?.end.offset
  return Math.max(end ?? -1, bodyEnd ?? -1)
}

function placedIn(runbook: Runbook, entry: TemplateSection, container: Section | undefined): Section | undefined {
  const match = runbook.find(entry)
  if (!match || !match.placed) return undefined
  if (container && match.section.parent !== container) return undefined
  return match.section
}

function reportMisplaced(file: VFile, tree: Root, runbook: Runbook, match: SectionMatch): void {
  const {section, entry} = match
  const heading = section.heading!
  const actual = `\`${written(section)}\``
  const depth = expectedDepth(runbook, entry)
  const parentMatch = entry.parent ? runbook.find(entry.parent) : undefined
  const underRightParent = entry.parent ? parentMatch?.section === section.parent : section.depth !== topDepth

  let reason: string
  if (!entry.parent) {
    reason = `Misplaced heading ${actual}${under(section)}, expected \`${lineAtDepth(entry, depth)}\` as a top-level section`
  } else if (underRightParent) {
    reason = `Misplaced heading ${actual}, expected \`${lineAtDepth(entry, depth)}\` directly under \`${parentMatch!.section.title}\``
  } else {
    const parent = parentMatch ? `\`${parentMatch.section.title}\`` : `\`${entry.parent.line}\`, which is missing`
    reason = `Misplaced heading ${actual}${under(section)}, expected it under ${parent}`
  }

  const message = file.message(reason, {ancestors: [tree, heading], place: heading.position})
  // Changing the depth is the fix only when the heading is in the right parent already.
  if (underRightParent || !entry.parent) message.expected = [lineAtDepth(entry, depth)]
}

function reportNearMiss(file: VFile, tree: Root, match: SectionMatch): void {
  const heading = match.section.heading!
  const message = file.message(
    `Unexpected heading \`${match.section.title}\`, did you mean \`${match.entry.title}\`?`,
    {ancestors: [tree, heading], place: contentPosition(heading)}
  )
  message.expected = [match.entry.title]
}

function reportDuplicate(file: VFile, tree: Root, runbook: Runbook, match: SectionMatch): void {
  const heading = match.section.heading!
  const first = runbook.find(match.entry)!
  const firstLine = first.section.start.line
  const parent = match.section.parent?.heading ? ` in \`${match.section.parent.title}\`` : ''
  file.message(
    `Unexpected duplicate heading \`${match.section.title}\`${parent}, expected one \`${match.entry.title}\` (first on line ${firstLine}): merge them`,
    {ancestors: [tree, heading], place: heading.position}
  )
}

function reportOrder(file: VFile, tree: Root, runbook: Runbook): void {
  const groups = new Map<TemplateSection | undefined, SectionMatch[]>()
  for (const match of runbook.matches) {
    if (!match.placed || match.duplicate) continue
    const list = groups.get(match.entry.parent) ?? []
    list.push(match)
    groups.set(match.entry.parent, list)
  }

  for (const list of groups.values()) {
    let furthest: SectionMatch | undefined
    for (const match of list) {
      if (furthest && match.entry.index < furthest.entry.index) {
        const heading = match.section.heading!
        file.message(
          `Unexpected \`${written(match.section)}\` after \`${written(furthest.section)}\`, expected it before, as in the template`,
          {ancestors: [tree, heading], place: heading.position}
        )
      } else {
        furthest = match
      }
    }
  }
}

/** The depth a template heading should have here: one below its parent as found. */
function expectedDepth(runbook: Runbook, entry: TemplateSection): number {
  if (!entry.parent) return topDepth
  const parent = runbook.find(entry.parent)
  return parent ? Math.min(parent.section.depth + 1, 6) : entry.depth
}

function lineAtDepth(entry: TemplateSection, depth: number): string {
  return '#'.repeat(depth) + ' ' + entry.title
}

function written(section: Section): string {
  return '#'.repeat(section.depth) + ' ' + section.title
}

function under(section: Section): string {
  return section.parent?.heading ? ` under \`${section.parent.title}\`` : ''
}

/** The range of a heading's text, without its `#` markers or setext underline. */
function contentPosition(heading: Heading): Position | undefined {
  const first = heading.children[0]?.position
  const last = heading.children.at(-1)?.position
  return first && last ? {start: first.start, end: last.end} : heading.position
}

function settings(file: VFile, options: Options | null | undefined): {template: Template; order: boolean} {
  const given = checkOptionKeys(file, id, options, ['aliases', 'optional', 'order'])
  const base = resolveTemplate()

  const aliases: Record<string, string[]> = {}
  if (given.aliases !== undefined && given.aliases !== null) {
    if (typeof given.aliases !== 'object' || Array.isArray(given.aliases)) {
      failOption(file, id, 'aliases', given.aliases, 'an object from a template heading to a list of other titles')
    }
    for (const [title, value] of Object.entries(given.aliases)) {
      templateHeading(file, base, 'aliases', title)
      const list: unknown[] = Array.isArray(value) ? value : [value]
      if (list.some((alias) => typeof alias !== 'string' || alias.trim() === '')) {
        failOption(file, id, `aliases.${title}`, value, 'a list of non-empty titles')
      }
      aliases[title] = list as string[]
    }
  }

  let optional: string[] | undefined
  if (given.optional !== undefined && given.optional !== null) {
    if (!Array.isArray(given.optional) || given.optional.some((title) => typeof title !== 'string')) {
      failOption(file, id, 'optional', given.optional, 'a list of template headings')
    }
    optional = given.optional as string[]
    for (const title of optional) templateHeading(file, base, 'optional', title)
  }

  if (given.order !== undefined && given.order !== null && typeof given.order !== 'boolean') {
    failOption(file, id, 'order', given.order, '`true` or `false`')
  }

  const customised = Object.keys(aliases).length > 0 || optional
  return {
    template: customised ? resolveTemplate({aliases, optional}) : base,
    order: given.order === true
  }
}

function templateHeading(file: VFile, template: Template, option: string, title: string): void {
  if (template.find(title)) return
  const examples = template.all
    .slice(0, 3)
    .map((entry) => `\`${entry.title}\``)
    .join(', ')
  failOption(file, id, option, title, `a heading of the template, such as ${examples}`)
}
