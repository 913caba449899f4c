/**
 * Runbook text written from a template: headings with a short guidance line
 * in this project's own words, in a form the placeholder rule reports (a
 * `TODO:` note), so a scaffolded or fixed runbook fails the lint until each
 * section is filled.
 */

import type {Template, TemplateSection} from './template.js'

/** The guidance line under a heading to fill. */
export function guidanceFor(entry: TemplateSection): string {
  const optional = entry.optional ? ' (optional: remove this section if it does not apply)' : ''
  return `TODO: write ${entry.purpose}${optional}.`
}

/**
 * The Markdown of a template section and its subsections (those `include`
 * accepts: all by default), the section's heading at `depth`, blocks
 * separated by blank lines. A section without subsections to write gets its
 * guidance line.
 */
export function sectionSkeleton(
  entry: TemplateSection,
  depth: number,
  eol = '\n',
  include: (entry: TemplateSection) => boolean = () => true
): string {
  const blocks: string[] = []
  const add = (section: TemplateSection, at: number) => {
    blocks.push(headingSkeleton(section, at, eol))
    const children = section.sections.filter((child) => include(child))
    if (children.length === 0) blocks.push(guidanceFor(section))
    for (const child of children) add(child, at + 1)
  }
  add(entry, depth)
  return blocks.join(eol + eol)
}

/** A template section's heading at `depth`, with its fields to fill. */
export function headingSkeleton(entry: TemplateSection, depth: number, eol = '\n'): string {
  const blocks = ['#'.repeat(Math.min(depth, 6)) + ' ' + entry.title]
  for (const field of entry.fields) blocks.push(`**${field.label}:** TODO`)
  return blocks.join(eol + eol)
}

/** A whole runbook from a template: a title, then every section. */
export function runbookSkeleton(template: Template, title: string, eol = '\n'): string {
  const blocks = [`# ${title}`]
  for (const entry of template.sections) blocks.push(sectionSkeleton(entry, 2, eol))
  return blocks.join(eol + eol) + eol
}
