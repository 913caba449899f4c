/**
 * ## What is this?
 *
 * This rule checks what matters on an alert runbook, a page checked against
 * the `alert` layout (`## Meaning`, `## Impact`, `## Diagnosis`,
 * `## Mitigation`), beyond its sections:
 *
 * * `Diagnosis` and `Mitigation` (or the titles teams give them:
 *   `Possible checks`, `Resolution`, …) each tell the on-call engineer what
 *   to do: a step (a list, or a sentence in the imperative such as
 *   `Restart the exporter.`, also in French, Spanish, Portuguese, German
 *   or Italian: `Redémarrez l'exportateur.`, `Reinicie el servicio.`,
 *   `Starten Sie den Dienst neu.`), a command or a query (code), a link, or a
 *   decision (`If an upgrade is running, wait for it to finish.`, `No
 *   action is needed: it resolves itself.`). A section whose text only
 *   describes (`The resolution depends on the issue in the logs.`), or
 *   whose only step is to notify someone (`Notify the data team in
 *   #data.`: passing the alert on does nothing about its cause), is
 *   reported at its heading; a page about one alert with no sections (a
 *   title, a few lines and a list) is read as one, by its steps;
 * * the page is named after its alert, and its title (the `#` heading, else
 *   the front matter's `title`) names the same alert: `KubeletDown.md`
 *   titled `# KubeletDown`. Case, spaces, other words and the words that say
 *   it is a runbook are fine (`# Kubelet Down`, `# KubeletDown [deprecated]`,
 *   `# Runbook: KubeletDown`, `# Kubelet Down - Runbook`), and so are a
 *   title that says the alert in words, as `runbook-alert-coverage` reads
 *   it (`# Kubelet is down`, `# High error rate` for `CheckoutHighErrorRate`),
 *   and any title over an `**Alert:** KubeletDown` field or an
 *   `## Alert: KubeletDown` heading; a title that names another alert or
 *   another condition is reported, with no fix (only the alerting rules know
 *   which of the two is the alert's name). A file not named like an alert
 *   (`disk-full.md`), a folder's own page (`README.md`, `index.md`) and a
 *   file named in capitals only (`WEEKLY_REPORT.md`) are not checked.
 *
 * Sections beside it under another of its titles count with it (`Possible
 * checks` and `Investigation steps` both stand for `Diagnosis`); a section
 * that stands for both (`Troubleshooting`, on a page with no other) is
 * reported once. A section that is
 * empty or holds only template text is left to
 * `runbook-no-empty-sections` and `runbook-no-placeholders`. With
 * `runbook-alert-coverage` configured, the alerting rules say which alert a
 * page is for: that rule checks the title against them, and this one
 * leaves such pages' titles to it.
 *
 * A troubleshooting page for one error message (`# Error: "x509: …"`, or
 * `Symptoms`, `Cause` and `Solution` under a title that names no alert)
 * explains the error in its `Cause`: only its solution is asked for steps.
 *
 * The layout decides which sections need an action (`actionable` in its
 * definition) and whether its pages are named after what they are about
 * (`namedAfterFile`): runbooks of other layouts are not checked.
 *
 * ## When should I use this?
 *
 * On alert runbooks. It is part of `remark-preset-runbook`, with severity
 * `warn`.
 *
 * ## API
 *
 * ### `unified().use(remarkLintRunbookAlertPage)`
 *
 * Warn for each section without an action, and for a title that does not
 * name the page's alert. There are no options.
 *
 * ## Recommendation
 *
 * Write the first thing to do in `Mitigation`, even when it is a decision to
 * wait or to escalate: the person paged at night reads that section first.
 *
 * @example
 *   {"name": "KubeletDown.md"}
 *
 *   # KubeletDown
 *
 *   ## Meaning
 *
 *   Prometheus has not reached the kubelet of a node for fifteen minutes.
 *
 *   ## Impact
 *
 *   Pods on the node are neither started nor stopped.
 *
 *   ## Diagnosis
 *
 *   Look at the node's conditions: `kubectl describe node "$NODE"`.
 *
 *   ## Mitigation
 *
 *   If the node is still booting, wait for it. Otherwise restart the kubelet
 *   on the node and watch it come back.
 *
 * @example
 *   {"name": "ok-other-titles.md"}
 *
 *   # Runner manager down
 *
 *   ## Summary
 *
 *   The runner manager has stopped taking jobs.
 *
 *   ## Symptoms
 *
 *   Jobs stay pending.
 *
 *   ## Possible checks
 *
 *   1. Log in to the manager and run `sudo gitlab-runner status`.
 *
 *   ## Resolution
 *
 *   Restart the runner: `sudo service gitlab-runner restart`.
 *
 * @example
 *   {"name": "HighCPUUsage.md"}
 *
 *   # High CPU Usage Runbook
 *
 *   **Alert:** `HighCPUUsage`
 *
 *   ## Summary
 *
 *   CPU on a node has been above 90% for ten minutes.
 *
 *   ## Impact
 *
 *   Requests to the API slow down.
 *
 *   ## Investigation steps
 *
 *   Find the busiest process: `top -o %CPU`.
 *
 *   ## Immediate actions
 *
 *   If a batch job is running, stop it; otherwise add a node.
 *
 * @example
 *   {"name": "ok-error-message.md"}
 *
 *   # Error: "permission denied on /var/run/app.sock"
 *
 *   ## Symptoms
 *
 *   The agent stops at start-up with the error above.
 *
 *   ## Cause
 *
 *   The socket belongs to root since the last package upgrade.
 *
 *   ## Solution
 *
 *   Give the socket back to the agent's group: `chgrp agent /var/run/app.sock`.
 *
 * @example
 *   {"name": "not-ok-troubleshooting.md", "label": "input"}
 *
 *   # Queue backlog
 *
 *   ## Overview
 *
 *   The queue has held more than ten thousand messages for an hour.
 *
 *   ## Impact
 *
 *   Orders are confirmed late.
 *
 *   ## Troubleshooting
 *
 *   The backlog usually comes from a slow consumer.
 *
 * @example
 *   {"name": "not-ok-troubleshooting.md", "label": "output"}
 *
 *   11:1-11:19: Unexpected `Troubleshooting` without an action, expected what the on-call engineer does: a step, a command, a query, a link or a decision
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   # not-ok
 *
 *   ## Meaning
 *
 *   The exporter stopped sending metrics.
 *
 *   ## Diagnosis
 *
 *   The cause is usually in the exporter's log.
 *
 *   ## Mitigation
 *
 *   The resolution depends on the particular issue reported in the logs.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   7:1-7:13: Unexpected `Diagnosis` without an action, expected what the on-call engineer does: a step, a command, a query, a link or a decision
 *   11:1-11:14: Unexpected `Mitigation` without an action, expected what the on-call engineer does: a step, a command, a query, a link or a decision
 *
 * @example
 *   {"name": "ExporterDown.md", "label": "input"}
 *
 *   # ExporterMissing
 *
 *   ## Meaning
 *
 *   The exporter stopped sending metrics.
 *
 *   ## Mitigation
 *
 *   Restart the exporter: `systemctl restart node-exporter`.
 *
 * @example
 *   {"name": "ExporterDown.md", "label": "output"}
 *
 *   1:1-1:18: Unexpected title `ExporterMissing` on a page named after `ExporterDown`, expected the name of one alert in both
 */

import type {Heading, Root, RootContent} from 'mdast'
import {
  alertFieldNames,
  alertHeadingNames,
  causeTitles,
  checkOptionKeys,
  fileStem,
  getContent,
  isAlertName,
  isErrorPage,
  nameKey,
  pageShape,
  pageTitle,
  runbookOf,
  runbookRule,
  titleNamesAlert,
  type Section,
  type TemplateSection
} from 'runbook-model'
import {givesAction, onlyNotifies} from './actions.js'

export type Options = Record<string, never>

// A folder's own page (`README.md`, `index.md`) is named after the folder,
// not after an alert: a page for a family of alerts often is one.
const folderPages = new Set(['readme', 'index', '_index', 'home'])

/**
 * Whether a file's name may be an alert's: not a folder's own page, and not
 * in capitals only (`RUNBOOK.md`, `WEEKLY_REPORT.md`, `ETAPA2_PLAN.md`), the
 * way documents are named beside the code, where alerts are named in
 * words run together (`KubeletDown`) or in lower case (`disk_full`).
 */
function namedLikeAlert(stem: string): boolean {
  return !folderPages.has(stem.toLowerCase()) && /\p{Ll}/u.test(stem)
}

const id = 'alert-page'

const remarkLintRunbookAlertPage = runbookRule<Options>(
  {id, description: "Check that an alert runbook's title names its alert and its Diagnosis and Mitigation say what to do"},
  function (tree, file, options) {
    checkOptionKeys(file, id, options, [])
    const runbook = runbookOf(tree, file)
    const template = runbook.template
    if (!template.all.some((entry) => entry.actionable) && !template.definition.namedAfterFile) return
    const content = getContent(runbook, file)

    const checked = new Set<Section>()
    // On a troubleshooting page for one error message, the cause explains
    // the error: the solution is where the steps are.
    const errorPage = isErrorPage(runbook.sections)
    for (const entry of template.all) {
      if (!entry.actionable) continue
      const section = runbook.find(entry)?.section
      // One section may stand for both (`Troubleshooting`): one message.
      if (!section?.heading?.position || checked.has(section)) continue
      if (errorPage && causeTitles.has(section.key)) continue
      checked.add(section)
      // The sections beside it under another of its names count too (a
      // page with `Symptoms` and `Possible checks`).
      const nodes = runbook.sections
        .filter((other) => other === section || (other.parent === section.parent && standsFor(other, entry)))
        .flatMap((other) => ownContent(other))
      // Nothing of the team's own: the empty-section and placeholder rules say so.
      if (nodes.length === 0 || givesAction(nodes)) continue
      const what = onlyNotifies(nodes) ? 'that only says whom to notify' : 'without an action'
      file.message(
        `Unexpected \`${section.title}\` ${what}, expected what the on-call engineer does: a step, a command, a query, a link or a decision`,
        {ancestors: [tree, section.heading], place: section.heading.position}
      )
    }

    // A page about one alert in no sections (a title, a few lines, a
    // checklist) is read as one: its text must say what to do.
    const title = pageTitle(tree)
    if (checked.size === 0 && pageShape(tree, file).oneAlert && runbook.sections.every((section) => !section.heading || section.heading === title?.node)) {
      // Its steps, when it has some: the sentences around them say what the alert means.
      const all = ownContent(runbook.root)
      const steps = all.filter((node) => node.type === 'list' || node.type === 'code')
      const nodes = steps.length > 0 ? steps : all
      if (nodes.length > 0 && !givesAction(nodes)) {
        const what = onlyNotifies(nodes) ? 'that only says whom to notify' : 'without an action'
        const heading = title?.node
        file.message(
          `Unexpected alert page ${what}, expected what the on-call engineer does: a step, a command, a query, a link or a decision`,
          heading?.position ? {ancestors: [tree, heading], place: heading.position} : {place: runbook.root.start}
        )
      }
    }

    const stem = fileStem(file)
    if (!template.definition.namedAfterFile || stem === undefined || !isAlertName(stem) || !namedLikeAlert(stem)) return
    // The alerting rules name the page's alert more surely than its file:
    // `runbook-alert-coverage` checks the title against them.
    const linked = file.data['runbookAlertPage'] as {alerts?: ReadonlyArray<string>} | undefined
    if (linked?.alerts?.length) return
    if (!title || titleNamesAlert(title.text, stem)) return
    // `**Alert:** HighCPUUsage` or `## Alert: HighCPUUsage` under a title in words names the alert too.
    if ([...alertFieldNames(tree), ...alertHeadingNames(tree)].some((name) => nameKey(name) === nameKey(stem))) return
    // Which of the two is the alert's name, only the alerting rules know: no fix is offered.
    const heading: Heading | undefined = title.node
    file.message(
      `Unexpected title \`${title.text}\` on a page named after \`${stem}\`, expected the name of one alert in both`,
      heading?.position ? {ancestors: [tree, heading], place: heading.position} : {place: {line: 1, column: 1}}
    )

    /** Whether a section stands for a template section: matched to it, or named like it (`Common causes` beside `Troubleshooting steps`). */
    function standsFor(section: Section, entry: TemplateSection): boolean {
      if (runbook.find(entry)?.section === section || template.classify(section.title) === entry) return true
      return !template.find(section.title) && template.named(section.key).entries.includes(entry)
    }

    /** The section's real content and its subsections', their headings included. */
    function ownContent(section: Section): RootContent[] {
      const nodes: RootContent[] = [...content.of(section).content]
      for (const child of section.children) {
        const below = ownContent(child)
        if (below.length > 0 && child.heading) nodes.push(child.heading)
        for (const node of below) nodes.push(node)
      }
      return nodes
    }
  }
)

export default remarkLintRunbookAlertPage

export {givesAction} from './actions.js'
