/**
 * A runbook: the sections model of one file matched against a template.
 *
 * The section tree is built once per tree; matching it to a template is done
 * once per template and cached, so every rule of the preset shares one model.
 */

import type {Root, RootContent} from 'mdast'
import {createRequire} from 'node:module'
import type * as FastestLevenshtein from 'fastest-levenshtein'
import {toString} from 'mdast-util-to-string'
import {headingKeys, titleKey} from './normalize.js'
import {saysNotApplicable} from './not-applicable.js'
import {isErrorPage} from './error-page.js'
import {isAlertCatalogue} from './catalogue.js'
import {saysWhatBreaks, titleSaysWhatBreaks} from './consequence.js'
import {saysItIsForAnAlert} from './alert-name.js'
import type {VFile} from 'vfile'
import {fieldLines, textLines} from './field-labels.js'
import {focusedRunbook, groupsSpokenOf, keepsTemplateTitles, neededOfOwnLayout, ownerInFields, pageTitleOf, withOtherLanguages} from './own-layout.js'
import {buildSections, flatten, type Section} from './sections.js'
import {isAsideTitle, topDepth, type Template, type TemplateSection} from './template.js'
import {fieldLabel, isOwnText} from './template-text.js'
import {topicHits, wordsOf} from './topics.js'

/**
 * How a section was recognised: by the template's title, an alias, a near
 * miss (a typo, reported), a similar title (a long title with one word
 * dropped, added or changed, or its words in another order: the team's
 * name for the section), or as one of the sections a heading names together
 * (`Log aggregation, metrics and health checks`); or, under a name of the
 * team's own, by its meaning (`meaning`: its title says the section's
 * subject, `Service Contacts & Notification Methods` for the owner) or by
 * its subsections (`children`: a `## General overview` holding the business
 * and technical overviews is the service overview). The last two are the
 * team's names: nothing is said about them.
 */
export type MatchKind = 'title' | 'alias' | 'near' | 'similar' | 'combined' | 'meaning' | 'children'

export interface SectionMatch {
  readonly section: Section
  readonly entry: TemplateSection
  readonly kind: MatchKind
  /** Whether the heading sits at the depth and under the parent the template says. */
  readonly placed: boolean
  /** Whether an earlier section under the same parent already matched this entry. */
  readonly duplicate: boolean
}

/**
 * Why a runbook need not have a template section it lacks:
 *
 * * `recommended`: the layout only recommends it;
 * * `optional`: the configuration makes it optional;
 * * `not-applicable`: a section above it, or a section of its topic, says
 *   that the topic does not apply, with the reason;
 * * `answered`: the section of its topic answers it in its own text (a
 *   folded section: the hours of every feature in `Hours of operation`), or
 *   a section above it is so answered;
 * * `chapter`: the runbook is split into one file per chapter, and this
 *   file holds another chapter (see `Runbook.chapter`);
 * * `house`: the runbook keeps a layout of its own (see `Runbook.house`),
 *   and this is not one of the sections every runbook needs, or a heading
 *   of the runbook's says its subject.
 */
export type Absence = 'recommended' | 'optional' | 'not-applicable' | 'answered' | 'chapter' | 'house'

export interface Runbook {
  readonly template: Template
  /**
   * The depth of the template's top-level sections in this document: 2 under
   * a title, or 1 in a runbook that uses `#` for them and has no title.
   */
  readonly topDepth: number
  /**
   * The template's top-level section this file is a chapter of: a runbook
   * split into one file per chapter, whose title is the chapter's heading
   * (`# System characteristics`) and which holds that chapter's sections
   * alone. Only that chapter's sections are required of it.
   */
  readonly chapter: TemplateSection | undefined
  /**
   * Whether the runbook keeps a layout of its own: most of its top-level
   * sections (four at least) are none of the template's, found by name or
   * meaning (a template section with nothing written in it yet aside). Of such a runbook only what every runbook needs is asked, once
   * each: the owner, and each top-level group of the template that none of
   * its headings is about (by the group's vocabulary or its sections'), never
   * the group's subsections; and nothing is out of place.
   */
  readonly house: boolean
  /** The document as a section (depth 0); its children are the top-level sections. */
  readonly root: Section
  /** Every section in document order. */
  readonly sections: ReadonlyArray<Section>
  /** The match of a section, if it is one of the template's (the first it names, for a heading that names several). */
  matchOf(section: Section): SectionMatch | undefined
  /** The section that stands for a template entry (placed or not), if any. */
  find(entry: TemplateSection): SectionMatch | undefined
  /** Every match, in document order. */
  readonly matches: ReadonlyArray<SectionMatch>
  /**
   * Whether this runbook must have a template section: the template requires
   * it, no section above it says that it does not apply (`N/A: this service
   * stores no data`), its parent does not answer it in its own text (see
   * `SectionDefinition.folds`), and no part of its topic says that the topic
   * does not apply (see `SectionDefinition.oneTopic`).
   */
  required(entry: TemplateSection): boolean
  /** Why a template section the runbook lacks need not be there; `undefined` when it is there, or must be. */
  absence(entry: TemplateSection): Absence | undefined
  /**
   * Whether the runbook must have a template section by its layout alone,
   * as if it kept the template's layout (see `house`): how far a document
   * follows the template is measured so.
   */
  requiredByLayout(entry: TemplateSection): boolean
  /**
   * The sections standing for an absent template section's subsections,
   * where they would be under it: the runbook leaves out its heading (a
   * `### Business overview` right under the title, with no
   * `## Service or system overview` above it).
   */
  implied(entry: TemplateSection): ReadonlyArray<Section>
}

const structureCache = new WeakMap<Root, {root: Section; sections: Section[]}>()
const pageFiles = new WeakMap<Root, VFile>()

/**
 * Record the file a tree was read from, before its model is built: what a
 * page is for may be said by its file's name (`KubeletDown.md`).
 */
export function rememberFile(tree: Root, file: VFile | undefined): void {
  if (file && !pageFiles.has(tree)) pageFiles.set(tree, file)
}
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
    runbook = matchRunbook(getStructure(tree), template, () => saysItIsForAnAlert(tree, pageFiles.get(tree)))
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

/**
 * Match a document's sections to a template, reading the template as a
 * guide rather than a tree to copy:
 *
 * 0. The level of the top-level sections: `##` under a title, or `#` when
 *    the groups are written so (with a title of the same level above them,
 *    or none; the sections written `##` right under such a title are
 *    top-level all the same). A file whose title is one of the template's
 *    groups, holding that group's sections and no other group, is a chapter
 *    of a runbook split into files (see `Runbook.chapter`).
 * 1. Top down, each group's sections are matched to the group's template
 *    sections by title or alias, directly or under sections of the team's
 *    own in the group (a `#### Metrics` under a `### Monitoring requirements`
 *    of the team's, in `Monitoring and alerting`). Where two sections name
 *    one template section, the one in its place, with its title, and with
 *    more of its subsections under it wins (a bare `## Overview` holding the
 *    business and technical overviews is the service overview, not a later
 *    `## System overview` about hours). A section of the team's own name is
 *    read by its subsections when they are a group's (a `## Troubleshooting`
 *    holding the metrics and health checks is the monitoring group); a
 *    heading that names several template sections stands for each; a typo
 *    is a near miss; a long title with a word dropped, added or changed is
 *    the section; a title in the team's own words that says the subject of
 *    one of the group's sections (by its vocabulary, see
 *    `SectionDefinition.topics`) is that section. Subsections found a level
 *    deeper than the template puts them, with their parent's heading left
 *    out, are in their place (the parent is implied).
 * 2. Then anywhere else: a template title under another template section is
 *    misplaced; a group, the owner or the dependencies kept at the top or
 *    under sections of the team's own (by title, alias or meaning: a
 *    `## Contact details` at the end) are where the team keeps them; a
 *    section that may sit anywhere is in its place wherever it is.
 */
function matchRunbook(structure: {root: Section; sections: Section[]}, template: Template, forAnAlert: () => boolean): Runbook {
  const bySection = new Map<Section, SectionMatch>()
  const primary = new Map<TemplateSection, SectionMatch>()
  const impliedBy = new Map<TemplateSection, Section[]>()
  const candidates = candidateIndex(template)
  const {depth: baseDepth, title: documentTitle} = documentTopDepth(structure.sections, candidates)
  // Under a title of the groups' own level, the sections written a level
  // down, right under it, are top-level sections all the same.
  const loose = new Set<Section>(documentTitle ? documentTitle.children : [])
  // Whether two of the template's groups at least are there by their names
  // (title, alias, subsections): only then is a heading outside any group
  // read by its meaning. A guide or a readme has headings that say a topic
  // word now and then (`Systems access`, `What is on-call`) and is not a
  // runbook of the template for that.
  let followsGroups = false

  assign(topLevel(structure.root, baseDepth, documentTitle), baseDepth - 1, template.sections, loose)

  for (const section of structure.sections) {
    if (bySection.has(section)) continue
    // Out of its place, a heading is a section only by its title or an
    // alias: words say too little there (`### Escalation criteria` under
    // `Severity` is about severities).
    const entries = section.heading ? (candidates.get(section.key) ?? candidates.get(section.baseKey) ?? []) : []
    if (entries.length === 0) {
      // The owner or the dependencies under a name of the team's own, where the team keeps them.
      const standalone =
        followsGroups && section !== documentTitle && section.depth >= baseDepth && keptByTeam(section, true)
          ? meaningOf(section, template.all.filter((entry) => isStandalone(entry) && !primary.has(entry)))
          : undefined
      if (standalone) {
        record({section, entry: standalone, kind: 'meaning', placed: true, duplicate: false})
        assign(section.children, section.depth, standalone.sections)
      }
      continue
    }
    const free = entries.filter((entry) => !primary.has(entry))
    const title = free.find((entry) => isTitleOf(entry, section))
    const anywhere = free.find((entry) => entry.anywhere)
    let match: SectionMatch | undefined
    if (anywhere) {
      match = {section, entry: anywhere, kind: isTitleOf(anywhere, section) ? 'title' : 'alias', placed: true, duplicate: false}
    } else if (title) {
      // A group, the owner or the dependencies under a section of the
      // team's own are where the team keeps them; under another template
      // section, out of place.
      // A section under sections of the team's own only (`Deployment` under
      // `Maintenance tasks`) is where the team keeps it too; at the top,
      // beside its group, it is out of place.
      const kept = isStandalone(title)
        ? keptByTeam(section, true)
        : title.parent
          ? !isTopLevel(section) && insideOther(section) === undefined
          : keptByTeam(section, false)
      match = {section, entry: title, kind: 'title', placed: kept, duplicate: false}
    } else if (free.length === 1 && entries.length === 1 && (isStandalone(free[0]!) || !free[0]!.parent) && keptByTeam(section, isStandalone(free[0]!))) {
      // An alias is a weaker signal than the title: out of its place, only
      // that of a group, the owner or the dependencies, and only outside the
      // template's other sections (`## Contact details` at the end, not a
      // `#### Contacts` under `Troubleshooting`).
      match = {section, entry: free[0]!, kind: 'alias', placed: true, duplicate: false}
    }
    if (!match) continue
    if (chapterOfGroup(section, match.entry)) continue
    record(match)
    assign(section.children, section.depth, match.entry.sections)
  }

  // 3. A section the template wants, present anywhere in the team's words
  // (an alias, a title with a word changed, or, in a runbook that follows
  // the template's groups, a title that says its subject), is present: in
  // its place where the team keeps it (under a section of the team's own or
  // its parent), out of place under another template section or at the top
  // beside its group.
  // A short layout (an alert page's: see `minimumShare`) has its own few
  // titles and words, and a page of another kind is told so, not read so.
  for (const section of template.definition.minimumShare === undefined ? structure.sections : []) {
    if (bySection.has(section) || !section.heading || section === documentTitle || section.depth < baseDepth) continue
    // A second section of a name the runbook has already given (a
    // `Troubleshooting` under one component) stands for no other section.
    if (entriesNamed(section).some((entry) => primary.has(entry))) continue
    const free = template.all.filter((entry) => !primary.has(entry))
    if (free.length === 0) break
    const inside = insideOther(section)
    // Under another template section, a section is named by its title, or
    // by an alias of a group the runbook has nowhere else (`### Backup`
    // under `Operations`).
    const named = entriesNamed(section).filter(
      (entry) => free.includes(entry) && (!inside || inside === entry.parent || isTitleOf(entry, section) || !entry.parent)
    )
    let entry = named.find((candidate) => candidate.parent && primary.get(candidate.parent)?.section === section.parent) ?? named[0]
    let kind: MatchKind = entry && isTitleOf(entry, section) ? 'title' : 'alias'
    if (!entry && section.key.length >= 4) {
      const near = inside ? undefined : nearest(section, free)
      if (near?.kind === 'similar') entry = near.entry
      // By its words, only a subsection of the team's for a template
      // subsection, or a group that may sit anywhere: a group's vocabulary
      // is too wide (`Hours of operation` is no operational task); and under
      // another template section, only one that may sit anywhere (`DR /
      // failover` under troubleshooting), or, in a group the team named in
      // its own words, a required one whose group the runbook has nowhere
      // but beside it (`Monitoring tool` beside `Health checks` under
      // `Operations`).
      else if (followsGroups && !isTopLevel(section)) {
        entry = meaningOf(
          section,
          free.filter(
            (candidate) =>
              (candidate.parent || candidate.anywhere) &&
              (!inside || candidate.anywhere || (mergedGroup(section) && !candidate.optional && !primary.has(candidate.parent!) && besideSibling(section, candidate)))
          )
        )
      }
      kind = near?.kind === 'similar' ? 'similar' : 'meaning'
    }
    if (!entry) continue
    if (chapterOfGroup(section, entry)) continue
    const placed = inside ? inside === entry.parent || entry.anywhere : !entry.parent || entry.anywhere || !isTopLevel(section)
    record({section, entry, kind, placed, duplicate: false})
    assign(section.children, section.depth, entry.sections)
  }

  const chapter = chapterOf()
  const matches = structure.sections.flatMap((section) => bySection.get(section) ?? [])
  const absences = new Map<TemplateSection, Absence | undefined>()
  let isCatalogue: boolean | undefined

  // Read on first use: whether a runbook in titles of its own follows the
  // layout enough to be one is measured on the runbook itself.
  let house: boolean | undefined
  const isHouse = (): boolean => (house ??= chapter === undefined && (ownLayout() || ownTitles()))
  const runbook: Runbook = {
    template,
    topDepth: baseDepth,
    get house() {
      return isHouse()
    },
    chapter,
    root: structure.root,
    sections: structure.sections,
    matches,
    matchOf: (section) => bySection.get(section),
    find: (entry) => primary.get(entry),
    required: (entry) =>
      !optionalHere(entry) &&
      !outsideChapter(entry) &&
      !notApplicableAbove(entry) &&
      (primary.has(entry) || absence(entry) === undefined),
    requiredByLayout: (entry) =>
      !optionalHere(entry) && !outsideChapter(entry) && !notApplicableAbove(entry) && (primary.has(entry) || layoutAbsence(entry) === undefined),
    absence,
    implied: (entry) => impliedBy.get(entry) ?? []
  }
  return runbook

  /**
   * Whether most of the page's top-level sections are none of the
   * template's by title or alias: the page keeps the layout of a family of
   * its own (`Overview`, `Check RunBook Match`, `Initial Steps Overview`,
   * `Detailed Steps`, `Further Information`).
   */
  function familyOfItsOwn(): boolean {
    let counted = 0
    let own = 0
    for (const section of structure.sections) {
      if (!section.heading || section === documentTitle || section.depth < baseDepth || !isTopLevel(section) || isAsideTitle(section.key)) continue
      counted++
      if (!template.find(section.title)) own++
    }
    return counted >= 3 && own * 2 > counted
  }

  function catalogue(): boolean {
    return (isCatalogue ??= isAlertCatalogue(structure.root, template))
  }

  function absence(entry: TemplateSection): Absence | undefined {
    // A group whose every section is there, wherever the team keeps them,
    // is there too (`Health checks` and `Monitoring tool` under `Operations`);
    // right above them with its heading left out, it is reported there. How
    // far the runbook follows the layout is measured without this.
    if (!primary.has(entry) && !impliedBy.has(entry) && entry.sections.some((child) => !child.optional) && entry.sections.every((child) => child.optional || primary.has(child))) {
      return layoutAbsence(entry) ?? 'answered'
    }
    const byLayout = layoutAbsence(entry)
    if (byLayout !== undefined || !isHouse() || primary.has(entry)) return byLayout
    if (entry.owner) return saidByHeading(entry) || ownerInFields([structure.root, ...structure.sections], entry) ? 'house' : undefined
    return !entry.parent && !saidByHeading(entry) && neededOfOwnLayout(entry, template, [structure.root, ...structure.sections], pageTitleOf(structure.sections, baseDepth)) ? undefined : 'house'
  }

  /**
   * Whether a heading anywhere in the runbook says a section's subject, or
   * that of one of its sections (`Key management` for the configuration,
   * `Data recovery` for backup and restore).
   */
  function saidByHeading(entry: TemplateSection): boolean {
    const vocabulary = withOtherLanguages([entry, ...template.all.filter((other) => other !== entry && within(other, entry))].flatMap((each) => each.topics))
    return structure.sections.some((section) => section.heading !== undefined && section !== documentTitle && topicHits(titleWordsOf(section), vocabulary) > 0)
  }

  /**
   * Whether most of the runbook's top-level sections, four at least, are
   * none of the template's (see `Runbook.house`). Sections any document may
   * have (`Related runbooks`, `Table of contents`) do not count.
   */
  function ownLayout(): boolean {
    let counted = 0
    let own = 0
    for (const section of structure.sections) {
      if (!section.heading || section === documentTitle || section.depth < baseDepth || !isTopLevel(section) || isAsideTitle(section.key)) continue
      const ownSection = !bySection.has(section)
      // A template section with nothing written in it yet (the fix's
      // `TODO:` line) says nothing of the layout the team keeps: the fix
      // does not change what it asks.
      if (!ownSection && !hasWriting(section)) continue
      counted++
      if (ownSection) own++
    }
    return own >= 4 && own * 2 > counted
  }

  /**
   * Whether a runbook of a service layout is written in titles of the
   * team's own, as no copy is (see `keepsTemplateTitles`): more of its
   * top-level sections with text are in its own words, or the template's
   * under other names (`Overview`, `Backups`), than under the template's
   * titles, two at least; and it is a runbook of the layout by the default
   * share of its sections, or its headings speak of three of the layout's
   * groups (see `checkedBySection`): a document of another shape is told
   * so, or, with `minimumCoverage: 0`, checked section by section.
   */
  function ownTitles(): boolean {
    if (template.definition.minimumShare !== undefined || keepsTemplateTitles(matches)) return false
    if (!followsTemplate(templateCoverage(runbook)) && groupsSpokenOf(runbook) < 3 && !focusedRunbook(runbook)) return false
    let titled = 0
    let own = 0
    for (const section of structure.sections) {
      if (!section.heading || section === documentTitle || section.depth < baseDepth || !isTopLevel(section) || isAsideTitle(section.key)) continue
      if (!hasWriting(section)) continue
      if (bySection.get(section)?.kind === 'title') titled++
      else own++
    }
    return own >= 2 && own > titled
  }

  /** Whether a section has text of the team's own, other than a `TODO` or `TBD` line, or subsections. */
  function hasWriting(section: Section): boolean {
    return section.children.length > 0 || section.body.some((node) => isOwnText(node, template) && !/^\s*(?:TODO|TBD)\b/i.test(toString(node)))
  }

  function layoutAbsence(entry: TemplateSection): Absence | undefined {
    if (primary.has(entry)) return undefined
    if (absences.has(entry)) return absences.get(entry)
    let result: Absence | undefined
    const parentAbsence = entry.parent && !primary.has(entry.parent) ? layoutAbsence(entry.parent) : undefined
    if (optionalHere(entry)) result = entry.recommended ? 'recommended' : 'optional'
    // A page of a troubleshooting family for an error or a symptom (`#
    // Node Not Ready` with `Check RunBook Match`, `Detailed Steps`), not
    // for an alert: the error is what users suffer, and the family's
    // layout has no impact section.
    else if (entry.notOnErrorPages && (isErrorPage(structure.sections) || (!forAnAlert() && familyOfItsOwn()))) result = 'optional'
    // Each alert's playbook in a catalogue is a page of its own, in the team's words.
    else if (template.definition.namedAfterFile && catalogue()) result = 'answered'
    else if (outsideChapter(entry)) result = 'chapter'
    else if (notApplicableAbove(entry)) result = 'not-applicable'
    else if (entry.answeredByField && namedInField(entry)) result = 'answered'
    else if (entry.answeredByLead && !entry.parent && leadDescribes()) result = 'answered'
    else if (entry.leadLabels.size > 0 && !entry.parent && leadLabelled(entry.leadLabels)) result = 'answered'
    else if (entry.saidBy && saidOnPage(entry.saidBy)) result = 'answered'
    else if (entry.actionable && writtenBelow(entry)) result = 'answered'
    else if (entry.statedIn && statedElsewhere(entry.statedIn)) result = 'answered'
    else if (entry.answeredBySteps && stepElsewhere(entry)) result = 'answered'
    // Under a section that is answered another way, so is this one.
    else if (parentAbsence === 'answered' || parentAbsence === 'not-applicable') result = parentAbsence
    else if (isStandalone(entry)) result = undefined
    else if (entry.parent && (entry.foldable || entry.parent.oneTopic)) result = answeredInTopic(entry)
    else if (entry.parent && namedInOwnText(entry)) result = 'answered'
    absences.set(entry, result)
    return result
  }

  /**
   * Whether the runbook need not have a section: the template or the
   * configuration says so, unless it is the one the runbook needs of those
   * that describe the service (see `SectionDefinition.describes`).
   */
  function optionalHere(entry: TemplateSection): boolean {
    return entry.optional && !neededDescription(entry)
  }

  /**
   * Whether a recommended section that describes the service is needed
   * here: the first of its siblings that do, when none of them is there and
   * its parent says nothing of its own.
   */
  function neededDescription(entry: TemplateSection): boolean {
    const parent = entry.parent
    if (!entry.describes || !entry.recommended || !parent || parent.optional) return false
    const siblings = parent.sections.filter((sibling) => sibling.describes && sibling.recommended)
    if (siblings[0] !== entry || siblings.some((sibling) => primary.has(sibling))) return false
    const own = primary.get(parent)?.section
    return !own || !saysSomething(own, parent)
  }

  function outsideChapter(entry: TemplateSection): boolean {
    if (!chapter) return false
    for (let at: TemplateSection | undefined = entry; at; at = at.parent) if (at === chapter) return false
    return true
  }

  /**
   * Whether the parent's own text, or that of the team's own subsections
   * under it, says a section's subject by its vocabulary (`Metrics` in a
   * `Monitoring and alerting` that says which dashboards show what): it is
   * answered there. Only the subject counts: a `Security` section about IAM
   * roles does not answer `Password and PII security`. A parent that folds
   * answers its subsections whatever its text says (see `answeredInTopic`).
   */
  function namedInOwnText(entry: TemplateSection): boolean {
    const parent = primary.get(entry.parent!)?.section
    if (!parent || entry.topics.length === 0) return false
    const texts: string[] = []
    for (const node of parent.body) if (answers(node, entry.parent!)) texts.push(toString(node))
    for (const section of houseBelow(parent)) {
      // A subsection of the team's own about another section's subject
      // (`PPUD credentials` under `Security`: the secrets) answers only that.
      const title = titleWordsOf(section)
      if (topicHits(title, entry.topics) === 0 && aboutElsewhere(title, entry.parent!)) continue
      texts.push(section.title)
      for (const node of section.body) if (isOwnText(node, template)) texts.push(toString(node))
    }
    return texts.some((text) => topicHits(wordsOf(text), entry.topics) > 0)
  }

  /** Whether a title says the subject of a template section outside a group (the group itself and its sections aside). */
  function aboutElsewhere(words: ReadonlyArray<string>, group: TemplateSection): boolean {
    return template.all.some((other) => !within(other, group) && topicHits(words, other.topics) > 0)
  }

  /** Whether a section says something of its own: text that answers, or a subsection of the team's own that does. */
  function saysSomething(section: Section, entry: TemplateSection): boolean {
    if (section.body.some((node) => answers(node, entry))) return true
    return houseBelow(section).some((below) => below.body.some((node) => isOwnText(node, template)))
  }

  /**
   * The sections of the team's own under a section: its subsections that are
   * no template section, and theirs; with `named`, not below one that names
   * a template section (a candidate for matching it, not the team's text).
   */
  function houseBelow(section: Section, named = true): Section[] {
    const result: Section[] = []
    const visit = (parent: Section): void => {
      for (const child of parent.children) {
        if (bySection.has(child)) continue
        result.push(child)
        if (named || entriesNamed(child).length === 0) visit(child)
      }
    }
    visit(section)
    return result
  }

  /** Whether a labelled field anywhere in the page is the section (`**SLO impact:** …` in the alert's details). */
  function namedInField(entry: TemplateSection): boolean {
    for (const section of [structure.root, ...structure.sections]) {
      for (const field of fieldLines(section.body)) {
        if (field.value !== '' && template.classify(field.label) === entry) return true
      }
    }
    return false
  }

  /**
   * Whether the page's text above its top level (under its title, or under
   * a second title-level heading) says something in sentences of its own:
   * not a field, a badge or a link.
   */
  function leadDescribes(): boolean {
    // A title that says what breaks (`# Search is down`) says what the alert means.
    const title = structure.sections.find((section) => section.heading?.depth === 1)
    if (title && titleSaysWhatBreaks(title.title)) return true
    for (const section of [structure.root, ...structure.sections]) {
      if (section.heading && section.depth >= baseDepth) continue
      for (const node of section.body) {
        if (node.type !== 'paragraph' || node.children[0]?.type === 'strong' || !isOwnText(node, template)) continue
        const words = node.children
          .filter((child) => child.type !== 'link' && child.type !== 'image' && child.type !== 'linkReference' && child.type !== 'imageReference')
          .map((child) => toString(child))
          .join(' ')
          .split(wordSeparator)
          .filter((word) => /\p{L}/u.test(word))
        if (words.length >= 6) return true
      }
    }
    return false
  }

  /**
   * Whether a line above the page's sections, in a list or a paragraph, is
   * one of `labels` with a value (`- **Signal:** \`up == 0\` for 1m`,
   * `Trigger: ...`; see `SectionDefinition.leadLabels`).
   */
  function leadLabelled(labels: ReadonlySet<string>): boolean {
    for (const section of [structure.root, ...structure.sections]) {
      if (section.heading && section.depth >= baseDepth) continue
      for (const line of textLines(section.body)) {
        const colon = line.indexOf(':')
        if (colon === -1 || colon > 40) continue
        if (labels.has(line.slice(0, colon).trim().toLowerCase()) && /[\p{L}\p{N}]/u.test(line.slice(colon + 1))) return true
      }
    }
    return false
  }

  /** Whether a sentence of the team's own anywhere on the page is one of `patterns` (see `SectionDefinition.saidBy`). */
  function saidOnPage(patterns: ReadonlyArray<RegExp>): boolean {
    for (const section of [structure.root, ...structure.sections]) {
      for (const node of section.body) {
        if (node.type === 'code' || node.type === 'html' || !isOwnText(node, template)) continue
        const text = spacedText(node)
        if (patterns.some((pattern) => pattern.test(text))) return true
      }
    }
    return false
  }

  /**
   * Whether sections below the top level, titled in words that name a
   * section the on-call engineer acts on, give it: a page for several
   * alerts whose families each have their `Actions to take` or
   * `Investigation` has a mitigation and a diagnosis, one per family.
   * Only a section with text of the team's own counts, not a `TODO`.
   */
  function writtenBelow(entry: TemplateSection): boolean {
    return structure.sections.some(
      (section) =>
        section.heading !== undefined &&
        !bySection.has(section) &&
        section !== documentTitle &&
        !isTopLevel(section) &&
        namedByWords(section).includes(entry) &&
        section.body.some((node) => isOwnText(node, template) && !/^\s*(?:TODO|TBD)\b/i.test(toString(node)))
    )
  }

  /**
   * Whether the page says it elsewhere (see `SectionDefinition.statedIn`):
   * a sentence that says what breaks, or uses one of the words, in a
   * section of the given titles, in the page's lead, in its first section
   * whatever its title, or in a section that describes the alert rather
   * than acts on it (the meaning, under any title).
   */
  function statedElsewhere(stated: NonNullable<TemplateSection['statedIn']>): boolean {
    const first = structure.sections.find((section) => section.heading && section.depth >= baseDepth && section !== documentTitle)
    const titled = (section: Section | undefined): boolean =>
      section !== undefined && (stated.keys.has(section.key) || stated.keys.has(section.baseKey) || stated.levels.has(section.key.split(' ')[0]!))
    const describing = (section: Section): boolean => {
      // Under such a title too: each level of `Escalation levels` says what it does.
      if (titled(section) || (section.heading && titled(section.parent)) || section === first) return true
      if (!section.heading || section.depth < baseDepth || section === documentTitle) return true
      const entry = bySection.get(section)?.entry
      return entry !== undefined && !entry.actionable && !entry.owner && !entry.statedIn
    }
    // A title that says what breaks (`# Search is down`) says it first.
    const title = structure.sections.find((section) => section.heading?.depth === 1)
    if (title && titleSaysWhatBreaks(title.title)) return true
    for (const section of [structure.root, ...structure.sections]) {
      if (!describing(section)) continue
      for (const node of section.body) {
        if (node.type === 'code' || node.type === 'html' || !isOwnText(node, template)) continue
        for (const sentence of spacedText(node).split(/(?<=[.!?;])\s+|\n+/)) if (saysWhatBreaks(sentence, stated.words)) return true
      }
    }
    return false
  }

  /**
   * Whether another section that gives steps (the checks, the fix) gives
   * one that starts with one of its verbs (or says it as advice: `consider
   * restarting it`), or one under a label that names it (`**Fix:**
   * \`systemctl restart relay\``), in its own text or its subsections' (see
   * `SectionDefinition.answeredBySteps`).
   */
  function stepElsewhere(wanted: TemplateSection): boolean {
    const verbs = wanted.answeredBySteps!
    const sections = new Set<Section>()
    const add = (section: Section): void => {
      sections.add(section)
      for (const child of section.children) add(child)
    }
    for (const [entry, match] of primary) if (entry.answeredBySteps && entry.answeredBySteps !== verbs) add(match.section)
    // A section titled as one of those beside the one that took its title
    // (`Immediate actions` beside `Resolution`) does its job in its steps:
    // checks there are the diagnosis.
    for (const section of structure.sections) {
      if (!section.heading || bySection.has(section)) continue
      if (template.named(section.key).entries.some((entry) => entry.answeredBySteps && entry.answeredBySteps !== verbs)) add(section)
    }
    for (const section of sections) {
      for (const node of section.body) {
        if (node.type === 'code' || node.type === 'html' || !isOwnText(node, template)) continue
        for (const sentence of sentencesOf(node)) if (startsWithStep(sentence, verbs)) return true
        for (const line of linesOf(node)) if (labelledStep(line, wanted, template)) return true
      }
    }
    return false
  }

  function notApplicableAbove(entry: TemplateSection): boolean {
    for (let above = entry.parent; above; above = above.parent) {
      const match = primary.get(above)
      if (match && saysNotApplicable(match.section)) return true
    }
    return false
  }

  /**
   * A section answered in its parent: the parts of one topic by a statement,
   * in any of them, that the topic does not apply; a section the parent's
   * text answers (see `SectionDefinition.folds` and `foldable`) by that text,
   * or by subsections of the team's own under the parent that say something
   * (the backups of each component, under `System backup and restore`).
   */
  function answeredInTopic(entry: TemplateSection): Absence | undefined {
    const topic = entry.parent!
    if (topic.oneTopic) {
      for (const part of topic.sections) {
        const match = primary.get(part)
        if (match && saysNotApplicable(match.section)) return 'not-applicable'
      }
    }
    const own = primary.get(topic)?.section
    if (!own || !entry.foldable) return undefined
    return saysSomething(own, topic) ? 'answered' : undefined
  }

  /** Whether a block of a section's own text answers something: the team's text, not one of the section's template fields (its name). */
  function answers(node: RootContent, entry: TemplateSection): boolean {
    if (!isOwnText(node, template)) return false
    if (node.type !== 'paragraph' || entry.fields.length === 0) return true
    const label = fieldLabel(node)
    return label === undefined || !entry.fields.some((field) => field.keys.has(titleKey(label)))
  }

  /**
   * Match the sections of one group (`sections`, found under a heading at
   * `containerDepth`) to the group's template sections (`entries`).
   * `loose`: sections in their place at the top level whatever their level.
   */
  function assign(
    sections: ReadonlyArray<Section>,
    containerDepth: number,
    entries: ReadonlyArray<TemplateSection>,
    loose?: ReadonlySet<Section>
  ): void {
    if (entries.length === 0 || sections.length === 0) return
    const depth = containerDepth + 1
    const wanted = new Set(entries)
    // The level a group's sections are written at: one below it, or deeper
    // when all of them are (`####` under a `##`, the team's choice). The top
    // level is the document's (see `documentTopDepth`).
    let level = Infinity
    for (const section of sections) level = Math.min(level, section.depth)
    level = containerDepth < baseDepth ? depth : Math.max(level, depth)
    const atDepth = (section: Section): boolean => section.depth === level || (loose?.has(section) ?? false)
    const recorded: Section[] = []
    const keep = (match: SectionMatch): void => {
      record(match)
      recorded.push(match.section)
    }

    type Option = {section: Section; kind: MatchKind; house: boolean}
    const options = new Map<TemplateSection, Option[]>()
    const consider = (section: Section, house: boolean): void => {
      for (const entry of entriesNamed(section)) {
        if (!wanted.has(entry) || primary.has(entry)) continue
        const kind: MatchKind = isTitleOf(entry, section) ? 'title' : 'alias'
        // An alias is trusted only in the section's own place.
        if (kind === 'alias' && !house && !atDepth(section)) continue
        let list = options.get(entry)
        if (!list) options.set(entry, (list = []))
        list.push({section, kind, house})
      }
    }
    for (const section of sections) if (!bySection.has(section)) consider(section, false)
    // Under sections of the team's own in a group: in their place too (at
    // the top, a group under a section of the team's own is not).
    for (const section of containerDepth >= baseDepth ? sections : []) {
      if (bySection.has(section) || entriesNamed(section).length > 0) continue
      for (const below of houseBelow(section, false)) consider(below, true)
    }

    for (const entry of entries) {
      const list = options.get(entry)
      if (!list) continue
      const order = (option: Option) => [
        atDepth(option.section) || option.house ? 0 : 1,
        // A title shared by two sections (`Symptoms`: what is seen, or the
        // checks) is the weaker claim, and words weaker still.
        strength(option.section, entry),
        -support(option.section, entry)
      ]
      const ranked = list
        .filter((option) => !bySection.has(option.section))
        .map((option, index) => ({option, key: [...order(option), index]}))
        .sort((a, b) => compareKeys(a.key, b.key))
        .map(({option}) => option)
      const chosen = ranked[0]
      if (!chosen) continue
      const placed = atDepth(chosen.section) || chosen.house
      keep({section: chosen.section, entry, kind: chosen.kind, placed, duplicate: false})
      for (const other of ranked.slice(1)) {
        // A second title at the same depth is a duplicate; an alias beside
        // the real title is just another section.
        if (other.kind === 'title' && chosen.kind === 'title' && !other.house && other.section.depth === chosen.section.depth) {
          bySection.set(other.section, {section: other.section, entry, kind: 'title', placed, duplicate: true})
        }
      }
    }

    // A section of the team's own name whose subsections are a group's is
    // that group; a title naming one of the group's sections stands for it
    // too (`## Configuration management` holding `### Secrets management`).
    for (const section of sections) {
      if (bySection.has(section) || !atDepth(section) || section.children.length === 0) continue
      const group = groupOfChildren(section, entries)
      if (!group) continue
      keep({section, entry: group, kind: 'children', placed: true, duplicate: false})
      const named = entriesNamed(section).find((entry) => entry.parent === group && !primary.has(entry))
      if (named) primary.set(named, {section, entry: named, kind: 'combined', placed: true, duplicate: false})
    }

    if (containerDepth < baseDepth) followsGroups = recorded.length >= 2

    for (const section of sections) {
      if (bySection.has(section) || !atDepth(section) || section.key.length < 4) continue
      const free = entries.filter((entry) => !primary.has(entry))
      if (free.length === 0) break
      const combined = namedTogether(section, free)
      if (combined.length > 0) {
        keep({section, entry: combined[0]!, kind: 'combined', placed: true, duplicate: false})
        for (const entry of combined.slice(1)) primary.set(entry, {section, entry, kind: 'combined', placed: true, duplicate: false})
        continue
      }
      const near = nearest(section, free)
      if (near) {
        keep({section, entry: near.entry, kind: near.kind, placed: true, duplicate: false})
        continue
      }
      // A title in the team's own words that says one section's subject.
      const meant = entriesNamed(section).length === 0 && (followsGroups || containerDepth >= baseDepth) ? meaningOf(section, free) : undefined
      if (meant) keep({section, entry: meant, kind: 'meaning', placed: true, duplicate: false})
    }

    // Subsections a level deeper, with their parent's heading left out.
    for (const entry of entries) {
      if (primary.has(entry) || entry.sections.length === 0) continue
      const below = sections.filter(
        (section) =>
          !bySection.has(section) && section.depth === level + 1 && entriesNamed(section).some((named) => named.parent === entry)
      )
      if (!below.some((section) => entriesNamed(section).some((named) => named.parent === entry && isTitleOf(named, section)))) continue
      assign(below, level, entry.sections)
      const placed = entry.sections.flatMap((child) => {
        const match = primary.get(child)
        return match && below.includes(match.section) ? [match.section] : []
      })
      if (placed.length > 0) impliedBy.set(entry, placed)
    }

    for (const section of structureOrder(recorded)) {
      const match = bySection.get(section)
      if (!match || !wanted.has(match.entry)) continue
      const children =
        match.kind === 'combined' || match.kind === 'children'
          ? template.all.filter((entry) => primary.get(entry)?.section === section).flatMap((entry) => entry.sections)
          : match.entry.sections
      assign(section.children, section.depth, children)
    }
  }

  /**
   * A top-level chapter named after one of a group's sections, with the
   * group nowhere (`## 6. Configuration management`, no `System
   * configuration`): it is that section, and the group.
   */
  function chapterOfGroup(section: Section, entry: TemplateSection): boolean {
    const group = entry.parent
    // The owner, the dependencies and a section that may sit anywhere are
    // kept at the top on their own: they stand for no group.
    if (!group || group.parent || primary.has(group) || isStandalone(entry) || entry.anywhere || !isTopLevel(section)) return false
    // The section is read as the one it is named after (its purpose, its
    // text), and stands for the group too.
    record({section, entry, kind: 'combined', placed: true, duplicate: false})
    primary.set(group, {section, entry: group, kind: 'combined', placed: true, duplicate: false})
    assign(section.children, section.depth, [...group.sections, ...entry.sections])
    return true
  }

  /** Whether a section is at the top of the document: its level, right under the title or the document. */
  function isTopLevel(section: Section): boolean {
    const parent = section.parent
    return section.depth <= baseDepth || !parent?.heading || parent === documentTitle || parent.depth < baseDepth
  }

  /**
   * Whether the template section a section is under is a group the team
   * named in its own words (`Operations`), where it may have merged others.
   */
  function mergedGroup(section: Section): boolean {
    for (let above = section.parent; above?.heading; above = above.parent) {
      const match = bySection.get(above)
      if (match) return !match.entry.parent && match.kind !== 'title'
    }
    return false
  }

  /** Whether another section of the entry's group is beside the section (`Health checks` beside `Monitoring tool`): the team merged that group there. */
  function besideSibling(section: Section, entry: TemplateSection): boolean {
    return (section.parent?.children ?? []).some((other) => other !== section && bySection.get(other)?.entry.parent === entry.parent)
  }

  /** The template section a section is under, nearest first, if any. */
  function insideOther(section: Section): TemplateSection | undefined {
    for (let above = section.parent; above?.heading; above = above.parent) {
      const match = bySection.get(above)
      if (match) return match.entry
    }
    return undefined
  }

  function record(match: SectionMatch): void {
    primary.set(match.entry, match)
    bySection.set(match.section, match)
  }

  /** Sections in document order. */
  function structureOrder(list: ReadonlyArray<Section>): Section[] {
    return [...list].sort((a, b) => (a.start.offset ?? 0) - (b.start.offset ?? 0))
  }

  /**
   * The template sections a heading names, by title or alias (titles
   * first), else the one its words name (see `SectionDefinition.keywords`).
   */
  function entriesNamed(section: Section): ReadonlyArray<TemplateSection> {
    if (!section.heading) return []
    return candidates.get(section.key) ?? candidates.get(section.baseKey) ?? namedByWords(section)
  }

  function namedByWords(section: Section): ReadonlyArray<TemplateSection> {
    // One token joined by `:` or `/` is a name, not words: a security
    // finding's type (`Impact:EC2/PortSweep`), a path, a metric.
    if (nameToken.test(section.title.trim())) return []
    const match = template.named(section.key)
    if (match.entries.length !== 1 || (match.explained && !explainsItself(section))) return []
    return match.entries
  }

  /** How strongly a heading names a template section: its title, an alias of it alone, an alias it shares, its words. */
  function strength(section: Section, entry: TemplateSection): number {
    if (isTitleOf(entry, section)) return 0
    const named = candidates.get(section.key) ?? candidates.get(section.baseKey)
    if (!named) return 3
    return named.length > 1 ? 2 : 1
  }

  /** How many of a template section's subsections a section has under it: the evidence that it is that section. */
  function support(section: Section, entry: TemplateSection): number {
    let count = 0
    for (const child of section.children) if (entriesNamed(child).some((named) => named.parent === entry)) count++
    return count
  }

  /**
   * The free group whose sections a section of the team's own name holds:
   * two of its subsections at least, its title counting as one when it
   * names one of them; `undefined` when no group stands out.
   */
  function groupOfChildren(section: Section, entries: ReadonlyArray<TemplateSection>): TemplateSection | undefined {
    const evidence = new Map<TemplateSection, number>()
    const count = (named: ReadonlyArray<TemplateSection>): void => {
      const groups = new Set(named.flatMap((entry) => (entry.parent && entries.includes(entry.parent) && !primary.has(entry.parent) ? [entry.parent] : [])))
      for (const group of groups) evidence.set(group, (evidence.get(group) ?? 0) + 1)
    }
    count(entriesNamed(section))
    for (const child of section.children) count(entriesNamed(child))
    let best: TemplateSection | undefined
    let most = 1
    let tie = false
    for (const [group, found] of evidence) {
      if (found > most) {
        best = group
        most = found
        tie = false
      } else if (found === most) {
        tie = true
      }
    }
    return tie ? undefined : best
  }

  /**
   * Whether a section out of its template place is where the team keeps it:
   * inside a template group the team named in its own words (read by its
   * meaning or its subsections: the team merged groups); and for the owner
   * and the dependencies (`standalone`), also at the top, under the title or
   * under any section of the team's own.
   */
  function keptByTeam(section: Section, standalone: boolean): boolean {
    const parent = section.parent
    if (!parent?.heading || parent === documentTitle || parent.depth < baseDepth) return standalone
    const match = bySection.get(parent)
    if (!match) return standalone
    return match.kind === 'children' || match.kind === 'meaning'
  }

  /**
   * The free template sections a heading names as a list (`Log aggregation
   * solution, metrics and health checks`): each item a title or alias, at
   * least one of them of this group; empty when it is not such a list.
   */
  function namedTogether(section: Section, free: ReadonlyArray<TemplateSection>): TemplateSection[] {
    if (nameToken.test(section.title.trim())) return []
    const items = section.title
      .split(/[,;/&+]|\band\b/i)
      .map((item) => item.trim())
      .filter((item) => item !== '')
    const named: TemplateSection[] = []
    if (items.length < 2) {
      // One title whose words name several sections (`Troubleshooting`).
      const match = template.named(section.key)
      if (match.entries.length < 2 || match.explained) return []
      named.push(...match.entries.filter((entry) => !primary.has(entry)))
    }
    for (const item of items.length < 2 ? [] : items) {
      const keys = headingKeys(item)
      const byWords = template.named(keys.key)
      const found = (
        candidates.get(keys.key) ??
        candidates.get(keys.baseKey) ??
        (byWords.entries.length === 1 && !byWords.explained ? byWords.entries : [])
      ).find((entry) => !primary.has(entry) && !named.includes(entry))
      if (found) named.push(found)
    }
    return named.some((entry) => free.includes(entry)) ? named.sort((a, b) => template.all.indexOf(a) - template.all.indexOf(b)) : []
  }

  /**
   * A chapter file: its first heading, at the top, is one of the template's
   * groups (with subsections), and no other group is found in it.
   */
  function chapterOf(): TemplateSection | undefined {
    const first = structure.sections[0]
    if (!first || baseDepth !== 1 || first.depth !== 1) return undefined
    const match = bySection.get(first)
    if (!match || match.entry.parent || match.entry.sections.length === 0 || match.duplicate) return undefined
    return template.sections.every((entry) => entry === match.entry || !primary.has(entry)) ? match.entry : undefined
  }
}

const wordSeparator = /[^\p{L}\p{N}]+/u

/** Whether a section says something in its own words: a few sentences or a list, not a bare label (`**Critical**`). */
function explainsItself(section: Section): boolean {
  let words = 0
  for (const node of section.body) {
    if (node.type === 'code' || node.type === 'html') continue
    words += spacedText(node).split(wordSeparator).filter((word) => word !== '').length
    if (words >= 8) return true
  }
  return false
}

/** The text of a node with its blocks and list items apart (`toString` runs them together). */
function spacedText(node: RootContent): string {
  if ('value' in node && node.type !== 'html') return node.value
  if ('children' in node) return (node.children as RootContent[]).map((child) => spacedText(child)).join(' ')
  return ''
}

/** The sentences of a block, each list item and paragraph apart, code aside. */
function sentencesOf(node: RootContent, split = true): string[] {
  const texts: string[] = []
  const visit = (child: RootContent): void => {
    if (child.type === 'code' || child.type === 'html') return
    if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') {
      texts.push(toString(child))
      return
    }
    if ('children' in child) for (const below of child.children as RootContent[]) visit(below)
  }
  visit(node)
  return texts.flatMap((text) => text.split(split ? /(?<=[.!?;:])\s+|\n+/ : /\n+/))
}

/** The lines of a block's paragraphs and list items, code aside. */
function linesOf(node: RootContent): string[] {
  return sentencesOf(node, false)
}

// Words before the verb of a step (`First,`, `Then`, `If needed,`).
const stepLeadIn = /^(?:(?:first|then|next|also|finally|otherwise|alternatively|now|please|just|immediately|manually|if needed|if necessary|if possible|if so|if not)[,:]?\s+)+/i
// Words before the verb of a step said as advice (`you may need to stop`,
// `consider restarting`, `try to reload`).
const adviceLeadIn =
  /^(?:(?:you|we|one)\s+(?:(?:can|could|should|may|might|must|will)\s+)?(?:(?:need|have|want)\s+to\s+)?|(?:try|consider|attempt)(?:\s+to)?\s+|it\s+(?:is|may be)\s+(?:safe|possible|best|enough)\s+to\s+)/i
// A step given under a label of its section's (`Fix:`, `**Solution:**`).
const labelled = /^([\p{L} ]{2,30}?)\s{0,2}[:–—]\s/u

/**
 * Whether a sentence is a step that starts with one of `verbs`, at its
 * start or after its opening clause (`If the disk is full, delete old
 * logs.`). Each clause is matched from its start: linear.
 */
function startsWithStep(sentence: string, verbs: ReadonlySet<string>): boolean {
  const start = sentence.replace(/^[^\p{L}]{0,20}/u, '').replace(stepLeadIn, '')
  // After the opening clause, or after an arrow (`Found one → terminate it`).
  const clauses = [start, ...start.split(/,\s+|\s(?:→|->|=>)\s/).slice(1, 6)]
  return clauses.some((clause) => {
    const first = /^[\p{L}-]{1,40}/u.exec(clause.replace(stepLeadIn, '').replace(adviceLeadIn, ''))?.[0].toLowerCase()
    return first !== undefined && isVerbOf(first, verbs)
  })
}

/** Whether a word is one of `verbs`, or its `-ing` form (`restarting`, `scaling`, `dropping`). */
function isVerbOf(word: string, verbs: ReadonlySet<string>): boolean {
  if (verbs.has(word)) return true
  if (!word.endsWith('ing') || word.length < 6) return false
  const stem = word.slice(0, -3)
  return verbs.has(stem) || verbs.has(stem + 'e') || (/(.)\1$/.test(stem) && verbs.has(stem.slice(0, -1)))
}

/**
 * Whether a sentence gives a step under a label that names the section
 * (`Fix: restart the relay`, `Solution – renew it`): its keywords or title.
 */
function labelledStep(sentence: string, entry: TemplateSection, template: Template): boolean {
  const label = labelled.exec(sentence.replace(/^[^\p{L}]{0,20}/u, ''))?.[1]
  return label !== undefined && template.classify(label) === entry
}

/** Whether a template section is `group` or one of its subsections, at any depth. */
function within(entry: TemplateSection, group: TemplateSection): boolean {
  for (let at: TemplateSection | undefined = entry; at; at = at.parent) if (at === group) return true
  return false
}

/** Whether a template section is a section of its own wherever it is: the owner, the dependencies. */
function isStandalone(entry: TemplateSection): boolean {
  return entry.owner || entry.standalone
}

/**
 * The free template section whose vocabulary a heading of the team's own
 * words says the most of (`Service Contacts & Notification Methods`: the
 * owner); `undefined` when it says none, or as much of two.
 */
function meaningOf(section: Section, free: ReadonlyArray<TemplateSection>): TemplateSection | undefined {
  const words = titleWordsOf(section)
  if (words.length === 0) return undefined
  let best: TemplateSection | undefined
  let most = 0
  let tie = false
  for (const entry of free) {
    const hits = topicHits(words, entry.topics)
    if (hits > most) {
      best = entry
      most = hits
      tie = false
    } else if (hits === most && hits > 0) {
      tie = true
    }
  }
  return tie ? undefined : best
}

/**
 * The sections at the top of the document: below the title (and anything
 * above the template's top depth), or at the root; and those right under a
 * title of the groups' own level.
 */
function topLevel(root: Section, baseDepth: number, title: Section | undefined): Section[] {
  const result: Section[] = []
  const visit = (section: Section): void => {
    for (const child of section.children) {
      if (child.depth < baseDepth) visit(child)
      else result.push(child)
      if (child === title) result.push(...child.children)
    }
  }
  visit(root)
  return result
}

function isTitleOf(entry: TemplateSection, section: Section): boolean {
  return entry.keys.has(section.key) || entry.keys.has(section.baseKey)
}

function compareKeys(a: ReadonlyArray<number>, b: ReadonlyArray<number>): number {
  for (let index = 0; index < a.length; index++) {
    const difference = a[index]! - b[index]!
    if (difference !== 0) return difference
  }
  return 0
}

// A section's title in words, once: each template section asks whether
// any heading of the runbook says its subject.
const wordsOfTitle = new WeakMap<Section, ReadonlyArray<string>>()

function titleWordsOf(section: Section): ReadonlyArray<string> {
  let words = wordsOfTitle.get(section)
  if (!words) {
    words = wordsOf(section.title)
    wordsOfTitle.set(section, words)
  }
  return words
}

/** The free template section a heading is a near miss of (`near`: a typo) or a variant of (`similar`), if any. */
function nearest(section: Section, free: ReadonlyArray<TemplateSection>): {entry: TemplateSection; kind: 'near' | 'similar'} | undefined {
  let best: TemplateSection | undefined
  let bestDistance = Infinity
  const key = spellingOf(section.key)
  for (const entry of free) {
    for (const expected of keyShapes(entry).spellings) {
      const edits = typoDistanceOf(key, expected)
      if (edits < bestDistance) {
        best = entry
        bestDistance = edits
      }
    }
  }
  if (best) return {entry: best, kind: 'near'}
  let similar: TemplateSection | undefined
  let bestChanges = Infinity
  const actual = [titleWords(section.key), titleWords(section.baseKey)]
  for (const entry of free) {
    for (const expected of keyShapes(entry).titles) {
      for (const words of actual) {
        const changes = wordChanges(words, expected)
        if (changes < bestChanges) {
          similar = entry
          bestChanges = changes
        }
      }
    }
  }
  return similar ? {entry: similar, kind: 'similar'} : undefined
}

/** A key split into its words, as `typoDistance` compares them. */
interface Spelling {
  readonly key: string
  readonly words: ReadonlyArray<string>
}

function spellingOf(key: string): Spelling {
  return {key, words: key.split(' ')}
}

/**
 * A template section's keys as `nearest` compares them, split once per
 * section: a long document compares each of its own headings with every
 * template section still free (100,000 headings split the same few dozen
 * keys millions of times). `titles`: the words of its keys and of its
 * aliases, but a short alias (`Team`, `Purpose`), which says too little
 * with a word added.
 */
const shapesOfEntry = new WeakMap<TemplateSection, {spellings: ReadonlyArray<Spelling>; titles: ReadonlyArray<ReadonlyArray<string>>}>()

function keyShapes(entry: TemplateSection): {spellings: ReadonlyArray<Spelling>; titles: ReadonlyArray<ReadonlyArray<string>>} {
  let shapes = shapesOfEntry.get(entry)
  if (!shapes) {
    const titles: Array<ReadonlyArray<string>> = []
    for (const key of [...entry.keys, ...entry.aliasKeys]) {
      const words = titleWords(key)
      if (words.length >= 3 || entry.keys.has(key)) titles.push(words)
    }
    shapes = {spellings: [...entry.keys].map((key) => spellingOf(key)), titles}
    shapesOfEntry.set(entry, shapes)
  }
  return shapes
}

// Words that say little in a title: a title's own words are the others.
const minorWords = new Set(['a', 'an', 'the', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'our', 'its'])

// A key's words that matter, computed once per key: headings repeat from
// runbook to runbook, and a long document compares each of its own headings
// with every template section still free.
const wordsOfKey = new Map<string, ReadonlyArray<string>>()

function titleWords(key: string): ReadonlyArray<string> {
  let words = wordsOfKey.get(key)
  if (!words) {
    words = key.split(' ').filter((word) => word !== '' && !minorWords.has(word))
    if (wordsOfKey.size >= 10_000) wordsOfKey.clear()
    wordsOfKey.set(key, words)
  }
  return words
}

/**
 * How far a title is from a template title, in whole words (as
 * `titleWords` gives them): `0` for the same words in another order
 * (`Required compute resources` for `Required resources - compute`), `1`
 * for one word dropped, added or changed in a title of three words or more
 * (`Infrastructure and network overview` for `Infrastructure and network
 * design`), or one word added to a shorter one (`Health check endpoints`,
 * `Deployment pipeline`); `Infinity` otherwise (`Backup procedures` is not
 * `Restore procedures`).
 */
export function wordChanges(actual: ReadonlyArray<string>, expected: ReadonlyArray<string>): number {
  if (expected.length === 0 || Math.abs(actual.length - expected.length) > 1) return Infinity
  const remaining = [...expected]
  let unmatched = 0
  for (const word of actual) {
    const index = remaining.indexOf(word)
    if (index === -1) {
      if (++unmatched > 1) return Infinity
    } else {
      remaining.splice(index, 1)
    }
  }
  if (expected.length < 3) return remaining.length === 0 ? unmatched : Infinity
  const changes = Math.max(unmatched, remaining.length)
  return changes <= 1 ? changes : Infinity
}

/**
 * The level of the template's top-level sections: the level most of the
 * groups are written at, two of them at least (`#` under a `#` title, or
 * with none; `###` under a `##` title), or `#` when the file is one group's
 * chapter (its first heading is the group, as its title, with the group's
 * sections under it, and no other group is written `#` or `##`); else `##`.
 * With `#`, the title is the first heading when it is a `#` that names no
 * group.
 */
const nameToken = /^[^\s:/]{1,100}[:/][^\s]{1,200}$/

function documentTopDepth(
  sections: ReadonlyArray<Section>,
  candidates: Map<string, TemplateSection[]>
): {depth: number; title: Section | undefined} {
  const groupOf = (section: Section) => (candidates.get(section.key) ?? candidates.get(section.baseKey))?.find((entry) => !entry.parent)
  const counts = [0, 0, 0, 0, 0, 0, 0]
  let first: Section | undefined
  for (const section of sections) {
    if (section.depth > 5 || !groupOf(section)) continue
    counts[section.depth]!++
    if (section.depth === 1) first ??= section
  }
  let depth = topDepth
  for (const level of [1, 3, 4, 5]) if (counts[level]! >= 2 && counts[level]! > counts[depth]!) depth = level
  // A page with no heading above `###` (its title in front matter, as
  // site generators keep it) has its sections there: `### Investigating
  // the problem` is as much a top-level section as `## Diagnosis`.
  let shallowest = 7
  let atShallowest = 0
  for (const section of sections) {
    if (!section.heading || section.depth > shallowest) continue
    atShallowest = section.depth === shallowest ? atShallowest + 1 : 1
    shallowest = section.depth
  }
  if (depth === topDepth && counts[depth] === 0 && shallowest > depth && shallowest <= 5 && atShallowest >= 2) depth = shallowest
  const chapter = first !== undefined && counts[1] === 1 && counts[2] === 0 && first === sections[0] && isChapterHeading(first, groupOf(first)!, candidates)
  if (chapter) depth = 1
  if (depth !== 1) return {depth, title: undefined}
  const heading = sections[0]!
  const title = heading !== first && heading.depth === 1 && !groupOf(heading) ? heading : undefined
  return {depth: 1, title}
}

/** Whether a group's heading is a chapter's: the group's own title, or a heading over one of its sections. */
function isChapterHeading(section: Section, group: TemplateSection, candidates: Map<string, TemplateSection[]>): boolean {
  if (group.keys.has(section.key) || group.keys.has(section.baseKey)) return true
  return section.children.some((child) => (candidates.get(child.key) ?? candidates.get(child.baseKey) ?? []).some((entry) => entry.parent === group))
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
  return typoDistanceOf(spellingOf(actual), spellingOf(expected))
}

function typoDistanceOf(actual: Spelling, expected: Spelling): number {
  if (actual.key === expected.key) return Infinity
  const actualWords = actual.words
  const expectedWords = expected.words

  if (actualWords.length !== expectedWords.length) {
    // A space too many or too few, and at most one slip besides. An edit
    // distance is at least the difference in length: most titles are ruled
    // out without computing it.
    const actualLetters = actual.key.length - actualWords.length + 1
    const expectedLetters = expected.key.length - expectedWords.length + 1
    if (Math.abs(actualLetters - expectedLetters) > 1) return Infinity
    const edits = distance(actual.key.replaceAll(' ', ''), expected.key.replaceAll(' ', ''))
    return edits <= 1 ? edits + 1 : Infinity
  }

  let total = 0
  for (let index = 0; index < actualWords.length; index++) {
    const word = actualWords[index]!
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
  /** Template sections the document has, in place or not: the required ones and those it need not have. */
  readonly found: number
  /** Required template sections (see `Runbook.requiredByLayout`), and the others it has. */
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
    // A section the layout only recommends counts once it is there: a
    // runbook that follows it under the team's names follows the layout.
    if (runbook.find(entry)) {
      found++
      total++
    } else if (runbook.requiredByLayout(entry)) {
      // Recommended ones included where the layout needs one of them (the
      // overview `full` asks for, see `SectionDefinition.describes`): the
      // rule reports it and the fix inserts it, so the distance to the
      // layout counts it as missing, or the fix would bring the runbook
      // closer to another layout than to its own.
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
