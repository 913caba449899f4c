/**
 * With no template configured (or `template: 'auto'`), each runbook is
 * checked against the built-in layout it follows most closely: `default`
 * (the seed's layout, with its `Application Recovery Plan`) or `full` (the
 * longer upstream layout, whose recovery steps live in `Failover and
 * Recovery procedures`). Every rule reads the one choice, recorded on the
 * file.
 */

import type {PhrasingContent, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {getRunbook, rememberFile, templateCoverage, type Runbook, type TemplateCoverage} from './runbook.js'
import {alertTriggerTitle} from './alert-template.js'
import {builtinTemplates} from './builtin-layouts.js'
import {inAlertsChapter} from './catalogue.js'
import {pageTitle} from './alert-name.js'
import {failureTitle, fieldSections, pageShape, readmeOrIndexName, templateLabels} from './page-shape.js'
import {cleanTitle} from './normalize.js'
import {builtin} from './template-setting.js'
import {isAsideTitle, type Template} from './template.js'

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
  rememberFile(tree, file)
  let bestDistance = Infinity
  // A page that names its alert is compared with every layout: the
  // service layouts know `Description` and `Debugging` too.
  // What the page does decides as much as its headings: a page about one
  // alert in other shapes (no sections, section labels as text), a
  // catalogue of alerts; and an index, a guide or a service runbook with an
  // alerts chapter is none, whatever sections it shares with an alert page.
  const shape = pageShape(tree, file)
  const namesItsAlert = shape.oneAlert || shape.catalogue
  for (const name of builtinLayouts) {
    const template = builtin(name)
    // A section answered in its parent's text, or by a heading that names
    // several, needs no heading of its own: the count of headings says
    // nothing of how far a layout is, and each is compared.
    const runbook = getRunbook(tree, template)
    const coverage = templateCoverage(runbook)
    // A short layout takes a runbook with enough of its sections, or one that
    // names what it is about (an alert page that is still a stub:
    // `KubeletDown.md`, `# KubeletDown`); and, when nothing names it, only a
    // page whose sections are mostly the layout's.
    const {minimumShare, maximumOwnShare, namedAfterFile} = template.definition
    if (namedAfterFile === true && shape.notAlertPage) continue
    // Playbooks under one chapter of a page that names no alert: a
    // service's runbook with its alerts chapter.
    if (namedAfterFile === true && !namesItsAlert && !titleSaysAlerts(tree) && inAlertsChapter(runbook.root, template)) continue
    const named =
      namedAfterFile === true &&
      (namesItsAlert || templateLabels(shape, template).length > 0 || fieldSections(shape, template) || headsTriggeredPlaybook(runbook))
    // Counted against every section the layout requires: one answered
    // another way (a fix among the checks, the lead) is not one the page has.
    const requiredCount = Math.max(coverage.total, template.all.filter((entry) => !entry.optional).length)
    if (minimumShare !== undefined && coverage.found < minimumShare * requiredCount && !named) continue
    // A page titled after a failure (`High error rate runbook`, `Search
    // cluster unreachable`) with enough of the layout's sections is that
    // failure's playbook, whatever dashboards or rollback sections it keeps
    // beside them.
    const failurePage = namedAfterFile === true && !shape.serviceOutline && titleNamesFailure(tree)
    if (maximumOwnShare !== undefined && !named && !failurePage && ownShare(runbook) > maximumOwnShare) continue

    const distance = layoutDistance(coverage)
    if (distance < bestDistance) {
      best = template
      bestDistance = distance
    }
    // A runbook whose headings the first layout all knows is of that
    // layout, however little of it is written yet: another is closer only
    // by a heading of its own (a sparse copy would change layout as the fix
    // fills it in).
    if (best === template && coverage.own === 0 && coverage.headings > 0 && !namesItsAlert) break
  }
  chosen.set(tree, best!)
  return best!
}

/**
 * Whether a page's headings say when its alert fires (`Trigger criteria`,
 * `Critérios de disparo`, `Déclenchement`) and give the layout's every
 * section of actions (`Diagnóstico`, `Ações de mitigação`): one alert's
 * playbook, however many sections of its own it keeps beside them
 * (`Comunicação`, `Pós-incidente`). A service runbook's `Overview` says
 * what the service is, not when anything fires.
 */
function headsTriggeredPlaybook(runbook: Runbook): boolean {
  const meaning = runbook.template.all[0]
  const trigger = meaning ? runbook.find(meaning) : undefined
  if (!trigger?.section.heading || !alertTriggerTitle.test(trigger.section.title)) return false
  // Each under a heading of its own: a `Troubleshooting` that stands for
  // both is any document's.
  const actions = runbook.template.all.filter((entry) => entry.actionable).map((entry) => runbook.find(entry))
  const sections = new Set(actions.map((match) => match?.section))
  return (
    actions.length > 0 &&
    sections.size === actions.length &&
    actions.every((match) => match?.section.heading !== undefined && (match.kind === 'title' || match.kind === 'alias'))
  )
}

/** Whether a page's title names a failure (see `failureTitle`). */
function titleNamesFailure(tree: Root): boolean {
  return failureTitle.test(cleanTitle(pageTitle(tree)?.text ?? ''))
}

/** Whether a page's title speaks of alerts (`Storage alerts`, `Alert: disk full`): its playbooks are its own. */
function titleSaysAlerts(tree: Root): boolean {
  return /\balerts?\b/i.test(pageTitle(tree)?.text ?? '')
}

/**
 * The share of a runbook's top-level sections that are none of its
 * template's: not one of them, nor named like one (a second `Resolution
 * steps` after `Immediate actions`). Sections any document may have
 * (`Related runbooks`, `Table of contents`) do not count either way.
 */
function ownShare(runbook: Runbook): number {
  const template = runbook.template
  let counted = 0
  let own = 0
  for (const section of runbook.sections) {
    if (!section.heading || section.depth < runbook.topDepth) continue
    if (section.parent?.heading && section.parent.depth >= runbook.topDepth) continue
    if (isAsideTitle(section.key)) continue
    counted++
    if (template.find(section.title)) continue
    // Named only by its words, a title another built-in layout gives is that
    // layout's (`Maintenance procedures`, `Service overview`).
    const byWords = runbook.matchOf(section) !== undefined || template.named(section.key).entries.length > 0
    if (!byWords || builtinLayouts.some((name) => name !== template.name && builtin(name).find(section.title))) own++
  }
  return counted === 0 ? 0 : own / counted
}


/**
 * Whether a document that follows no layout is one nobody takes for a
 * runbook, so that nothing is said of its structure: a readme or an index
 * by its file name (`README.md`, `index.md`), or a page of links (most of
 * its blocks, three at least, are links or lists of links: a list of pages).
 */
export function isReadmeOrIndex(tree: Root, file?: VFile): boolean {
  if (readmeOrIndexName.test(file?.stem ?? '')) return true
  let blocks = 0
  let links = 0
  const visit = (nodes: ReadonlyArray<RootContent>): void => {
    for (const node of nodes) {
      if (node.type === 'heading' || node.type === 'yaml' || node.type === 'html' || node.type === 'thematicBreak') continue
      if (node.type === 'list') {
        for (const item of node.children) visit(item.children)
        continue
      }
      blocks++
      if (node.type === 'paragraph' && linkShare(node.children) >= 0.5) links++
    }
  }
  visit(tree.children)
  return blocks >= 3 && links * 3 >= blocks * 2
}


/** The share of a paragraph's words that are the text of links. */
function linkShare(children: ReadonlyArray<PhrasingContent>): number {
  let linked = 0
  let all = 0
  for (const child of children) {
    const length = toString(child).trim().length
    all += length
    if (child.type === 'link' || child.type === 'linkReference') linked += length
  }
  return all === 0 ? 0 : linked / all
}
