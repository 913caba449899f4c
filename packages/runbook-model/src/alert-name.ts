/**
 * How a page names an alert. Alert names are identifiers (`KubeletDown`);
 * pages write them as they are, with spaces (`CPU Throttling High`), or
 * beside other words (`KubeletDown [Deprecated]`), and name their file
 * after them (`KubeletDown.md`). The alert layout's choice, its title
 * check and `runbook-alert-coverage` compare them the same way.
 */

import type {Heading, Nodes, Root} from 'mdast'
import type {VFile} from 'vfile'
import {fieldLines, textLines} from './field-labels.js'
import {readYaml} from './front-matter.js'
import {cleanTitle} from './normalize.js'

/** A name compared without case, spaces or punctuation: `CPU Throttling High` is `CPUThrottlingHigh`. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

const wordCharacter = /[\p{L}\p{N}_]/u

/** Whether `text` has `name` as a word, in any case. */
export function mentions(text: string, name: string): boolean {
  const lower = text.toLowerCase()
  const wanted = name.toLowerCase()
  if (wanted === '') return false
  for (let index = lower.indexOf(wanted); index !== -1; index = lower.indexOf(wanted, index + 1)) {
    const before = lower.charAt(index - 1)
    const after = lower.charAt(index + wanted.length)
    if (!wordCharacter.test(before) && !wordCharacter.test(after)) return true
  }
  return false
}

/**
 * Whether a title names an alert: the same name once case, spaces,
 * punctuation and the words that say it is a runbook are set aside
 * (`# High CPU Usage Runbook`, `# Runbook: HighCPUUsage`, `# TerraFusion
 * API Down - Runbook` name `HighCPUUsage` and `TerraFusionAPIDown`), or
 * the name as a word of it.
 */
export function namesAlert(title: string, alert: string): boolean {
  const wanted = nameKey(alert)
  return wanted !== '' && (nameKey(title) === wanted || nameKey(titleCore(title)) === wanted || mentions(title, alert))
}

/**
 * Whether a title names an alert for a reader, in words or as the name:
 * `namesAlert`, or a title in words (`# High error rate`, `# Postgres
 * replication lag is high`) that has every word of the alert's name
 * (`ServoHighErrorRate`, `PostgresReplicationLagHigh`), its leading
 * service word aside, or whose words are all the alert's. Small words and
 * plural or verb endings do not count. A title written as an identifier
 * must be the name itself: `# PrometheusRemoteStorageFailures` on the
 * page of `PrometheusRemoteWriteBehind` is a copied title.
 */
export function titleNamesAlert(title: string, alert: string): boolean {
  if (namesAlert(title, alert)) return true
  const core = titleCore(title)
  if (isAlertName(core)) return false
  const said = new Set(nameWords(core))
  const wanted = nameWords(alert)
  if (said.size === 0 || wanted.length === 0) return false
  const has = (words: ReadonlyArray<string>) => words.every((word) => said.has(word))
  // Without its service word, the name must keep two words: `ServoDown` is not named by `# Database down`.
  if (has(wanted) || (wanted.length >= 3 && has(wanted.slice(1)))) return true
  const alertWords = new Set(wanted)
  return said.size >= 2 && [...said].every((word) => alertWords.has(word))
}

// Words that say nothing of which alert it is.
const smallWords = new Set(['a', 'an', 'the', 'is', 'are', 'on', 'of', 'too', 'in', 'at', 'to'])

/**
 * The words of a name or a title, lower case, without small words or
 * plural and verb endings: `KubeAPIErrorsHigh`, `kube_api_errors_high` and
 * `Kube API errors are high` all give `kube api error high`.
 */
export function nameWords(text: string): string[] {
  const words = text
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
  return words.filter((word) => word !== '' && !smallWords.has(word)).map((word) => wordStem(word))
}

/** A word without a plural or verb ending (`errors`, `filling`, `failed`), so that both forms compare equal. */
function wordStem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3)
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

// `Runbook:`, `Alert:`, `Incident runbook -` before the name; `Runbook`,
// `Alert runbook`, `- Playbook` after it. Both bounded and anchored.
const pagePrefix = /^[\p{L}\s]{0,40}?\b(?:run ?books?|playbooks?|alerts?|alarms?|sops?)\s{0,4}[:\-–—|]\s{0,4}/iu
const pageSuffix = /[\s:\-–—|]{1,6}(?:(?:alerts?|alarms?|incidents?|investigation|response)\s{1,4})?(?:run ?books?|playbooks?|alerts?|alarms?|sops?|response|investigation)$/iu

/** A title without the words that say it is a runbook or an alert (`Runbook: HighMemory` is `HighMemory`). */
export function titleCore(title: string): string {
  const text = cleanTitle(title)
  const core = text.replace(pagePrefix, '').replace(pageSuffix, '').trim()
  return core === '' ? text : core
}

// Labels of the field that names a page's alert (`**Alert:** HighCPUUsage`,
// `- **Alert Name**: HighErrorRate`, `| **Alert Name(s)** | … |`).
const alertLabels = new Set(['alert', 'alerts', 'alert name', 'alert names', 'alertname', 'alarm', 'alarm name', 'alert rule', 'prometheus alert'])

/** The alerts a page names in an `Alert:` field, as written (`HighCPUUsage`, `CriticalCPUUsage`). */
export function alertFieldNames(tree: Root): string[] {
  const names: string[] = []
  const values: string[] = []
  for (const field of fieldLines(tree.children)) {
    if (alertLabels.has(nameLabel(field.label))) values.push(field.value)
  }
  // The same without bold: `- Alert: LockConflictsHigh`.
  for (const line of textLines(tree.children)) {
    const colon = line.indexOf(':')
    if (colon > 0 && colon <= 20 && alertLabels.has(nameLabel(line.slice(0, colon)))) values.push(line.slice(colon + 1))
  }
  for (const found of values) {
    for (const value of found.split(/[\s,;/|]+/)) {
      // Bounded: a run of punctuation is tried from each of its places.
      const name = value.replace(/^[`'"*_([]{1,8}|[`'"*_)\].:]{1,8}$/g, '')
      if (/^[A-Za-z][\w:.-]{1,100}$/.test(name) && /[A-Z_:-]/.test(name.slice(1))) names.push(name)
    }
  }
  return names
}

/**
 * The alerts a page names in a sub-heading such as `## Alert: NodeDown` or
 * `### Alert name: NodeDown`, below a title in words.
 */
export function alertHeadingNames(tree: Root): string[] {
  const names: string[] = []
  for (const node of tree.children) {
    if (node.type !== 'heading' || node.depth === 1) continue
    const text = plainText(node).trim()
    const colon = text.indexOf(':')
    if (colon <= 0 || colon > 20 || !alertLabels.has(nameLabel(text.slice(0, colon)))) continue
    const name = text.slice(colon + 1).trim().replace(/^`|`$/g, '')
    if (isAlertName(name)) names.push(name)
  }
  return names
}

/**
 * The alert a page says it is for, if it says so: an `Alert:` field, a
 * title that is an alert's name once `Runbook:` and the like are set aside
 * (`# Runbook: HighMemory`), or a file named after an alert that the title
 * names (`KubeletDown.md`, `# Kubelet Down`).
 */
export function alertNameOf(tree: Root, file: VFile | undefined): string | undefined {
  const field = alertFieldNames(tree)[0]
  if (field !== undefined) return field
  const title = pageTitle(tree)
  if (title === undefined) return undefined
  const core = titleCore(title.text)
  if (titleAlertName(core)) return core
  const stem = fileStem(file)
  return stem !== undefined && isAlertName(stem) && namesAlert(title.text, stem) ? stem : undefined
}

// `Alert:` before a title, `Alert` after it.
const alertPrefix = /^[\p{L}\s]{0,40}?\b(?:alert|alarm)\s{0,4}[:\-–—|]/iu
// One alert: `Kubernetes alert runbooks` is an index of many.
const alertSuffix = /\b(?:alert|alarm)(?:\s{1,4}(?:run ?book|playbook|response))?$/iu

/** Whether a page's title says it is about an alert (`# Alert: CPU load is critical`, `# Disk Full Alert`). */
export function titleSaysAlert(tree: Root): boolean {
  const title = pageTitle(tree)
  return title !== undefined && titleTextSaysAlert(title.text)
}

/** Whether a title, as text, says it is about an alert or is an alert's name (`Alert: CPU load`, `Disk Full Alert`, `HighMemory`). */
export function titleTextSaysAlert(title: string): boolean {
  const text = cleanTitle(title)
  return alertPrefix.test(text) || alertSuffix.test(text) || titleAlertName(titleCore(text))
}

/**
 * Whether a title alone is an alert's name: an identifier of words run
 * together (`HighMemory`, `KubeAPIDown`, `CPU_high_usage`), not a word
 * (`Runbook`, `Backups`) nor an acronym (`HUB`). A file named after the
 * alert makes a one-word title such as `# Watchdog` one.
 */
function titleAlertName(name: string): boolean {
  return (isAlertName(name) && /[a-z]/.test(name) && /[A-Z].*[A-Z]|[_:]/.test(name)) || findingType.test(name)
}

// A cloud security finding's type, what fires for a finding page
// (`UnauthorizedAccess:EC2/SSHBruteForce`, `Policy:S3/BucketPublicAccessGranted`).
const findingType = /^[A-Z][A-Za-z0-9]{1,60}:[A-Za-z0-9]{1,40}\/[A-Za-z0-9][\w.!-]{1,100}$/

/** A label compared without case, the parenthesised plural or the punctuation (`Alert Name(s)` is `alert names`). */
function nameLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/\(s\)/g, 's')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** A name as Prometheus writes an alert: one word of letters, digits, `_` or `:`, with a capital letter in it. */
export function isAlertName(value: string): boolean {
  return /^[A-Za-z_:][A-Za-z0-9_:]*$/.test(value) && /[A-Z]/.test(value)
}

/** A file's name without its folder and its Markdown extension (`KubeletDown.md`, `Alert.html.md`): what a page is named after. */
export function fileStem(file: VFile | undefined): string | undefined {
  const base = file?.basename
  return base ? base.replace(/(?:\.html)?\.(?:md|markdown|mdown|mkdn|mkd|mdx)$/i, '') : undefined
}

/** A page's title: its first `#` heading, else the `title` of its front matter. */
export function pageTitle(tree: Root): {readonly text: string; readonly node: Heading | undefined} | undefined {
  let front: string | undefined
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 1) return {text: plainText(node).trim(), node}
    if (node.type === 'yaml' && front === undefined) {
      const entry = readYaml(node).entries.find((entry) => entry.key === 'title')
      if (typeof entry?.value === 'string') front = entry.value
    }
  }
  return front === undefined ? undefined : {text: front, node: undefined}
}

/** Whether a page is named after an alert and its title says so (`KubeletDown.md`, `# KubeletDown`). */
export function titledAfterFile(tree: Root, file: VFile | undefined): boolean {
  const stem = fileStem(file)
  if (stem === undefined || !isAlertName(stem)) return false
  const title = pageTitle(tree)
  return title !== undefined && namesAlert(title.text, stem)
}

function plainText(node: Nodes): string {
  if ('value' in node && node.type !== 'html' && node.type !== 'yaml') return node.value
  if ('children' in node) return node.children.map((child) => plainText(child)).join('')
  return ''
}

/**
 * Whether a page says it is for an alert, not for an error or a symptom
 * (`# Node Not Ready`, `# Module not found`): it names its alert (see
 * `alertNameOf`, `titleSaysAlert`), its file is named like one
 * (`KubeletDown.md`), its title says it is a runbook or playbook
 * (`# Runbook: High error rate`), its front matter files it under
 * alerts (`section: Icinga alerts`), or its text speaks of the alert (`This
 * alert fires when …`, a `Severity` section, `PagerDuty`).
 */
export function saysItIsForAnAlert(tree: Root, file: VFile | undefined): boolean {
  if (alertNameOf(tree, file) !== undefined || titleSaysAlert(tree) || speaksOfAlerts(tree)) return true
  const stem = fileStem(file)
  if (stem !== undefined && isAlertName(stem) && /[a-z]/.test(stem) && /[A-Z].*[A-Z]|[_:]/.test(stem)) return true
  const title = pageTitle(tree)
  if (title !== undefined && (pagePrefix.test(cleanTitle(title.text)) || pageSuffix.test(cleanTitle(title.text)))) return true
  for (const node of tree.children) {
    if (node.type !== 'yaml') continue
    for (const entry of readYaml(node).entries) {
      if (entry.key !== 'title' && typeof entry.value === 'string' && alertingPlace.test(entry.value)) return true
    }
  }
  return false
}

/**
 * Whether a page's front matter files it under alerts: a short value that
 * places it (`section: Icinga alerts`, `category: Alerting`), not its title,
 * a sentence describing it, or a scope that mentions alarms in passing.
 */
export function filedUnderAlerts(tree: Root): boolean {
  for (const node of tree.children) {
    if (node.type !== 'yaml') continue
    for (const entry of readYaml(node).entries) {
      if (describingKeys.has(entry.key.toLowerCase()) || typeof entry.value !== 'string') continue
      if (entry.value.trim().split(/\s+/).length <= 4 && alertingPlace.test(entry.value)) return true
    }
  }
  return false
}

const alertingPlace = /\b(?:alerts?|alarms?|alerting)\b/i
const describingKeys = new Set(['title', 'description', 'summary', 'excerpt', 'subtitle'])

// The words of alerting, as a page about an alert uses them.
const alertingWords = /\b(?:alerts?|alerting|alarms?|fires|firing|fired|paged|pagerduty|opsgenie|alertmanager|severity)\b/i

/** Whether a page's text (code aside) uses the words of alerting. */
function speaksOfAlerts(tree: Root): boolean {
  const visit = (node: Nodes): boolean => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') return false
    if (node.type === 'text') return alertingWords.test(node.value)
    return 'children' in node && node.children.some((child) => visit(child))
  }
  return visit(tree)
}
