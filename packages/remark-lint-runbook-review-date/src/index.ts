/**
 * ## What is this?
 *
 * This rule checks that a runbook was reviewed recently, from the date in its
 * YAML (`---`) or TOML (`+++`) front matter, or else from a line of its text
 * such as `Last review date: 3rd May 2019`. Runbooks rot: the commands,
 * hosts and contacts in a runbook nobody has read for a year are the ones
 * that fail during an incident.
 *
 * It reads these top-level keys (any spelling: `last_reviewed`,
 * `last-reviewed`, `lastReviewed`, `LastReviewed` are one key):
 *
 * * the date of the last review: `last_reviewed`, `last_reviewed_on`,
 *   `last_review`, `last_review_date`, `reviewed`, `reviewed_on`;
 * * a review-by date: `review_by`, `next_review`, `next_review_date`,
 *   `review_due`;
 * * a review period, counted from the last review: `review_in`,
 *   `review_every`, `review_interval` (`6 months`, `90 days`, `2 weeks`,
 *   `1 year`, or a number of days).
 *
 * When the front matter has no review date, the same keys are read as
 * labels of lines in the text, anywhere but in code: `Last reviewed:
 * 2026-10-01`, `**Last review date:** 3 May 2019`, `_Next review: May 1,
 * 2027_`. Dates written by hand may be `YYYY-MM-DD`, `3 May 2019`, `3rd of
 * May, 2019` or `May 3, 2019`, and any ordinal suffix is taken (`3nd` is a
 * common typo for `3rd`). A month alone (`December 2024`, `Dec 2024`) is
 * read too, as late in the month as it may be: its age is at least the one
 * given, shown as `2024-12`. A stand-in such as `_date, e.g. 2024-12-15_`,
 * `[YYYY-MM-DD]` or `TBD` is not a date: when the runbook gives no real one,
 * it is reported as the template's placeholder (and by this rule only);
 * other values with a digit that are not such a date are reported as
 * invalid.
 *
 * and reports:
 *
 * * a last review older than the review period, or than `maxAge` days
 *   (default 180) when there is none, with its age;
 * * a review-by date that has passed (it then replaces `maxAge`: the
 *   runbook's own schedule wins);
 * * a last review in the future (a typo in the year, most often); a
 *   review-by date in the future is what it should be;
 * * a value that is not a date (or a period), naming the key and the value;
 * * front matter that is not valid YAML or TOML, with its line, as the
 *   other rules cannot read it either;
 * * with `required: true`, a runbook with no review date at all;
 * * a runbook with no review date whose own date of last change
 *   (`last_updated`, `updated`, `lastmod` in the front matter, or a line
 *   such as `Last Updated: March 3, 2025` or `_Updated on: 2025-03-03_`) is
 *   older than `maxAge`: a note (severity info, whatever the rule's), not a
 *   warning. An edit is not a review, and a page nobody needed to change may
 *   still be right, so it fails no build; but its owner would want to know
 *   that nobody has touched it for that long, and how to record a review.
 *   Only runbooks get it: not a readme or an index of runbooks (by its
 *   name, a page of links, a list of alerts and their pages) nor a page that
 *   only points elsewhere, unless it follows the runbook's layout.
 *
 * Front matter dates are `YYYY-MM-DD`, optionally followed by a time (other
 * tools read front matter too). Days are counted in UTC. Each message is at
 * the key's line, in the front matter or in the text.
 *
 * It also records the dates it read on `file.data.runbookReview`
 * (`reviewed`, `age` in days, `reviewBy`, `dueIn` in days), so that a report
 * can show how old every runbook's review is, not only the stale ones.
 *
 * ## When should I use this?
 *
 * Use it when your runbooks carry a review date, and turn on `required` when
 * every runbook must. It is part of `remark-preset-runbook`, with severity
 * `warn`: a stale runbook is a task, not a broken build (`remark --frail`
 * fails on it).
 *
 * ## API
 *
 * ### `unified().use(remarkLintRunbookReviewDate[, options])`
 *
 * Warn when a runbook's review date is too old, in the future, or invalid.
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
 * * `maxAge` (`number`, default: `180`): days after the last review
 *   before a runbook is stale, when it has no review period of its own
 * * `now` (`string`, optional): today as `YYYY-MM-DD` (default: the
 *   current date), to make results repeatable
 * * `required` (`boolean`, default: `false`): report a runbook that has
 *   no review date
 * * `reviewedKeys`, `reviewByKeys`, `reviewInKeys`, `updatedKeys`
 *   (`Array<string>`, optional): the keys to read instead of the defaults
 *   above (`updatedKeys`: `last_updated`, `last_updated_on`, `updated`,
 *   `updated_on`, `last_modified`, `last_modified_on`, `lastmod`,
 *   `last_edited`)
 *
 * An unknown option or a value of the wrong type stops the file with a fatal
 * message naming the option, the value and what is allowed.
 *
 * ## Recommendation
 *
 * Put `last_reviewed: YYYY-MM-DD` in every runbook's front matter and
 * update it whenever someone has walked through the runbook, even when
 * nothing changed. Teams that review on a schedule can add `review_in`.
 * A date in the text is read as well, but front matter is what other tools
 * (site generators, search) understand.
 *
 * @example
 *   {"name":"ok.md","config":{"now":"2026-11-24"}}
 *
 *   ---
 *   owner: payments
 *   last_reviewed: 2026-10-01
 *   ---
 *
 *   # Billing API
 *
 * @example
 *   {"name":"ok-schedule.md","config":{"now":"2026-11-24"}}
 *
 *   ---
 *   last_reviewed_on: 2025-10-07
 *   review_in: 18 months
 *   ---
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-stale.md","config":{"now":"2026-11-24"},"label":"input"}
 *
 *   ---
 *   owner: payments
 *   lastReviewed: 2025-01-10
 *   ---
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-stale.md","label":"output"}
 *
 *   3:1-3:25: Unexpected review date `2025-01-10`, 683 days ago, expected a review within 180 days
 *
 * @example
 *   {"name":"not-ok-schedule.md","config":{"now":"2026-11-24"},"label":"input"}
 *
 *   ---
 *   last_reviewed_on: 2025-10-07
 *   review_in: 6 months
 *   ---
 *
 * @example
 *   {"name":"not-ok-schedule.md","label":"output"}
 *
 *   2:1-2:29: Unexpected review date `2025-10-07`, 413 days ago, expected a review within 6 months (`review_in`), by 2026-04-07
 *
 * @example
 *   {"name":"not-ok-review-by.md","config":{"now":"2026-11-24"},"label":"input"}
 *
 *   +++
 *   owner = "payments"
 *   review_by = 2026-09-30
 *   +++
 *
 * @example
 *   {"name":"not-ok-review-by.md","label":"output"}
 *
 *   3:1-3:23: Unexpected review-by date `2026-09-30`, 55 days ago, expected the runbook reviewed by then and the date moved forward
 *
 * @example
 *   {"name":"not-ok-future.md","config":{"now":"2026-11-24"},"label":"input"}
 *
 *   ---
 *   last-reviewed: 2062-11-01
 *   ---
 *
 * @example
 *   {"name":"not-ok-future.md","label":"output"}
 *
 *   2:1-2:26: Unexpected review date `2062-11-01`, 13126 days in the future, expected the date of the last review
 *
 * @example
 *   {"name":"not-ok-invalid.md","config":{"now":"2026-11-24"},"label":"input"}
 *
 *   ---
 *   reviewed: last spring
 *   review_in: soon
 *   ---
 *
 * @example
 *   {"name":"not-ok-invalid.md","label":"output"}
 *
 *   2:1-2:22: Unexpected value `last spring` for `reviewed`, expected a date such as `2026-11-24`
 *   3:1-3:16: Unexpected value `soon` for `review_in`, expected a period such as `6 months` or `90 days`
 *
 * @example
 *   {"name":"not-ok-yaml.md","label":"input"}
 *
 *   ---
 *   title: Billing: API
 *   last_reviewed: 2026-10-01
 *   ---
 *
 * @example
 *   {"name":"not-ok-yaml.md","label":"output"}
 *
 *   2:8: Unexpected invalid YAML front matter on line 2: Nested mappings are not allowed in compact mappings, expected valid YAML
 *
 * @example
 *   {"name":"not-ok-missing.md","config":{"required":true,"now":"2026-11-24"},"label":"input"}
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-missing.md","label":"output"}
 *
 *   1:1: Missing review date, expected front matter such as `last_reviewed: 2026-11-24` at the start of the file
 *
 * @example
 *   {"name":"not-ok-body.md","config":{"now":"2026-11-24"},"label":"input"}
 *
 *   # Billing API
 *
 *   _Last review date: 3nd May 2019_
 *
 *   ## Review
 *
 *   Review every: 6 months
 *
 * @example
 *   {"name":"not-ok-body.md","label":"output"}
 *
 *   3:1-3:33: Unexpected review date `2019-05-03`, 2762 days ago, expected a review within 6 months (`Review every`), by 2019-11-03
 *
 * @example
 *   {"name":"not-ok-body-month.md","config":{"now":"2026-11-24"},"label":"input"}
 *
 *   # Billing API
 *
 *   _Last reviewed: May 2025_
 *
 * @example
 *   {"name":"not-ok-body-month.md","label":"output"}
 *
 *   3:1-3:26: Unexpected review date `2025-05`, at least 542 days ago, expected a review within 180 days
 *
 * @example
 *   {"name":"not-ok-body-invalid.md","config":{"now":"2026-11-24"},"label":"input"}
 *
 *   # Billing API
 *
 *   * **Last reviewed:** 31st Febuary 2026
 *
 * @example
 *   {"name":"not-ok-body-invalid.md","label":"output"}
 *
 *   3:3-3:39: Unexpected value `31st Febuary 2026` for `Last reviewed`, expected a date such as `2026-11-24`
 *
 * @example
 *   {"name":"ok-body.md","config":{"now":"2026-11-24"}}
 *
 *   # Billing API
 *
 *   Last reviewed: October 1st, 2026 by the payments team.
 *
 *   Reviewed: _date, e.g. 2024-12-15_ by _documentation owner_
 *
 *   ```
 *   last_reviewed: 2001-01-01
 *   ```
 *
 * @example
 *   {"name":"not-ok-body-placeholder.md","config":{"now":"2026-11-24"},"label":"input"}
 *
 *   # Billing API
 *
 *   **Next review date:** [YYYY-MM-DD]
 *
 * @example
 *   {"name":"not-ok-body-placeholder.md","label":"output"}
 *
 *   3:1-3:35: Unexpected placeholder `[YYYY-MM-DD]` for `Next review date`, expected a date such as `2026-11-24`
 *
 * @example
 *   {"name":"not-ok-last-updated.md","config":{"now":"2026-11-24"},"label":"input"}
 *
 *   # PaymentsQueueBacklog
 *
 *   Last Updated: March 3, 2025
 *
 *   ## Meaning
 *
 *   More than 1,000 payments wait in the queue.
 *
 *   ## Impact
 *
 *   Customers see their payments as pending.
 *
 *   ## Diagnosis
 *
 *   Check the consumers' logs for errors.
 *
 *   ## Mitigation
 *
 *   Scale the consumers up: `kubectl scale deploy/payments-consumer --replicas=6`.
 *
 * @example
 *   {"name":"not-ok-last-updated.md","label":"output"}
 *
 *   3:1-3:28: Unexpected last update `2025-03-03` (`Last Updated`), 631 days ago, and no review date, expected a review within 180 days, recorded as `last_reviewed: 2026-11-24`
 *
 * @example
 *   {"name":"ok-last-updated.md","config":{"now":"2026-11-24"}}
 *
 *   ---
 *   last_reviewed: 2026-10-01
 *   last_updated: 2024-01-15
 *   ---
 *
 *   # Billing API
 *
 *   _Updated on: 2026-09-30_
 *
 * @example
 *   {"name":"ok-not-required.md"}
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-options.md","config":{"now":"24/11/2026"},"label":"input"}
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-options.md","label":"output"}
 *
 *   1:1: Unexpected value `"24/11/2026"` for option `now` of `runbook-review-date`, expected a date as `YYYY-MM-DD`
 */

import type {Root, RootContent, Yaml} from 'mdast'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {
  asNote,
  checkedBySection,
  checkOptionKeys,
  failOption,
  isReadmeOrIndex,
  pageShape,
  readYaml,
  runbookOf,
  runbookRule,
  templateCoverage
} from 'runbook-model'
import {bodyEntries, isDatePlaceholder, readHumanDate, readHumanMonth, type BodyEntry} from './body-date.js'

let tomlModule: typeof SmolToml | undefined

/** `smol-toml`, loaded (synchronously, as CommonJS) only for TOML front matter. */
function toml(): typeof SmolToml {
  tomlModule ??= createRequire(import.meta.url)('smol-toml') as typeof SmolToml
  return tomlModule
}
import {createRequire} from 'node:module'
import type * as SmolToml from 'smol-toml'

export interface Options {
  /** Days after the last review before a runbook is stale (default: 180). */
  readonly maxAge?: number | null | undefined
  /** Today as `YYYY-MM-DD` (default: the current date). */
  readonly now?: string | null | undefined
  /** Report a runbook without a review date (default: `false`). */
  readonly required?: boolean | null | undefined
  /** Keys holding the date of the last review. */
  readonly reviewedKeys?: ReadonlyArray<string> | null | undefined
  /** Keys holding a review-by date. */
  readonly reviewByKeys?: ReadonlyArray<string> | null | undefined
  /** Keys holding a review period, counted from the last review. */
  readonly reviewInKeys?: ReadonlyArray<string> | null | undefined
  /** Keys holding the date the page was last changed, read when it has no review date. */
  readonly updatedKeys?: ReadonlyArray<string> | null | undefined
}

/**
 * What the rule read, on `file.data.runbookReview` (for reporters such as
 * the HTML health report): each date as `YYYY-MM-DD`, with the days since
 * the last review (`age`, negative when it is in the future) and until the
 * review-by date (`dueIn`, negative when it has passed). Only the dates it
 * could read are there.
 */
export interface RunbookReview {
  readonly reviewed?: string
  readonly age?: number
  readonly reviewBy?: string
  readonly dueIn?: number
}

declare module 'vfile' {
  interface DataMap {
    runbookReview: RunbookReview
  }
}

const id = 'review-date'
const day = 86_400_000

const defaultKeys = {
  reviewed: ['last_reviewed', 'last_reviewed_on', 'last_review', 'last_review_date', 'reviewed', 'reviewed_on'],
  reviewBy: ['review_by', 'next_review', 'next_review_date', 'review_due'],
  reviewIn: ['review_in', 'review_every', 'review_interval'],
  updated: ['last_updated', 'last_updated_on', 'updated', 'updated_on', 'last_modified', 'last_modified_on', 'lastmod', 'last_edited']
}

/** One top-level front matter entry, or a `Label: value` line of the text, and where it is in the file. */
interface Entry {
  readonly key: string
  readonly value: unknown
  readonly place: Position
  /** Written in the text: a date written by hand. */
  readonly inText?: boolean
}

type Kind = keyof typeof defaultKeys

const remarkLintRunbookReviewDate = runbookRule<Options>(
  {id, description: 'Check that a runbook has been reviewed recently, from the date in its front matter or text'},
  (tree, file, options) => {
    const config = settings(file, options)
    const frontMatter = frontMatterNode(tree)
    const entries = frontMatter ? readFrontMatter(file, frontMatter) : []
    if (!entries) return

    let found = findEntries(entries, config)
    // Review dates left as the template's stand-in (`Next review date: [YYYY-MM-DD]`).
    let standIns: BodyEntry[] = []
    if (!found.reviewed && !found.reviewBy) {
      // No date in the front matter: a `Last reviewed: ...` line in the text.
      const all = bodyEntries(tree, file, config.keys.all, normalKey)
      const lines = all.filter((entry) => /\d/.test(entry.value) && !isDatePlaceholder(entry.value))
      standIns = all.filter((entry) => {
        const key = normalKey(entry.key)
        return entry.value !== '' && isDatePlaceholder(entry.value) && (config.keys.reviewed.has(key) || config.keys.reviewBy.has(key))
      })
      const inText = findEntries(
        lines.map((entry): Entry => ({...entry, inText: true})),
        config
      )
      if (inText.reviewed || inText.reviewBy) {
        const reviewIn = found.reviewIn ?? inText.reviewIn
        found = reviewIn ? {...inText, reviewIn} : inText
      } else if (!found.updated && inText.updated) {
        found = {...found, updated: inText.updated}
      }
    }

    const reviewed = found.reviewed && readDate(file, found.reviewed, config.now, 'done')
    const reviewBy = found.reviewBy && readDate(file, found.reviewBy, config.now, 'due')
    const reviewIn = found.reviewIn && readPeriod(file, found.reviewIn)
    if (reviewed || reviewBy) {
      file.data.runbookReview = {
        ...(reviewed ? {reviewed: formatDate(reviewed.date), age: days(config.now, reviewed.date)} : {}),
        ...(reviewBy ? {reviewBy: formatDate(reviewBy.date), dueIn: days(reviewBy.date, config.now)} : {})
      }
    }

    if (!found.reviewed && !found.reviewBy) {
      for (const standIn of standIns) {
        file.message(
          `Unexpected placeholder \`${standIn.value}\` for \`${standIn.key}\`, expected a date such as \`${formatDate(config.now)}\``,
          {place: standIn.place}
        )
      }
      if (standIns.length === 0 && config.required) {
        file.message(
          `Missing review date, expected front matter such as \`last_reviewed: ${formatDate(config.now)}\` at the start of the file`,
          {place: frontMatter?.position ? frontMatter.position.start : {line: 1, column: 1}}
        )
      } else if (standIns.length === 0 && found.updated && readAsRunbook(tree, file)) {
        staleUpdate(file, found.updated, config)
      }
      return
    }

    if (reviewed && reviewed.date > config.now) {
      file.message(
        `Unexpected review date \`${reviewed.text}\`, ${reviewed.month ? 'at least ' : ''}${days(reviewed.date, config.now)} days in the future, expected the date of the last review`,
        {place: reviewed.entry.place}
      )
    }

    if (reviewBy) {
      // The runbook's own schedule replaces the default maximum age.
      if (reviewBy.date < config.now) {
        file.message(
          `Unexpected review-by date \`${reviewBy.text}\`, ${days(config.now, reviewBy.date)} days ago, expected the runbook reviewed by then and the date moved forward`,
          {place: reviewBy.entry.place}
        )
      }
      return
    }

    if (!reviewed || reviewed.date > config.now) return
    const age = days(config.now, reviewed.date)
    const ago = `${reviewed.month ? 'at least ' : ''}${age} days ago`
    if (reviewIn) {
      const due = reviewIn.after(reviewed.date)
      if (due < config.now) {
        file.message(
          `Unexpected review date \`${reviewed.text}\`, ${ago}, expected a review within ${reviewIn.text} (\`${reviewIn.entry.key}\`), by ${formatDate(due)}`,
          {place: reviewed.entry.place}
        )
      }
    } else if (found.reviewIn === undefined && age > config.maxAge) {
      file.message(
        `Unexpected review date \`${reviewed.text}\`, ${ago}, expected a review within ${config.maxAge} days`,
        {place: reviewed.entry.place}
      )
    }
  }
)

export default remarkLintRunbookReviewDate

/**
 * A page with no review date, last changed longer ago than `maxAge`: a note,
 * not a warning. An edit is not a review, and a page nobody needed to change
 * may still be right; but its owner would want to know that nobody has
 * touched it for that long, and how to record a review.
 */
function staleUpdate(file: VFile, entry: Entry, config: Settings): void {
  const read = entryDate(entry, config.now, 'done')
  if (!read || read.date > config.now) return
  const age = days(config.now, read.date)
  if (age <= config.maxAge) return
  asNote(
    file.message(
      `Unexpected last update \`${read.text}\` (\`${entry.key}\`), ${read.month ? 'at least ' : ''}${age} days ago, and no review date, expected a review within ${config.maxAge} days, recorded as \`last_reviewed: ${formatDate(config.now)}\``,
      {place: entry.place}
    )
  )
}

/**
 * Whether a page may be a runbook: one checked section by section, or any
 * page but a readme or an index of runbooks (by its name, or most of its
 * blocks links, or a list of alerts and their pages) and a page that only
 * points elsewhere. When such a page was last changed says nothing of a
 * procedure going stale. A page of a shape of its own (a recovery
 * procedure, an alert page in other words) still is one.
 */
function readAsRunbook(tree: Root, file: VFile): boolean {
  const runbook = runbookOf(tree, file)
  if (checkedBySection(runbook, templateCoverage(runbook), tree, file)) return true
  if (isReadmeOrIndex(tree, file)) return false
  const shape = pageShape(tree, file)
  return !shape.index && !shape.pointer
}

/** The first entry of each kind. */
function findEntries(entries: ReadonlyArray<Entry>, config: Settings): Partial<Record<Kind, Entry>> {
  const found: Partial<Record<Kind, Entry>> = {}
  for (const entry of entries) {
    const normal = normalKey(entry.key)
    for (const kind of ['reviewed', 'reviewBy', 'reviewIn', 'updated'] as const) {
      if (!found[kind] && config.keys[kind].has(normal)) found[kind] = entry
    }
  }
  return found
}

function frontMatterNode(tree: Root): (RootContent & {type: 'yaml' | 'toml'; value: string}) | undefined {
  const first = tree.children[0]
  if (!first?.position || first.position.start.line !== 1) return undefined
  if (first.type === 'yaml') return first
  // `remark-frontmatter` with `toml` adds this node type; mdast does not type it.
  const node = first as RootContent | {type: 'toml'; value: string}
  return node.type === 'toml' && 'value' in node ? (first as RootContent & {type: 'toml'; value: string}) : undefined
}

/**
 * The top-level entries of the front matter with their places, or
 * `undefined` after reporting front matter that does not parse.
 */
function readFrontMatter(
  file: VFile,
  node: {type: string; value: string; position?: Position | undefined}
): Entry[] | undefined {
  const text = String(file)
  const start = node.position!.start.offset ?? 0
  const base = text.indexOf(node.value, start)
  if (node.value === '' || base === -1) return []
  const place = location(file)
  const range = (from: number, to: number): Position => ({
    start: place.toPoint(base + from) ?? node.position!.start,
    end: place.toPoint(base + to) ?? node.position!.end
  })

  if (node.type === 'yaml') {
    const {error, entries} = readYaml(node as Yaml)
    if (error) {
      reportInvalid(file, 'YAML', place.toPoint(base + error.offset), error.message)
      return undefined
    }
    return entries.map((entry) => ({key: entry.key, value: entry.value, place: range(entry.start, entry.end)}))
  }

  let data: Record<string, unknown>
  try {
    data = toml().parse(node.value)
  } catch (error) {
    if (!(error instanceof toml().TomlError)) throw error
    const point = place.toPoint(base) && {line: place.toPoint(base)!.line + error.line - 1, column: error.column}
    reportInvalid(file, 'TOML', point, error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, ''))
    return undefined
  }
  // smol-toml has no positions: find each top-level key's line, before the first table.
  const entries: Entry[] = []
  const keyLine = /^[ \t]*(["']?)([A-Za-z0-9_-]+)\1[ \t]*=[^\n]*/gm
  const firstTable = /^[ \t]*\[/m.exec(node.value)?.index ?? node.value.length
  for (const match of node.value.matchAll(keyLine)) {
    if (match.index >= firstTable) break
    const key = match[2]!
    const indent = match[0].length - match[0].trimStart().length
    entries.push({key, value: data[key], place: range(match.index + indent, match.index + match[0].trimEnd().length)})
  }
  return entries
}

function reportInvalid(file: VFile, language: string, point: Point | undefined, reason: string): void {
  const place = point ?? {line: 1, column: 1}
  const short = reason.replace(/ at line \d+, column \d+[\s\S]*$/, '').replace(/\.$/, '')
  file.message(`Unexpected invalid ${language} front matter on line ${place.line}: ${short}, expected valid ${language}`, {
    place
  })
}

interface DateValue {
  readonly entry: Entry
  readonly date: Date
  /** The date as written, for messages: `2026-11-24`, or `2026-11` for a month. */
  readonly text: string
  /** Only the month was written (`December 2024`): `date` is a day of it. */
  readonly month?: boolean
}

/**
 * The date an entry gives. Of a month alone (`Last updated: Dec 2024`), a
 * date done (a review, a change) is read as the month's last day, or today
 * in the current month, so that an age is never more than it may be; a
 * date due (a review-by date) is the month's last day.
 */
function entryDate(entry: Entry, now: Date, kind: 'done' | 'due'): Omit<DateValue, 'entry'> | undefined {
  if (!entry.inText || typeof entry.value !== 'string') {
    const date = entry.inText ? undefined : toDate(entry.value)
    return date && {date, text: formatDate(date)}
  }
  const parts = readHumanDate(entry.value)
  if (parts) {
    const date = utcDay(...parts)
    return date && {date, text: formatDate(date)}
  }
  const month = readHumanMonth(entry.value)
  const first = month && utcDay(month[0], month[1], 1)
  if (!month || !first) return undefined
  const last = new Date(Date.UTC(month[0], month[1], 0))
  const date = kind === 'due' || last <= now ? last : first > now ? first : now
  return {date, text: `${month[0]}-${String(month[1]).padStart(2, '0')}`, month: true}
}

function readDate(file: VFile, entry: Entry, now: Date, kind: 'done' | 'due'): DateValue | undefined {
  const read = entryDate(entry, now, kind)
  if (read) return {entry, ...read}
  file.message(
    `Unexpected value \`${shown(entry.value)}\` for \`${entry.key}\`, expected a date such as \`${formatDate(now)}\``,
    {place: entry.place}
  )
  return undefined
}

interface PeriodValue {
  readonly entry: Entry
  readonly text: string
  after(date: Date): Date
}

function readPeriod(file: VFile, entry: Entry): PeriodValue | undefined {
  const value = entry.value
  const match =
    typeof value === 'number' && Number.isInteger(value) && value > 0
      ? ['', String(value), 'day']
      : typeof value === 'string'
        ? /^(\d{1,4})[ \t]*(day|week|month|year)s?$/i.exec(value.trim())
        : null
  if (match) {
    const count = Number(match[1])
    const unit = match[2]!.toLowerCase()
    return {
      entry,
      text: `${count} ${unit}${count === 1 ? '' : 's'}`,
      after(date) {
        const result = new Date(date)
        if (unit === 'day') result.setUTCDate(result.getUTCDate() + count)
        else if (unit === 'week') result.setUTCDate(result.getUTCDate() + 7 * count)
        else addMonths(result, unit === 'year' ? 12 * count : count)
        return result
      }
    }
  }
  file.message(
    `Unexpected value \`${shown(value)}\` for \`${entry.key}\`, expected a period such as \`6 months\` or \`90 days\``,
    {place: entry.place}
  )
  return undefined
}

/** Add calendar months, staying in the month: 31 January plus one month is 28 or 29 February. */
function addMonths(date: Date, count: number): void {
  const dayOfMonth = date.getUTCDate()
  date.setUTCDate(1)
  date.setUTCMonth(date.getUTCMonth() + count)
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()
  date.setUTCDate(Math.min(dayOfMonth, last))
}

/** A calendar date (UTC midnight) from a front matter value: `YYYY-MM-DD`, with or without a time. */
function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : utcDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate())
  }
  if (typeof value !== 'string') return undefined
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim())
  return match ? utcDay(Number(match[1]), Number(match[2]), Number(match[3])) : undefined
}

function utcDay(year: number, month: number, dayOfMonth: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth))
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === dayOfMonth
  return valid ? date : undefined
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function days(later: Date, earlier: Date): number {
  return Math.round((later.getTime() - earlier.getTime()) / day)
}

function shown(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)
  return text.length > 40 ? text.slice(0, 37) + '...' : text
}

function normalKey(key: string): string {
  return key.toLowerCase().replace(/[-_ ]/g, '')
}

interface Settings {
  readonly maxAge: number
  readonly now: Date
  readonly required: boolean
  readonly keys: Record<Kind | 'all', Set<string>>
}

// Valid options, read once per options object; today's date is not cached.
const read = new WeakMap<object, Omit<Settings, 'now'> & {readonly now: Date | undefined}>()
let readDefaults: (Omit<Settings, 'now'> & {readonly now: Date | undefined}) | undefined

function settings(file: VFile, options: Options | null | undefined): Settings {
  let known = options === null || options === undefined ? readDefaults : typeof options === 'object' ? read.get(options) : undefined
  if (!known) {
    known = readSettings(file, options)
    if (options === null || options === undefined) readDefaults = known
    else read.set(options, known)
  }
  return {...known, now: known.now ?? today()}
}

function today(): Date {
  const now = new Date()
  return utcDay(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate())!
}

function readSettings(file: VFile, options: Options | null | undefined): Omit<Settings, 'now'> & {readonly now: Date | undefined} {
  const given = checkOptionKeys(file, id, options, ['maxAge', 'now', 'required', 'reviewedKeys', 'reviewByKeys', 'reviewInKeys', 'updatedKeys'])

  let maxAge = 180
  if (given.maxAge !== undefined && given.maxAge !== null) {
    if (typeof given.maxAge !== 'number' || !Number.isInteger(given.maxAge) || given.maxAge < 1) {
      failOption(file, id, 'maxAge', given.maxAge, 'a whole number of days, such as `180`')
    }
    maxAge = given.maxAge
  }

  let now: Date | undefined
  if (given.now !== undefined && given.now !== null) {
    const parsed = typeof given.now === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(given.now) ? toDate(given.now) : undefined
    if (!parsed) failOption(file, id, 'now', given.now, 'a date as `YYYY-MM-DD`')
    now = parsed
  }

  if (given.required !== undefined && given.required !== null && typeof given.required !== 'boolean') {
    failOption(file, id, 'required', given.required, '`true` or `false`')
  }

  const keys = {all: new Set<string>()} as Record<Kind | 'all', Set<string>>
  for (const kind of ['reviewed', 'reviewBy', 'reviewIn', 'updated'] as const) {
    const option = `${kind}Keys`
    const value = given[option]
    let list = defaultKeys[kind]
    if (value !== undefined && value !== null) {
      if (!Array.isArray(value) || value.some((key) => typeof key !== 'string' || key.trim() === '')) {
        failOption(file, id, option, value, 'a list of front matter keys, such as `["last_reviewed"]`')
      }
      list = value as string[]
    }
    keys[kind] = new Set(list.map(normalKey))
    for (const key of keys[kind]) keys.all.add(key)
  }

  return {maxAge, now, required: given.required === true, keys}
}
