/**
 * Whether a section out of place is told as misplaced: decided once here,
 * for the rule's message, the summary the reporters show and the fix.
 */

import type {Nodes, RootContent} from 'mdast'
import type {RunbookContent} from './content.js'
import type {Runbook, SectionMatch} from './runbook.js'
import type {TemplateSection} from './template.js'

/** Whether a template section is missing because the runbook need not have it. */
export function absentByChoice(runbook: Runbook, entry: TemplateSection | undefined): boolean {
  return entry !== undefined && !runbook.find(entry) && !runbook.required(entry)
}

/** Whether a template section is missing, required, and not implied by its subsections: one message names what it holds. */
export function missingGroup(runbook: Runbook, entry: TemplateSection | undefined): boolean {
  return entry !== undefined && !runbook.find(entry) && runbook.required(entry) && runbook.implied(entry).length === 0
}

/**
 * Whether a matched section is out of place in a way worth telling. Under a
 * missing parent, the parent's message says where it is; where the runbook
 * need not have that parent, or in a runbook of its own layout, the
 * section's place is the team's to choose;
 * and a section with nothing of its own to say is told for that, not also
 * for its place.
 */
export function toldMisplaced(runbook: Runbook, content: RunbookContent, match: SectionMatch): boolean {
  return (
    !match.placed &&
    !match.duplicate &&
    !runbook.house &&
    match.kind !== 'near' &&
    !missingGroup(runbook, match.entry.parent) &&
    !absentByChoice(runbook, match.entry.parent) &&
    !content.unwritten(match.section)
  )
}

/**
 * Whether a page is a stub: a page of a layout named after what it is about
 * (an alert page), it has sections of its template, and every one
 * of them (and its lead) is still unfilled: empty, template text only,
 * guidance left to finish (`This issue happens when...`), links to its own
 * sample steps or a one-word stand-in; who owns it aside. The page is told
 * so once (`runbook-required-headings`): neither each section
 * (`runbook-no-placeholders` and `runbook-no-empty-sections` leave it) nor
 * what the page lacks besides is news to its owner.
 */
export function unfilledPage(runbook: Runbook, content: RunbookContent): boolean {
  // Only a page of one thing (an alert page, named after its alert): a
  // service runbook that has a few groups, all unfilled, is still asked for
  // the groups it has no heading for, which the fix and quick fix insert.
  if (runbook.template.definition.namedAfterFile !== true || runbook.matches.length === 0) return false
  if (content.unwritten(runbook.root)) return true
  // A family's template keeps links to its sample steps (`1) [Step 1](#step-1)`)
  // and one-word stand-ins (`email`, `None`): nothing the team wrote. Who
  // owns the page is no writing of what to do.
  return [runbook.root, ...runbook.sections].every(
    (section) => runbook.matchOf(section)?.entry.owner === true || content.of(section).content.every((node) => isStandIn(node))
  )
}

/** A block that says nothing of the team's own: links within the page only, or one bare word. */
function isStandIn(node: RootContent): boolean {
  if (node.type !== 'paragraph' && node.type !== 'list') return false
  let anchored = false
  let other = ''
  const visit = (current: Nodes): void => {
    if (current.type === 'link') {
      if (!current.url.startsWith('#')) other += 'x'
      anchored = true
      return
    }
    if (current.type === 'text') other += current.value
    else if ('children' in current) for (const child of current.children) visit(child)
    else other += 'x'
  }
  visit(node)
  // What is left besides the links: enumerators (`1)`, `A)`) and spaces.
  const rest = other.replace(/(?:^|\n)\s{0,4}(?:\d{1,2}|[A-Za-z])[).]/g, '').trim()
  if (anchored) return rest === ''
  return node.type === 'paragraph' && /^\p{L}{2,20}$/u.test(rest)
}
