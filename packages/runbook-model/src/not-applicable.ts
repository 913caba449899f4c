/**
 * "Does not apply": what a runbook writes in a section that has nothing to
 * say for this service. Said with its reason (`N/A: this service stores no
 * data`, `No backups are required: a fresh install restores it`), it is the
 * section's answer: `runbook-no-empty-sections` takes it for content, and
 * `runbook-required-headings` (and the fix) do not ask for the subsections
 * of a section that says it. Said bare (`N/A`, `none`, `-`), it is not.
 */

import {toString} from 'mdast-util-to-string'
import type {Section} from './sections.js'

/** A bare "does not apply", with no reason: the whole of a paragraph's text. */
export const bareNotApplicable = /^(?:n\/?a|none|nothing|nil|not applicable|not relevant|no|-+|–|—)[.!]?$/i

// What says it: `N/A`, `Not applicable`, `Not required`, `Does not apply`,
// `None`, or a sentence such as `No backups are required` or `There is no
// need for backups`; then, optionally, what it does not apply to (`to this
// service`, `here`). Bounded runs: nothing here can backtrack far.
// What a statement may add, up to an exception: "except the orders table"
// says that something does need it.
const plain = String.raw`(?:(?!\b(?:except|but|beyond|apart from|other than|save)\b)[^.:;,!?()–—]){0,80}`
const statement = new RegExp(
  String.raw`^(?:n\/?a\b|not (?:applicable|relevant|required|needed|necessary)\b|(?:this (?:section )?)?(?:does not|doesn['’]t|do not|don['’]t) apply\b|none\b|nothing (?:else |here )?(?:needs?|requires?|has to be)\b${plain}|nothing\b|nil\b|(?:there (?:is|are) )?no need (?:for|to)\b${plain}|(?:there (?:is|are) )?no\b[^.:;,!?()–—]{1,80}?\b(?:is|are) (?:not )?(?:required|needed|necessary)\b)(?: (?:to|for|in|at|here)\b[^.:;,!?()–—]{0,60})?`,
  'i'
)

// Between the statement and its reason: a colon, dash, full stop, comma or
// semicolon, an opening parenthesis, a word such as "because", or an
// exception (`No backups are required except for the code, kept in git`).
const separator =
  /^(?:\s*[:;,.–—(]|\s+-{1,2}(?=\s)|\s+(?:because|as|since|given that|so)\b|\s*(except|but|beyond|apart from|other than)\b)\s*/i

// An exception that needs nothing either: what is kept in version control
// already ("except for the code, which is in git").
const keptInVersionControl = /\b(?:git|github|gitlab|repo|repository|version control|source control|codebase|code ?base|the code|source code|terraform|infrastructure as code)\b/i

// A reason says something: a word of three letters or more.
const word = /\p{L}{3}/u

/**
 * The reason a text gives for a section not to apply, or `undefined` when
 * it does not say that the section does not apply, or says so without a
 * reason. `"N/A: this service stores no data"` gives `"this service stores
 * no data"`; `"N/A"` and `"Backups run nightly"` give `undefined`.
 */
export function notApplicableReason(text: string): string | undefined {
  // The statement opens the text: only its start is looked at.
  const start = text.trimStart().slice(0, 400).replaceAll(/\s+/g, ' ')
  const said = statement.exec(start)
  if (!said) return undefined
  const rest = start.slice(said[0].length)
  const between = separator.exec(rest)
  if (!between) return undefined
  let end = rest.length
  // Without its closing parenthesis or full stop (scanned from the end: a
  // pattern anchored there would retry from every position of a long run).
  while (end > between[0].length && ' ).'.includes(rest.charAt(end - 1))) end--
  const reason = rest.slice(between[0].length, end)
  if (!word.test(reason) || bareNotApplicable.test(reason)) return undefined
  // "No backups are required except for the orders table" says one is.
  if (between[1] && !keptInVersionControl.test(reason)) return undefined
  return reason
}

const said = new WeakMap<Section, boolean>()

/**
 * Whether a section says, in its own text (before its first subsection),
 * that it does not apply, with the reason: a paragraph that opens with such
 * a statement.
 */
export function saysNotApplicable(section: Section): boolean {
  let result = said.get(section)
  if (result === undefined) {
    result = section.body.some((node) => node.type === 'paragraph' && notApplicableReason(toString(node)) !== undefined)
    said.set(section, result)
  }
  return result
}
