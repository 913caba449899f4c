/**
 * How a runbook template writes its guidance, as patterns: a prompt is a
 * blockquote of questions under a heading; an example is a paragraph that
 * opens with "(e.g." (usually in emphasis); guidance is a paragraph set in
 * emphasis; later blockquotes are boilerplate meant to be kept and adapted.
 *
 * The same patterns read a template file (to fingerprint or derive it) and
 * find leftovers in runbooks.
 */

import type {Paragraph, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {findContacts} from './contacts.js'
import {titleKey} from './normalize.js'
import type {FingerprintKind, Template} from './template.js'
import {fingerprint} from './text.js'

export type TemplateTextKind = 'prompt' | 'example' | 'guidance' | 'boilerplate' | 'owner-example'

// "(e.g.", "(eg", "(e. g.", "(for example", "(for instance" after optional markup.
const exampleStart = /^[\s_*]{0,4}\(\s{0,3}(?:e\.?\s?g\b|for example\b|for instance\b)/i

/** Whether a paragraph's text is a template example (`_(e.g. ...)_`). */
export function isExampleText(text: string): boolean {
  return exampleStart.test(text)
}

// An example written as a line of its own, without parentheses: "e.g. ...",
// "For example: ...", "Example: ...". Template text only below a prompt.
const exampleLine = /^[\s_*]{0,4}(?:e\.\s?g\.|eg[.:,]|for example\b|for instance\b|examples?:)/i

/** Whether a paragraph's text is an example line without parentheses (`For example: ...`). */
export function isExampleLine(text: string): boolean {
  return exampleLine.test(text)
}

// A request to the writer of the runbook (not to the operator, who is told
// to restart, check, run or write down what is still open): "Describe ...",
// "List the ...", "Please provide ...", "This section should list ...".
const writerRequest =
  /^[\s_*>]{0,4}(?:please,? )?(?:describe|list|explain|provide|include|document|specify|outline|detail|summari[sz]e|mention|fill in|define|indicate|link to)\s/i
// A question to the writer opens with a question word: "Remote: t1.micro?"
// is an answer with a doubt.
const questionStart =
  /^[\s_*>]{0,4}(?:what|which|who|whom|whose|when|where|why|how|is|are|do|does|did|can|could|should|will|would|has|have|was|were|may|must|shall)\b/i
const aboutSection =
  /^[\s_*>]{0,4}(?:this|the) (?:section|page|chapter|part) (?:should|must|will|shall|is to|is for|needs to|can) /i
// A prompt is a sentence or a few, not an answer's paragraph.
const maxPromptLength = 400
// What the on-call engineer is told to do once the incident is over, in the
// words of a request ("Document the actions taken in the incident
// ticket"): it writes in the incident's record, of what happened then, not
// in the runbook, of the service.
const incidentRecord =
  /(?<!\p{L})(?:post-?mortems?|post-incident|incident (?:tickets?|reports?|records?|reviews?|documents?|docs?|channels?|timelines?)|actions? taken|contributing factors?|what happened|after the (?:incident|outage))(?!\p{L})/iu
// A sentence beside the request that tells the responder to act:
// a writer is asked only to write.
const responderSentence =
  /(?:^|[.;!]\s{1,3}|\n)[\s_*>-]{0,4}(?:prioriti[sz]e|schedule|file|open|raise|create|notify|escalate|track|assign|close|restart|run|check)\s/i

/**
 * Whether a text is a prompt for the writer, in any wording: only
 * questions, or a request to describe, list, explain or provide (or
 * "this section should ..."). Short: a few sentences at most. Not an
 * instruction to the on-call engineer for after the incident, worded as a
 * request: to document what happened in its ticket, or beside an order
 * to prioritise, schedule or file.
 */
export function isPromptText(text: string): boolean {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed.length > maxPromptLength) return false
  return (
    (questionStart.test(trimmed) && isQuestionsOnly(trimmed)) ||
    (writerRequest.test(trimmed) && !incidentRecord.test(trimmed) && !responderSentence.test(trimmed)) ||
    aboutSection.test(trimmed)
  )
}

/** The text of an example without its `(e.g. ...)` wrapper. */
export function exampleInner(text: string): string {
  let inner = text.trim()
  const open = inner.indexOf('(')
  inner = inner.slice(open + 1).replace(/^\s*(?:e\.?\s?g\.?,?|for example,?|for instance,?)\s*/i, '')
  let end = inner.length
  while (end > 0 && ')_* \t\n'.includes(inner.charAt(end - 1))) end--
  return inner.slice(0, end)
}

/**
 * Whether a text is only questions, as a template's prompt is: every sentence
 * ends with a question mark.
 */
export function isQuestionsOnly(text: string): boolean {
  const trimmed = text.trim()
  if (!trimmed.endsWith('?')) return false
  let sentenceStart = 0
  for (let index = 0; index < trimmed.length; index++) {
    const character = trimmed.charAt(index)
    if ((character === '.' || character === '!') && isSentenceEnd(trimmed, index)) return false
    if (character === '?') sentenceStart = index + 1
  }
  return sentenceStart === trimmed.length
}

function isSentenceEnd(text: string, index: number): boolean {
  const next = text.charAt(index + 1)
  // "etc." or "e.g." inside a question is not the end of a sentence.
  if (next === '' || next === '\n') return true
  if (next !== ' ') return false
  const after = text.charAt(index + 2)
  return after >= 'A' && after <= 'Z' && !/\b(?:etc|e\.g|i\.e|vs)$/i.test(text.slice(Math.max(0, index - 4), index))
}

/** Whether a paragraph is entirely in emphasis (or strong emphasis). */
export function isEmphasisOnly(paragraph: Paragraph): boolean {
  const children = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  return children.length > 0 && children.every((child) => child.type === 'emphasis' || child.type === 'strong')
}

/** Whether a paragraph is a field label: `**Label:**` followed by its value, if any. */
export function fieldLabel(paragraph: Paragraph): string | undefined {
  const first = paragraph.children[0]
  if (!first || first.type !== 'strong') return undefined
  const label = toString(first).trim()
  const colon = label.indexOf(':')
  if (colon === -1) {
    const next = paragraph.children[1]
    return next?.type === 'text' && next.value.startsWith(':') ? label : undefined
  }
  return label.slice(0, colon).trim()
}

/**
 * The value of a `**Label:** value` paragraph: after the label on the same
 * line, or inside the bold label after its colon (`**Label: value**`); when
 * the label ends its line, the next line of the same paragraph.
 */
export function fieldValue(paragraph: Paragraph): string {
  const [label, ...rest] = paragraph.children
  const labelText = label ? toString(label) : ''
  const colon = labelText.indexOf(':')
  let value = colon === -1 ? '' : labelText.slice(colon + 1)
  let after = ''
  for (const child of rest) after += child.type === 'break' ? '\n' : toString(child)
  value += after.replace(/^:/, '')
  const lines = value.split('\n').map((line) => line.trim())
  return (lines[0] === '' ? lines[1] : lines[0]) ?? ''
}

// A value that only stands in for one: `_`, `?`, `...`, a marker, a bracketed
// instruction, `n/a`, "to be confirmed".
const placeholderValue =
  /^(?:_+|-+|\?+|\.{3}|…|(?:TODO|TBD|TBC|TBA|FIXME|XXX|TKTK)\b.*|<[^<>]{0,80}>|\[[^[\]]{0,80}\]|n\/?a|to be (?:completed|confirmed|decided|determined|defined|added|written|documented|filled(?: in)?|announced|provided|agreed|updated)\b.*)$/i

/** Whether a field's value only stands in for one (`TBD`, `_`, `<name>`, `(e.g. ...)`). */
export function isPlaceholderValue(value: string): boolean {
  const trimmed = withoutEmphasisMarks(value.trim())
  return placeholderValue.test(trimmed) || isExampleText(value)
}

/**
 * A text without the `_` and `*` that open it (before a character other than
 * white space) and close it (after one): what
 * `text.replace(/^[_*]+(?=\S)|(?<=\S)[_*]+$/g, '')` gives, without trying
 * every mark of a long run of them in turn.
 */
function withoutEmphasisMarks(text: string): string {
  const start = /^[_*]+(?=\S)/.exec(text)?.[0].length ?? 0
  let run = text.length
  while (run > 0 && (text[run - 1] === '_' || text[run - 1] === '*')) run--
  let end = Math.max(run, start)
  // The closing marks start after a character that is not white space.
  if (end < text.length && (end === 0 || /\s/.test(text[end - 1]!))) end++
  return text.slice(start, Math.min(end, text.length))
}

function nestedEmphasis(paragraph: Paragraph): string[] {
  const values: string[] = []
  const stack: Array<{type: string; children?: unknown[]}> = [...paragraph.children]
  let depth = 0
  while (stack.length > 0 && depth++ < 1000) {
    const node = stack.pop()!
    if ((node.type === 'emphasis' || node.type === 'strong') && node.children) {
      const inner = node.children as Array<{type: string; children?: unknown[]}>
      if (inner.every((child) => child.type === 'text' || child.type === 'inlineCode')) {
        values.push(toString(node as Paragraph))
      } else {
        stack.push(...inner)
      }
    }
  }
  return values.filter((value) => !isExampleText(value))
}

/**
 * The template's own text in the body of one of its sections: what a
 * fingerprint is taken of.
 */
export function classifyTemplateBody(
  body: ReadonlyArray<RootContent>,
  heading: string
): Array<{kind: TemplateTextKind; text: string}> {
  const items: Array<{kind: TemplateTextKind; text: string}> = []
  const owner = titleKey(heading) === titleKey('Service owner')
  let prompted = false

  for (const node of body) {
    if (node.type === 'blockquote') {
      const text = toString(node)
      items.push({kind: prompted ? 'boilerplate' : 'prompt', text})
      prompted = true
    } else if (node.type === 'paragraph' && fieldLabel(node) === undefined) {
      const text = toString(node).trim()
      // `_ (e.g. ...) _` with spaces inside is no longer emphasis, but still
      // the template's example (translated templates write it this way).
      const brokenEmphasis = text.length > 2 && /^[_*]/.test(text) && /[_*]$/.test(text)
      if (isExampleText(text) || (brokenEmphasis && !isEmphasisOnly(node))) {
        items.push({kind: 'example', text}, {kind: 'example', text: exampleInner(text)})
        if (owner) {
          // The example's values (team name, address, channel) must not count as an owner.
          items.push({kind: 'owner-example', text: exampleInner(text)})
          for (const value of nestedEmphasis(node)) items.push({kind: 'owner-example', text: value})
        }
      } else if (isEmphasisOnly(node) && text !== '_') {
        items.push({kind: 'guidance', text})
      }
    }
  }

  return items
}

/**
 * Fingerprints of a template document's own text: its prompts, examples,
 * guidance and boilerplate, and the owner example's values. The first kind
 * given to a fingerprint wins.
 */
export function fingerprintTemplate(tree: Root, into = new Map<string, FingerprintKind>()): Map<string, FingerprintKind> {
  const set = (text: string, kind: FingerprintKind) => {
    const hash = fingerprint(text)
    if (hash && !into.has(hash)) into.set(hash, kind)
  }
  let heading = ''
  let body: RootContent[] = []
  const flush = () => {
    for (const item of classifyTemplateBody(body, heading)) {
      if (item.kind === 'owner-example') {
        set(item.text, 'owner-value')
        for (const contact of findContacts(item.text)) set(contact.value, 'owner-value')
      } else {
        set(item.text, item.kind)
      }
    }
    body = []
  }
  for (const node of tree.children) {
    if (node.type === 'heading') {
      flush()
      heading = toString(node)
    } else {
      body.push(node)
    }
  }
  flush()
  return into
}

// A paragraph that is a note to self rather than an answer: a marker
// (`TODO`, `TBD`) or a lone stub, with at most a few words after it.
const noteToSelf = /^[\s_*[(]{0,4}(?:TODO|TBD|TBC|TBA|FIXME|XXX|TKTK|to be (?:completed|confirmed|decided|determined|added|written|documented))\b/i
const stub = /^[\s_*\\-]*$/
const bareAnswer = /^(?:n\/?a|none|nothing|nil|not applicable|-+)[.!]?$/i
const wordSeparator = /[^\p{L}\p{N}]+/u
// A sentence that introduces what follows (`What is backed up is below.`,
// `The steps are as follows:`): the answer is elsewhere.
const leadIn = /(?:\bbelow|\bas follows|\bfollowing|:)[\s.)*_]{0,3}$/i

function leadsOn(text: string): boolean {
  return leadIn.test(text.slice(-40))
}

/** Whether a text says something: three words at least (`No backups.` is a bare statement, as `N/A` is). */
function saysSomething(text: string): boolean {
  let words = 0
  for (const word of text.slice(0, 200).split(wordSeparator)) if (word !== '' && ++words === 3) return true
  return false
}

/**
 * Whether a block of a section's own body is an answer written by the team:
 * not a template prompt, example or guidance (by pattern or fingerprint), a
 * question-only blockquote, a stub, a bare `N/A` or a paragraph of fewer than
 * three words, a note to self, a sentence that leads on to what follows
 * (`The steps are below.`) or an HTML comment. The model reads a folded section with it (a section whose own
 * text answers its absent subsections); the content rules analyse each
 * block more closely (see `content.ts`).
 */
export function isOwnText(node: RootContent, template: Template): boolean {
  switch (node.type) {
    case 'paragraph': {
      const text = toString(node).trim()
      if (stub.test(text) || bareAnswer.test(text) || noteToSelf.test(text) || !saysSomething(text) || leadsOn(text)) return false
      if (isExampleText(text) || isPromptText(text) || fieldLabel(node) !== undefined && text.endsWith(':')) return false
      return template.textKind(text) === undefined
    }
    case 'blockquote': {
      const text = toString(node).trim()
      return text !== '' && !isQuestionsOnly(text) && !isPromptText(text) && !isExampleText(text) && template.textKind(text) === undefined
    }
    case 'list':
    case 'table': {
      return toString(node).trim() !== ''
    }
    case 'code': {
      return node.value.trim() !== ''
    }
    case 'html': {
      const value = node.value.trim()
      return !(value.startsWith('<!--') && value.endsWith('-->'))
    }
    default: {
      return false
    }
  }
}
