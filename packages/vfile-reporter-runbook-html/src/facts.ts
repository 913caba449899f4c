/**
 * What the report says about one runbook, read from what the lint left on
 * its file: the messages, the section summary of `remark-preset-runbook`
 * (`file.data.runbookSummary`) and the template the rules checked it against
 * (`file.data.runbookLayout`). Never the document itself, and never the
 * text of a `runbook-no-secrets` message: only how many there are.
 */

import path from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

export type SectionState = 'filled' | 'placeholder' | 'empty' | 'missing'

/** One entry of `file.data.runbookSummary.sections`, in template order. */
export interface SectionSummary {
  readonly title: string
  readonly depth: number
  readonly state: SectionState
  /** `false`: present, but at another depth or under another parent than the template's. */
  readonly placed?: boolean | undefined
  /** `false`: missing, and the runbook need not have it (optional, or a section above does not apply). */
  readonly required?: boolean | undefined
  /** The template's owner section. */
  readonly owner?: boolean | undefined
  /** On the owner section: it holds no more than markers such as `TODO`. */
  readonly markers?: boolean | undefined
}

/** `found`, or why not; `unknown` when the lint left nothing to tell; `unchecked` when `runbook-owner-contact` did not run. */
export type OwnerState = 'found' | 'missing' | 'placeholder' | 'no-section' | 'unknown' | 'not-required' | 'unchecked'
export type ContactState = 'found' | 'missing' | 'no-section' | 'unknown' | 'not-required' | 'unchecked'

/**
 * The review as `runbook-review-date` reported it: `stale` (older than the
 * review period, `days` since), `overdue` (a review-by date passed `days`
 * ago), `future`, `none` (no date, when dates are required), `invalid`, or
 * `ok` (a review within its period), `undated` (no date, and none is
 * required: nothing to report, but no review to show either), or `unchecked` (the rule did not run: turned off, or the file could not be
 * linted).
 */
export type ReviewState = 'ok' | 'undated' | 'stale' | 'overdue' | 'future' | 'none' | 'invalid' | 'unchecked'

export type Kind = 'error' | 'warning' | 'info'

export interface Finding {
  readonly line: number | undefined
  readonly column: number | undefined
  readonly kind: Kind
  /** The rule id, else the message's source (`remark` when a file cannot be read). */
  readonly rule: string
  readonly reason: string
  /** The rule's documentation, when it is an http(s) URL. */
  readonly url: string | undefined
}

export interface RunbookFacts {
  /** Path relative to the workspace, with `/`; `stdin` for input without a path. */
  readonly file: string
  /** The template it was checked against (`default`, `full`, a file's name), if recorded. */
  readonly layout: string | undefined
  /** `closest`: no template was configured and this built-in layout is the closest; `configured`. */
  readonly chosen: 'closest' | 'configured' | undefined
  /** In template order; `undefined` when the preset did not record them. */
  readonly sections: ReadonlyArray<SectionSummary> | undefined
  /** The template's sections this runbook must have, plus the optional ones it has. */
  readonly expected: number
  readonly present: number
  readonly filled: number
  /** Findings of `runbook-no-placeholders`: template text left in place. */
  readonly leftovers: number
  readonly owner: OwnerState
  readonly contact: ContactState
  readonly review: ReviewState
  /**
   * Days since the last review (`stale`, and `ok` when `runbook-review-date`
   * recorded the date), past the review-by date (`overdue`), or before the
   * date (`future`).
   */
  readonly reviewDays: number | undefined
  /** How many `runbook-no-secrets` found; their messages are not kept. */
  readonly secrets: number
  readonly errors: number
  readonly warnings: number
  readonly infos: number
  /** Every other finding, in document order. */
  readonly findings: ReadonlyArray<Finding>
  /** The documentation of `runbook-no-secrets`, when it reported. */
  readonly secretsUrl: string | undefined
  /** What was not checked, because its rule did not run: `leftovers`, `secrets` (owner, contact and review say `unchecked`). */
  readonly unchecked: ReadonlyArray<'leftovers' | 'secrets'>
}

export const secretsRule = 'runbook-no-secrets'
const placeholdersRule = 'runbook-no-placeholders'
const ownerRule = 'runbook-owner-contact'
const reviewRule = 'runbook-review-date'

export function kindOf(message: VFileMessage): Kind {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

export function relativePath(file: VFile, workspace: string): string {
  if (!file.path) return 'stdin'
  const absolute = path.resolve(file.cwd, file.path)
  const relative = path.relative(workspace, absolute)
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative
  return shown.split(path.sep).join('/')
}

const stale = /^Unexpected review date `[^`]*`, (\d+) days ago/
const future = /^Unexpected review date `[^`]*`, (\d+) days in the future/
const overdue = /^Unexpected review-by date `[^`]*`, (\d+) days ago/

export function factsOf(file: VFile, workspace: string, options: {silent?: boolean | undefined} = {}): RunbookFacts {
  const recorded = file.data['runbookLayout'] as {template?: unknown; chosen?: unknown} | undefined
  const layout = typeof recorded?.template === 'string' ? recorded.template : undefined
  const chosen = recorded?.chosen === 'closest' || recorded?.chosen === 'configured' ? recorded.chosen : undefined
  const summary = file.data['runbookSummary'] as {sections?: unknown} | undefined
  const sections = Array.isArray(summary?.sections) ? (summary.sections as ReadonlyArray<SectionSummary>) : undefined

  let expected = 0
  let present = 0
  let filled = 0
  let ownerEntry: SectionSummary | undefined
  // The rules that checked the file (`runbook-model` records them); none
  // when it could not be linted at all.
  const ran = Array.isArray(file.data['runbookRulesRun']) ? new Set(file.data['runbookRulesRun'] as string[]) : new Set<string>()
  for (const section of sections ?? []) {
    if (section.owner) ownerEntry = section
    if (section.state === 'missing') {
      if (section.required !== false) expected++
      continue
    }
    expected++
    present++
    if (section.state === 'filled') filled++
  }

  let leftovers = 0
  let secrets = 0
  let secretsUrl: string | undefined
  let errors = 0
  let warnings = 0
  let infos = 0
  let ownerNamed = true
  let ownerPlaceholder = false
  let contactGiven = true
  let review: ReviewState = 'ok'
  let reviewDays: number | undefined
  const findings: Finding[] = []

  for (const message of file.messages) {
    const kind = kindOf(message)
    if (options.silent && kind !== 'error') continue
    if (kind === 'error') errors++
    else if (kind === 'warning') warnings++
    else infos++
    const rule = message.ruleId ?? message.source ?? 'remark'
    const url = typeof message.url === 'string' && /^https?:\/\//i.test(message.url) ? message.url : undefined
    if (rule === secretsRule) {
      secrets++
      secretsUrl ??= url
      continue
    }
    const reason = message.reason
    if (rule === placeholdersRule) leftovers++
    else if (rule === ownerRule) {
      if (/ without an owner or a contact/.test(reason)) {
        ownerNamed = false
        contactGiven = false
      } else if (/ names no team or person/.test(reason)) ownerNamed = false
      else if (/^Unexpected owner `/.test(reason)) ownerPlaceholder = true
      else if (/ gives no contact channel/.test(reason)) contactGiven = false
    } else if (rule === reviewRule) {
      let match: RegExpExecArray | null
      if ((match = stale.exec(reason))) [review, reviewDays] = ['stale', Number(match[1])]
      else if ((match = future.exec(reason))) [review, reviewDays] = ['future', Number(match[1])]
      else if ((match = overdue.exec(reason))) [review, reviewDays] = ['overdue', Number(match[1])]
      else if (/^Missing review date/.test(reason)) review = 'none'
      else if (review === 'ok') review = 'invalid'
    }
    const place = message.place
    const start = place && 'start' in place ? place.start : place
    findings.push({
      line: start?.line ?? message.line ?? undefined,
      column: start?.column ?? message.column ?? undefined,
      kind,
      rule,
      reason,
      url
    })
  }
  if (!ran.has(reviewRule)) review = 'unchecked'
  if (review === 'ok') {
    // A review within its period: its age, as the rule recorded it.
    const recordedReview = file.data['runbookReview'] as {age?: unknown; reviewed?: unknown; reviewBy?: unknown} | undefined
    const age = recordedReview?.age
    if (typeof age === 'number' && Number.isInteger(age) && age >= 0) reviewDays = age
    // The rule read no date at all: nothing wrong where none is required, but no review either.
    if (recordedReview?.reviewed === undefined && recordedReview?.reviewBy === undefined) review = 'undated'
  }
  findings.sort((left, right) => (left.line ?? 0) - (right.line ?? 0) || (left.column ?? 0) - (right.column ?? 0))

  let owner: OwnerState
  let contact: ContactState
  if (!ran.has(ownerRule)) owner = contact = 'unchecked'
  else if (!ownerEntry) owner = contact = 'unknown'
  // The alert layout's escalation section is optional.
  else if (ownerEntry.state === 'missing') owner = contact = ownerEntry.required === false ? 'not-required' : 'no-section'
  else if (ownerEntry.state === 'placeholder' || ownerEntry.state === 'empty') {
    // Nothing of the author's own: runbook-owner-contact leaves that to the
    // placeholder and empty-section rules. The template's example owner is
    // an example; `TODO` alone is no owner at all.
    owner = ownerEntry.state === 'placeholder' && !ownerEntry.markers ? 'placeholder' : 'missing'
    contact = 'missing'
  } else {
    owner = ownerPlaceholder ? 'placeholder' : ownerNamed ? 'found' : 'missing'
    contact = contactGiven ? 'found' : 'missing'
  }

  return {
    file: relativePath(file, workspace),
    layout,
    chosen,
    sections,
    expected,
    present,
    filled,
    leftovers,
    owner,
    contact,
    review,
    reviewDays,
    secrets,
    errors,
    warnings,
    infos,
    findings,
    secretsUrl,
    unchecked: [...(ran.has(placeholdersRule) ? [] : (['leftovers'] as const)), ...(ran.has(secretsRule) ? [] : (['secrets'] as const))]
  }
}
