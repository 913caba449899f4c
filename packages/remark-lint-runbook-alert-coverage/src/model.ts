/**
 * The coverage of one rule set: every alerting rule of the configured rule
 * files, where each of its runbook links leads, and what is wrong in the
 * rule files (an alert without a runbook, a link that leads nowhere, YAML
 * that cannot be read). Built once per run, whatever the number of
 * runbooks; the rule files and the pages are read once per modification.
 */

import {createRequire} from 'node:module'
import path from 'node:path'
import type * as Glob from 'glob'
import {forgetFolders, pagesUnder, resolveLink, toPosix, type LinkTarget, type UrlMapping} from './links.js'
import {loadParsers, pageAnchors, pageMentions, type PageAnchor, type Parsers} from './pages.js'
import {nameKey} from 'runbook-model'
import {readRuleFile, type AlertRule, type Place, type RuleLink} from './rule-files.js'

export interface Settings {
  /** The repository's root: the configuration file's folder, else the working folder. */
  readonly base: string
  /** The working folder: paths in messages and reports are relative to it, as unified-engine's are. */
  readonly cwd: string
  readonly patterns: ReadonlyArray<string>
  readonly mappings: ReadonlyArray<UrlMapping>
  readonly annotationKeys: ReadonlyArray<string>
  /** The severity label values whose alerts need a runbook; `undefined`: every alert. */
  readonly severities: ReadonlySet<string> | undefined
}

/** A finding in a rule file. */
export interface RuleFileFinding {
  /** The rule file, absolute. */
  readonly file: string
  readonly reason: string
  readonly place: Place
}

/** One link of an alerting rule and where it leads. */
export interface AlertLink {
  readonly link: RuleLink
  readonly target: LinkTarget
  /** What is wrong with it, if anything. */
  readonly problem: 'no-file' | 'no-anchor' | undefined
}

export interface AlertEntry {
  readonly rule: AlertRule
  /** Its rule file, absolute. */
  readonly file: string
  readonly links: ReadonlyArray<AlertLink>
  /** Whether its severity needs a runbook (see the `severities` option). */
  readonly required: boolean
}

/** How an alert is covered, for reports. */
export type AlertState =
  /** Its runbooks are files of the run without errors. */
  | 'good'
  /** A runbook of it has errors in this run. */
  | 'poor'
  /** Its links lead to pages that exist, which this run did not lint. */
  | 'unchecked'
  /** A link leads to no page, or to no anchor of it. */
  | 'dead'
  /** No runbook link, and its severity needs one. */
  | 'none'
  /** No runbook link, and its severity needs none. */
  | 'not-required'
  /** Its links lead outside the mapped URLs (or are templates): not checked. */
  | 'elsewhere'

/** One alert name of the rule set, for reports (`file.data.runbookAlertCoverage`). */
export interface AlertSummary {
  readonly name: string
  /** Its rules: file (relative to the working folder), line, severity. */
  readonly rules: ReadonlyArray<{readonly file: string; readonly line: number; readonly severity?: string}>
  /** The runbook pages its links lead to (relative to the working folder). */
  readonly runbooks: ReadonlyArray<string>
  readonly state: AlertState
}

export interface CoverageSummary {
  /** The rule files read (relative to the working folder), with their alerting rules and any problem. */
  readonly ruleFiles: ReadonlyArray<{readonly file: string; readonly alerts: number; readonly problem?: string}>
  readonly alerts: ReadonlyArray<AlertSummary>
  /** The alert runbooks of the run that no rule defines or links to (relative to the working folder). */
  readonly orphans: ReadonlyArray<string>
}

export interface Coverage {
  readonly settings: Settings
  /** The rule files, absolute, in path order, with their text (for reporters that show lines). */
  readonly ruleFiles: ReadonlyArray<{readonly file: string; readonly text: string}>
  readonly alerts: ReadonlyArray<AlertEntry>
  /** Alert names by their key (see `nameKey`). */
  readonly names: ReadonlyMap<string, string>
  /** The alerts whose links lead to each page (absolute path), with the anchor each asks for. */
  readonly linksTo: ReadonlyMap<string, ReadonlyArray<{readonly alert: AlertEntry; readonly anchor: string | undefined}>>
  readonly findings: ReadonlyArray<RuleFileFinding>
  readonly summary: CoverageSummary
}

let glob: typeof Glob | undefined

/** Build the coverage of a rule set, or say which pattern matches no file. */
export function buildCoverage(settings: Settings): Coverage | {readonly error: string} {
  forgetFolders()
  glob ??= createRequire(import.meta.url)('glob') as typeof Glob
  const files = new Set<string>()
  for (const pattern of settings.patterns) {
    const matches = glob.globSync(pattern, {cwd: settings.base, absolute: true, nodir: true, ignore: ['**/node_modules/**']})
    if (matches.length === 0) return {error: pattern}
    for (const match of matches) files.add(path.normalize(match))
  }
  const ruleFiles = [...files].sort()
  const parsers = loadParsers()

  // Messages name files as the options do, relative to the repository;
  // reports as unified-engine names files, relative to the working folder.
  const shown = (file: string) => toPosix(path.relative(settings.base, file)) || '.'
  const reported = (file: string) => toPosix(path.relative(settings.cwd, file)) || '.'
  const findings: RuleFileFinding[] = []
  const alerts: AlertEntry[] = []
  const summaryFiles: Array<{file: string; alerts: number; problem?: string}> = []
  const texts: Array<{file: string; text: string}> = []
  const pagesByKey = pagesNamedAfter(settings)

  for (const file of ruleFiles) {
    const read = readRuleFile(file, shown(file), settings.annotationKeys)
    texts.push({file, text: read.text})
    summaryFiles.push({file: reported(file), alerts: read.alerts.length, ...(read.problem ? {problem: read.problem.reason} : {})})
    if (read.problem) findings.push({file, reason: read.problem.reason, place: read.problem.place})
    for (const rule of read.alerts) {
      const required = !settings.severities || (rule.severity !== undefined && settings.severities.has(rule.severity))
      const links: AlertLink[] = []
      for (const link of rule.links) {
        const target = resolveLink(link.value, rule.name, settings.mappings, settings.base, path.dirname(file))
        const problem = linkProblem(file, rule, link, target, settings, parsers, shown)
        if (problem) findings.push({file, reason: problem.reason, place: link.place})
        links.push({link, target, problem: problem?.kind})
      }
      if (rule.links.length === 0 && required) {
        findings.push({file, reason: missingRunbook(file, rule, settings, pagesByKey, shown), place: rule.place})
      }
      alerts.push({rule, file, links, required})
    }
  }

  const names = new Map<string, string>()
  const linksTo = new Map<string, Array<{alert: AlertEntry; anchor: string | undefined}>>()
  for (const alert of alerts) {
    names.set(nameKey(alert.rule.name), alert.rule.name)
    for (const {target} of alert.links) {
      if (target.kind !== 'page' || !target.file) continue
      let list = linksTo.get(target.file)
      if (!list) linksTo.set(target.file, (list = []))
      list.push({alert, anchor: target.anchor})
    }
  }

  return {
    settings,
    ruleFiles: texts,
    alerts,
    names,
    linksTo,
    findings,
    summary: {ruleFiles: summaryFiles, alerts: summarise(alerts, reported), orphans: []}
  }
}

/** What is wrong with a link, if anything: a page or an anchor that is not there. */
function linkProblem(
  file: string,
  rule: AlertRule,
  link: RuleLink,
  target: LinkTarget,
  settings: Settings,
  parsers: Parsers,
  shown: (file: string) => string
): {kind: 'no-file' | 'no-anchor'; reason: string} | undefined {
  if (target.kind !== 'page') return undefined
  const of = `\`${link.key}\` of \`${rule.name}\` (\`${shown(file)}\`)`
  if (!target.file) {
    const where = shown(path.resolve(settings.base, target.wanted))
    const hint = target.caseOf
      ? ` (\`${shown(path.resolve(settings.base, target.caseOf))}\` differs in case, and paths on GitHub are case-sensitive)`
      : ''
    return {kind: 'no-file', reason: `Unexpected ${of}: \`${where}\` does not exist${hint}, expected a link to a runbook page in the repository`}
  }
  if (target.anchor === undefined) return undefined
  const anchors = pageAnchors(target.file, parsers)
  const anchor = target.anchor
  if (anchors.some((entry) => entry.anchor === anchor)) return undefined
  const page = `\`${shown(target.file)}\``
  const sameLetters = anchors.find((entry) => entry.anchor.toLowerCase() === anchor.toLowerCase())
  if (sameLetters) {
    // GitHub's page script finds a heading's anchor whatever the case of the
    // link; a browser on any other site compares exactly.
    if (target.github) return undefined
    return {
      kind: 'no-anchor',
      reason: `Unexpected anchor \`#${anchor}\` in the ${of}, expected \`#${sameLetters.anchor}\`: a browser at \`${target.host ?? 'this site'}\` matches anchors in their case (GitHub alone finds them in any case)`
    }
  }
  const named = pageMentions(target.file, rule.name) ? ` (the page names \`${rule.name}\`, in no heading)` : ''
  return {
    kind: 'no-anchor',
    reason: `Unexpected anchor \`#${anchor}\` in the ${of}: no heading of ${page} gives it${named}, expected ${expectedAnchors(anchors, anchor)}`
  }
}

/** The anchors a link could use, the closest first, as GitHub makes them. */
function expectedAnchors(anchors: ReadonlyArray<PageAnchor>, wanted: string): string {
  if (anchors.length === 0) return 'a heading for it (the page has none)'
  const key = nameKey(wanted)
  const close = anchors.filter((entry) => nameKey(entry.anchor) === key || nameKey(entry.heading ?? '').includes(key))
  const list = [...close, ...anchors.filter((entry) => !close.includes(entry))].slice(0, 5)
  const more = anchors.length > list.length ? ', …' : ''
  return `one of the page's anchors (GitHub's heading slugs): ${list.map((entry) => `\`#${entry.anchor}\``).join(', ')}${more}`
}

function missingRunbook(
  file: string,
  rule: AlertRule,
  settings: Settings,
  pagesByKey: ReadonlyMap<string, string>,
  shown: (file: string) => string
): string {
  const keys = settings.annotationKeys.map((key) => `\`${key}\``)
  const annotation = keys.length > 1 ? `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}` : keys[0]
  const page = pagesByKey.get(nameKey(rule.name))
  const hint = page ? ` leading to \`${shown(page)}\`, its runbook` : ''
  return `Unexpected alert \`${rule.name}\` (\`${shown(file)}\`) without a runbook, expected a ${annotation} annotation${hint}`
}

/** The pages of the mapped folders by the key of their file name: the runbook an alert of that name would link to. */
function pagesNamedAfter(settings: Settings): Map<string, string> {
  const pages = new Map<string, string>()
  for (const mapping of settings.mappings) {
    for (const page of pagesUnder(mapping.folder)) {
      const stem = path.posix.basename(page).replace(/(?:\.html)?\.(?:md|markdown)$/i, '')
      const key = nameKey(stem)
      if (key && !pages.has(key)) pages.set(key, path.join(mapping.folder, page))
    }
  }
  return pages
}

function summarise(alerts: ReadonlyArray<AlertEntry>, shown: (file: string) => string): AlertSummary[] {
  const byName = new Map<string, AlertEntry[]>()
  for (const alert of alerts) {
    const list = byName.get(alert.rule.name)
    if (list) list.push(alert)
    else byName.set(alert.rule.name, [alert])
  }
  return [...byName].map(([name, entries]) => {
    const links = entries.flatMap((entry) => entry.links)
    const runbooks = [
      ...new Set(links.flatMap(({target}) => (target.kind === 'page' && target.file ? [shown(target.file)] : [])))
    ]
    let state: AlertState
    if (links.some((link) => link.problem)) state = 'dead'
    else if (runbooks.length > 0) state = 'unchecked'
    else if (links.length > 0) state = 'elsewhere'
    else state = entries.some((entry) => entry.required) ? 'none' : 'not-required'
    return {
      name,
      rules: entries.map((entry) => ({
        file: shown(entry.file),
        line: entry.rule.place.start.line,
        ...(entry.rule.severity === undefined ? {} : {severity: entry.rule.severity})
      })),
      runbooks,
      state
    }
  })
}

/** Whether a path is one of the rule set's files. */
export function isRuleFile(coverage: Coverage, file: string): boolean {
  return coverage.ruleFiles.some((entry) => entry.file === file)
}

/** Whether `file` is in one of the folders `runbookUrls` maps. */
export function inRunbookFolder(settings: Settings, file: string): boolean {
  return settings.mappings.some((mapping) => {
    const relative = path.relative(mapping.folder, file)
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
  })
}
