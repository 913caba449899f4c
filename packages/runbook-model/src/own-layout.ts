/**
 * A service's runbook that is no copy of the template: the team wrote it in
 * a layout of its own (`Overview`, `Incidents`, `Rollback`, `Secret
 * rotation`), where a copy keeps the template's titles (`Service or system
 * overview`, `Business overview`, `Service owner`). Of such a runbook only
 * what it really lacks is asked, once each (see `Runbook.house`): an owner
 * that neither a heading nor a labelled line gives (`**Owner:** Payments`,
 * `| Team | Discovery |`), and the groups the layout says every runbook
 * needs (`SectionDefinition.ownLayouts`) that none of its headings speaks
 * of.
 */

import type {Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {fileStem, pageTitle} from './alert-name.js'
import {fieldLines, textLines} from './field-labels.js'
import {pageShape, readmeOrIndexName} from './page-shape.js'
import type {Runbook, TemplateCoverage} from './runbook.js'
import {followsTemplate} from './runbook.js'
import type {Section} from './sections.js'
import type {Template, TemplateSection} from './template.js'
import {topicHits, wordsOf} from './topics.js'

/** The matches a copy is told by: a template title of two words or more, as the template writes it. */
interface TitledMatch {
  readonly entry: TemplateSection
  readonly kind: string
}

/**
 * Whether a runbook keeps the template's own titles, as a copy does: three
 * of its titles of two words or more at least (`Business overview`,
 * `Health checks`). Single words (`Deployment`, `Metrics`) are any
 * runbook's.
 */
export function keepsTemplateTitles(matches: ReadonlyArray<TitledMatch>): boolean {
  const titles = new Set<TemplateSection>()
  for (const match of matches) {
    if (match.kind === 'title' && match.entry.title.trim().split(/\s+/).length >= 2) titles.add(match.entry)
  }
  return titles.size >= 3
}

/**
 * Whether a labelled line or a table row anywhere in the runbook names its
 * owner: the label says the owner's subject (`Owner`, `Team`, `Supported
 * by`, `On call`) and a value follows.
 */
export function ownerInFields(sections: ReadonlyArray<Section>, owner: TemplateSection): boolean {
  const nodes = sections.flatMap((section) => section.body)
  const labels: string[] = []
  for (const field of fieldLines(nodes)) if (field.value.trim() !== '') labels.push(field.label)
  for (const line of textLines(nodes)) {
    // A table row read without GFM: `| Team | Discovery |`.
    const cells = line.trim().startsWith('|') ? line.split('|').map((cell) => cell.trim()) : []
    if (cells.length >= 4 && cells[1] !== '' && cells[2] !== '') labels.push(cells[1]!)
    const colon = line.indexOf(':')
    if (colon > 0 && colon <= 30 && line.slice(colon + 1).trim() !== '') labels.push(line.slice(0, colon))
  }
  for (const row of tableRows(nodes)) labels.push(row)
  return labels.some((label) => {
    const words = wordsOf(label)
    return words.length <= 4 && topicHits(words, owner.topics) > 0
  })
}

/**
 * Whether a runbook of its own layout must still have a top-level group
 * (see `SectionDefinition.ownLayouts`). A layout that says nothing of it
 * (a team's own template) needs every group.
 */
export function neededOfOwnLayout(entry: TemplateSection, template: Template, sections: ReadonlyArray<Section>): boolean {
  const needs = entry.ownLayouts
  if (needs === undefined) return !template.all.some((other) => other.ownLayouts !== undefined)
  if (needs === true) return true
  return sections.some((section) => topicHits(wordsOf([section.title, ...section.body.map((node) => toString(node))].join(' ')), needs) > 0)
}

/** The first cells of table rows that have a value beside them (`| Team | Discovery |`). */
function tableRows(nodes: ReadonlyArray<RootContent>): string[] {
  const result: string[] = []
  for (const node of nodes) {
    if (node.type !== 'table') continue
    for (const row of node.children) {
      const [first, second] = row.children
      if (first && second && toString(second).trim() !== '') result.push(toString(first))
    }
  }
  return result
}

/**
 * How many of the layout's top-level groups a runbook's headings speak of,
 * by the words of the group or of its sections (`Deploying`, `Metrics`,
 * `Restoring the database`): a runbook of its own layout that speaks of
 * three is a service's runbook, however few of the template's sections it
 * has by name.
 */
export function groupsSpokenOf(runbook: Runbook): number {
  const titles = runbook.sections
    .filter((section) => section.heading !== undefined && section.depth >= runbook.topDepth)
    .map((section) => wordsOf(section.title))
  let spoken = 0
  for (const group of runbook.template.all) {
    if (group.parent) continue
    const vocabulary = runbook.template.all.filter((entry) => within(entry, group)).flatMap((entry) => entry.topics)
    if (titles.some((words) => topicHits(words, vocabulary) > 0)) spoken++
  }
  return spoken
}

/**
 * Whether `runbook-required-headings` and the fix check a runbook section
 * by section: it follows enough of its layout (`followsTemplate`), or it
 * is a service's runbook in a layout of its own that speaks of three of
 * the layout's groups and says it is a runbook (see `Runbook.house`), and
 * is asked for what it lacks rather than told it is of another shape.
 */
export function checkedBySection(runbook: Runbook, coverage: TemplateCoverage, tree: Root, file: VFile | undefined, threshold?: number): boolean {
  if (followsTemplate(coverage, threshold)) return true
  if (runbook.template.definition.minimumShare !== undefined || !runbook.house) return false
  // A readme or an index of another shape gets nothing (see `isReadmeOrIndex`).
  if (readmeOrIndexName.test(fileStem(file) ?? '') || !saysItIsARunbook(tree, file)) return false
  // A how-to (`Prerequisites`, then its steps) titled `Runbook: …` is a
  // procedure, not a service's runbook: its steps speak of the service's
  // groups (provisioning, deploying, monitoring) without being them, and
  // its troubleshooting (`Issue: the lock times out`) is its own.
  const shape = pageShape(tree, file)
  if (shape.guide && !shape.serviceOutline) return false
  return groupsSpokenOf(runbook) >= 3
}

/** Whether a page says it is a runbook, in its file's name or its title (`run-book.md`, `# Payments Run Book`, `# Operations manual`). */
function saysItIsARunbook(tree: Root, file: VFile | undefined): boolean {
  return [fileStem(file) ?? '', pageTitle(tree)?.text ?? ''].some((text) => runbookWords.test(text))
}

// In Russian too: `Руководство по эксплуатации` (operations manual), `Ранбук`.
const runbookWords = /(?:^|[^a-z])(?:run[\s_-]?books?|operations?[\s_-]manual|system[\s_-]operation|руководство\sпо\sэксплуатации|ранбук)(?:$|[^a-z])/i

function within(entry: TemplateSection, group: TemplateSection): boolean {
  for (let at: TemplateSection | undefined = entry; at; at = at.parent) if (at === group) return true
  return false
}
