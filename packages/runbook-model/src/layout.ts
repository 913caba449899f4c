/**
 * With no template configured (or `template: 'auto'`), each runbook is
 * checked against the built-in layout it follows most closely: `default`
 * (the seed's layout, with its `Application Recovery Plan`) or `full` (the
 * longer upstream layout, whose recovery steps live in `Failover and
 * Recovery procedures`). Every rule reads the one choice, recorded on the
 * file.
 */

import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {titledAfterFile} from './alert-name.js'
import {getRunbook, templateCoverage, type TemplateCoverage} from './runbook.js'
import {builtinTemplates} from './builtin-layouts.js'
import {builtin} from './template-setting.js'
import type {Template} from './template.js'

/** The built-in layouts a runbook is compared with, the one that wins a tie first. */
export const builtinLayouts: ReadonlyArray<string> = Object.keys(builtinTemplates)

/** The setting that asks for the closest built-in layout, as no setting does. */
export const autoTemplate = 'auto'

/** Which template a file was checked against, and how it was chosen. */
export interface RunbookLayout {
  /** The template's name: `default`, `full`, a template file's name, or an object template's `name`. */
  readonly template: string
  /**
   * `closest`: no template is configured (or `auto`), and this built-in is
   * the layout the runbook follows most closely; `configured`: the setting
   * names it.
   */
  readonly chosen: 'closest' | 'configured'
}

declare module 'vfile' {
  interface DataMap {
    /** The template the rules check this file against, and how it was chosen (for reporters). */
    runbookLayout: RunbookLayout
  }
}

/**
 * How far a runbook is from a template: the required sections it lacks,
 * plus its headings the template does not know (recommended sections are
 * known). A runbook with all of a layout's required sections and none of
 * its own is at 0 from it.
 */
export function layoutDistance(coverage: TemplateCoverage): number {
  return coverage.total - coverage.found + coverage.own
}

const chosen = new WeakMap<Root, Template>()

/**
 * The built-in layout `tree` follows most closely: the one at the smallest
 * `layoutDistance`, `default` on a tie. So the seed's layout, whole or in
 * part, is checked against `default`, and a copy of the upstream layout
 * against `full` once it has more of `full`'s own sections than `default`
 * has sections in all.
 */
export function closestLayout(tree: Root, file?: VFile): Template {
  let best = chosen.get(tree)
  if (best) return best
  let bestDistance = Infinity
  let headings = Infinity
  for (const name of builtinLayouts) {
    const template = builtin(name)
    // Each section found is a heading of its own: a runbook lacks at least
    // as many of a template's sections as the template has more than it has
    // headings. Most runbooks are compared with the first layout only.
    const required = template.all.filter((entry) => !entry.optional).length
    if (best && required - headings >= bestDistance) continue
    const runbook = getRunbook(tree, template)
    headings = runbook.sections.length
    const coverage = templateCoverage(runbook)
    // A short layout takes a runbook with enough of its sections, or one named
    // after what it is about whose title says so (an alert page that is
    // still a stub: `KubeletDown.md`, `# KubeletDown`).
    const minimum = template.definition.minimumShare
    if (
      minimum !== undefined &&
      coverage.found < minimum * coverage.total &&
      !(template.definition.namedAfterFile && titledAfterFile(tree, file))
    ) {
      continue
    }
    const distance = layoutDistance(coverage)
    if (distance < bestDistance) {
      best = template
      bestDistance = distance
    }
  }
  chosen.set(tree, best!)
  return best!
}
