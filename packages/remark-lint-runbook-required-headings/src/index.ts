/**
 * ## What is this?
 *
 * This rule checks that a runbook has every section of its template: each
 * required heading present, at the right depth, under the right parent.
 * It reports, in one run:
 *
 * * every missing heading, one message each, at the place where it should be
 *   inserted (after its nearest earlier sibling, before its nearest later one,
 *   else before its parent's first subsection or at the end of its parent
 *   section), named at the level it takes there;
 * * a template heading at the wrong depth or under the wrong parent, once, at
 *   that heading, saying where it belongs (it is not also reported missing);
 * * a near miss (a typo such as `Trouble shooting` or `Helth checks`) with
 *   "did you mean";
 * * a template heading that appears twice under the same parent;
 * * with `order: true`, template sections out of the template's order.
 *
 * A document of another shape (an alert playbook, an on-call guide, a
 * readme: headings or text of its own, and fewer than `minimumCoverage`,
 * a quarter by default, of the template's sections) gets one message
 * instead: how many of the template's sections it has, and the two ways
 * out, adding the sections or leaving the file out. `remark-runbook --fix`
 * leaves such a document alone by the same test, with the same option.
 * An empty file, or one with nothing but a title, is a runbook still to
 * write: each missing section is reported.
 *
 * A section that says it does not apply, with the reason, needs none of
 * its subsections: a paragraph of its own text that opens with `N/A`, `Not
 * applicable`, `Not required`, `Does not apply` or a sentence such as `No
 * backups are required`, then the reason after a colon, a dash or
 * `because` (`No backups are required: a fresh install is the only
 * restoration needed`). A bare `N/A` is not enough (`runbook-no-empty-sections`
 * asks for its reason); the subsections that are there are checked as usual.
 *
 * Where a message knows the fix, its `expected` is the text that replaces
 * the message's place, which is what editors offer as a quick fix (the
 * remark language server replaces the message's range with it, or inserts
 * it at its point). The edits come from the planner of
 * `remark-runbook --fix`, so the two cannot disagree:
 *
 * * a missing heading: a point, and the text the fix inserts there: the
 *   heading on a line of its own, a blank line before and after, with its
 *   `TODO:` line (or the whole group when its parent is missing too, the
 *   same edit for each of the group's messages);
 * * a near miss: the title's range, and the template's title, as the fix
 *   renames with `rename: true` (numbering, emoji, anchors, a trailing colon
 *   or `{#id}` stay as written);
 * * a heading at the wrong level under the right parent: its `#` markers
 *   (a setext heading's underline), and the markers of its level (the fix
 *   itself moves nothing); its text stays as written, and `expected` quotes
 *   none of it.
 *
 * A heading under the wrong parent has none (moving a section is not one
 * edit), nor does a setext heading that belongs at level 3 or deeper (it
 * would be rewritten), nor a heading missing under a template heading that is
 * itself misplaced: it is reported in that section as it stands, and the
 * fix would re-create its parent in its place instead.
 *
 * The template is the one the `remark-runbook-template` setting names. With
 * none (or `auto`), each runbook is checked against the built-in layout it
 * follows most closely: `default`, the shape of the "Run Book / System
 * Operation Manual" (six top-level sections, `##`, and their subsections,
 * `###`), or `full`, the longer upstream layout (recovery is in `Failover
 * and Recovery procedures` there, not in an `Application Recovery Plan`).
 * Closest means the fewest headings apart: the layout's sections the
 * runbook lacks, plus its headings the layout does not have; a tie goes to
 * `default`. Every rule of the preset reads the same choice, and reporters
 * can show it (`file.data.runbookLayout`).
 * The title (`#`) is free: any title, or none; a runbook without a title may
 * use `#` for the top-level sections and `##` for their subsections.
 *
 * Headings are matched the way people write them: case, repeated spaces,
 * trailing colons and punctuation, leading numbering (`1.`, `2.3`, `A)`), emoji
 * and `:shortcode:` emoji, inline markup (code, emphasis, links, `<a name>`
 * anchors), `&` for "and", singular or plural, and a parenthesised suffix
 * present or absent (`System backup and restore (Backup Management)` or
 * `System backup and restore`), and `{#id}` attribute lists. Common renames seen in real runbooks are
 * accepted as aliases when they sit in the template section's place, for
 * example `Service overview` or `System overview` for
 * `Service or system overview`, and `Backups` for the backup section; the
 * full list is in
 * [`docs/templates.md`](https://github.com/remark-runbook/remark-runbook/blob/main/docs/templates.md).
 * Headings in code, HTML comments and front matter are not headings; setext
 * headings are.
 *
 * ## When should I use this?
 *
 * Use it on runbooks copied from the template, so that sections do not go
 * missing as the copy ages. It is part of `remark-preset-runbook`, with
 * severity `error`.
 *
 * ## API
 *
 * ### `unified().use(remarkLintRunbookRequiredHeadings[, options])`
 *
 * Warn when a required heading is missing, misplaced, misspelt or repeated.
 *
 * ###### Parameters
 *
 * * `options` (`Options`, optional): configuration
 *
 * ### `Options`
 *
 * Configuration (TypeScript type). `null`, `undefined` and `{}` mean the
 * defaults.
 *
 * ###### Fields
 *
 * * `aliases` (`Record<string, Array<string> | string>`, optional): extra
 *   titles to accept for template headings, keyed by the template heading
 *   (any tolerated spelling), for example
 *   `{"Service owner": ["Who to call"]}`
 * * `optional` (`Array<string>`, optional): template headings that need not
 *   be present; their subsections need not be either
 * * `order` (`boolean`, default: `false`): report template sections that
 *   appear out of the template's order
 * * `minimumCoverage` (`number`, default: `0.25`): the share of the
 *   template's sections (from `0` to `1`) below which a document with
 *   headings or text of its own is of another shape and gets one message;
 *   `0` checks every document section by section (and lets
 *   `remark-runbook --fix` add the sections to any document)
 *
 * An unknown option or a value of the wrong type stops the file with a fatal
 * message naming the option, the value and what is allowed.
 *
 * ## Recommendation
 *
 * Keep the template's headings and add your own sections beside them: extra
 * sections are never reported. Rename a section only with an alias, so that
 * the other runbook rules still find it.
 *
 * @example
 *   {"name":"ok.md"}
 *
 *   # Billing API
 *
 *   ## Service or system overview
 *
 *   **Service or system name:** Billing API
 *
 *   ### Business overview
 *
 *   Takes card payments for the web shop, around the clock.
 *
 *   ### Technical overview
 *
 *   A Node.js HTTP API on Kubernetes, with PostgreSQL and RabbitMQ.
 *
 *   ### Service owner
 *
 *   The Payments team: payments@acme.io, #payments on Slack.
 *
 *   ### Contributing applications, daemons, services, middleware
 *
 *   The API, a queue worker, PostgreSQL 15 and RabbitMQ.
 *
 *   ## Security and access control
 *
 *   ### Password and PII security
 *
 *   No passwords are stored. Card numbers never reach our servers.
 *
 *   ## System configuration
 *
 *   ### Configuration management
 *
 *   Helm values in the `deploy` repository.
 *
 *   ### Secrets management
 *
 *   HashiCorp Vault, read by the pods at start-up.
 *
 *   ## System backup and restore
 *
 *   ### Backup requirements
 *
 *   Only the PostgreSQL database.
 *
 *   ### Backup procedures
 *
 *   Nightly snapshots, kept 30 days; the service is not affected.
 *
 *   ### Restore procedures
 *
 *   Restore the latest snapshot, then replay the queue.
 *
 *   ## Monitoring and alerting
 *
 *   ### Metrics
 *
 *   Request rate, errors and latency on the Billing dashboard.
 *
 *   ### Health checks
 *
 *   `GET /health` checks the database and the queue.
 *
 *   ## Operational tasks
 *
 *   ### Application Recovery Plan
 *
 *   Redeploy from the pipeline, then restore the database.
 *
 *   ### Deployment
 *
 *   Merging to `main` deploys; roll back by reverting.
 *
 *   ### Troubleshooting
 *
 *   Start with the error logs in Kibana.
 *
 * @example
 *   {"name":"ok-variations.md"}
 *
 *   ---
 *   title: Billing API
 *   ---
 *
 *   Billing API
 *   ===========
 *
 *   ## 1. Service overview
 *
 *   **Service or system name:** Billing API
 *
 *   ### 1.1 BUSINESS   OVERVIEW:
 *
 *   Takes card payments for the web shop, around the clock.
 *
 *   ### 1.2 Technical *overview*
 *
 *   A Node.js HTTP API on Kubernetes, with PostgreSQL and RabbitMQ.
 *
 *   ### :busts_in_silhouette: Service Owner
 *
 *   The Payments team: payments@acme.io, #payments on Slack.
 *
 *   ### Contributing applications, daemons, services & middleware
 *
 *   The API, a queue worker, PostgreSQL 15 and RabbitMQ.
 *
 *   ## 2. Security and Access Control 🔒
 *
 *   ### Password and PII Security
 *
 *   No passwords are stored. Card numbers never reach our servers.
 *
 *   ## 3. [System configuration](#system-configuration)
 *
 *   ### Configuration management
 *
 *   Helm values in the `deploy` repository.
 *
 *   ### Secret management
 *
 *   HashiCorp Vault, read by the pods at start-up.
 *
 *   ## <a name="backup"></a> System Backup and Restore (Backup Management)
 *
 *   ### Backup requirement
 *
 *   Only the PostgreSQL database.
 *
 *   ### Backup procedures
 *
 *   Nightly snapshots, kept 30 days; the service is not affected.
 *
 *   ### Restore procedures
 *
 *   Restore the latest snapshot, then replay the queue.
 *
 *   ## A) Monitoring and alerting
 *
 *   ### Metrics
 *
 *   Request rate, errors and latency on the Billing dashboard.
 *
 *   ### Health checks
 *
 *   `GET /health` checks the database and the queue.
 *
 *   Operational tasks
 *   -----------------
 *
 *   ### Application Recovery Plan
 *
 *   Redeploy from the pipeline, then restore the database.
 *
 *   ### `Deployment`
 *
 *   Merging to `main` deploys; roll back by reverting.
 *
 *   ### Troubleshooting:
 *
 *   Start with the error logs in Kibana.
 *
 *   ```markdown
 *   ## Not a heading: this is code
 *   ```
 *
 *   <!--
 *   ## Not a heading either
 *   -->
 *
 * @example
 *   {"name":"not-ok-missing.md","config":{"optional":["Service or system overview","Security and access control","System configuration","Monitoring and alerting","Operational tasks"]},"label":"input"}
 *
 *   # Billing API
 *
 *   ## System backup and restore
 *
 *   ### Backup requirements
 *
 *   Only the PostgreSQL database.
 *
 *   ## Contacts
 *
 *   See the Payments team.
 *
 * @example
 *   {"name":"not-ok-missing.md","label":"output"}
 *
 *   7:30: Missing required heading `### Backup procedures` in `System backup and restore`, expected it after `Backup requirements`
 *   7:30: Missing required heading `### Restore procedures` in `System backup and restore`, expected it after `Backup requirements`
 *
 * @example
 *   {"name":"not-ok-missing-group.md","config":{"optional":["Service or system overview","Security and access control","System configuration","System backup and restore","Operational tasks"]},"label":"input"}
 *
 *   # Billing API
 *
 *   <!-- Written from the template. -->
 *
 * @example
 *   {"name":"not-ok-missing-group.md","label":"output"}
 *
 *   4:1: Missing required heading `## Monitoring and alerting`, expected it at the end of the document
 *   4:1: Missing required heading `### Metrics`, expected it under `## Monitoring and alerting`, which is missing too
 *   4:1: Missing required heading `### Health checks`, expected it under `## Monitoring and alerting`, which is missing too
 *
 * @example
 *   {"name":"not-ok-missing-after-text.md","config":{"optional":["Service or system overview","Security and access control","System configuration","Monitoring and alerting","Operational tasks"]},"label":"input"}
 *
 *   # Billing API
 *
 *   ## System backup and restore
 *
 *   What is backed up, and how, is below.
 *
 *   ## Contacts
 *
 *   See the Payments team.
 *
 * @example
 *   {"name":"not-ok-missing-after-text.md","label":"output"}
 *
 *   5:38: Missing required heading `### Backup requirements`, expected it at the end of `System backup and restore`
 *   5:38: Missing required heading `### Backup procedures`, expected it at the end of `System backup and restore`
 *   5:38: Missing required heading `### Restore procedures`, expected it at the end of `System backup and restore`
 *
 * @example
 *   {"name":"not-ok-missing-no-title.md","config":{"optional":["Service or system overview","Security and access control","System configuration","System backup and restore","Operational tasks"]},"label":"input"}
 *
 *   # Monitoring and alerting
 *
 *   ## Metrics
 *
 *   The Billing dashboard.
 *
 *   # Operational tasks
 *
 *   Runs itself.
 *
 * @example
 *   {"name":"not-ok-missing-no-title.md","label":"output"}
 *
 *   5:23: Missing required heading `## Health checks` in `Monitoring and alerting`, expected it after `Metrics`
 *
 * @example
 *   {"name":"not-ok-missing-under-misplaced.md","config":{"optional":["Service or system overview","Security and access control","System configuration","System backup and restore","Operational tasks"]},"label":"input"}
 *
 *   # Billing API
 *
 *   ## Operational tasks
 *
 *   ### Monitoring and alerting
 *
 *   #### Metrics
 *
 *   The Billing dashboard.
 *
 * @example
 *   {"name":"not-ok-missing-under-misplaced.md","label":"output"}
 *
 *   5:1-5:4: Misplaced heading `### Monitoring and alerting` under `Operational tasks`, expected `## Monitoring and alerting` as a top-level section
 *   10:1: Missing required heading `#### Health checks` in `Monitoring and alerting`, expected it after `Metrics`
 *
 * @example
 *   {"name":"not-ok-misplaced.md","config":{"optional":["Service or system overview","System configuration","System backup and restore","Monitoring and alerting","Operational tasks"]},"label":"input"}
 *
 *   # Billing API
 *
 *   ## System characteristics
 *
 *   ### Security and access control
 *
 *   #### Password and PII security
 *
 *   Passwords are hashed with Argon2id.
 *
 * @example
 *   {"name":"not-ok-misplaced.md","label":"output"}
 *
 *   5:1-5:4: Misplaced heading `### Security and access control` under `System characteristics`, expected `## Security and access control` as a top-level section
 *
 * @example
 *   {"name":"not-ok-depth.md","config":{"optional":["Service or system overview","Security and access control","System configuration","System backup and restore","Operational tasks"]},"label":"input"}
 *
 *   ## Monitoring and alerting
 *
 *   #### Metrics
 *
 *   The Billing dashboard.
 *
 *   ### Health checks
 *
 *   `GET /health`.
 *
 * @example
 *   {"name":"not-ok-depth.md","label":"output"}
 *
 *   3:1-3:5: Misplaced heading `#### Metrics`, expected `### Metrics` directly under `Monitoring and alerting`
 *
 * @example
 *   {"name":"not-ok-typo.md","config":{"optional":["Service or system overview","Security and access control","System configuration","System backup and restore","Operational tasks"]},"label":"input"}
 *
 *   ## Monitoring and alerting
 *
 *   ### Metrics
 *
 *   The Billing dashboard.
 *
 *   ### Helth checks
 *
 *   `GET /health`.
 *
 * @example
 *   {"name":"not-ok-typo.md","label":"output"}
 *
 *   7:5-7:17: Unexpected heading `Helth checks`, did you mean `Health checks`?
 *
 * @example
 *   {"name":"not-ok-duplicate.md","config":{"optional":["Service or system overview","Security and access control","System configuration","System backup and restore","Operational tasks"]},"label":"input"}
 *
 *   ## Monitoring and alerting
 *
 *   ### Metrics
 *
 *   The Billing dashboard.
 *
 *   ### Health checks
 *
 *   `GET /health`.
 *
 *   ### Metrics
 *
 *   Also in Datadog.
 *
 * @example
 *   {"name":"not-ok-duplicate.md","label":"output"}
 *
 *   11:1-11:12: Unexpected duplicate heading `Metrics` in `Monitoring and alerting`, expected one `Metrics` (first on line 3): merge them
 *
 * @example
 *   {"name":"not-ok-order.md","config":{"optional":["Service or system overview","Security and access control","System configuration","System backup and restore","Operational tasks"],"order":true},"label":"input"}
 *
 *   ## Monitoring and alerting
 *
 *   ### Health checks
 *
 *   `GET /health`.
 *
 *   ### Metrics
 *
 *   The Billing dashboard.
 *
 * @example
 *   {"name":"not-ok-order.md","label":"output"}
 *
 *   7:1-7:12: Unexpected `### Metrics` after `### Health checks`, expected it before, as in the template
 *
 * @example
 *   {"name":"ok-aliases.md","config":{"optional":["Service or system overview","Security and access control","System configuration","System backup and restore","Operational tasks"],"aliases":{"Health checks":["Probes"]}}}
 *
 *   ## Monitoring and alerting
 *
 *   ### Metrics
 *
 *   The Billing dashboard.
 *
 *   ### Probes
 *
 *   `GET /health`.
 *
 * @example
 *   {"name":"not-ok-other-shape.md","label":"input"}
 *
 *   # Billing API: payments failing
 *
 *   ## Symptoms
 *
 *   The error rate of `POST /payments` is above 5%.
 *
 *   ## Troubleshooting
 *
 *   Look for timeouts to the card processor in Kibana.
 *
 *   ## Escalation
 *
 *   Page the Payments team on call.
 *
 * @example
 *   {"name":"not-ok-other-shape.md","label":"output"}
 *
 *   3:1-3:12: Unexpected document of another shape, with 1 of the `default` template's 21 sections (fewer than `minimumCoverage`, 25%), expected a copy of the template: add the 20 missing sections (`remark-runbook --fix` adds them once `minimumCoverage` is `0`), or leave the file out (`.remarkignore`, or `<!-- lint disable runbook-required-headings -->`)
 *
 * @example
 *   {"name":"ok-not-applicable.md","config":{"optional":["Service or system overview","Security and access control","System configuration","Monitoring and alerting","Operational tasks"]}}
 *
 *   # Billing API
 *
 *   ## System backup and restore
 *
 *   No backups are required: the service keeps no data, and a fresh install
 *   is the only restoration it needs.
 *
 * @example
 *   {"name":"not-ok-not-applicable-bare.md","config":{"optional":["Service or system overview","Security and access control","System configuration","Monitoring and alerting","Operational tasks"]},"label":"input"}
 *
 *   # Billing API
 *
 *   ## System backup and restore
 *
 *   N/A
 *
 *   ### Backup requirements
 *
 *   None.
 *
 * @example
 *   {"name":"not-ok-not-applicable-bare.md","label":"output"}
 *
 *   10:1: Missing required heading `### Backup procedures` in `System backup and restore`, expected it after `Backup requirements`
 *   10:1: Missing required heading `### Restore procedures` in `System backup and restore`, expected it after `Backup requirements`
 *
 * @example
 *   {"name":"not-ok-options-coverage.md","config":{"minimumCoverage":25},"label":"input"}
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-options-coverage.md","label":"output"}
 *
 *   1:1: Unexpected value `25` for option `minimumCoverage` of `runbook-required-headings`, expected a share of the template's sections from `0` to `1`, such as `0.25`
 *
 * @example
 *   {"name":"not-ok-options.md","config":{"alias":{}},"label":"input"}
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-options.md","label":"output"}
 *
 *   1:1: Unexpected option `alias` for `runbook-required-headings`, expected one of `aliases`, `optional`, `order`, `minimumCoverage`
 *
 * @example
 *   {"name":"not-ok-options-value.md","config":{"optional":["Runbook owner"]},"label":"input"}
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-options-value.md","label":"output"}
 *
 *   1:1: Unexpected value `"Runbook owner"` for option `optional` of `runbook-required-headings`, expected a heading of the template, such as `Service or system overview`, `Business overview`, `Technical overview`
 */

import type {Root} from 'mdast'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {
  builtinLayouts,
  builtinTemplate,
  checkOptionKeys,
  coverageThreshold,
  editPlacer,
  failOption,
  followsTemplate,
  getRunbook,
  levelEdit,
  planFix,
  renameEdit,
  resolveTemplate,
  runbookRule,
  templateCoverage,
  templateOf,
  type FixEdit,
  type FixPlan,
  type Runbook,
  type Section,
  type SectionMatch,
  type Template,
  type TemplateCoverage,
  type TemplateSection
} from 'runbook-model'

export interface Options {
  /**
   * Extra titles to accept for template headings: a template heading (any
   * tolerated spelling) to a list of other titles.
   */
  readonly aliases?: Readonly<Record<string, ReadonlyArray<string> | string>> | null | undefined
  /** Template headings that need not be present (their subsections neither). */
  readonly optional?: ReadonlyArray<string> | null | undefined
  /** Report template sections that appear out of the template's order (default: `false`). */
  readonly order?: boolean | null | undefined
  /**
   * Below this share of the template's sections (default: `0.25`), a
   * document with headings or text of its own is of another shape: one
   * message says so, instead of one per missing section. `0` checks every
   * document section by section.
   */
  readonly minimumCoverage?: number | null | undefined
}

/**
 * The fix's edits for this file: a message with `expected` takes its place
 * (the edit's offset or range) and its `expected` (the edit's text) from one
 * edit, so an editor's quick fix does what `remark-runbook --fix` does.
 */
interface Fixes {
  /** The text the tree was parsed from (a byte order mark is not part of it). */
  readonly source: string
  readonly plan: FixPlan
  place(edit: FixEdit): Point | Position
}

const id = 'required-headings'

const remarkLintRunbookRequiredHeadings = runbookRule<Options>(
  {id, description: 'Check that a runbook has every section of its template, in its place'},
  (tree, file, options) => {
  const {template, order, minimumCoverage} = settings(file, options)
  const runbook = getRunbook(tree, template)
  const coverage = templateCoverage(runbook)
  if (!followsTemplate(coverage, minimumCoverage)) {
    reportOtherShape(file, tree, runbook, coverage, minimumCoverage)
    return
  }

  // Planned only for a file with something to fix: most have nothing.
  let planned: Fixes | undefined
  const fixes = (): Fixes => (planned ??= planFixes(file, runbook))

  for (const match of runbook.matches) {
    if (match.duplicate) reportDuplicate(file, tree, runbook, match)
    else if (match.kind === 'near') reportNearMiss(file, tree, fixes(), match)
    else if (!match.placed) reportMisplaced(file, tree, runbook, fixes(), match)
  }

  for (const entry of template.all) {
    if (runbook.required(entry) && !runbook.find(entry)) reportMissing(file, runbook, fixes(), entry)
  }

  if (order) reportOrder(file, tree, runbook)
  }
)

export default remarkLintRunbookRequiredHeadings

/**
 * A document that follows too little of the template to be a copy of it (an
 * alert playbook, a guide): one message instead of one per section, with
 * the two ways out. The fix leaves such a document alone too, unless
 * `minimumCoverage` is lowered. The message is at its first section (or
 * text) below the title, so that `<!-- lint disable ... -->` under the
 * title turns it off.
 */
function reportOtherShape(file: VFile, tree: Root, runbook: Runbook, coverage: TemplateCoverage, minimumCoverage: number): void {
  const missing = coverage.total - coverage.found
  const heading = runbook.sections.find((section) => section.depth >= runbook.topDepth)?.heading
  const text = [runbook.root, ...runbook.sections]
    .flatMap((section) => section.body)
    .find((node) => node.type !== 'yaml' && node.type !== 'html' && (node.type as string) !== 'toml')
  file.message(
    `Unexpected document of another shape, with ${coverage.found} of the \`${runbook.template.name}\` template's ${coverage.total} sections (fewer than \`minimumCoverage\`, ${percent(minimumCoverage)}), expected a copy of the template: add the ${missing === 1 ? 'missing section' : `${missing} missing sections`} (\`remark-runbook --fix\` adds them once \`minimumCoverage\` is \`0\`), or leave the file out (\`.remarkignore\`, or \`<!-- lint disable runbook-required-headings -->\`)`,
    heading?.position
      ? {ancestors: [tree, heading], place: heading.position}
      : {place: text?.position?.start ?? runbook.root.start}
  )
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}

function planFixes(file: VFile, runbook: Runbook): Fixes {
  const text = String(file)
  // The parser skips a byte order mark: the tree's offsets start after it.
  const source = text.charCodeAt(0) === 0xfe_ff ? text.slice(1) : text
  return {source, plan: planFix(runbook, source), place: editPlacer(source)}
}

/**
 * A missing heading is reported where the fix inserts it, with the fix's
 * text as `expected`: the heading on a line of its own, blank lines around
 * it, and its `TODO:` line, or its whole group when its parent is missing
 * too. Under a template heading that is found but misplaced, the fix
 * re-creates that heading's group in its place instead: the message points
 * into the misplaced section as it stands, and offers no quick fix.
 */
function reportMissing(file: VFile, runbook: Runbook, fixes: Fixes, entry: TemplateSection): void {
  const planned = fixes.plan.insertionOf(entry)
  const edit = planned ?? fixes.plan.insertionUnderMisplaced(entry)
  // Not reached: a missing heading's highest missing ancestor (or itself)
  // is top-level, which the fix inserts, or under a section that is found.
  if (!edit) {
    file.message(`Missing required heading \`${entry.line}\`, expected it in the document`, {place: runbook.root.end})
    return
  }

  let where: string
  if (edit.entry !== entry) {
    // The whole group is missing: every heading goes where its parent goes.
    where = `under \`${lineAtDepth(entry.parent!, depthIn(edit, entry.parent!))}\`, which is missing too`
  } else {
    const {relation, section} = edit.anchor!
    where =
      relation === 'end'
        ? section.heading
          ? `at the end of \`${section.title}\``
          : 'at the end of the document'
        : `${relation} \`${section.title}\``
  }

  const parentMatch = entry.parent ? runbook.find(entry.parent) : undefined
  const inParent = parentMatch && edit.anchor?.relation !== 'end' ? ` in \`${parentMatch.section.title}\`` : ''
  const message = file.message(
    `Missing required heading \`${lineAtDepth(entry, depthIn(edit, entry))}\`${inParent}, expected it ${where}`,
    {place: fixes.place(edit)}
  )
  if (planned) message.expected = [edit.text]
}

/** The depth at which an insertion writes a template heading: the heading it inserts, or one of its subsections. */
function depthIn(edit: FixEdit, entry: TemplateSection): number {
  return Math.min(edit.depth + entry.depth - edit.entry.depth, 6)
}

function reportMisplaced(file: VFile, tree: Root, runbook: Runbook, fixes: Fixes, match: SectionMatch): void {
  const {section, entry} = match
  const heading = section.heading!
  const actual = `\`${written(section)}\``
  const depth = expectedDepth(runbook, entry)
  const parentMatch = entry.parent ? runbook.find(entry.parent) : undefined
  const underRightParent = entry.parent ? parentMatch?.section === section.parent : section.depth !== runbook.topDepth

  let reason: string
  if (!entry.parent) {
    reason = `Misplaced heading ${actual}${under(section)}, expected \`${lineAtDepth(entry, depth)}\` as a top-level section`
  } else if (underRightParent) {
    reason = `Misplaced heading ${actual}, expected \`${lineAtDepth(entry, depth)}\` directly under \`${parentMatch!.section.title}\``
  } else {
    const parent = parentMatch ? `\`${parentMatch.section.title}\`` : `\`${entry.parent.line}\`, which is missing`
    reason = `Misplaced heading ${actual}${under(section)}, expected it under ${parent}`
  }

  // Changing the level is the fix only when the heading is in the right
  // parent already; the message then points at the markers it changes.
  const edit = (underRightParent || !entry.parent) && depth !== section.depth ? levelEdit(fixes.source, entry, heading, depth) : undefined
  const message = file.message(reason, {ancestors: [tree, heading], place: edit ? fixes.place(edit) : heading.position})
  if (edit) message.expected = [edit.text]
}

/** A near miss is renamed as `runbook-fix` with `rename` does: the title only, numbering and markers kept. */
function reportNearMiss(file: VFile, tree: Root, fixes: Fixes, match: SectionMatch): void {
  const heading = match.section.heading!
  const edit = renameEdit(fixes.source, match.entry, match.section)
  const message = file.message(
    `Unexpected heading \`${match.section.title}\`, did you mean \`${match.entry.title}\`?`,
    {ancestors: [tree, heading], place: edit ? fixes.place(edit) : heading.position}
  )
  if (edit) message.expected = [edit.text]
}

function reportDuplicate(file: VFile, tree: Root, runbook: Runbook, match: SectionMatch): void {
  const heading = match.section.heading!
  const first = runbook.find(match.entry)!
  const firstLine = first.section.start.line
  const parent = match.section.parent?.heading ? ` in \`${match.section.parent.title}\`` : ''
  file.message(
    `Unexpected duplicate heading \`${match.section.title}\`${parent}, expected one \`${match.entry.title}\` (first on line ${firstLine}): merge them`,
    {ancestors: [tree, heading], place: heading.position}
  )
}

function reportOrder(file: VFile, tree: Root, runbook: Runbook): void {
  const groups = new Map<TemplateSection | undefined, SectionMatch[]>()
  for (const match of runbook.matches) {
    if (!match.placed || match.duplicate) continue
    const list = groups.get(match.entry.parent) ?? []
    list.push(match)
    groups.set(match.entry.parent, list)
  }

  for (const list of groups.values()) {
    let furthest: SectionMatch | undefined
    for (const match of list) {
      if (furthest && match.entry.index < furthest.entry.index) {
        const heading = match.section.heading!
        file.message(
          `Unexpected \`${written(match.section)}\` after \`${written(furthest.section)}\`, expected it before, as in the template`,
          {ancestors: [tree, heading], place: heading.position}
        )
      } else {
        furthest = match
      }
    }
  }
}

/** The depth a template heading should have here: one below its parent as found. */
function expectedDepth(runbook: Runbook, entry: TemplateSection): number {
  if (!entry.parent) return runbook.topDepth
  const parent = runbook.find(entry.parent)
  return parent ? Math.min(parent.section.depth + 1, 6) : entry.depth
}

function lineAtDepth(entry: TemplateSection, depth: number): string {
  return '#'.repeat(depth) + ' ' + entry.title
}

function written(section: Section): string {
  return '#'.repeat(section.depth) + ' ' + section.title
}

function under(section: Section): string {
  return section.parent?.heading ? ` under \`${section.parent.title}\`` : ''
}

function settings(
  file: VFile,
  options: Options | null | undefined
): {template: Template; order: boolean; minimumCoverage: number} {
  const given = checkOptionKeys(file, id, options, ['aliases', 'optional', 'order', 'minimumCoverage'])
  const base = templateOf(file)

  const aliases: Record<string, string[]> = {}
  if (given.aliases !== undefined && given.aliases !== null) {
    if (typeof given.aliases !== 'object' || Array.isArray(given.aliases)) {
      failOption(file, id, 'aliases', given.aliases, 'an object from a template heading to a list of other titles')
    }
    for (const [title, value] of Object.entries(given.aliases)) {
      templateHeading(file, base, 'aliases', title)
      const list: unknown[] = Array.isArray(value) ? value : [value]
      if (list.some((alias) => typeof alias !== 'string' || alias.trim() === '')) {
        failOption(file, id, `aliases.${title}`, value, 'a list of non-empty titles')
      }
      aliases[title] = list as string[]
    }
  }

  let optional: string[] | undefined
  if (given.optional !== undefined && given.optional !== null) {
    if (!Array.isArray(given.optional) || given.optional.some((title) => typeof title !== 'string')) {
      failOption(file, id, 'optional', given.optional, 'a list of template headings')
    }
    optional = given.optional as string[]
    for (const title of optional) templateHeading(file, base, 'optional', title)
  }

  if (given.order !== undefined && given.order !== null && typeof given.order !== 'boolean') {
    failOption(file, id, 'order', given.order, '`true` or `false`')
  }

  const minimumCoverage = coverageThreshold(given.minimumCoverage)
  if (minimumCoverage === undefined) {
    failOption(file, id, 'minimumCoverage', given.minimumCoverage, 'a share of the template\'s sections from `0` to `1`, such as `0.25`')
  }

  const customised = Object.keys(aliases).length > 0 || optional
  return {
    template: customised ? resolveTemplate({aliases, optional}, base) : base,
    order: given.order === true,
    minimumCoverage
  }
}

function templateHeading(file: VFile, template: Template, option: string, title: string): void {
  if (template.find(title)) return
  // With no template configured, each runbook is checked against the
  // built-in layout closest to it: a heading of another built-in layout is
  // a heading the configuration may name.
  if (file.data.runbookLayout?.chosen === 'closest' && builtinLayouts.some((name) => builtinTemplate(name).find(title))) return
  const examples = template.all
    .slice(0, 3)
    .map((entry) => `\`${entry.title}\``)
    .join(', ')
  failOption(file, id, option, title, `a heading of the template, such as ${examples}`)
}
