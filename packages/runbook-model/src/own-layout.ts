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
    return words.length <= 4 && topicHits(words, withOtherLanguages(owner.topics)) > 0
  })
}

/**
 * Whether a runbook of its own layout must still have a top-level group
 * (see `SectionDefinition.ownLayouts`). A layout that says nothing of it
 * (a team's own template) needs every group.
 */
export function neededOfOwnLayout(entry: TemplateSection, template: Template, sections: ReadonlyArray<Section>, title?: string): boolean {
  // A runbook about one of the groups (`Orders database backup runbook`) is
  // not asked for the others: the service's runbook keeps them.
  if (title !== undefined && titledGroups(template, title).length > 0) return false
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
    const vocabulary = groupVocabulary(runbook.template, group)
    if (titles.some((words) => topicHits(words, vocabulary) > 0)) spoken++
  }
  return spoken
}

/** The words of a top-level group and its sections, with those of other languages (see `withOtherLanguages`). */
function groupVocabulary(template: Template, group: TemplateSection): string[] {
  return withOtherLanguages(template.all.filter((entry) => within(entry, group)).flatMap((entry) => entry.topics))
}

/** Topics with their words in the other languages we read (see `otherLanguages`): `Responsable`, `Respaldos`, `Überwachung`. */
export function withOtherLanguages(topics: ReadonlyArray<string>): string[] {
  return [...topics, ...topics.flatMap((topic) => otherLanguages[topic] ?? [])]
}

/**
 * The layout's top-level groups a runbook's title speaks of, its words for
 * runbooks and their subject aside (`Runbook de respaldos de la base de
 * pedidos` is about backups, `Portal monitoring runbook` about monitoring).
 */
function titledGroups(template: Template, title: string): TemplateSection[] {
  const words = wordsOf(title)
  if (!runbookWords.test(title)) return []
  return template.all.filter((group) => !group.parent && topicHits(words, groupVocabulary(template, group).filter((topic) => !generalTopics.has(topic))) > 0)
}


/**
 * Whether a runbook is about one of the layout's groups: its title says so
 * and says it is a runbook (`Runbook de monitoreo del portal`), and one of
 * its headings speaks of that group (`Alertas mínimas`, `Restauración`).
 * Such a runbook is of its own layout, and asked only for what every
 * runbook needs (its owner).
 */
export function focusedRunbook(runbook: Runbook): boolean {
  const groups = titledGroups(runbook.template, pageTitleOf(runbook.sections, runbook.topDepth) ?? '')
  if (groups.length === 0) return false
  const titles = runbook.sections
    .filter((section) => section.heading !== undefined && section.depth >= runbook.topDepth)
    .map((section) => wordsOf(section.title))
  return groups.some((group) => {
    const vocabulary = groupVocabulary(runbook.template, group)
    return titles.some((words) => topicHits(words, vocabulary) > 0)
  })
}

/** The title of a page whose sections are `sections`: its first heading above the top level. */
export function pageTitleOf(sections: ReadonlyArray<Section>, topDepth: number): string | undefined {
  return sections.find((section) => section.heading !== undefined && section.depth < topDepth)?.title
}

/**
 * The words of the layout's topics in Spanish, Portuguese, French, German
 * and Italian, keyed by the topic they stand for. Topics of five letters
 * or more are stems (`respald` says `Respaldos`).
 */
const otherLanguages: Readonly<Record<string, ReadonlyArray<string>>> = {
  overview: ['resumen', 'visión general', 'vision general', 'visão geral', 'aperçu', 'vue d ensemble', 'übersicht', 'überblick', 'panoramica', 'panoramica generale'],
  owner: ['responsable', 'responsables', 'propietario', 'dueño', 'equipo', 'contacto', 'contactos', 'dono', 'equipe', 'contato', 'contatos', 'responsável', 'propriétaire', 'équipe', 'verantwortlich', 'ansprechpartner', 'zuständig', 'responsabile', 'referente', 'squadra', 'contatti'],
  securi: ['segurid', 'seguranç', 'sécurité', 'sicherheit', 'sicurezza'],
  access: ['acceso', 'accesos', 'acesso', 'acessos', 'accès', 'zugriff', 'zugang', 'accesso', 'accessi'],
  configur: ['konfigur', 'einstellung', 'impostazion', 'paramètre', 'parámetro'],
  backup: ['respald', 'copia de seguridad', 'copias de seguridad', 'cópia de segurança', 'cópias de segurança', 'sauvegarde', 'sicherung', 'datensicherung', 'salvataggi'],
  restor: ['restaura', 'wiederherstell', 'ripristin'],
  monitor: ['surveillance', 'supervision', 'überwachung', 'vigilancia', 'alarma', 'alarmas'],
  metric: ['métrica', 'métricas', 'métrique', 'metrik', 'metrich', 'tableau de bord', 'tableaux de bord'],
  operat: ['operaci', 'operaç', 'opérat', 'betrieb', 'operazion', 'operativ'],
  incident: ['incidente', 'incidentes', 'incidencia', 'incidencias', 'vorfall', 'vorfälle', 'störung'],
  recover: ['recupera', 'récupér', 'ripristin', 'reprise'],
  deploy: ['despliegue', 'despliegues', 'implantação', 'déploiement', 'bereitstellung', 'rilascio', 'distribuzione'],
  troubleshoot: ['resolución de problemas', 'solución de problemas', 'solução de problemas', 'dépannage', 'fehlerbehebung', 'fehlersuche', 'risoluzione dei problemi']
}

// Words a title gives the whole service's runbook (`Payments operations
// runbook`, `Service overview and runbook`), or a collection of alerts'
// runbooks (`Kubernetes alert runbooks`): about no one group.
const generalTopics = new Set(
  ['operat', 'playbook', 'routine', 'day to day', 'overview', 'introduction', 'summary', 'about the service', 'alert', 'alarm'].flatMap((topic) => [topic, ...(otherLanguages[topic] ?? [])])
)

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
  return groupsSpokenOf(runbook) >= 3 || (!shape.oneAlert && !shape.catalogue && focusedRunbook(runbook))
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
