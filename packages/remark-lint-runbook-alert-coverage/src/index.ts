/**
 * ## What is this?
 *
 * This rule checks Prometheus alerting rules and their runbooks together.
 * It reads the rule files that `alertRules` names (Prometheus rule files
 * with `groups:`, as Prometheus, Thanos and Mimir load them, and Kubernetes
 * `PrometheusRule` objects, several YAML documents to a file), once per
 * run however many runbooks there are, and reports:
 *
 * * an alerting rule without a runbook link (`runbook_url`, or another
 *   annotation of `annotations`), when its `severity` label is one of
 *   `severities` (by default, every alerting rule);
 * * a runbook link that leads to no page of the repository, or to an anchor
 *   (`#mitigation`) that no heading of the page gives;
 * * a runbook page whose title does not name the alert that links to it,
 *   and a page several alerts link to that does not name one of them (in a
 *   heading, a table or its text);
 * * an alert runbook that no rule defines or links to any more (the alert
 *   was renamed or removed): a warning, whatever the rule's severity.
 *
 * A title names the alert when it is the alert's name (in any case, spaced
 * or not: `# CPU Throttling High`), or says it in words: every word of the
 * name is in the title, the leading service word of the name aside
 * (`# High error rate` for `CheckoutHighErrorRate`), or the title's words
 * are all the name's (`# Replication lag` for `PostgresReplicationLagHigh`);
 * small words (is, the, of, too) and plural or verb endings do not count.
 * A title written as an identifier must be the name itself: a name copied
 * from another alert's page is reported. An `**Alert:** Name` or
 * `Alert name: Name` field, or a `## Alert: Name` heading, names the
 * page's alert as well, for the title check and for the stale-runbook one.
 *
 * The first two are findings in a rule file, at the line and column of the
 * alert's name or of the link; the others are findings in the runbook, at
 * its title. Nothing is fetched: `runbookUrls` maps each URL prefix to a
 * folder of the repository, and the rest of the URL is the page's path
 * there:
 *
 * * `.md` is added to a path without one (`…/ApiErrorRateHigh` is
 *   `ApiErrorRateHigh.md`), a path ending in `/` is the page of the same
 *   name or its folder's `README.md`, `index.md` or `_index.md`, and an
 *   `.html` page is the Markdown page of the same name;
 * * GitHub URLs are read at any branch: a prefix
 *   `https://github.com/acme/ops/blob/main/` takes
 *   `https://github.com/acme/ops/blob/release/docs/x.md` too;
 * * static site generators publish pages at lower-case URLs, so a path in
 *   lower case finds its page whatever the file's case; a path with
 *   capitals must match the file exactly, as on GitHub;
 * * a link that is a path, not a URL (`docs/runbooks/x.md`), is a path of
 *   the repository (else of the rule file's folder); a link under no prefix
 *   is left alone, and so is a template other than the alert's name
 *   (`{{ $labels.alertname }}` is replaced by it).
 *
 * Anchors are GitHub's heading slugs (`## Check the disk` gives
 * `#check-the-disk`, a second one `#check-the-disk-1`), and the `id` or
 * `name` of an HTML anchor. On GitHub, a link finds its heading whatever
 * the case of its anchor (`#Mitigation` finds `## Mitigation`): GitHub's
 * page script compares anchors without case. A browser on any other site
 * (a runbook site made by Hugo or MkDocs, with the same slugs) compares
 * them exactly, so an anchor in another case than the slug is reported
 * there, and the message says so.
 *
 * A rule file that cannot be read (broken YAML, no rule groups) gets one
 * message naming the file and line; an `alertRules` glob that matches no
 * file stops the run with one sentence, as an invalid option does.
 *
 * ## When should I use this?
 *
 * In a repository that keeps alerting rules and their runbooks together. It
 * is part of `remark-preset-runbook`, with severity `error`, and checks
 * nothing until `alertRules` is set:
 *
 * ```json
 * {
 *   "plugins": [
 *     "remark-preset-runbook",
 *     ["remark-lint-runbook-alert-coverage", ["error", {
 *       "alertRules": ["monitoring/*.yaml"],
 *       "runbookUrls": {"https://runbooks.example.org/": "docs/runbooks/"}
 *     }]]
 *   ]
 * }
 * ```
 *
 * Options without a severity (`["remark-lint-runbook-alert-coverage",
 * {"alertRules": …}]`) make its findings warnings, as for any rule.
 *
 * Under `remark` and `remark-runbook`, a rule file's findings are the rule
 * file's when it is a file of the run (named beside the runbooks, or staged
 * for the pre-commit hook, which runs when a rule file changes). Otherwise
 * they travel with the run's first runbook, with the rule file's path
 * (`message.file`) and place, and name the rule file in their text:
 * `remark-runbook` and its reporters list them under the rule file, at its
 * lines, while `remark`'s own report lists them under that runbook. A run
 * of neither runbooks nor rule files (a hook given other YAML files) says
 * nothing of the rule set, and the editor shows a runbook's own findings
 * only. Used without unified-engine (the API, a test), each file is a run
 * of its own and carries the rule files' findings.
 *
 * The health report and the GitHub Actions job summary show the coverage
 * the rule records (`file.data.runbookAlertCoverage`): the alerts with a
 * runbook, without one, with a link that leads nowhere, and the runbooks no
 * alert links to.
 *
 * ## API
 *
 * ### `unified().use(remarkLintRunbookAlertCoverage[, options])`
 *
 * Options (all relative paths are relative to the folder of the
 * configuration file that applies, else to the working folder):
 *
 * * `alertRules` (`string` or `string[]`): globs of rule files;
 * * `runbookUrls` (`Record<string, string>`): URL prefixes, each with the
 *   folder its pages are in;
 * * `annotations` (`string[]`, default `["runbook_url", "runbook"]`): the
 *   annotations that hold a runbook link;
 * * `severities` (`string[]`, default every alert): the `severity` label
 *   values whose alerts need a runbook (`["critical", "warning"]`).
 *
 * ## Recommendation
 *
 * Link every alert that pages someone to a runbook named after it, and keep
 * both in one repository, so that renaming an alert shows up here.
 *
 * @example
 *   {"name": "fixtures/alert-coverage/clean/runbooks/BackupJobFailed.md", "config": {"alertRules": "monitoring/*.yaml", "runbookUrls": {"https://runbooks.example.org/": "runbooks/"}}}
 *
 *   # BackupJobFailed
 *
 *   ## Meaning
 *
 *   The nightly backup has not finished for more than a day.
 *
 *   ## Impact
 *
 *   A restore would lose more than a day of data.
 *
 *   ## Diagnosis
 *
 *   Read the last run's log: `kubectl -n backup logs job/nightly-backup`.
 *
 *   ## Mitigation
 *
 *   Start the backup by hand: `kubectl -n backup create job --from=cronjob/nightly-backup manual-backup`.
 *   If the backup storage is full (`BackupStorageFull`), delete the oldest archives first.
 *
 * @example
 *   {"name": "fixtures/alert-coverage/clean/runbooks/RestoreTestFailed.md", "label": "input", "config": {"alertRules": "monitoring/*.yaml", "runbookUrls": {"https://runbooks.example.org/": "runbooks/"}}}
 *
 *   # Backup job failed
 *
 *   ## Meaning
 *
 *   The weekly test restore failed.
 *
 * @example
 *   {"name": "fixtures/alert-coverage/clean/runbooks/RestoreTestFailed.md", "label": "output"}
 *
 *   1:3-1:20: Unexpected title `Backup job failed`, expected the name of the alert whose runbook link leads here, `RestoreTestFailed`
 *
 * @example
 *   {"name": "fixtures/alert-coverage/clean/runbooks/BackupQueueStuck.md", "label": "input", "config": {"alertRules": "monitoring/*.yaml", "runbookUrls": {"https://runbooks.example.org/": "runbooks/"}}}
 *
 *   # BackupQueueStuck
 *
 *   ## Meaning
 *
 *   No backup has left the queue for an hour.
 *
 * @example
 *   {"name": "fixtures/alert-coverage/clean/runbooks/BackupQueueStuck.md", "label": "output"}
 *
 *   1:1-1:19: Unexpected runbook of `BackupQueueStuck`, which no alerting rule in `monitoring/*.yaml` defines or links to, expected the runbook of a current alert (was `BackupQueueStuck` renamed or removed?)
 *
 * @example
 *   {"name": "fixtures/alert-coverage/team/docs/runbooks/EtcdNoLeader.md", "label": "input", "config": {"alertRules": ["monitoring/*.yaml"], "runbookUrls": {"https://runbooks.example.org/": "docs/runbooks/", "https://github.com/example/ops/blob/main/": "."}, "severities": ["critical", "warning"]}}
 *
 *   # EtcdNoLeader
 *
 *   ## Meaning
 *
 *   An etcd member reports that the cluster has no leader.
 *
 *   ## Impact
 *
 *   Without a leader, the cluster accepts no writes.
 *
 *   ## Diagnosis
 *
 *   Run `etcdctl endpoint status --cluster -w table` on a control plane node.
 *
 *   ## Mitigation
 *
 *   Restart the member that lost its peers, one at a time, and check the
 *   network between the control plane nodes.
 *
 * @example
 *   {"name": "fixtures/alert-coverage/team/docs/runbooks/EtcdNoLeader.md", "label": "output"}
 *
 *   23:16-23:30: Unexpected alert `ApiLatencyHigh` (`monitoring/app-rules.yaml`) without a runbook, expected a `runbook_url` or `runbook` annotation
 *   41:26-41:78: Unexpected `runbook_url` of `QueueBacklogGrowing` (`monitoring/app-rules.yaml`): `docs/runbooks/queue-backlog-growing.md` does not exist, expected a link to a runbook page in the repository
 *   42:16-42:32: Unexpected alert `DiskWillFillSoon` (`monitoring/app-rules.yaml`) without a runbook, expected a `runbook_url` or `runbook` annotation leading to `docs/runbooks/DiskWillFillSoon.md`, its runbook
 *   22:26-22:75: Unexpected anchor `#kubeletdown` in the `runbook_url` of `KubeletDown` (`monitoring/platform-rules.yaml`): no heading of `docs/runbooks/platform.md` gives it (the page names `KubeletDown`, in no heading), expected one of the page's anchors (GitHub's heading slugs): `#platform-alerts`
 *   45:26-45:78: Unexpected anchor `#Mitigation` in the `runbook_url` of `EtcdNoLeader` (`monitoring/platform-rules.yaml`), expected `#mitigation`: a browser at `runbooks.example.org` matches anchors in their case (GitHub alone finds them in any case)
 */

import path from 'node:path'
import type {Heading, Nodes, Root} from 'mdast'
import {
  alertFieldNames,
  alertHeadingNames,
  checkOptionKeys,
  configDirectory,
  failOption,
  fileStem,
  isAlertName,
  isRunbookFile,
  mentions,
  nameKey,
  namesAlert,
  pageTitle,
  runbookRule,
  titleNamesAlert,
  type RuleInfo
} from 'runbook-model'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {toPosix, urlMappings} from './links.js'
import {buildCoverage, inRunbookFolder, isRuleFile, type Coverage, type CoverageSummary, type Settings} from './model.js'

export type {AlertState, AlertSummary, CoverageSummary} from './model.js'
export {separateRuleFiles} from './rule-file-reports.js'

export interface Options {
  /** Globs of Prometheus rule files (relative to the configuration file's folder, else the working folder). */
  readonly alertRules?: string | ReadonlyArray<string> | null | undefined
  /** URL prefixes of runbook links, each with the folder of the repository its pages are in. */
  readonly runbookUrls?: Readonly<Record<string, string>> | null | undefined
  /** The annotations that hold a runbook link; default `runbook_url` and `runbook`. */
  readonly annotations?: ReadonlyArray<string> | null | undefined
  /** The `severity` label values whose alerts need a runbook; default every alerting rule. */
  readonly severities?: ReadonlyArray<string> | null | undefined
}

/** What a runbook page of the run is to the rule set, for reporters (`file.data.runbookAlertPage`). */
export interface AlertPage {
  /** The alerts whose runbook links lead to this page. */
  readonly alerts: ReadonlyArray<string>
  /** Whether it is an alert runbook that no rule links to or names: the alert was renamed or removed. */
  readonly orphan: boolean
}

declare module 'vfile' {
  interface DataMap {
    /** The rule set's alerts and how each is covered (on one file of the run; see the readme). */
    runbookAlertCoverage: CoverageSummary
    /** What a runbook page is to the rule set. */
    runbookAlertPage: AlertPage
  }
}

const id = 'alert-coverage'
const ruleId = `runbook-${id}`
const defaultAnnotations = ['runbook_url', 'runbook']

/** What unified-engine gives a plugin as its second parameter: the files of the run. */
interface FileSet {
  use(completer: Completer): unknown
  valueOf(): VFile[]
}

type Completer = ((set: FileSet) => void) & {pluginId?: string}

/** A run of unified-engine: the coverage of each rule set once, and the files that used it. */
interface Run {
  readonly coverages: Map<string, {readonly result: Coverage | {readonly error: string}; readonly files: VFile[]; fatal: boolean}>
}

const runs = new WeakMap<FileSet, Run>()
const runOfFile = new WeakMap<VFile, Run>()
const orphans = new WeakSet<VFileMessage>()

const check = runbookRule<Options>(
  {
    id,
    description: 'Check that every alerting rule links to a runbook that exists and names it, and every alert runbook to an alert',
    // A rule file given beside the runbooks is a file of the run: its findings go on it.
    everyFile: true
  },
  (tree, file, options) => {
    const settings = readSettings(file, options)
    if (!settings) return
    const key = JSON.stringify([settings.base, settings.cwd, settings.patterns, settings.mappings, settings.annotationKeys, [...(settings.severities ?? [])]])
    const run = runOfFile.get(file)
    let entry = run?.coverages.get(key)
    if (!entry) {
      entry = {result: buildCoverage(settings), files: [], fatal: false}
      run?.coverages.set(key, entry)
    }
    entry.files.push(file)
    const coverage = entry.result
    if ('error' in coverage) {
      failOption(file, id, 'alertRules', settings.patterns, `globs of Prometheus rule files, and \`${coverage.error}\` matches no file in \`${shown(settings.cwd, settings.base)}\``)
    }

    if (isRunbookFile(file)) checkPage(tree, file, coverage)
    // Without unified-engine (the API, a test), the file is the whole run:
    // it carries the rule files' findings too.
    if (!run) {
      for (const finding of coverage.findings) host(file, coverage, finding.file, finding.reason, finding.place)
      file.data.runbookAlertCoverage = coverage.summary
    }
  }
)

/**
 * The plugin: the rule's check on each file, and, under unified-engine, the
 * rule files' findings once the run's files are done.
 */
const remarkLintRunbookAlertCoverage = Object.assign(
  function (this: Processor, config?: unknown, fileSet?: FileSet) {
    const transformer = (check as unknown as (this: Processor, config?: unknown) => Transformer | undefined).call(this, config)
    if (!transformer) return transformer
    const fatal = severityOf(config) === 2
    let run: Run | undefined
    if (fileSet && typeof fileSet.use === 'function') {
      run = runs.get(fileSet)
      if (!run) {
        run = {coverages: new Map()}
        runs.set(fileSet, run)
      }
      fileSet.use(completeRun)
    }
    return function (tree: Root, file: VFile, next: (error?: Error) => void) {
      if (run) runOfFile.set(file, run)
      transformer(tree, file, (error?: Error) => {
        // An orphan runbook is a warning, whatever the rule's severity: the
        // alert may have been renamed on purpose and the page kept for a while.
        for (const message of file.messages) if (orphans.has(message)) message.fatal = false
        if (run) for (const entry of run.coverages.values()) if (entry.files.at(-1) === file) entry.fatal ||= fatal
        next(error)
      })
    } as Transformer
  },
  {info: (check as unknown as {info: RuleInfo}).info}
) as unknown as typeof check

export default remarkLintRunbookAlertCoverage

type Transformer = (tree: Root, file: VFile, next: (error?: Error) => void) => void

/**
 * The rule files' findings, once per run, on the rule file itself when it is
 * a file of the run (named on the command line, or staged for a hook), else
 * on the first file of the run that used the rule set, with the rule file's
 * path and place (`message.file`, `message.place`): `remark-runbook` shows
 * them under the rule file, as its own.
 */
const completeRun: Completer = function (set) {
  const run = runs.get(set)
  if (!run) return
  runs.delete(set)
  const files = set.valueOf()
  for (const {result: coverage, files: used, fatal} of run.coverages.values()) {
    if ('error' in coverage) continue
    // A run of neither runbooks nor rule files (a hook given other YAML
    // files) says nothing of the rule set. The editor shows a document's
    // own findings only.
    const candidates = used
      .filter(
        (file) =>
          (isRunbookFile(file) || isRuleFile(coverage, path.resolve(file.cwd, file.path))) &&
          file.data['unifiedEngineGiven'] &&
          !file.data['unifiedEngineIgnored'] &&
          !file.data['lspDocumentUri']
      )
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    const fallback = candidates[0]
    if (fallback) fallback.data.runbookAlertCoverage = judge(coverage.summary, files)
    for (const finding of coverage.findings) {
      const own = files.find((file) => file.path && path.resolve(file.cwd, file.path) === finding.file)
      const target = own ?? fallback
      if (!target) continue
      const message = host(target, coverage, finding.file, finding.reason, finding.place)
      Object.assign(message, {ruleId, source: 'remark-lint', url: check.info.url, fatal})
    }
  }
}
completeRun.pluginId = 'remark-lint:runbook-alert-coverage'

/**
 * The coverage with what the run found in the runbooks: an alert whose
 * runbooks are files of the run is `good` without errors there, else
 * `poor`; and the orphan runbooks of the run.
 */
function judge(summary: CoverageSummary, files: ReadonlyArray<VFile>): CoverageSummary {
  const byPath = new Map<string, VFile>()
  const orphans: string[] = []
  for (const file of files) {
    if (!file.path) continue
    byPath.set(toPosix(file.path), file)
    if (file.data.runbookAlertPage?.orphan) orphans.push(toPosix(file.path))
  }
  const alerts = summary.alerts.map((alert) => {
    if (alert.state !== 'unchecked') return alert
    const pages = alert.runbooks.map((runbook) => byPath.get(runbook))
    if (pages.some((page) => page === undefined)) return alert
    const errors = pages.some((page) =>
      page!.messages.some((message) => message.fatal === true && (!message.file || page!.history.includes(message.file)))
    )
    return {...alert, state: errors ? ('poor' as const) : ('good' as const)}
  })
  return {...summary, alerts, orphans: orphans.sort()}
}

/** Add a rule file's finding to `file`, naming the rule file as the message's own. */
function host(file: VFile, coverage: Coverage, ruleFile: string, reason: string, place: VFileMessage['place']): VFileMessage {
  const message = new VFileMessage(reason, {place, ruleId, source: 'remark-lint'})
  message.file = shown(coverage.settings.cwd, ruleFile)
  message.url = check.info.url
  file.messages.push(message)
  return message
}

/**
 * What a runbook page of the run owes the rule set: its title names the
 * alert whose link leads here (or, on a page several alerts link to, the
 * page names each); an alert runbook that no rule links to or names is
 * an orphan.
 */
function checkPage(tree: Root, file: VFile, coverage: Coverage): void {
  if (!file.path) return
  const absolute = path.resolve(file.cwd, file.path)
  if (isRuleFile(coverage, absolute)) return
  const links = coverage.linksTo.get(absolute) ?? []
  const inFolder = inRunbookFolder(coverage.settings, absolute)
  if (links.length === 0 && !inFolder) return

  const stem = fileStem(file) ?? ''
  const index = /^(?:readme|index|_index)$/i.test(stem)
  const title = pageTitle(tree)
  const names = [...new Set(links.map((link) => link.alert.rule.name))]
  file.data.runbookAlertPage = {alerts: names, orphan: false}

  if (links.length > 0) {
    // The page's own alert: the one alert linking to the whole page, else
    // the alert it is named after (`NodeDown.md`, linked at `#mitigation`).
    // Other alerts linking here need only be named somewhere on the page.
    const whole = [...new Set(links.filter((link) => link.anchor === undefined).map((link) => link.alert.rule.name))]
    const primary = index ? undefined : whole.length === 1 ? whole[0] : names.find((name) => nameKey(name) === nameKey(stem))
    // A title in words (`# High error rate`) or an `Alert:` field names the alert as well as its name does.
    const stated = [...alertFieldNames(tree), ...alertHeadingNames(tree)]
    const named = (alert: string) => (title !== undefined && titleNamesAlert(title.text, alert)) || stated.some((name) => nameKey(name) === nameKey(alert))
    if (primary !== undefined && !named(primary)) {
      const heading = title?.node
      if (heading?.position) {
        const only = heading.children.length === 1 && heading.children[0]!.type === 'text' ? heading.children[0] : undefined
        const message = file.message(
          `Unexpected title \`${title!.text}\`, expected the name of the alert whose runbook link leads here, \`${primary}\``,
          {ancestors: [tree, heading], place: (only ?? heading).position}
        )
        // Replacing the heading's text with the name is the fix, when the text is all there is.
        if (only) message.expected = [primary]
      } else {
        file.message(`Unexpected runbook without a title, expected \`# ${primary}\`, the name of the alert whose runbook link leads here`, {
          place: {line: 1, column: 1}
        })
      }
    }
    const text = textOf(tree)
    for (const name of names) {
      if (name === primary || mentions(text, name)) continue
      file.message(
        `Unexpected runbook that does not name \`${name}\`, whose runbook link leads here, expected its name in a heading, a table or the text`,
        at(tree, title?.node)
      )
    }
    return
  }

  if (index) return
  // `**Alert:** NodeDown` or `## Alert: NodeDown` says which alert a page is for, whatever its title.
  const stated = [...alertFieldNames(tree), ...alertHeadingNames(tree)]
  const alertPage =
    stated.length > 0 ||
    file.data.runbookLayout?.template === 'alert' ||
    (isAlertName(stem) && title !== undefined && namesAlert(title.text, stem))
  if (!alertPage) return
  const own = [...stated, stem, title?.text].filter((name): name is string => name !== undefined)
  if (own.some((name) => coverage.names.has(nameKey(name)))) return
  const name = stated[0] ?? (isAlertName(stem) ? stem : (title?.text ?? stem))
  const patterns = coverage.settings.patterns.map((pattern) => `\`${pattern}\``).join(', ')
  const message = file.message(
    `Unexpected runbook of \`${name}\`, which no alerting rule in ${patterns} defines or links to, expected the runbook of a current alert (was \`${name}\` renamed or removed?)`,
    at(tree, title?.node)
  )
  orphans.add(message)
  file.data.runbookAlertPage = {alerts: [], orphan: true}
}

/** Where a page-level message goes: the title heading, else the top of the page. */
function at(tree: Root, heading: Heading | undefined): {ancestors: Nodes[]; place: NonNullable<VFileMessage['place']>} {
  return heading?.position ? {ancestors: [tree, heading], place: heading.position} : {ancestors: [tree], place: {line: 1, column: 1}}
}

/** Every literal of the page (text, code, HTML): where an alert's name would be written. */
function textOf(tree: Root): string {
  const parts: string[] = []
  const visit = (node: Nodes) => {
    if ('value' in node && node.type !== 'yaml') parts.push(node.value)
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(tree)
  return parts.join('\n')
}

/** The options, checked, as settings; `undefined` when no rule files are configured. */
function readSettings(file: VFile, options: Options | null | undefined): Settings | undefined {
  const given = checkOptionKeys(file, id, options, ['alertRules', 'runbookUrls', 'annotations', 'severities'])
  const {alertRules, runbookUrls, annotations, severities} = given
  if (alertRules === undefined || alertRules === null) return undefined
  const patterns = typeof alertRules === 'string' ? [alertRules] : alertRules
  if (!Array.isArray(patterns) || patterns.length === 0 || !patterns.every((pattern) => typeof pattern === 'string' && pattern !== '')) {
    failOption(file, id, 'alertRules', alertRules, 'a glob of Prometheus rule files, or a list of them')
  }
  if (
    runbookUrls !== undefined &&
    runbookUrls !== null &&
    (typeof runbookUrls !== 'object' ||
      Array.isArray(runbookUrls) ||
      !Object.entries(runbookUrls).every(([prefix, folder]) => /^https?:\/\/[^/]/i.test(prefix) && typeof folder === 'string'))
  ) {
    failOption(file, id, 'runbookUrls', runbookUrls, 'an object of URL prefixes (`https://…`) and folders of the repository')
  }
  if (annotations !== undefined && annotations !== null && !isNames(annotations)) {
    failOption(file, id, 'annotations', annotations, 'a list of annotation names, such as `["runbook_url"]`')
  }
  if (severities !== undefined && severities !== null && !isNames(severities)) {
    failOption(file, id, 'severities', severities, 'a list of `severity` label values, such as `["critical", "warning"]`')
  }

  const cwd = file.cwd
  const from = file.dirname ? path.resolve(cwd, file.dirname) : cwd
  const base = configDirectory(from) ?? cwd
  return {
    base,
    cwd,
    patterns: patterns as string[],
    mappings: urlMappings((runbookUrls as Record<string, string> | null | undefined) ?? {}, base),
    annotationKeys: (annotations as string[] | null | undefined) ?? defaultAnnotations,
    severities: severities ? new Set(severities as string[]) : undefined
  }
}

function isNames(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item !== '')
}

/** The severity `unified-lint-rule` reads from a rule's configuration: 0 off, 1 warn, 2 error. */
function severityOf(config: unknown): 0 | 1 | 2 {
  const first = Array.isArray(config) ? config[0] : undefined
  if (first === false || first === 0 || first === 'off') return 0
  if (first === 2 || first === 'error') return 2
  return 1
}

function shown(cwd: string, file: string): string {
  return toPosix(path.relative(cwd, file)) || '.'
}
