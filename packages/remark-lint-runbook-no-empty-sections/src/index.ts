/**
 * ## What is this?
 *
 * This rule reports a section with nothing in it: no text at all, or only
 * HTML comments and thematic breaks. The template's sections and the team's
 * own are checked alike (a house `## Known issues` or `## CI/CD` with
 * nothing under it is empty too), the document's title aside. The message is at the section's heading
 * and says what the section should hold.
 *
 * A parent whose content is its subsections is not empty, unless they are
 * empty too: a section of headings and nothing else (a `### Deployment`
 * whose deeper headings are all empty) is reported once, at its heading, and
 * its subsections are not reported again. An empty template section followed
 * by sections of the team's own at its level says so: they may be its
 * content, written a level too high. An empty template section whose
 * required subsections are missing is left to `runbook-required-headings`,
 * which reports them with the fix.
 *
 * A note that a section does not apply is content when it gives the reason
 * (`N/A: this service stores no data, so there is nothing to back up`); a bare
 * `N/A`, `-`, `none` or `not applicable` is reported, asking for the reason,
 * in a template section the runbook must have (in one the layout only
 * recommends, or in a section of the team's own such as `Contains personal
 * data`, `None` or `No` is an answer).
 *
 * A section whose only text is the template's (its prompt, its example, a
 * `TODO` or `TBA` line) is not reported here: `runbook-no-placeholders`
 * reports it, once, at that text, saying it is the section's only text. A
 * template field without a value (`**Service or system name:**`) is left to
 * `runbook-filled-fields`. So an unfilled section gets one message, not one
 * per rule.
 *
 * ## When should I use this?
 *
 * On runbooks copied from the template. It is part of `remark-preset-runbook`,
 * with severity `warn`.
 *
 * ## API
 *
 * ### `unified().use(remarkLintRunbookNoEmptySections[, options])`
 *
 * Warn for each section with nothing in it.
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
 * * `all` (`boolean`, default: `true`): check every section; `false` checks
 *   only the template's
 *
 * ## Recommendation
 *
 * Rather than deleting a section that does not apply, say why it does not:
 * the next reader then knows it was considered.
 *
 * @example
 *   {"name":"ok.md"}
 *
 *   ## System backup and restore
 *
 *   ### Backup requirements
 *
 *   N/A: this service stores no data, so there is nothing to back up.
 *
 *   ### Backup procedures
 *
 *   None needed, see above.
 *
 *   ### Restore procedures
 *
 *   Redeploy; there is no state to restore.
 *
 *   ## Contains personal data
 *
 *   No
 *
 * @example
 *   {"name":"not-ok.md","label":"input"}
 *
 *   ## Monitoring and alerting
 *
 *   ### Metrics
 *
 *   > What does it measure?
 *
 *   _(e.g. request rate and errors)_
 *
 *   ### Health checks
 *
 *   <!-- to do -->
 *
 *   ---
 *
 *   ## Operational tasks
 *
 *   ### Deployment
 *
 *   N/A
 *
 *   ### Troubleshooting
 *
 *   TBA
 *
 * @example
 *   {"name":"not-ok.md","label":"output"}
 *
 *   9:1-9:18: Unexpected empty section `Health checks`, expected how the health of the service and its dependencies is checked
 *   19:1-19:4: Unexpected bare `N/A` in `Deployment`, expected the reason it does not apply (such as `N/A: this service stores no data`) or how the software is deployed and rolled back
 *
 * @example
 *   {"name":"not-ok-headings-only.md","label":"input"}
 *
 *   ## Operational tasks
 *
 *   ### Deployment
 *
 *   #### Staging
 *
 *   #### Production
 *
 *   ##### Rollback
 *
 *   ### Troubleshooting
 *
 *   Restart the pod, then read the logs.
 *
 * @example
 *   {"name":"not-ok-headings-only.md","label":"output"}
 *
 *   3:1-3:15: Unexpected empty section `Deployment`, with only empty subsections, expected how the software is deployed and rolled back
 *
 * @example
 *   {"name":"not-ok-one-level-up.md","label":"input"}
 *
 *   ## Operational tasks
 *
 *   ### Deployment
 *
 *   ### First release
 *
 *   Run `make bootstrap` once.
 *
 *   ### Later releases
 *
 *   Merge to `main`.
 *
 * @example
 *   {"name":"not-ok-one-level-up.md","label":"output"}
 *
 *   3:1-3:15: Unexpected empty section `Deployment`, expected how the software is deployed and rolled back (if `First release` and `Later releases` belong to it, make them subsections)
 *
 * @example
 *   {"name":"not-ok-house.md","label":"input"}
 *
 *   ## Vendor contracts
 *
 *   ## Glossary
 *
 *   SLO: service level objective.
 *
 * @example
 *   {"name":"not-ok-house.md","label":"output"}
 *
 *   1:1-1:20: Unexpected empty section `Vendor contracts`, expected your own text
 *
 * @example
 *   {"name":"ok-template-only.md","config":{"all":false}}
 *
 *   ## Vendor contracts
 *
 *   ## Glossary
 *
 *   SLO: service level objective.
 *
 * @example
 *   {"name":"not-ok-options.md","config":{"all":"yes"},"label":"input"}
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-options.md","label":"output"}
 *
 *   1:1: Unexpected value `"yes"` for option `all` of `runbook-no-empty-sections`, expected `true` or `false`
 */

import type {VFile} from 'vfile'
import {
  checkOptionKeys,
  failOption,
  getContent,
  unfilledPage,
  purposeOf,
  runbookOf,
  runbookRule,
  type Runbook,
  type Section
} from 'runbook-model'

export interface Options {
  /** Check every section, not only the template's (default: `false`). */
  readonly all?: boolean | null | undefined
}

const id = 'no-empty-sections'

const remarkLintRunbookNoEmptySections = runbookRule<Options>(
  {id, description: 'Report template sections with nothing in them but template text'},
  (tree, file, options) => {
    const all = settings(file, options)
    const runbook = runbookOf(tree, file)
    const content = getContent(runbook, file)
    // A page with nothing written yet is told so once, by runbook-required-headings.
    if (unfilledPage(runbook, content)) return

    // A section reported as empty, subsections and all: nothing below it is
    // reported again.
    let reported: Section | undefined

    for (const section of runbook.sections) {
      const heading = section.heading!
      if (reported && within(section, reported)) continue
      const match = runbook.matchOf(section)
      // A document's title alone is no section of the team's to fill.
      if (!match && (!all || heading.depth === 1)) continue
      const body = content.of(section)
      const purpose = purposeOf(runbook, section)

      // A parent whose content is its subsections is not empty, unless they
      // are empty too: headings and nothing else.
      if (section.children.length > 0) {
        if (!content.hollow(section)) continue
        reported = section
        file.message(
          `Unexpected empty section \`${section.title}\`, with only empty subsections, expected ${purpose}`,
          {ancestors: [tree, heading], place: heading.position}
        )
        continue
      }

      // A section with template text and nothing else is reported once, by
      // `runbook-no-placeholders`, at that text (and an unfilled field by
      // `runbook-filled-fields`): here only what has nothing to point at.
      if (body.empty) {
        // Its missing subsections are part of this one finding
        // (`runbook-required-headings` leaves them to it).
        const hint = match ? holds(runbook, section) || followers(runbook, section) : ''
        file.message(`Unexpected empty section \`${section.title}\`, expected ${purpose}${hint}`, {
          ancestors: [tree, heading],
          place: heading.position
        })
      } else if (body.bare && match && !match.entry.optional) {
        // In a section the runbook need not have, `None` is an answer.
        file.message(
          `Unexpected bare \`${body.bare.value}\` in \`${section.title}\`, expected the reason it does not apply (such as \`N/A: this service stores no data\`) or ${purpose}`,
          {ancestors: [tree, body.bare.node], place: body.bare.node.position}
        )
      }
    }
  }
)

export default remarkLintRunbookNoEmptySections

function within(section: Section, ancestor: Section): boolean {
  for (let above = section.parent; above; above = above.parent) if (above === ancestor) return true
  return false
}

/**
 * The subsections an empty template section must hold and lacks, as
 * `runbook-required-headings` would name them: `, with `### Metrics` and
 * `### Health checks``; for a section whose own text may answer them, that
 * text or them.
 */
function holds(runbook: Runbook, section: Section): string {
  const entry = runbook.matchOf(section)!.entry
  const missing = entry.sections
    .filter((child) => !runbook.find(child) && runbook.required(child))
    .map((child) => `\`${'#'.repeat(Math.min(section.depth + 1, 6))} ${child.title}\``)
  if (missing.length === 0) return ''
  const names = missing.length < 2 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`
  return entry.folds ? `, in its own text or in ${names}` : `, with ${names}`
}

/**
 * The sections of the team's own right after an empty template section, at
 * its level: often its content, written a level too high
 * (`### First time deployment` after an empty `### Deployment`).
 */
function followers(runbook: Runbook, section: Section): string {
  const siblings = section.parent?.children ?? []
  const own: string[] = []
  for (const sibling of siblings.slice(siblings.indexOf(section) + 1)) {
    if (runbook.matchOf(sibling)) break
    own.push(`\`${sibling.title}\``)
  }
  if (own.length === 0) return ''
  const names = own.length < 2 ? own[0]! : `${own.slice(0, -1).join(', ')} and ${own.at(-1)}`
  return ` (if ${names} belong${own.length === 1 ? 's' : ''} to it, make ${own.length === 1 ? 'it a subsection' : 'them subsections'})`
}

function settings(file: VFile, options: Options | null | undefined): boolean {
  const given = checkOptionKeys(file, id, options, ['all'])
  if (given.all !== undefined && given.all !== null && typeof given.all !== 'boolean') {
    failOption(file, id, 'all', given.all, '`true` or `false`')
  }
  return given.all !== false
}
