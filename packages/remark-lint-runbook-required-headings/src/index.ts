/**
 * ## What is this?
 *
 * This rule checks that a runbook has the sections of its template, reading
 * the template as a guide rather than a tree to copy. It reports, in one run:
 *
 * * a missing required section, once, at the place where the fix inserts it
 *   (after its nearest earlier sibling, before its nearest later one, else
 *   before its parent's first subsection or at the end of its parent
 *   section), named at the level it takes there; when its subsections are
 *   missing too, the one message names them (`Missing required heading
 *   `## Monitoring and alerting`, with `### Metrics` and `### Health checks``);
 *   when they are there without it (a `### Business overview` right under the
 *   title), it is reported above them;
 * * a template heading at the wrong depth or under another template
 *   section, once, at that heading, saying where it belongs (it is not also
 *   reported missing); a section with nothing of its own to say is reported
 *   for that (`runbook-no-empty-sections`, `runbook-no-placeholders`), not
 *   for its place;
 * * lines written as headings without the space after their `#` marks
 *   (`###RabbitMQ Configuration`, `##Title##`), which Markdown reads as
 *   text: one message at the first, saying to put the space in (its quick
 *   fix does, on that line) and how many more there are; the sections are
 *   checked as the runbook reads once those lines are headings, so a
 *   section one of them gives is not asked for and every other gap is
 *   still named (without a quick fix: the fix waits for the spaces);
 * * a near miss (a typo such as `Trouble shooting` or `Helth checks`) with
 *   "did you mean";
 * * a template heading that appears twice under the same parent;
 * * with `order: true`, template sections out of the template's order.
 *
 * It does not ask for what a runbook answers in another way:
 *
 * * a section the layout only recommends: in `full`, the upstream layout
 *   that tells its users to remove what does not apply, only what a team
 *   cannot operate without is required (the owner and how to reach them, the
 *   dependencies, security and secrets, backup and restore, monitoring and
 *   health checks, deployment, troubleshooting, failover and recovery); the
 *   `required` option requires any of the rest;
 * * the subsections of a section that answers them in its own text (a
 *   folded section: the hours of every feature in `Hours of operation`, how
 *   health is checked in `Health checks`, the usual cycle in `Patching`, who
 *   takes backups in `System backup and restore`), and any subsection whose
 *   subject its parent's own text names (the dashboards and the health
 *   endpoint written in `Monitoring and alerting`); a sentence that only
 *   leads on to what follows (`The steps are below.`) answers nothing, and
 *   the owner and the dependencies are sections of their own;
 * * the rest of a topic that one of its sections says does not apply, with
 *   the reason: `No backups are required except for the code, which is in
 *   git` in `Backup requirements` answers `Backup procedures` and `Restore
 *   procedures` too;
 * * the subsections of a section that is answered another way (a
 *   `Health checks` answered by the monitoring section's text answers
 *   `Health of service` too), and those of a section that has nothing of
 *   its own to say yet (empty, or template text only): that section's one
 *   message names them;
 * * in a runbook split into one file per chapter, whose title is one of
 *   the template's groups (`# System characteristics`) and which holds that
 *   group's sections and no other group, the other chapters;
 * * the subsections of a section that says it does not apply, with the
 *   reason: a paragraph of its own text that opens with `N/A`, `Not
 *   applicable`, `Not required`, `Does not apply` or a sentence such as `No
 *   backups are required`, then the reason after a colon, a dash or
 *   `because` (`No backups are required: a fresh install is the only
 *   restoration needed`). A bare `N/A` is not enough
 *   (`runbook-no-empty-sections` asks for its reason).
 *
 * And it recognises sections as teams write them: a heading that names
 * several (`Log aggregation solution, metrics and health checks`), a long
 * title with one word dropped, added or changed, or in another order
 * (`Infrastructure and network overview`, `Required compute resources`), a
 * recovery plan wherever it is kept (the older upstream layout's `Failure
 * and Recovery Procedures`, with `Failover` and `Recovery`), a bare
 * `## Overview` holding the business and technical overviews (a later
 * `## System overview` about something else does not take its place), the
 * groups written `#` under a `#` title (one level for all: no message), a
 * title in the team's own words that says a section's subject (by the
 * section's vocabulary in the layout: `Service Contacts & Notification
 * Methods` is the owner, `CloudWatch` the metrics, `Applications and
 * services` the dependencies; listed in
 * [`docs/templates.md`](https://github.com/remark-runbook/remark-runbook/blob/main/docs/templates.md)),
 * a section of the team's own name read by its subsections (a
 * `## Troubleshooting` holding the metrics and health checks is the
 * monitoring group, a `## General overview` holding the business and
 * technical overviews the service overview: nothing is said about their
 * titles), a template section under a subsection of the team's own in the
 * right group (`#### Metrics` under `### Monitoring requirements` in
 * `Monitoring and alerting`), and the owner's contacts or the dependencies
 * kept elsewhere (`## Contact Details` at the end, `## External
 * dependencies` as a group of their own): all in their place. A typo still
 * gets "did you mean".
 *
 * A section the template wants is present wherever the runbook has it: an
 * alias or a title with a word changed, at any level, numbered or not; a
 * chapter named after one of a group's sections, with the group nowhere
 * (`## 6. Configuration management`), is the group and that section; a
 * template section under chapters of the team's own (`Deployment` under
 * `Maintenance Tasks`) is where the team keeps it. It is at most out of
 * place (under another template section), never missing, and the fix never
 * inserts it a second time.
 *
 * A runbook of its own layout (most of its top-level sections, four at
 * least, are none of the template's; or, no copy of the template, it keeps
 * fewer than three of its titles of two words or more and writes more of
 * its sections under titles of its own or other names, `Overview`,
 * `Incidents`, `Rollback`, than under the template's) is asked only for
 * what it really lacks, once each: the owner, unless a heading or a
 * labelled line gives it (`**Owner:** Payments team`, `| Team | Discovery
 * |`), monitoring and the operational tasks, unless a heading speaks of
 * them (`Dashboards`, `Incidents`, `Rollback`), and backup and restore of
 * a service that keeps data in a database; never the groups' subsections,
 * nor security or configuration (covered in its own words, or of no use
 * to an integration), and nothing is out of place.
 *
 * In `full`, a runbook with no overview at all (no business or technical
 * overview, and no text of the overview's own) is told so once, at the
 * business overview's place.
 *
 * A document of another shape (an alert playbook, an on-call guide, a
 * readme: headings or text of its own, and fewer than `minimumCoverage`,
 * a quarter by default, of the sections its layout requires) gets one short
 * warning instead, which does not fail a run under `error`: how many of those
 * sections it has, and how to leave it out. A readme or an index
 * (`README.md`, `index.md`) or a page of links of another shape gets none,
 * and so do a list of alerts and their runbooks, a short page that points
 * elsewhere, and, checked against the `alert` layout, a page about one
 * alert in a shape of its own (a title and steps, a checklist) or a page of
 * many alerts (one heading per alert). A page whose section labels are
 * written as text (`**Symptoms**`, `What to do:` above a list), two of the
 * layout's sections or more, is told once that they are not headings. A
 * runbook of its own layout that says it is one (`run-book.md`, `# Claims
 * run book`) and whose headings speak of three of the layout's groups
 * (`Deploying`, `Dashboards`, `Restoring the database`) is no other shape:
 * it is asked for what it really lacks, as above.
 * `remark-runbook --fix` leaves such a document alone by the same test,
 * with the same option. The other rules still check it (the owner's
 * contacts, fields, placeholders, secrets). An empty file, or one with
 * nothing but a title, is a runbook still to write: each missing section is
 * reported. An alert page whose every section is still unfilled (empty, or
 * the template's text and guidance only) is told so once, at its first
 * section, instead of each section and what it lacks.
 *
 * Where a message knows the fix, its `expected` is the text that replaces
 * the message's place, which is what editors offer as a quick fix (the
 * remark language server replaces the message's range with it, or inserts
 * it at its point). The edits come from the planner of
 * `remark-runbook --fix`, so the two cannot disagree:
 *
 * * a missing heading: a point, and the text the fix inserts there: the
 *   heading on a line of its own, a blank line before and after, with its
 *   `TODO:` line and the required subsections it must hold; above
 *   subsections that are there, the heading alone;
 * * a near miss: the title's range, and the template's title, as the fix
 *   renames with `rename: true` (numbering, emoji, anchors, a trailing colon
 *   or `{#id}` stay as written);
 * * a heading at the wrong level under the right parent, with no subsections
 *   of its own, and no section after it that would fall under it: its `#`
 *   markers (a setext heading's underline), and the markers of its level;
 *   its text stays as written, and `expected` quotes none of it. The fix
 *   makes the same change.
 *
 * A heading under another parent has none, and the fix leaves it where it
 * is (moving a section is for its owner to do): it inserts the section's
 * missing subsections into it as it stands, never a second copy of it. A
 * heading at the wrong level that has subsections, or that would take the
 * sections after it under it, has none either: changing its level would
 * move them.
 *
 * The template is the one the `remark-runbook-template` setting names. With
 * none (or `auto`), each runbook is checked against the built-in layout it
 * follows most closely: `default`, the shape of the "Run Book / System
 * Operation Manual" (six top-level sections, `##`, and their subsections,
 * `###`), or `full`, the longer upstream layout (recovery is in `Failover
 * and Recovery procedures` there, not in an `Application Recovery Plan`).
 * Closest means the fewest headings apart: the layout's required sections
 * the runbook lacks, plus its headings the layout does not know; a tie goes
 * to `default`. Every rule of the preset reads the same choice, and reporters
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
 * * `required` (`Array<string>`, optional): headings the layout only
 *   recommends that must be present, for example
 *   `["Throttling and partial shutdown"]` in `full`; the headings above them
 *   become required too, their subsections stay recommended
 * * `order` (`boolean`, default: `false`): report template sections that
 *   appear out of the template's order
 * * `minimumCoverage` (`number`, default: `0.25`): the share of the
 *   template's required sections (from `0` to `1`) below which a document with
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
 *   4:1: Missing required heading `## Monitoring and alerting`, with `### Metrics` and `### Health checks`, expected it at the end of the document
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
 *   5:1-5:28: Misplaced heading `### Monitoring and alerting` under `Operational tasks`, expected `## Monitoring and alerting` as a top-level section
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
 *   5:1-5:32: Misplaced heading `### Security and access control` under `System characteristics`, expected `## Security and access control` as a top-level section
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
 *   # Billing team: on-call handbook
 *
 *   ## Before your shift
 *
 *   Check that the pager reaches your phone.
 *
 *   ## Handing over
 *
 *   Write what is still open in the shift log.
 *
 *   ## Time off after a night call
 *
 *   Take the morning off after a page at night.
 *
 * @example
 *   {"name":"not-ok-other-shape.md","label":"output"}
 *
 *   3:1-3:21: Unexpected document with 0 of the 21 sections the `default` runbook layout requires, expected a runbook, or the file in `.remarkignore`
 *
 * @example
 *   {"name":"not-ok-labels.md","label":"input"}
 *
 *   # Payment webhook failures
 *
 *   **Symptoms**
 *
 *   - Merchants report missing payment notifications.
 *
 *   **Resolution**
 *
 *   1. Retry the deliveries: `./bin/webhooks retry --since 1h`.
 *
 * @example
 *   {"name":"not-ok-labels.md","label":"output"}
 *
 *   3:1-3:13: Unexpected section labels written as text (`Symptoms`, `Resolution`), expected headings such as `## Symptoms`: these look like the sections of the `alert` layout but are not headings
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
 *   {"name":"ok-folded.md","config":{"optional":["Service or system overview","Security and access control","System configuration","Monitoring and alerting","Operational tasks"]}}
 *
 *   # Billing API
 *
 *   ## System backup and restore
 *
 *   The platform team snapshots the database every night and restores it
 *   on request; this service keeps nothing else.
 *
 * @example
 *   {"name":"ok-not-applicable-beside.md","config":{"optional":["Service or system overview","Security and access control","System configuration","Monitoring and alerting","Operational tasks"]}}
 *
 *   # Billing API
 *
 *   ## System backup and restore
 *
 *   ### Backup requirements
 *
 *   Nothing needs a backup except the code, which is kept in git.
 *
 * @example
 *   {"name":"not-ok-parent-left-out.md","config":{"optional":["Security and access control","System configuration","System backup and restore","Monitoring and alerting","Operational tasks"]},"label":"input"}
 *
 *   # Billing API
 *
 *   ### Business overview
 *
 *   Takes card payments for the web shop.
 *
 *   ### Technical overview
 *
 *   A Node.js API on Kubernetes.
 *
 *   ### Service owner
 *
 *   The Payments team: payments@acme.io.
 *
 *   ### Contributing applications, daemons, services, middleware
 *
 *   PostgreSQL and RabbitMQ.
 *
 * @example
 *   {"name":"not-ok-parent-left-out.md","label":"output"}
 *
 *   3:1: Missing required heading `## Service or system overview` above its subsections, expected it before `Business overview`
 *
 * @example
 *   {"name":"ok-contacts-elsewhere.md","config":{"optional":["Business overview","Technical overview","Contributing applications, daemons, services, middleware","Security and access control","System configuration","System backup and restore","Monitoring and alerting","Operational tasks"]}}
 *
 *   # Billing API
 *
 *   ## Service or system overview
 *
 *   Takes card payments for the web shop.
 *
 *   ## Contact details
 *
 *   The Payments team: payments@acme.io, #payments on Slack.
 *
 * @example
 *   {"name":"ok-chapter.md"}
 *
 *   # Monitoring and alerting
 *
 *   ## Metrics
 *
 *   Request rate, errors and latency on the Billing dashboard.
 *
 *   ## Health checks
 *
 *   `GET /health` checks the database and the queue.
 *
 * @example
 *   {"name":"ok-house-names.md","config":{"optional":["Service or system overview","Security and access control","System configuration","System backup and restore","Operational tasks","Failover and Recovery procedures"]}}
 *
 *   # Billing API
 *
 *   ## Monitoring and alerting
 *
 *   ### Monitoring requirements
 *
 *   #### Metrics
 *
 *   Request rate, errors and latency on the Billing dashboard.
 *
 *   ### CloudWatch alarms
 *
 *   An alarm pages on call when `GET /health` fails three times.
 *
 * @example
 *   {"name":"ok-numbered-chapter.md","config":{"optional":["Service or system overview","Security and access control","System backup and restore","Monitoring and alerting","Operational tasks"]}}
 *
 *   # Billing API
 *
 *   ## 6. Configuration management
 *
 *   Helm values in the `deploy` repository.
 *
 *   ### 6.1 Secrets
 *
 *   HashiCorp Vault, read by the pods at start-up.
 *
 * @example
 *   {"name":"not-ok-unspaced.md","label":"input"}
 *
 *   ##Billing API
 *
 *   ###Deployment
 *
 *   Merging to `main` deploys.
 *
 * @example
 *   {"name":"not-ok-unspaced.md","label":"output"}
 *
 *   1:1-1:14: Unexpected `##Billing API`, which Markdown reads as text, expected a heading: put a space after `##`, here and on 1 more line
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
 *   1:1: Unexpected option `alias` for `runbook-required-headings`, expected one of `aliases`, `optional`, `required`, `order`, `minimumCoverage`
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
import {VFile} from 'vfile'
import {
  builtinLayouts,
  builtinTemplate,
  checkOptionKeys,
  coverageThreshold,
  editPlacer,
  failOption,
  checkedBySection,
  getContent,
  getRunbook,
  isReadmeOrIndex,
  otherShapeOf,
  missingGroup,
  toldMisplaced,
  unfilledPage,
  isAlertCatalogue,
  planFix,
  renameEdit,
  resolveTemplate,
  runbookRule,
  templateCoverage,
  templateOf,
  spacedReading,
  unspacedHeadings,
  atMostWarning,
  forgetRunbook,
  type FixEdit,
  type FixPlan,
  type Runbook,
  type RunbookContent,
  type Section,
  type SectionLabel,
  type SectionMatch,
  type Template,
  type TemplateCoverage,
  type TemplateSection,
  type UnspacedHeading
} from 'runbook-model'

export interface Options {
  /**
   * Extra titles to accept for template headings: a template heading (any
   * tolerated spelling) to a list of other titles.
   */
  readonly aliases?: Readonly<Record<string, ReadonlyArray<string> | string>> | null | undefined
  /** Template headings that need not be present (their subsections neither). */
  readonly optional?: ReadonlyArray<string> | null | undefined
  /** Template headings the layout only recommends that must be present (the headings above them too). */
  readonly required?: ReadonlyArray<string> | null | undefined
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
    const source = sourceOf(file)
    // Lines that are headings but for the space after their `#` marks: one
    // message says so, and the sections are asked for as the runbook reads
    // once they are headings (no section such a line gives is missing, and
    // every other gap is still named). Until then the fix leaves the file
    // alone, so these messages have no quick fix either.
    const unspaced = unspacedHeadings(tree, source)
    const reading = spacedReading(tree, source)
    if (!reading) {
      check(file, tree, source, {template, order, minimumCoverage})
      return
    }
    reportUnspaced(file, unspaced)
    const spaced = new VFile({path: file.path, value: reading.source})
    spaced.data = file.data
    // Another shape, once its headings read: the one message above is enough.
    check(spaced, reading.tree, reading.source, {template, order, minimumCoverage}, false)
    forgetRunbook(reading.tree)
    for (const found of spaced.messages) {
      const place = found.place && 'start' in found.place
        ? {start: reading.asWritten(found.place.start), end: reading.asWritten(found.place.end)}
        : found.place && reading.asWritten(found.place)
      const message = file.message(found.reason, place ? {place} : undefined)
      if (atMostWarnings.has(found)) atMostWarning(message)
    }
  }
)

const atMostWarnings = new WeakSet<object>()

function check(
  file: VFile,
  tree: Root,
  source: string,
  {template, order, minimumCoverage}: {template: Template; order: boolean; minimumCoverage: number},
  otherShape = true
): void {
  const runbook = getRunbook(tree, template)
  const coverage = templateCoverage(runbook)
  if (!checkedBySection(runbook, coverage, tree, file, minimumCoverage)) {
    if (!otherShape || isReadmeOrIndex(tree, file)) return
    const shape = otherShapeOf(tree, file, runbook)
    if (shape.kind === 'labels') reportLabels(file, tree, runbook, shape.labels)
    else if (shape.kind === 'other') reportOtherShape(file, tree, runbook)
    return
  }

  // Planned only for a file with something to fix: most have nothing.
  let planned: Fixes | undefined
  const fixes = (): Fixes => (planned ??= planFixes(source, runbook))
  let analysed: RunbookContent | undefined
  const content = (): RunbookContent => (analysed ??= getContent(runbook, file))

  // A catalogue of alert playbooks repeats an alert page's sections, one set per alert: its structure is the team's.
  const catalogue = template.definition.namedAfterFile === true && isAlertCatalogue(runbook.root, template)
  for (const match of runbook.matches) {
    if (catalogue) break
    if (match.duplicate) reportDuplicate(file, tree, runbook, match)
    else if (match.kind === 'near') reportNearMiss(file, tree, fixes(), match)
    else if (!match.placed && toldMisplaced(runbook, content(), match)) {
      reportMisplaced(file, tree, runbook, fixes(), match)
    }
  }

  // A stub (every section unfilled) is told so once, not what it lacks
  // nor each section (the content rules leave it to this message).
  const stub = runbook.matches.length > 0 && unfilledPage(runbook, content())
  if (stub) reportUnfilled(file, tree, runbook)
  for (const entry of stub ? [] : template.all) {
    if (runbook.find(entry) || !runbook.required(entry)) continue
    // A missing group is one message, at its highest missing section.
    if (missingGroup(runbook, entry.parent)) continue
    // A section that says nothing yet is one message (empty, or template
    // text only), which names what it must hold: not one per subsection.
    const parent = entry.parent ? runbook.find(entry.parent) : undefined
    if (parent && content().unwritten(parent.section)) continue
    reportMissing(file, runbook, fixes(), entry)
  }

  if (order) reportOrder(file, tree, runbook)
}

export default remarkLintRunbookRequiredHeadings

/**
 * A document that follows too little of the template to be a copy of it (an
 * alert playbook, a guide): one short message instead of one per section,
 * saying what it lacks and how to leave it out. The fix leaves such a
 * document alone too, unless `minimumCoverage` is lowered. The message is at
 * its first section (or text) below the title, so that
 * `<!-- lint disable ... -->` under the title turns it off.
 */
function reportOtherShape(file: VFile, tree: Root, runbook: Runbook): void {
  // The layout's own count, whatever this document answers in other ways.
  const required = runbook.template.all.filter((entry) => !entry.optional)
  const found = required.filter((entry) => runbook.find(entry)).length
  const heading = runbook.sections.find((section) => section.depth >= runbook.topDepth)?.heading
  const text = [runbook.root, ...runbook.sections]
    .flatMap((section) => section.body)
    .find((node) => node.type !== 'yaml' && node.type !== 'html' && (node.type as string) !== 'toml')
  const message = file.message(
    `Unexpected document with ${found} of the ${required.length} sections the \`${runbook.template.name}\` runbook layout requires, expected a runbook, or the file in \`.remarkignore\``,
    heading?.position
      ? {ancestors: [tree, heading], place: heading.position}
      : {place: text?.position?.start ?? runbook.root.start}
  )
  atMostWarnings.add(atMostWarning(message))
}

/**
 * A page whose every section is empty or holds only template text (see
 * `unfilledPage`): one message, at its first section, so that
 * `<!-- lint disable ... -->` under the title turns it off.
 */
function reportUnfilled(file: VFile, tree: Root, runbook: Runbook): void {
  const sections = runbook.sections.filter((section) => section.heading && section.depth >= runbook.topDepth)
  const heading = sections[0]?.heading
  file.message(
    `Unexpected unfilled page: its ${sections.length === 1 ? 'one section is empty or holds' : `${sections.length} sections are empty or hold`} only template text or placeholders, expected the team's own text`,
    heading?.position ? {ancestors: [tree, heading], place: heading.position} : {place: runbook.root.start}
  )
}

/**
 * A page that writes its sections as labels in paragraphs of their own
 * (`**Symptoms**`, `What to do:`) has them, but not as headings: one
 * message at the first, naming them, instead of what it lacks.
 */
function reportLabels(file: VFile, tree: Root, runbook: Runbook, labels: ReadonlyArray<SectionLabel>): void {
  const first = labels[0]!
  const names = labels.slice(0, 4).map((label) => `\`${label.text}\``)
  const more = labels.length > 4 ? ` and ${labels.length - 4} more` : ''
  const marks = '#'.repeat(Math.max(runbook.topDepth, 2))
  const message = file.message(
    `Unexpected section labels written as text (${names.join(', ')}${more}), expected headings such as \`${marks} ${first.text}\`: these look like the sections of the \`${runbook.template.name}\` layout but are not headings`,
    first.node.position ? {ancestors: [tree, first.node], place: first.node.position} : undefined
  )
  atMostWarnings.add(atMostWarning(message))
}

function planFixes(source: string, runbook: Runbook): Fixes {
  return {source, plan: planFix(runbook, source), place: editPlacer(source)}
}

/** The text the tree was parsed from: the parser skips a byte order mark, so the tree's offsets start after it. */
function sourceOf(file: VFile): string {
  const text = String(file)
  return text.charCodeAt(0) === 0xfe_ff ? text.slice(1) : text
}

/**
 * Lines written as headings without the space after their `#` marks: one
 * message, at the first, saying what to write (the quick fix writes it
 * there) and how many more there are. The runbook's sections are not asked
 * for until they read as headings.
 */
function reportUnspaced(file: VFile, unspaced: ReadonlyArray<UnspacedHeading>): void {
  const first = unspaced[0]!
  const shown = first.text.length > 60 ? first.text.slice(0, 59) + '…' : first.text
  const more = unspaced.length - 1
  const others = more === 0 ? '' : `, here and on ${more} more line${more === 1 ? '' : 's'}`
  const message = file.message(
    `Unexpected \`${shown}\`, which Markdown reads as text, expected a heading: put a space after \`${first.marks}\`${others}`,
    {place: first.position}
  )
  message.expected = [first.heading]
}

/**
 * A missing heading is reported where the fix inserts it, with the fix's
 * text as `expected`: the heading on a line of its own, blank lines around
 * it, its `TODO:` line, and the subsections it must hold, named in the
 * message (one message for the group). A heading whose subsections are
 * there without it is reported above them; the fix inserts the heading
 * alone.
 */
function reportMissing(file: VFile, runbook: Runbook, fixes: Fixes, entry: TemplateSection): void {
  // An insertion the fix refuses (its place is inside a block left open)
  // still gives the place, but no quick fix.
  const planned = fixes.plan.insertionOf(entry)
  const refusal = planned ? undefined : fixes.plan.refusalOf(entry)
  const edit = planned ?? refusal?.edit
  const implied = runbook.implied(entry)
  if (implied.length > 0) {
    const first = implied[0]!
    const message = file.message(
      `Missing required heading \`${lineAtDepth(entry, first.depth - 1)}\` above its subsections, expected it before \`${first.title}\``,
      {place: edit ? fixes.place(edit) : first.start}
    )
    if (planned) message.expected = [planned.text]
    return
  }
  // Not reached: a missing heading's highest missing ancestor (or itself)
  // is top-level, which the fix inserts, or under a section that is found.
  if (!edit) {
    file.message(`Missing required heading \`${entry.line}\`, expected it in the document`, {place: runbook.root.end})
    return
  }

  const {relation, section} = edit.anchor!
  const where =
    relation === 'end'
      ? section.heading
        ? `at the end of \`${section.title}\``
        : 'at the end of the document'
      : `${relation} \`${section.title}\``

  const parentMatch = entry.parent ? runbook.find(entry.parent) : undefined
  const inParent = parentMatch && relation !== 'end' ? ` in \`${parentMatch.section.title}\`` : ''
  const holds = subsections(runbook, entry, edit.depth)
  const message = file.message(
    `Missing required heading \`${lineAtDepth(entry, edit.depth)}\`${inParent}${holds}, expected it ${where}${elsewhere(runbook, entry)}${alternatives(runbook, entry, edit.depth)}${leftOpen(refusal)}`,
    {place: fixes.place(edit)}
  )
  if (planned) message.expected = [planned.text]
}

/**
 * Where a page ends inside a block left open (a code fence cut off with the
 * page): everything after its start is the block's text, headings too, so
 * the owner is told to close it, not only that the section is missing.
 */
function leftOpen(refusal: {readonly block?: string} | undefined): string {
  return refusal?.block ? ` (${refusal.block} is never closed: the rest of the page is inside it)` : ''
}

/** The subsections a missing heading must hold, as the fix writes them: `, with `### Metrics` and `### Health checks``. */
function subsections(runbook: Runbook, entry: TemplateSection, depth: number): string {
  const lines: string[] = []
  const visit = (parent: TemplateSection, at: number): void => {
    for (const child of parent.sections) {
      if (runbook.find(child) || !runbook.required(child)) continue
      lines.push(`\`${lineAtDepth(child, at)}\``)
      visit(child, at + 1)
    }
  }
  visit(entry, depth + 1)
  return lines.length === 0 ? '' : `, with ${list(lines)}`
}

/** Where the subsections of a missing heading that the runbook has are: ` (`Backup procedures` is under `System configuration`)`. */
function elsewhere(runbook: Runbook, entry: TemplateSection): string {
  const found = new Map<string, string[]>()
  const visit = (parent: TemplateSection): void => {
    for (const child of parent.sections) {
      const match = runbook.find(child)
      if (match) {
        const place = match.section.parent?.heading ? `under \`${match.section.parent.title}\`` : 'at the top'
        found.set(place, [...(found.get(place) ?? []), `\`${match.section.title}\``])
      } else {
        visit(child)
      }
    }
  }
  visit(entry)
  if (found.size === 0) return ''
  const parts = [...found].map(([place, titles]) => `${list(titles)} ${titles.length === 1 ? 'is' : 'are'} ${place}`)
  return ` (${parts.join('; ')})`
}

/**
 * For a section needed as one of those that describe the service (see
 * `SectionDefinition.describes`): what would do instead.
 */
function alternatives(runbook: Runbook, entry: TemplateSection, depth: number): string {
  if (!entry.describes || !entry.recommended || !entry.parent) return ''
  const others = entry.parent.sections.filter((sibling) => sibling !== entry && sibling.describes).map((sibling) => `\`${lineAtDepth(sibling, depth)}\``)
  const parent = runbook.find(entry.parent)
  const ways = [...others, ...(parent ? [`text under \`${parent.section.title}\``] : [])]
  return ` (${ways.length > 0 ? `or ${ways.join(', or ')}: ` : ''}nothing says what the service is)`
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: ReadonlyArray<string>): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/**
 * A heading at the wrong level under the right parent gets the fix's change
 * of its `#` markers as its quick fix, when the fix makes it: when nothing
 * else moves (the heading has no subsections, and no section after it would
 * fall under it). Elsewhere, the heading stays where its owner put it.
 */
function reportMisplaced(file: VFile, tree: Root, runbook: Runbook, fixes: Fixes, match: SectionMatch): void {
  const {section, entry} = match
  const heading = section.heading!
  const actual = `\`${written(section)}\``
  const depth = expectedDepth(runbook, entry)
  const parentMatch = entry.parent ? runbook.find(entry.parent) : undefined
  const underRightParent = entry.parent ? parentMatch?.section === section.parent : section.depth !== runbook.topDepth

  // Under another name (`## Contact Details` for the owner), the message
  // says which section it stands for.
  const it = match.kind === 'title' ? 'it' : `it, the \`${entry.title}\` section,`
  let reason: string
  if (!entry.parent) {
    reason = `Misplaced heading ${actual}${under(runbook, section)}, expected \`${lineAtDepth(entry, depth)}\` as a top-level section`
  } else if (underRightParent) {
    reason = `Misplaced heading ${actual}, expected \`${lineAtDepth(entry, depth)}\` directly under \`${parentMatch!.section.title}\``
  } else {
    const parent = parentMatch ? `\`${parentMatch.section.title}\`` : `\`${entry.parent.line}\`, which is missing`
    reason = `Misplaced heading ${actual}${under(runbook, section)}, expected ${it} under ${parent}`
  }

  const edit = fixes.plan.levelOf(entry)
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

/** Where a heading is, for messages: ` under `Operational tasks``; nothing at the top level (under the title). */
function under(runbook: Runbook, section: Section): string {
  const parent = section.parent
  return parent?.heading && parent.depth >= runbook.topDepth ? ` under \`${parent.title}\`` : ''
}

function settings(
  file: VFile,
  options: Options | null | undefined
): {template: Template; order: boolean; minimumCoverage: number} {
  const given = checkOptionKeys(file, id, options, ['aliases', 'optional', 'required', 'order', 'minimumCoverage'])
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

  const optional = headingList(file, base, 'optional', given.optional)
  const required = headingList(file, base, 'required', given.required)

  if (given.order !== undefined && given.order !== null && typeof given.order !== 'boolean') {
    failOption(file, id, 'order', given.order, '`true` or `false`')
  }

  const minimumCoverage = coverageThreshold(given.minimumCoverage)
  if (minimumCoverage === undefined) {
    failOption(file, id, 'minimumCoverage', given.minimumCoverage, 'a share of the template\'s sections from `0` to `1`, such as `0.25`')
  }

  const customised = Object.keys(aliases).length > 0 || optional || required
  return {
    template: customised ? resolveTemplate({aliases, optional, required}, base) : base,
    order: given.order === true,
    minimumCoverage
  }
}

/** A list of template headings (`optional`, `required`), each checked; `undefined` when not given. */
function headingList(file: VFile, template: Template, option: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.some((title) => typeof title !== 'string')) {
    failOption(file, id, option, value, 'a list of template headings')
  }
  for (const title of value as string[]) templateHeading(file, template, option, title)
  return value as string[]
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
