/**
 * Whether a section out of place is told as misplaced: decided once here,
 * for the rule's message, the summary the reporters show and the fix.
 */

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
 * of them (and its lead) is still unfilled, empty or template text only.
 * Each section is told it is unfilled (`runbook-no-placeholders`,
 * `runbook-no-empty-sections`); what the page lacks besides is not news to
 * its owner, and is not told as well.
 */
export function unfilledPage(runbook: Runbook, content: RunbookContent): boolean {
  // Only a page of one thing (an alert page, named after its alert): a
  // service runbook that has a few groups, all unfilled, is still asked for
  // the groups it has no heading for, which the fix and quick fix insert.
  return runbook.template.definition.namedAfterFile === true && runbook.matches.length > 0 && content.unwritten(runbook.root)
}
