/**
 * The template: the tree of required sections every rule reads.
 *
 * A `TemplateDefinition` is plain data (what a built-in or, later, a user's
 * configuration says); `compileTemplate` turns it into a `Template` with
 * depths, parents and comparable keys, once.
 */

import {headingKeys, titleKey, withoutTrailingGroup} from './normalize.js'
import {asciiNormalizedLength, fingerprintLength, fingerprintNormalized, isAscii, normalizeText} from './text.js'

export interface SectionDefinition {
  /** The heading as the template writes it. */
  readonly title: string
  /** What the section should say, in a few words ("the team that owns ..."). */
  readonly purpose?: string
  /** Other titles that real runbooks use for this section. */
  readonly aliases?: ReadonlyArray<string>
  /**
   * The words that say a heading or a text is about this section's subject
   * (`metric`, `dashboard`, `grafana` for the metrics): its vocabulary. A
   * word of five letters or more also stands for the words it starts
   * (`depend` for `dependencies`); a shorter one for itself and its plural;
   * words with a space are a phrase (`on call`). Read for a heading of the
   * team's own name in the section's group (`Service Contacts & Notification
   * Methods` is the owner), and for text that answers the section in its
   * parent (a `Security` section about IAM roles does not answer `Password
   * and PII security`). Without it, the title's telling words.
   */
  readonly topics?: ReadonlyArray<string>
  /** Fields (`**Label:** value`) that belong to this section. */
  readonly fields?: ReadonlyArray<string | FieldDefinition>
  /** Whether this is the section naming the owner and how to reach them. */
  readonly owner?: boolean
  /** Whether the section may be left out. */
  readonly optional?: boolean
  /**
   * Whether the layout only recommends the section: a team can operate
   * without it, and the template tells its users to remove what does not
   * apply. Never required by default (a configuration can require it);
   * its subsections are recommended too.
   */
  readonly recommended?: boolean
  /**
   * Whether the section describes the service, as its siblings so marked
   * do: a recommended section that a runbook needs one of, or its parent's
   * own text instead (in `full`, a runbook with no business or technical
   * overview at all is told so once).
   */
  readonly describes?: boolean
  /**
   * Whether the section's own text may answer its subsections (a folded
   * section: the hours of every feature written in `Hours of operation`,
   * how health is checked written in `Health checks`).
   */
  readonly folds?: boolean
  /**
   * Whether the subsections are parts of one topic (backup and restore): a
   * statement that the topic does not apply, in the section or in any of its
   * subsections, answers them all. Such a section folds too.
   */
  readonly oneTopic?: boolean
  /**
   * Whether its parent's own text answers it, whatever that text names (the
   * overview's text is the business overview): as if the parent folded, for
   * this section alone.
   */
  readonly foldable?: boolean
  /**
   * Whether the section must be a section of its own: its parent's text
   * never answers it (the dependencies; the owner section always is).
   */
  readonly standalone?: boolean
  /**
   * Whether the section may sit anywhere in the runbook, at any depth and
   * under any parent: a topic teams place in different groups (recovery
   * plans: under the operational tasks, or a group of their own).
   */
  readonly anywhere?: boolean
  /**
   * Whether the section must say what to do: a step, a command, a query, a
   * link or a decision (an alert page's `Diagnosis` and `Mitigation`).
   */
  readonly actionable?: boolean
  /**
   * Words that, in a title the layout does not give (no title, no alias),
   * say that a section is this one: `resolution` in `Resolution procedures`,
   * `cause` in `Root cause analysis`. A word listed for two sections names
   * both at once (`troubleshooting` is finding the cause and fixing it); a
   * title with words of two sections is both (`Common causes and fixes`).
   */
  readonly keywords?: ReadonlyArray<string>
  /**
   * Words that say so only when no keyword of another section is in the
   * title: `steps` is the mitigation in `Immediate steps`, not in
   * `Investigation steps`.
   */
  readonly weakKeywords?: ReadonlyArray<string>
  /**
   * Weak keywords that say so only of a section that explains itself in a
   * few sentences or a list (`Severity` saying what breaks at each level is
   * the impact; a bare `Critical` is not).
   */
  readonly explainedKeywords?: ReadonlyArray<string>
  /**
   * Whether a labelled field anywhere in the page answers the section
   * (`**Impact:** checkout fails` in the alert's details): a page need not
   * give it a heading of its own. The label is read as a title: the
   * section's title, an alias or a keyword.
   */
  readonly answeredByField?: boolean
  /**
   * Whether the page's own words above its sections answer it: the lead
   * paragraph under the title (an alert page that says first, without a
   * heading, what the alert means).
   */
  readonly answeredByLead?: boolean
  /**
   * Labels of a line in the page's lead, a list item or a paragraph, bold
   * or plain (`- **Signal:** \`up == 0\` for 1m`, `Fires when: ...`): with a
   * value, the line answers the section, as a heading of its own would.
   * Read without case; the label is the line's text up to its colon.
   */
  readonly leadLabels?: ReadonlyArray<string>
  /**
   * Sentences that say the section's subject wherever the page writes them
   * (`This alert essentially means that…` in the details of the impact):
   * the page need not give it a heading of its own.
   */
  readonly saidBy?: ReadonlyArray<RegExp>
  /**
   * Sections under other titles that answer this one when they use its
   * words: `Symptoms` saying that users see errors, or that alerts are
   * lost, states the impact.
   */
  readonly statedIn?: {
    readonly titles: ReadonlyArray<string>
    readonly words: ReadonlyArray<string>
    /**
     * First words of titles that name a level of the alert (`Critical:
     * above 90%`, `P1`): each level's section says what it does to users.
     */
    readonly levels?: ReadonlyArray<string>
  }
  /**
   * Verbs of this section's steps: a page that gives such a step in another
   * section (a fix written among the checks, `Restart the exporter.` under
   * `Possible checks`; the checks in a check-and-act list under `Incident
   * mitigation`) does the section's job there, and need not give it a
   * heading of its own.
   */
  readonly answeredBySteps?: ReadonlyArray<string>
  /**
   * Whether a troubleshooting page for one error message need not have it
   * (see `isErrorPage`): the error is that page's impact.
   */
  readonly notOnErrorPages?: boolean
  /**
   * What a runbook that keeps a layout of its own (see `Runbook.house`)
   * must still have of this top-level group: `true`, always (how the
   * service is watched and run); a list of words, only when its text uses
   * one (backup and restore, of a service that keeps data in a database);
   * unset, nothing: such a runbook says the rest in its own words, or has
   * no need of it (security and configuration of an integration).
   */
  readonly ownLayouts?: true | ReadonlyArray<string>
  readonly sections?: ReadonlyArray<SectionDefinition>
}

/** What a fingerprint stands for: see `template-text.ts`. */
export type FingerprintKind = 'prompt' | 'example' | 'guidance' | 'boilerplate' | 'owner-value'

export interface FieldDefinition {
  /** The label as the template writes it, without the colon. */
  readonly label: string
  /** Other labels runbooks use for the same field. */
  readonly aliases?: ReadonlyArray<string>
  /** What the value should be, in a few words. */
  readonly purpose?: string
}

export interface TemplateField {
  readonly label: string
  readonly purpose: string
  /** Comparable keys of the label and its aliases. */
  readonly keys: ReadonlySet<string>
}

export interface TemplateDefinition {
  readonly name: string
  /**
   * Whether a runbook of this layout is named after what it is about, and
   * its title names it too (an alert page: `KubeletDown.md`, `# KubeletDown`).
   */
  readonly namedAfterFile?: boolean
  /**
   * The share of the layout's required sections a runbook must have to be
   * checked against it when no template is configured (`auto`). A short
   * layout needs one: any document of another shape lacks fewer of its
   * sections than of a long layout's.
   */
  readonly minimumShare?: number
  /**
   * For a layout of pages named after what they are about (see
   * `namedAfterFile`): the largest share of a page's top-level sections
   * that may be its own, not the layout's, when nothing on the page names
   * what it is about. A longer document of another kind shares a few titles
   * with a short layout among many of its own.
   */
  readonly maximumOwnShare?: number
  readonly sections: ReadonlyArray<SectionDefinition>
  /**
   * Words of titles about another topic than the layout's sections: a
   * title with one of them is none of its sections by its words
   * (`Maintenance procedures` is not an alert's mitigation).
   */
  readonly otherTopics?: ReadonlyArray<string>
  /** Fingerprints of the template's own sentences (`fingerprint` in text.ts). */
  readonly fingerprints?: ReadonlyArray<readonly [string, FingerprintKind]>
}

export interface TemplateSection {
  readonly title: string
  readonly purpose: string
  /** Depth of the heading: 2 for the template's top-level sections. */
  readonly depth: number
  /** The heading line as it should be written (`### Service owner`). */
  readonly line: string
  /** Position among its siblings, for ordering. */
  readonly index: number
  readonly parent: TemplateSection | undefined
  readonly sections: ReadonlyArray<TemplateSection>
  readonly fields: ReadonlyArray<TemplateField>
  readonly owner: boolean
  /** Whether the runbook need not have it: recommended by the layout, or made optional by the configuration. */
  readonly optional: boolean
  /** Whether the layout only recommends it (see `SectionDefinition.recommended`), unless the configuration requires it. */
  readonly recommended: boolean
  /** See `SectionDefinition.folds` (true for a section of one topic too). */
  readonly folds: boolean
  /** See `SectionDefinition.oneTopic`. */
  readonly oneTopic: boolean
  /** See `SectionDefinition.anywhere`. */
  readonly anywhere: boolean
  /** See `SectionDefinition.standalone`. */
  readonly standalone: boolean
  /** Whether its parent's own text answers it: the parent folds, or it is `foldable`. */
  readonly foldable: boolean
  /** See `SectionDefinition.actionable`. */
  readonly actionable: boolean
  /** See `SectionDefinition.answeredByField`. */
  readonly answeredByField: boolean
  /** See `SectionDefinition.answeredByLead`. */
  readonly answeredByLead: boolean
  /** See `SectionDefinition.leadLabels`: the labels, lower-cased. */
  readonly leadLabels: ReadonlySet<string>
  /** See `SectionDefinition.saidBy`. */
  readonly saidBy: ReadonlyArray<RegExp> | undefined
  /** See `SectionDefinition.statedIn`: the titles' keys, the words and the levels' first words. */
  readonly statedIn:
    | {readonly keys: ReadonlySet<string>; readonly words: ReadonlySet<string>; readonly levels: ReadonlySet<string>}
    | undefined
  /** See `SectionDefinition.answeredBySteps`, lower case. */
  readonly answeredBySteps: ReadonlySet<string> | undefined
  /** See `SectionDefinition.notOnErrorPages`. */
  readonly notOnErrorPages: boolean
  /** See `SectionDefinition.ownLayouts`. */
  readonly ownLayouts: true | ReadonlyArray<string> | undefined
  /** See `SectionDefinition.describes`. */
  readonly describes: boolean
  /** The section's vocabulary (see `SectionDefinition.topics`), lower case: the definition's, or its title's telling words. */
  readonly topics: ReadonlyArray<string>
  /** Keys of the title itself (full and without parenthesised suffix). */
  readonly keys: ReadonlySet<string>
  /** Keys of the aliases. */
  readonly aliasKeys: ReadonlySet<string>
}

export interface Template {
  readonly name: string
  /** The definition it was compiled from. */
  readonly definition: TemplateDefinition
  readonly sections: ReadonlyArray<TemplateSection>
  /** Every section, parents before children, in template order. */
  readonly all: ReadonlyArray<TemplateSection>
  /** The section naming the owner, if the template has one. */
  readonly ownerSection: TemplateSection | undefined
  /** Find a template section by any spelling of its title or aliases. */
  find(title: string): TemplateSection | undefined
  /**
   * The sections a title's words name (see `SectionDefinition.keywords`),
   * by the title's key (`titleKey`): none, one, or several named together.
   * Only for a title that is no title or alias of the template.
   */
  named(key: string): KeywordMatch
  /** `find`, else the one section the title's words name outright. */
  classify(title: string): TemplateSection | undefined
  /** What a fingerprint of the template's own text stands for. */
  readonly fingerprints: ReadonlyMap<string, FingerprintKind>
  /** What a text is if it is the template's own (by fingerprint), else `undefined`. */
  textKind(text: string): FingerprintKind | undefined
  /**
   * The same for text already normalised with `normalizeText`; with `only`,
   * that kind or `undefined` (faster: fewer lengths to match).
   */
  normalizedKind(normalized: string, only?: FingerprintKind): FingerprintKind | undefined
}

/** A key without its accents (`détection`: `detection`). */
function withoutAccents(key: string): string {
  return isAscii(key) ? key : key.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC')
}

/** The sections a title names by its words. */
export interface KeywordMatch {
  readonly entries: ReadonlyArray<TemplateSection>
  /** Whether the words name them only if the section explains itself (see `SectionDefinition.explainedKeywords`). */
  readonly explained: boolean
}

const noMatch: KeywordMatch = Object.freeze({entries: [], explained: false})

// Words of a title about what comes before or after a section, or around
// it, not the section itself: `Post-incident actions`, `Prevention`,
// `Related alerts`, `Prerequisites`; and the goal set for it, in several
// languages (`Resolution target`, `Objectif de résolution`: a time to
// resolve within, not how).
const aroundWords = new Set(
  (
    'post postmortem after prevention preventive prevent future followup follow related history reference appendix prerequisite ' +
    'objective objectif objetivo obiettivo obiettivi ziel ziele goal target mttr'
  ).split(' ')
)

// Titles any document may have beside its sections: `Table of contents`,
// `Related runbooks`, `References`, `Notes`.
const asideWords = new Set([...aroundWords, ...'content contents toc resource link note see faq glossary changelog revision version metadata'.split(' ')])

/** Whether a title (its key, `titleKey`) is of a section any document may have beside a layout's own, neither for nor against it. */
export function isAsideTitle(key: string): boolean {
  return key.split(' ').some((word) => asideWords.has(word))
}

export interface TemplateCustomisation {
  /** Extra aliases: template heading (any tolerated spelling) to other titles. */
  readonly aliases?: Readonly<Record<string, ReadonlyArray<string>>> | undefined
  /** Template headings that need not be present. */
  readonly optional?: ReadonlyArray<string> | undefined
  /** Template headings the layout only recommends that must be present (their parents too). */
  readonly required?: ReadonlyArray<string> | undefined
}

/** The depth at which a template's top-level sections sit: under the free H1 title. */
export const topDepth = 2

export function compileTemplate(
  definition: TemplateDefinition,
  customisation: TemplateCustomisation = {}
): Template {
  const all: TemplateSection[] = []
  const definitionOf = new Map<TemplateSection, SectionDefinition>()
  const extraAliases = new Map<string, string[]>()
  const optional = new Set<string>()

  for (const [title, aliases] of Object.entries(customisation.aliases ?? {})) {
    const key = titleKey(title)
    extraAliases.set(key, [...(extraAliases.get(key) ?? []), ...aliases])
  }

  for (const title of customisation.optional ?? []) optional.add(titleKey(title))
  const required = requiredByCustomisation(definition.sections, customisation.required ?? [])

  const sections = build(definition.sections, undefined, topDepth, false)

  const byKey = new Map<string, TemplateSection>()
  for (const section of all) {
    for (const key of section.keys) if (!byKey.has(key)) byKey.set(key, section)
  }
  for (const section of all) {
    for (const key of section.aliasKeys) if (!byKey.has(key)) byKey.set(key, section)
  }

  const fingerprints = new Map(definition.fingerprints ?? [])
  // The lengths of the fingerprinted texts: any other length cannot match,
  // and most text is not hashed at all.
  let lengths: Set<number> | undefined = new Set()
  // The same for each kind, for a caller that looks for one kind only.
  let lengthsOf: Map<FingerprintKind, Set<number>> | undefined = new Map()
  for (const [key, kind] of fingerprints) {
    const length = fingerprintLength(key)
    if (length === undefined) {
      lengths = undefined
      lengthsOf = undefined
      break
    }
    lengths.add(length)
    let ofKind = lengthsOf!.get(kind)
    if (!ofKind) lengthsOf!.set(kind, (ofKind = new Set()))
    ofKind.add(length)
  }

  // Each keyword as a key (`Root causes` and `root cause` alike), by kind.
  const keywordsOf = (pick: (definition: SectionDefinition) => ReadonlyArray<string> | undefined) =>
    all.flatMap((section) => {
      const words = pick(definitionOf.get(section)!) ?? []
      if (words.length === 0) return []
      const phrases = words.map((word) => ` ${titleKey(word)} `)
      return [{section, phrases, folded: phrases.map((phrase) => withoutAccents(phrase))}]
    })
  const keywordKinds = [
    {lists: keywordsOf((definition) => definition.keywords), explained: false},
    {lists: keywordsOf((definition) => definition.weakKeywords), explained: false},
    {lists: keywordsOf((definition) => definition.explainedKeywords), explained: true}
  ]
  const namedCache = new Map<string, KeywordMatch>()
  const otherTopics = new Set((definition.otherTopics ?? []).map((word) => titleKey(word)))

  function named(key: string): KeywordMatch {
    let result = namedCache.get(key)
    if (result) return result
    result = noMatch
    // A title with accents is read in any spelling of its words (`Détection`
    // is `detection`, `Ações` is `acoes`), its accents being a team's habit
    // of writing; a title without any only as written: `Resume` is a step,
    // not a `résumé`.
    const accented = !isAscii(key)
    const padded = ` ${accented ? withoutAccents(key) : key} `
    if (!key.split(' ').some((word) => aroundWords.has(word) || otherTopics.has(word))) {
      for (const kind of keywordKinds) {
        const entries = kind.lists
          .filter((list) => (accented ? list.folded : list.phrases).some((phrase) => padded.includes(phrase)))
          .map((list) => list.section)
        if (entries.length > 0) {
          result = {entries, explained: kind.explained}
          break
        }
      }
    }
    if (namedCache.size >= 10_000) namedCache.clear()
    namedCache.set(key, result)
    return result
  }

  function normalizedKind(normalized: string, only?: FingerprintKind): FingerprintKind | undefined {
    const known = only === undefined ? lengths : lengthsOf?.get(only)
    if (fingerprints.size === 0 || (lengthsOf && !known?.has(normalized.length))) return undefined
    const kind = fingerprints.get(fingerprintNormalized(normalized))
    return only === undefined || kind === only ? kind : undefined
  }

  return {
    name: definition.name,
    definition,
    sections,
    all,
    ownerSection: all.find((section) => section.owner),
    fingerprints,
    textKind(text) {
      if (fingerprints.size === 0) return undefined
      if (lengths) {
        // Most text is ASCII: its normalised length, counted without
        // building it, rules most text out.
        const length = asciiNormalizedLength(text)
        if (length !== -1 && !lengths.has(length)) return undefined
      }
      return normalizedKind(normalizeText(text))
    },
    normalizedKind,
    find(title) {
      const keys = headingKeys(title)
      return byKey.get(keys.key) ?? byKey.get(keys.baseKey)
    },
    named,
    classify(title) {
      const keys = headingKeys(title)
      const found = byKey.get(keys.key) ?? byKey.get(keys.baseKey)
      if (found) return found
      const match = named(keys.key)
      return match.entries.length === 1 && !match.explained ? match.entries[0] : undefined
    }
  }

  function build(
    definitions: ReadonlyArray<SectionDefinition>,
    parent: TemplateSection | undefined,
    depth: number,
    // Whether a section above is recommended: its subsections are too,
    // unless the configuration requires them.
    recommendedAbove: boolean
  ): TemplateSection[] {
    return definitions.map((definition, index) => {
      const own = headingKeys(definition.title)
      const keys = new Set([own.key, own.baseKey])
      const aliasKeys = new Set<string>()
      const aliases = [
        ...(definition.aliases ?? []),
        ...(extraAliases.get(own.key) ?? []),
        ...(own.baseKey === own.key ? [] : (extraAliases.get(own.baseKey) ?? []))
      ]
      for (const alias of aliases) {
        const aliasKeysOf = headingKeys(alias)
        for (const key of [aliasKeysOf.key, aliasKeysOf.baseKey]) {
          if (!keys.has(key)) aliasKeys.add(key)
        }
      }

      const children: TemplateSection[] = []
      const recommendedHere = recommendedAbove || (definition.recommended ?? false)
      const recommended = recommendedHere && !required.has(definition)
      const section: TemplateSection = {
        title: definition.title,
        purpose: definition.purpose ?? `the content of \`${definition.title}\``,
        depth,
        line: '#'.repeat(depth) + ' ' + definition.title,
        index,
        parent,
        sections: children,
        fields: (definition.fields ?? []).map((field) => compileField(field)),
        owner: definition.owner ?? false,
        optional:
          recommended ||
          (definition.optional ?? false) ||
          (parent?.optional ?? false) ||
          optional.has(own.key) ||
          optional.has(own.baseKey),
        recommended,
        folds: (definition.folds ?? false) || (definition.oneTopic ?? false),
        oneTopic: definition.oneTopic ?? false,
        anywhere: definition.anywhere ?? false,
        standalone: definition.standalone ?? false,
        foldable: (definition.foldable ?? false) || (parent?.folds ?? false),
        actionable: definition.actionable ?? false,
        answeredByField: definition.answeredByField ?? false,
        answeredByLead: definition.answeredByLead ?? false,
        leadLabels: new Set((definition.leadLabels ?? []).map((label) => label.toLowerCase())),
        saidBy: definition.saidBy,
        statedIn: definition.statedIn && {
          keys: new Set(definition.statedIn.titles.map((title) => titleKey(title))),
          words: new Set(definition.statedIn.words.map((word) => word.toLowerCase())),
          levels: new Set((definition.statedIn.levels ?? []).map((word) => titleKey(word)))
        },
        answeredBySteps: definition.answeredBySteps && new Set(definition.answeredBySteps.map((verb) => verb.toLowerCase())),
        notOnErrorPages: definition.notOnErrorPages ?? false,
        ownLayouts: definition.ownLayouts,
        describes: definition.describes ?? false,
        topics: definition.topics?.map((topic) => topic.toLowerCase()) ?? titleTopics(definition.title),
        keys,
        aliasKeys
      }
      all.push(section)
      definitionOf.set(section, definition)
      children.push(...build(definition.sections ?? [], section, depth + 1, recommendedHere))
      return section
    })
  }
}

/**
 * The definitions a configuration requires although the layout only
 * recommends them: each named one, and the sections above it (a required
 * section cannot sit in one that may be left out).
 */
function requiredByCustomisation(
  definitions: ReadonlyArray<SectionDefinition>,
  titles: ReadonlyArray<string>
): Set<SectionDefinition> {
  const result = new Set<SectionDefinition>()
  if (titles.length === 0) return result
  const wanted = new Set(titles.map((title) => titleKey(title)))
  const visit = (list: ReadonlyArray<SectionDefinition>, above: ReadonlyArray<SectionDefinition>): void => {
    for (const definition of list) {
      const own = headingKeys(definition.title)
      const path = [...above, definition]
      if (wanted.has(own.key) || wanted.has(own.baseKey)) for (const each of path) result.add(each)
      visit(definition.sections ?? [], path)
    }
  }
  visit(definitions, [])
  return result
}

// Words of a title that do not say what a section is about.
const vagueWords = new Set(
  'service system application procedure management managing overview process plan requirement detail information general other task check endpoint security context summary failure guide problem the and for with'.split(' ')
)

/** A title's telling words, for a section defined without a vocabulary: `Log rotation` gives `log` and `rotation`. */
function titleTopics(title: string): string[] {
  const words = withoutTrailingGroup(title).toLowerCase().split(/[^\p{L}\p{N}]+/u)
  return [...new Set(words.filter((word) => word.length >= 3 && !vagueWords.has(word) && !vagueWords.has(word.replace(/s$/, ''))))]
}

function compileField(field: string | FieldDefinition): TemplateField {
  const definition = typeof field === 'string' ? {label: field} : field
  return {
    label: definition.label,
    purpose: definition.purpose ?? `a value for \`${definition.label}\``,
    keys: new Set([definition.label, ...(definition.aliases ?? [])].map((label) => titleKey(label)))
  }
}
