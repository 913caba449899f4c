/**
 * Prometheus rule files, read for their alerting rules: plain rule files
 * (`groups:`, as Prometheus, Thanos and Mimir load them) and Kubernetes
 * `PrometheusRule` objects (`spec.groups`), several YAML documents to a file.
 * Each alert keeps the place of its name and of each runbook link, for
 * messages. A file is read once per modification, however many runs and
 * runbooks ask for it.
 */

import fs from 'node:fs'
import {createRequire} from 'node:module'
import type * as Yaml from 'yaml'

/** A place in a rule file: 1-based line and column, as vfile messages count them. */
export interface Place {
  readonly start: {readonly line: number; readonly column: number}
  readonly end: {readonly line: number; readonly column: number}
}

/** A runbook link of an alerting rule: the value of one of its annotations. */
export interface RuleLink {
  /** The annotation that holds it: `runbook_url`. */
  readonly key: string
  readonly value: string
  readonly place: Place
}

/** An alerting rule, as written in its file. */
export interface AlertRule {
  readonly name: string
  /** The `alert:` value. */
  readonly place: Place
  /** The value of the `severity` label, if any. */
  readonly severity: string | undefined
  /** The runbook annotations it has, in the order the options name their keys. */
  readonly links: ReadonlyArray<RuleLink>
}

/** Why a rule file could not be read, in one sentence, with its place. */
export interface RuleFileProblem {
  readonly kind: 'unreadable' | 'broken' | 'not-rules'
  readonly reason: string
  readonly place: Place
}

export interface RuleFile {
  readonly alerts: ReadonlyArray<AlertRule>
  readonly problem: RuleFileProblem | undefined
  /** The text read, for reporters that show a file's lines. */
  readonly text: string
}

let yaml: typeof Yaml | undefined

/** `yaml` loads on first use: only a run with rule files configured needs it. */
function yamlModule(): typeof Yaml {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml
  return yaml
}

const cache = new Map<string, {readonly stamp: string; readonly file: RuleFile}>()

/**
 * The alerting rules of a file (`shown` is how messages name it), with the
 * runbook links found under `annotationKeys`.
 */
export function readRuleFile(file: string, shown: string, annotationKeys: ReadonlyArray<string>): RuleFile {
  let stamp: string
  try {
    const stat = fs.statSync(file)
    stamp = `${stat.mtimeMs}:${stat.size}:${annotationKeys.join('\0')}`
  } catch {
    return unreadable(shown, 'no such file')
  }
  const cached = cache.get(file)
  if (cached?.stamp === stamp) return cached.file

  let result: RuleFile
  try {
    const buffer = fs.readFileSync(file)
    result = buffer.includes(0)
      ? unreadable(shown, 'it is a binary file')
      : parseRuleFile(buffer.toString('utf8').replace(/^\uFEFF/, ''), shown, annotationKeys)
  } catch (error) {
    result = unreadable(shown, (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : 'it cannot be read')
  }
  cache.set(file, {stamp, file: result})
  return result
}

function unreadable(shown: string, cause: string): RuleFile {
  return {alerts: [], text: '', problem: {kind: 'unreadable', reason: `Cannot read alert rules in \`${shown}\`: ${cause}`, place: at(1, 1)}}
}

/** The alerting rules of a rule file's text. */
export function parseRuleFile(text: string, shown: string, annotationKeys: ReadonlyArray<string>): RuleFile {
  const {LineCounter, parseAllDocuments} = yamlModule()
  const lines = new LineCounter()
  const parsed = parseAllDocuments(text, {lineCounter: lines, prettyErrors: false, uniqueKeys: false})
  const documents = Array.isArray(parsed) ? parsed : []
  const place = (range: readonly [number, number, number] | null | undefined): Place => {
    const start = lines.linePos(range?.[0] ?? 0)
    const end = lines.linePos(range?.[1] ?? range?.[0] ?? 0)
    return {start: {line: start.line, column: start.col}, end: {line: end.line, column: end.col}}
  }

  for (const document of documents) {
    const error = document.errors[0]
    if (!error) continue
    const where = lines.linePos(error.pos[0])
    return {
      alerts: [],
      text,
      problem: {
        kind: 'broken',
        reason: `Cannot read alert rules in \`${shown}\`: ${sentence(error.message)} at line ${where.line}, column ${where.col}`,
        place: at(where.line, where.col)
      }
    }
  }

  const alerts: AlertRule[] = []
  let groupsFound = false
  for (const document of documents) {
    for (const groups of groupLists(document.contents)) {
      groupsFound = true
      for (const group of items(groups)) {
        for (const rule of items(get(group, 'rules'))) {
          const name = get(rule, 'alert')
          if (!isText(name)) continue
          const labels = get(rule, 'labels')
          const severity = get(labels, 'severity')
          const annotations = get(rule, 'annotations')
          const links: RuleLink[] = []
          for (const key of annotationKeys) {
            const value = get(annotations, key)
            if (isText(value) && value.value.trim() !== '') links.push({key, value: value.value.trim(), place: place(value.range)})
          }
          alerts.push({
            name: name.value,
            place: place(name.range),
            severity: isText(severity) ? severity.value : undefined,
            links
          })
        }
      }
    }
  }

  if (!groupsFound && documents.some((document) => document.contents !== null)) {
    return {
      alerts,
      text,
      problem: {
        kind: 'not-rules',
        reason: `Unexpected YAML in \`${shown}\`, expected Prometheus rules: \`groups:\`, or a \`PrometheusRule\` object with \`spec.groups\``,
        place: at(1, 1)
      }
    }
  }
  return {alerts, text, problem: undefined}
}

/**
 * The `groups` sequences of a YAML document: its own (a rule file), a
 * `PrometheusRule`'s `spec.groups`, or those of each item of a Kubernetes
 * `List`. Other documents of a multi-document file (a `Deployment` beside
 * the rules) have none.
 */
function groupLists(node: unknown): unknown[] {
  const {isMap} = yamlModule()
  if (!isMap(node)) return []
  const groups = get(node, 'groups')
  if (groups !== undefined) return [groups]
  const kind = get(node, 'kind')
  if (isText(kind) && kind.value === 'PrometheusRule') {
    const spec = get(node, 'spec')
    return [get(spec, 'groups')].filter((value) => value !== undefined)
  }
  if (isText(kind) && kind.value === 'List') return items(get(node, 'items')).flatMap((item) => groupLists(item))
  return []
}

/** The value under `key` of a YAML map (quoted or plain key), else `undefined`. */
function get(node: unknown, key: string): unknown {
  const {isMap, isScalar} = yamlModule()
  if (!isMap(node)) return undefined
  for (const pair of node.items) {
    const pairKey = pair.key
    if (isScalar(pairKey) ? String(pairKey.value) === key : pairKey === key) return pair.value ?? undefined
  }
  return undefined
}

function items(node: unknown): unknown[] {
  const {isSeq} = yamlModule()
  return isSeq(node) ? node.items : []
}

function isText(node: unknown): node is Yaml.Scalar<string> & {range: [number, number, number]} {
  const {isScalar} = yamlModule()
  return isScalar(node) && typeof node.value === 'string' && Array.isArray(node.range)
}

/** The YAML parser's reason, as a clause: its first line, without a final period. */
function sentence(message: string): string {
  const first = message.split('\n')[0]!.replace(/\.$/, '')
  return first.charAt(0).toLowerCase() + first.slice(1)
}

function at(line: number, column: number): Place {
  return {start: {line, column}, end: {line, column}}
}
