/**
 * What a page does, read from its text rather than its headings: whether it
 * is about one alert (it says `this alert`, `the alert fires`, and gives
 * steps), holds the playbooks of several (headings that name alerts, in
 * list items too), lists alerts and their runbooks (an index), or is a
 * service's runbook with a chapter of alerts. Teams write alert pages in
 * many shapes: two `###` headings and no title, a title and no sections,
 * section labels written as bold lines or `What to do:` paragraphs, a
 * checklist. The layout `auto` picks, and the one message a page of another
 * shape gets, are decided from this, in these general terms.
 */

import type {Heading, Paragraph, PhrasingContent, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {alertFieldNames, alertNameOf, fileStem, filedUnderAlerts, pageTitle, titleSaysAlert, titleTextSaysAlert} from './alert-name.js'
import {builtinTemplates} from './builtin-layouts.js'
import {fieldLines} from './field-labels.js'
import {cleanTitle} from './normalize.js'
import type {Runbook} from './runbook.js'
import type {Template, TemplateSection} from './template.js'

/** A line written to stand for a section (`**Symptoms**`, `What to do:`) in a paragraph of its own, above what it labels. */
export interface SectionLabel {
  readonly text: string
  readonly node: Paragraph
  /** How many headings (the title aside) come before it: labels under the same heading are one playbook's. */
  readonly under: number
  /** How many words of the page it labels: those of the blocks after it, up to the next label or heading. */
  readonly words: number
}

export interface PageShape {
  /** The page is about one alert: it says so, in its title, its headings or its text, and is no guide, index or service runbook. */
  readonly oneAlert: boolean
  /** The page holds the playbooks of two alerts or more, each under a heading that names its alert, and is no service runbook. */
  readonly catalogue: boolean
  /** The page is no alert page whatever its sections: an index of runbooks, a guide to alerts, a service runbook with an alerts chapter. */
  readonly notAlertPage: boolean
  /** A how-to (`Prerequisites`, then steps) or a guide to alerts in general (`How to silence an alert`, `Alert handling guide`): a document of its own kind, whose structure is its own. */
  readonly guide: boolean
  /** Two of the page's chapters or more are about a service (maintenance, deployment, day-to-day operations): a service runbook's outline. */
  readonly serviceOutline: boolean
  /** A list of alerts and their runbooks: three rows or items or more that name an alert and link to its page. */
  readonly index: boolean
  /** A short page that only points elsewhere: a title, a sentence or two and a link, no sections. */
  readonly pointer: boolean
  /** Lines standing for sections in paragraphs of their own (`**Resolution**`), in document order. */
  readonly labels: ReadonlyArray<SectionLabel>
  /** The labels of bold fields with their text on the same line (`**Resolution:** restart the pods`), in document order. */
  readonly fields: ReadonlyArray<string>
  /** How many words the page's blocks have, its title and front matter aside. */
  readonly words: number
}

/**
 * What a document that follows too little of its layout is told: `labels`,
 * that its section labels are not headings (they stand for two of the
 * layout's sections or more); `quiet`, nothing of its structure (an alert
 * page of its own shape or a catalogue of alerts checked against the alert
 * layout, an index of alerts and their runbooks, a how-to or a guide to
 * alerts, a page that points elsewhere); `other`,
 * that it is of another shape.
 */
export type OtherShape =
  | {readonly kind: 'labels'; readonly labels: ReadonlyArray<SectionLabel>}
  | {readonly kind: 'quiet'}
  | {readonly kind: 'other'}

export function otherShapeOf(tree: Root, file: VFile | undefined, runbook: Runbook): OtherShape {
  const shape = pageShape(tree, file)
  const alertLayout = runbook.template.definition.namedAfterFile === true
  // Each playbook of a catalogue is the team's to shape, labels and all.
  if (alertLayout && (shape.catalogue || labelledPlaybooks(shape, runbook.template))) return {kind: 'quiet'}
  // Sections written as bold fields, each with its text (`**Impact:** …`,
  // `**Resolution:** …`): the page has them, in a form of its own.
  if (alertLayout && fieldSections(shape, runbook.template)) return {kind: 'quiet'}
  const labels = templateLabels(shape, runbook.template)
  if (labels.length > 0) return {kind: 'labels', labels}
  if (shape.pointer || shape.index || shape.guide || (alertLayout && (shape.oneAlert || shape.catalogue))) return {kind: 'quiet'}
  return {kind: 'other'}
}

const shapes = new WeakMap<Root, PageShape>()

/** The shape of a page, read once per tree. */
export function pageShape(tree: Root, file: VFile | undefined): PageShape {
  let shape = shapes.get(tree)
  if (!shape) {
    shape = readShape(tree, file, alertTopics())
    shapes.set(tree, shape)
  }
  return shape
}

/**
 * The labels of a page that stand for sections of `template` (two different
 * ones at least, else none): a page that writes its sections so has them,
 * but not as headings.
 */
export function templateLabels(shape: PageShape, template: Template): ReadonlyArray<SectionLabel> {
  const entries = new Set<TemplateSection>()
  const labels: SectionLabel[] = []
  let labelled = 0
  for (const label of shape.labels) {
    const entry = template.find(label.text) ?? template.classify(label.text)
    if (!entry) continue
    entries.add(entry)
    labels.push(label)
    labelled += label.words
  }
  if (entries.size < 2) return []
  // The labels must be the page's structure: a short page, or most of its
  // text under them. Two bold words far apart in a long document (`**Qué
  // hacer**` in its opening, `**Consecuencias**` chapters later) are its
  // emphasis, not its sections.
  return shape.words <= shortPageWords || labelled * 2 >= shape.words ? labels : []
}

// A page this short is its labels, whatever else it says.
const shortPageWords = 150

/**
 * Whether a page holds the playbooks of several alerts, each under a
 * heading of its own with labels for two sections of `template` or more
 * (`### Worker backlog`, `**Checks**`, `**Actions**`): one page for
 * several alerts, written with labels rather than headings.
 */
export function labelledPlaybooks(shape: PageShape, template: Template): boolean {
  const byHeading = new Map<number, Set<TemplateSection>>()
  for (const label of shape.labels) {
    if (label.under === 0) continue
    const entry = template.find(label.text) ?? template.classify(label.text)
    if (!entry) continue
    const entries = byHeading.get(label.under) ?? new Set<TemplateSection>()
    entries.add(entry)
    byHeading.set(label.under, entries)
  }
  let playbooks = 0
  for (const entries of byHeading.values()) if (entries.size >= 2) playbooks++
  return playbooks >= 2
}

/**
 * Whether a page's bold fields stand for sections of `template`: two
 * different ones at least, one of them a section that must give an action
 * (`**Investigation:** …`, `**Resolution:** …`). A service's readme with
 * `**Description:**` and `**Owner:**` fields is no alert page for that.
 */
export function fieldSections(shape: PageShape, template: Template): boolean {
  const entries = new Set<TemplateSection>()
  for (const label of shape.fields) {
    const entry = template.find(label) ?? template.classify(label)
    if (entry) entries.add(entry)
  }
  return entries.size >= 2 && [...entries].some((entry) => entry.actionable === true)
}

function readShape(tree: Root, file: VFile | undefined, serviceTopics: ReadonlyArray<string>): PageShape {
  const title = pageTitle(tree)
  const headings: Heading[] = []
  const labels: Array<Omit<SectionLabel, 'words'>> = []
  const texts: string[] = []
  let steps = 0
  let numbered = 0
  let alertHeadings = 0
  let indexRows = 0
  let blocks = 0
  let links = 0

  const visit = (nodes: ReadonlyArray<RootContent>, inList: boolean): void => {
    for (const [index, node] of nodes.entries()) {
      switch (node.type) {
        case 'heading': {
          if (node === title?.node) break
          headings.push(node)
          if (namesAnAlert(toString(node))) alertHeadings++
          break
        }
        case 'paragraph': {
          blocks++
          if (linksTo(node.children)) links++
          const label = inList ? undefined : labelOf(node, nodes[index + 1])
          if (label === undefined) {
            texts.push(toString(node))
          } else {
            labels.push({text: label, node, under: headings.length})
          }
          if (inList && linksTo(node.children) && namesAnAlert(toString(node))) indexRows++
          // A table read without GFM: its rows are lines of one paragraph.
          if (!inList) indexRows += Math.min(tableRows(node), node.children.filter((child) => child.type === 'link' || child.type === 'linkReference').length)
          break
        }
        case 'list': {
          blocks++
          steps += node.children.length
          if (node.ordered === true && !inList) numbered += node.children.length
          for (const item of node.children) visit(item.children, true)
          break
        }
        case 'code': {
          blocks++
          steps++
          break
        }
        case 'table': {
          for (const row of node.children.slice(1)) {
            const first = row.children[0]
            if (first && namesAnAlert(toString(first)) && row.children.some((cell) => linksTo(cell.children))) indexRows++
          }
          break
        }
        case 'blockquote': {
          visit(node.children, inList)
          break
        }
        default:
      }
    }
  }
  visit(tree.children, false)
  const {words, labelled} = labelledWords(tree, title?.node, labels)
  const sectionLabels = labels.map((label): SectionLabel => ({...label, words: labelled.get(label.node) ?? 0}))

  const titleText = title ? cleanTitle(title.text) : ''
  const topLevel = topLevelHeadings(headings)
  const serviceChapters = topLevel.filter((heading) => wordsOf(toString(heading)).some((word) => serviceTopics.includes(word))).length
  // Alert playbooks under one chapter of a page whose title speaks of no
  // alert: the alerts chapter of a service's runbook.
  const nestedPlaybooks = alertHeadings >= 2 && topLevel.every((heading) => !namesAnAlert(toString(heading))) && !/\balerts?\b/i.test(titleText)
  // A page of many alerts' playbooks is titled after them (`Storage alerts`).
  // A how-to (`Prerequisites`, then its steps) is a procedure, whatever
  // troubleshooting it ends with (`Issue: the lock times out`).
  const guide =
    howToTitle.test(titleText) ||
    (genericTitle.test(titleText) && alertHeadings < 2) ||
    (aboutAlertsInGeneral(titleText) && alertHeadings < 2) ||
    topLevel.some((heading) => prerequisiteTitles.has(wordsOf(toString(heading)).join(' ')))
  // Named after its alert by a field, its title or its file; a title about
  // alerts in general (`How to silence an alert`) names none. A service
  // named in one word (`# LedgerCore Runbook`) reads like an alert: its
  // chapters about the service (maintenance, monitoring, deployment) say
  // what it is, unless an `Alert:` field names the alert.
  const serviceOutline = serviceChapters >= 2
  const named =
    alertFieldNames(tree).length > 0 ||
    (!serviceOutline && (alertNameOf(tree, file) !== undefined || (titleSaysAlert(tree) && !guide) || leadHeadingNamesAlert(tree, title)))
  const readme = readmeOrIndexName.test(fileStem(file) ?? '')
  const index = indexRows >= 3
  const service = serviceOutline || nestedPlaybooks
  const notAlertPage = !named && (readme || guide || index || service)

  // A page for a family of alerts (`Node memory alerts`) holds their
  // playbooks, however few it has yet.
  const family = familyTitle.test(titleText) && !aboutAlertsInGeneral(titleText)
  const catalogue = !notAlertPage && (alertHeadings >= 2 || (family && alertHeadings >= 1))
  const all = [titleText, ...headings.map((heading) => toString(heading)), ...labels.map((label) => label.text), ...texts].join('\n')
  const specific = count(all, specificReferences)
  const generic = count(all, genericReferences)
  const firing = count(all, firingReferences)
  // Said of one alert: a heading about `this alert`, or text that says when
  // the alert fires, speaks of one alert more than of alerts in general,
  // and gives steps.
  // A page of steps with no sections, or a checklist, that speaks of `the
  // alert` is about one too, however it says when it fires.
  const stepsOnly = headings.length === 0 || checklistTitle.test(titleText)
  const saysOneAlert =
    headings.some((heading) => oneAlertHeading.test(toString(heading))) ||
    ((firing > 0 || (stepsOnly && specific > 0)) && firing + specific > generic && steps > 0)
  // Filed under alerts by its front matter (`section: Icinga alerts`) and
  // giving steps: a site's alert page, whatever its title.
  const filed = filedUnderAlerts(tree) && steps > 0
  // A title that names a failure (`Database unavailable`, `Base de datos no
  // disponible`) over nothing but numbered steps: a symptom's playbook.
  const failureSteps = headings.length === 0 && numbered >= 2 && failureTitle.test(titleText) && !guide
  const oneAlert = !notAlertPage && !catalogue && (named || saysOneAlert || filed || failureSteps)
  const pointer = headings.length === 0 && blocks <= 2 && links > 0 && wordsOf(texts.join(' ')).length <= 60
  // Fields stand for sections only on a page they shape, with no more
  // than one heading of its own: a long document's fields are its facts.
  const fields = headings.length <= 1 ? fieldLines(tree.children).map((field) => field.label) : []
  return {oneAlert, catalogue, notAlertPage, guide: notAlertPage && guide, serviceOutline, index, pointer, labels: sectionLabels, fields, words}
}

/**
 * How many words a page's top-level blocks have (its title and front matter
 * aside), and how many of them each label covers: the blocks after it, up
 * to the next label or heading.
 */
function labelledWords(
  tree: Root,
  title: Heading | undefined,
  labels: ReadonlyArray<Omit<SectionLabel, 'words'>>
): {words: number; labelled: Map<Paragraph, number>} {
  const labelNodes = new Set<RootContent>(labels.map((label) => label.node))
  const labelled = new Map<Paragraph, number>()
  let words = 0
  let current: Paragraph | undefined
  for (const node of tree.children) {
    if (node === title || node.type === 'yaml' || node.type === 'html') continue
    if (node.type === 'heading') {
      current = undefined
      continue
    }
    if (labelNodes.has(node)) {
      current = node as Paragraph
      labelled.set(current, 0)
      continue
    }
    const count = wordsOf(toString(node)).length
    words += count
    if (current) labelled.set(current, labelled.get(current)! + count)
  }
  return {words, labelled}
}

/** The words of a service runbook's chapters, which an alert page has none of (the alert layouts' `otherTopics`). */
function alertTopics(): ReadonlyArray<string> {
  return Object.values(builtinTemplates).flatMap((definition) => (definition.namedAfterFile ? (definition.otherTopics ?? []) : []))
}

/**
 * The text of a paragraph that is only a label for what follows it: bold or
 * italic text alone (`**Symptoms**`, `*Resolution:*`), or a few words ending
 * in a colon (`What to check:`), with a list, code, a table or text after it.
 */
function labelOf(node: Paragraph, next: RootContent | undefined): string | undefined {
  if (!next || !['list', 'code', 'paragraph', 'table', 'blockquote'].includes(next.type)) return undefined
  const children = node.children.filter((child) => !(child.type === 'text' && /^[\s:]*$/.test(child.value)))
  let text: string
  if (children.length === 1 && (children[0]!.type === 'strong' || children[0]!.type === 'emphasis')) {
    text = toString(children[0]!)
  } else if (children.length === 1 && children[0]!.type === 'text' && /:\s*$/.test(children[0]!.value)) {
    text = children[0]!.value
  } else if (children.length === 1 && children[0]!.type === 'text' && plainLabel(children[0]!.value)) {
    // A line of a few capitalised words alone (`Symptoms`, `Possible fixes`),
    // read as a label only if it names a section (see `templateLabels`).
    text = children[0]!.value
  } else {
    return undefined
  }
  // The colon and spaces at its end, trimmed in code: a pattern anchored at
  // the end would be tried from every space of a long run.
  let end = text.length
  while (end > 0 && (text.charAt(end - 1) === ':' || text.charAt(end - 1).trim() === '')) end--
  text = text.slice(0, end).trim()
  const words = text.split(/\s+/).length
  return text !== '' && words <= 6 && !/[.!?]/.test(text) ? text : undefined
}

/**
 * Whether a page with no title opens with a heading that is an alert's
 * name (`DefenseEvasion:Runtime/ProcessInjection.Ptrace` underlined with
 * `---`, `## KubeletDown`), the only heading of its level: its title in
 * all but depth.
 */
function leadHeadingNamesAlert(tree: Root, title: ReturnType<typeof pageTitle>): boolean {
  if (title !== undefined) return false
  const first = tree.children.find((node) => node.type !== 'yaml' && node.type !== 'html')
  if (first?.type !== 'heading') return false
  const sameLevel = tree.children.filter((node) => node.type === 'heading' && node.depth === first.depth).length
  return sameLevel === 1 && titleTextSaysAlert(toString(first))
}

/** Whether a paragraph's text could be a plain label: one line of up to three words, capitalised, with no punctuation. */
function plainLabel(value: string): boolean {
  const text = value.trim()
  return text.length <= 40 && !text.includes('\n') && /^\p{Lu}[\p{L} ]*$/u.test(text) && text.split(' ').length <= 3
}

/** The headings at the top of the page's outline (the shallowest depth but the title's). */
function topLevelHeadings(headings: ReadonlyArray<Heading>): Heading[] {
  // A loop, not `Math.min(...)`: a page may have more headings than a call takes arguments.
  let depth = 7
  for (const heading of headings) depth = Math.min(depth, heading.depth)
  return headings.filter((heading) => heading.depth === depth)
}

/** Whether a text names an alert: an alert's identifier among its words (`KubeAPIDown`, `Alert Name: "HighLatency"`), or says it is one (`Alert: disk full`). */
function namesAnAlert(text: string): boolean {
  if (titleTextSaysAlert(text)) return true
  // A sentence that mentions a name (`Check the health of the CoreDNS pods`) is a step's, not an alert's heading.
  const words = text.split(/[\s"'`()[\],]+/)
  if (words.filter((word) => word !== '').length > 4) return false
  return words.some((word) => word.length <= 100 && /^[A-Za-z][A-Za-z0-9_:]*$/.test(word) && /[a-z]/.test(word) && /[A-Z].*[A-Z]|[_:]/.test(word.slice(1)))
}

/** The lines of a paragraph that are table rows naming an alert (`| HighErrorRate | [page](high-error-rate.md) |`). */
function tableRows(node: Paragraph): number {
  return toString(node)
    .split('\n')
    .filter((line) => line.trimStart().startsWith('|') && namesAnAlert(line.replace(/[|]/g, ' ')))
    .length
}

function linksTo(children: ReadonlyArray<PhrasingContent>): boolean {
  return children.some((child) => child.type === 'link' || child.type === 'linkReference')
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

function count(text: string, patterns: ReadonlyArray<RegExp>): number {
  let total = 0
  for (const pattern of patterns) total += text.match(pattern)?.length ?? 0
  return total
}

// `README`, `index`, `_index`, also as the last part of a flattened path
// (`docs__README`) or before another extension (`index.html`).
export const readmeOrIndexName = /(?:^|[_.\-])(?:readme|_?index)(?:\.[a-z]{1,8})?$/i

// A guide: `How to silence an alert`, `Guide: writing alerts`.
// So is a title led by what the reader does (`Writing a runbook for a new
// alert`, `Setting up alert routing`); `Missing metrics` names a condition.
const howToTitle =
  /^(?:how\s{1,3}(?:to|do|we|i|can)|guide|tutorial|introduction|getting\s{1,3}started|writing|creating|adding|setting\s{1,3}up|configuring|using|installing|managing|silencing|defining|testing|tuning|reviewing|migrating)\b/i
// A title about alerts in general: `Handling an alert`, `Alerting on
// queues` (`Alerts that the runner is down` is about one, and `Node memory
// alerts` about a family of them; see also `aboutAlertsInGeneral`).
// `Checklist: database connections`, `Redis memory checklist`.
const checklistTitle = /\bcheck\s?lists?\b/i
// A family's title: a subject, then `alerts` (`Workhorse image scaler alerts`).
const familyTitle = /\S\s{1,3}alerts$/i
const genericTitle = /\b(?:an?|any|every|each|all|our|your)(?:\s{1,3}new)?\s{1,3}alerts?\b|\balerting\b/i

/**
 * Whether a title is about alerts in general: besides the word for alerts,
 * only words of a process or a document (`Alert handling guide`, `Alert
 * triage`, `Handling alerts on call`, `Guía de alertas`). A title about one
 * alert names what fires (`Disk full alert`).
 */
function aboutAlertsInGeneral(title: string): boolean {
  const words = wordsOf(title)
  return words.some((word) => alertWords.has(word)) && words.every((word) => alertWords.has(word) || processWords.has(word))
}

const alertWords = new Set(['alert', 'alerts', 'alerting', 'alarm', 'alarms', 'alerta', 'alertas', 'alerte', 'alertes', 'alarme', 'alarmes', 'alarmierung', 'avvisi', 'allarmi'])
const processWords = new Set(
  (
    'a an the to for on of and with our we your how in at by about when what do ' +
    'guide guides guideline guidelines handbook process processes policy policies practice practices convention conventions standard standards ' +
    'principles philosophy strategy lifecycle workflow workflows management hygiene tutorial training onboarding overview introduction basics ' +
    'handling handle writing write responding respond response responses triage triaging routing review reviewing tuning design designing ' +
    'call oncall duty runbook runbooks playbook playbooks template templates rules rule best general ' +
    'guía guia proceso processo processus política politica politique gestión gestao gestão gestion manejo tratamento traitement ' +
    'leitfaden richtlinien richtlinie umgang behandlung de del la las los das des le les el do da e y et und von zu für'
  ).split(' ')
)

// `Prerequisites`, `Before you begin`, in the languages of the alert layout.
const prerequisiteTitles = new Set([
  'prerequisites',
  'prerequisite',
  'pre requisites',
  'requirements',
  'before you begin',
  'before you start',
  'prerrequisitos',
  'requisitos previos',
  'requisitos',
  'pré requisitos',
  'pre requisitos',
  'prérequis',
  'pré requis',
  'voraussetzungen',
  'prerequisiti',
  'requisiti'
])

// How a page about one alert speaks of it.
const specificReferences = [/\b(?:this|the|that)\s{1,3}alert\b(?!\s{0,3}manager)/gi]
// When it fires: `This alert fires when`, `the alert is triggered`, `it fires`.
const firingReferences = [
  /\balert\s{1,3}(?:fires|triggers|is\s{1,3}firing|is\s{1,3}triggered|goes\s{1,3}off)\b/gi,
  /\b(?:it|this)\s{1,3}fires\b/gi
]
// How a page about alerts in general speaks of them.
const genericReferences = [/\balerts\b/gi, /\b(?:an|any|every|each|all)\s{1,3}alerts?\b/gi]

// A title that names a failure, in the languages of the alert layout:
// `Queue stuck`, `Database unavailable`, `Base de datos no disponible`,
// `Serviço fora do ar`, `Base indisponible`, `Datenbank nicht erreichbar`,
// `Database non raggiungibile`.
export const failureTitle =
  /(?<!\p{L})(?:down|outage|unavailable|unreachable|not\s{1,3}(?:responding|reachable|available)|fail(?:s|ed|ing|ure)|stuck|crash(?:es|ed|ing)?|timeouts?|errors?|spikes?|slow|high\s{1,3}latency|lent[oa]s?|lent|langsam|no\s{1,3}(?:disponible|responde)|ca[ií]d[oa]s?|inaccesible|atascad[oa]s?|fall[oa]|falla(?:ndo)?|errores|indispon[ií]vel|fora\s{1,3}do\s{1,3}ar|falh(?:a|ando)|travad[oa]|indisponible|injoignable|en\s{1,3}panne|panne|[ée]chec|erreurs?|bloqu[ée]e?s?|nicht\s{1,3}(?:erreichbar|verfügbar)|ausgefallen|ausfall|fehler|h[äa]ngt|non\s{1,3}(?:disponibile|raggiungibile|risponde)|irraggiungibile|guasto|errori?|bloccat[oa])(?!\p{L})/iu

// A heading about the page's one alert: `Understanding this alert`, `Troubleshooting the alert`.
const oneAlertHeading = /\b(?:this|the)\s{1,3}alert\b(?!\s{0,3}manager)/i

