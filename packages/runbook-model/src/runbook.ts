/**
 * A runbook: the sections model of one file matched against a template.
 *
 * The section tree is built once per tree; matching it to a template is done
 * once per template and cached, so every rule of the preset shares one model.
 */

import type {Root} from 'mdast'
import {createRequire} from 'node:module'
import type * as FastestLevenshtein from 'fastest-levenshtein'
import {saysNotApplicable} from './not-applicable.js'
import {buildSections, flatten, type Section} from './sections.js'
import {topDepth, type Template, type TemplateSection} from './template.js'

/** How a section was recognised: by the template's title, an alias, or as a near miss (typo). */
export type MatchKind = 'title' | 'alias' | 'near'

export interface SectionMatch {
  readonly section: Section
  readonly entry: TemplateSection
  readonly kind: MatchKind
  /** Whether the heading sits at the depth and under the parent the template says. */
  readonly placed: boolean
  /** Whether an earlier section under the same parent already matched this entry. */
  readonly duplicate: boolean
}

export interface Runbook {
  readonly template: Template
  /**
   * The depth of the template's top-level sections in this document: 2 under
   * a title, or 1 in a runbook that uses `#` for them and has no title.
   */
  readonly topDepth: number
  /** The document as a section (depth 0); its children are the top-level sections. */
  readonly root: Section
  /** Every section in document order. */
  readonly sections: ReadonlyArray<Section>
  /** The match of a section, if it is one of the template's. */
  matchOf(section: Section): SectionMatch | undefined
  /** The section that stands for a template entry (placed or not), if any. */
  find(entry: TemplateSection): SectionMatch | undefined
  /** Every match, in document order. */
  readonly matches: ReadonlyArray<SectionMatch>
  /**
   * Whether this runbook must have a template section: the template requires
   * it, and no section above it says that it does not apply, with the reason
   * (`N/A: this service stores no data`).
   */
  required(entry: TemplateSection): boolean
}

const structureCache = new WeakMap<Root, {root: Section; sections: Section[]}>()
const runbookCache = new WeakMap<Root, Map<Template, Runbook>>()

/** The runbook model of `tree` for `template`, built once and shared. */
export function getRunbook(tree: Root, template: Template): Runbook {
  let byTemplate = runbookCache.get(tree)
  if (!byTemplate) {
    byTemplate = new Map()
    runbookCache.set(tree, byTemplate)
  }
  let runbook = byTemplate.get(template)
  if (!runbook) {
    runbook = matchRunbook(getStructure(tree), template)
    byTemplate.set(template, runbook)
  }
  return runbook
}

/**
 * Let go of the models of `tree` (its sections, matches and content
 * analysis) once no rule needs them. unified-engine keeps every tree until
 * the last file is done; models cached with them would live as long, and
 * every garbage collection of the young generation would copy them: on
 * 1,000 runbooks that tripled its time. The preset calls this after its
 * last plugin; a model asked for again is built again.
 */
export function forgetRunbook(tree: Root): void {
  structureCache.delete(tree)
  runbookCache.delete(tree)
}

function getStructure(tree: Root): {root: Section; sections: Section[]} {
  let structure = structureCache.get(tree)
  if (!structure) {
    const root = buildSections(tree)
    structure = {root, sections: flatten(root)}
    structureCache.set(tree, structure)
  }
  return structure
}

function matchRunbook(structure: {root: Section; sections: Section[]}, template: Template): Runbook {
  const bySection = new Map<Section, SectionMatch>()
  const primary = new Map<TemplateSection, SectionMatch>()
  const candidates = candidateIndex(template)
  const baseDepth = documentTopDepth(structure.sections, candidates)

  // Parents come before children in document order, so a child's placement
  // can look at its parent's match.
  for (const section of structure.sections) {
    const entries = candidates.get(section.key) ?? candidates.get(section.baseKey)
    if (!entries) continue
    const entry = entries.find((entry) => isPlaced(section, entry)) ?? entries[0]!
    const placed = isPlaced(section, entry)
    const kind: MatchKind = entry.keys.has(section.key) || entry.keys.has(section.baseKey) ? 'title' : 'alias'
    // An alias is a weaker signal than the title: only trust it in its place.
    if (kind === 'alias' && !placed) continue
    consider({section, entry, kind, placed, duplicate: false})
  }

  // Near misses: an unrecognised heading, in the place of a template section
  // that is absent, whose title is a small edit away from the template's.
  for (const section of structure.sections) {
    if (bySection.has(section) || section.key.length < 4) continue
    let best: TemplateSection | undefined
    let bestDistance = Infinity
    for (const entry of template.all) {
      if (primary.has(entry) || !isPlaced(section, entry)) continue
      for (const key of entry.keys) {
        const edits = typoDistance(section.key, key)
        if (edits < bestDistance) {
          best = entry
          bestDistance = edits
        }
      }
    }
    if (best) consider({section, entry: best, kind: 'near', placed: true, duplicate: false})
  }

  const matches = structure.sections.flatMap((section) => bySection.get(section) ?? [])

  return {
    template,
    topDepth: baseDepth,
    root: structure.root,
    sections: structure.sections,
    matches,
    matchOf: (section) => bySection.get(section),
    find: (entry) => primary.get(entry),
    required(entry) {
      if (entry.optional) return false
      for (let above = entry.parent; above; above = above.parent) {
        const match = primary.get(above)
        if (match && saysNotApplicable(match.section)) return false
      }
      return true
    }
  }

  function isPlaced(section: Section, entry: TemplateSection): boolean {
    const parent = section.parent
    if (!entry.parent) return section.depth === baseDepth
    if (!parent?.heading) return false
    const parentMatch = bySection.get(parent)
    return parentMatch?.entry === entry.parent && section.depth === parent.depth + 1
  }

  function consider(match: SectionMatch): void {
    const existing = primary.get(match.entry)
    if (!existing) {
      primary.set(match.entry, match)
      bySection.set(match.section, match)
      return
    }

    if (match.placed && !existing.placed) {
      // The earlier one was elsewhere; this one is where it belongs.
      bySection.delete(existing.section)
      primary.set(match.entry, match)
      bySection.set(match.section, match)
      return
    }

    const sameParent = match.section.parent === existing.section.parent
    if (match.placed && existing.placed && sameParent && existing.kind === 'alias' && match.kind === 'title') {
      // The real title beats an alias beside it: the alias is another section.
      bySection.delete(existing.section)
      primary.set(match.entry, match)
      bySection.set(match.section, match)
      return
    }

    if (match.placed && existing.placed && sameParent) {
      // Under the same parent: a second title match is a duplicate; an alias
      // beside the real title is just another section.
      if (match.kind === 'title') bySection.set(match.section, {...match, duplicate: true})
    }
    // Otherwise the template's heading is already in its place and this is an
    // ordinary section that happens to share its name (a "Troubleshooting"
    // under another topic).
  }
}

/**
 * `#` sections instead of `##`: only when no top-level template section is a
 * `##` and some are `#`, with nothing like a title above them.
 */
function documentTopDepth(sections: ReadonlyArray<Section>, candidates: Map<string, TemplateSection[]>): number {
  let atOne = 0
  for (const section of sections) {
    if (section.depth > 2) continue
    const entries = candidates.get(section.key) ?? candidates.get(section.baseKey)
    if (!entries?.some((entry) => !entry.parent && (entry.keys.has(section.key) || entry.keys.has(section.baseKey)))) continue
    if (section.depth === topDepth) return topDepth
    atOne++
  }
  return atOne >= 2 ? 1 : topDepth
}

let levenshtein: typeof FastestLevenshtein.distance | undefined

/** The edit distance of two strings; `fastest-levenshtein` (CommonJS) loads on first use: most runbooks have no near miss to measure. */
export function distance(a: string, b: string): number {
  levenshtein ??= (createRequire(import.meta.url)('fastest-levenshtein') as typeof FastestLevenshtein).distance
  return levenshtein(a, b)
}

const candidateCache = new WeakMap<Template, Map<string, TemplateSection[]>>()

/** Template entries by key, titles before aliases. */
function candidateIndex(template: Template): Map<string, TemplateSection[]> {
  const cached = candidateCache.get(template)
  if (cached) return cached
  const index = new Map<string, TemplateSection[]>()
  candidateCache.set(template, index)
  for (const pass of ['keys', 'aliasKeys'] as const) {
    for (const entry of template.all) {
      for (const key of entry[pass]) {
        const list = index.get(key)
        if (!list) index.set(key, [entry])
        else if (!list.includes(entry)) list.push(entry)
      }
    }
  }
  return index
}

/**
 * How many typing slips separate two keys, or `Infinity` when they are not a
 * typo of each other. Words are compared one by one, so a different word
 * ("Operational risks" for "Operational tasks") is not a typo while a
 * misspelt one ("Helth checks") or a split one ("Trouble shooting") is.
 */
export function typoDistance(actual: string, expected: string): number {
  if (actual === expected) return Infinity
  const actualWords = actual.split(' ')
  const expectedWords = expected.split(' ')

  if (actualWords.length !== expectedWords.length) {
    // A space too many or too few, and at most one slip besides. An edit
    // distance is at least the difference in length: most titles are ruled
    // out without computing it.
    const actualLetters = actual.length - actualWords.length + 1
    const expectedLetters = expected.length - expectedWords.length + 1
    if (Math.abs(actualLetters - expectedLetters) > 1) return Infinity
    const edits = distance(actual.replaceAll(' ', ''), expected.replaceAll(' ', ''))
    return edits <= 1 ? edits + 1 : Infinity
  }

  let total = 0
  for (const [index, word] of actualWords.entries()) {
    const other = expectedWords[index]!
    if (word === other) continue
    if (Math.abs(word.length - other.length) > Math.floor(other.length / 4)) return Infinity
    const edits = distance(word, other)
    if (edits > Math.floor(other.length / 4)) return Infinity
    total += edits
  }
  return total
}

/** Below this share of its template's sections, a document with headings or text of its own is not a copy of the template. */
export const defaultCoverageThreshold = 0.25

export interface TemplateCoverage {
  /** Required template sections the document has, in place or not. */
  readonly found: number
  /** Required template sections (see `Runbook.required`). */
  readonly total: number
  /** Headings at or below the template's top level, the template's or not. */
  readonly headings: number
  /** Those of them that are not the template's: the document's own sections. */
  readonly own: number
  /** Whether the document has text of its own outside any such heading (front matter, HTML and a title aside). */
  readonly text: boolean
}

/** How much of its template a document follows. */
export function templateCoverage(runbook: Runbook): TemplateCoverage {
  let found = 0
  let total = 0
  for (const entry of runbook.template.all) {
    if (entry.optional) continue
    if (runbook.find(entry)) {
      found++
      total++
    } else if (runbook.required(entry)) {
      total++
    }
  }
  let headings = 0
  let own = 0
  let text = false
  for (const section of [runbook.root, ...runbook.sections]) {
    if (section.heading && section.depth >= runbook.topDepth) {
      headings++
      if (!runbook.matchOf(section)) own++
    } else if (!text) {
      text = section.body.some((node) => node.type !== 'yaml' && node.type !== 'html' && (node.type as string) !== 'toml')
    }
  }
  return {found, total, headings, own, text}
}

/**
 * Whether a document is a runbook of its template: one with headings or text
 * of its own that follows fewer than `threshold` of the template's sections
 * is something else (an alert runbook, a guide, a readme). An empty file,
 * one with nothing but a title, or one with only template sections (a copy
 * being filled in, one section at a time), is a runbook. The rule
 * `runbook-required-headings` (its option `minimumCoverage`) and the fix
 * decide with this one test.
 */
export function followsTemplate(coverage: TemplateCoverage, threshold = defaultCoverageThreshold): boolean {
  if (coverage.own === 0 && !coverage.text) return true
  return coverage.total === 0 || coverage.found / coverage.total >= threshold
}

/** A `minimumCoverage` setting: a share from `0` (every document is a runbook) to `1`; `undefined` when it is not one. */
export function coverageThreshold(value: unknown): number | undefined {
  if (value === null || value === undefined) return defaultCoverageThreshold
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : undefined
}
