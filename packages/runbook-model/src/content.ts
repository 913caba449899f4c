/**
 * What each section of a runbook really says: its body split into real
 * content and template leftovers (prompts, examples, guidance, stubs, generic
 * markers such as TODO). Computed once per runbook and shared by the content
 * rules, so none of them walks the tree again for it.
 */

import type {Blockquote, Html, Nodes, Paragraph, RootContent, Text} from 'mdast'
import type {Position} from 'unist'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {Runbook} from './runbook.js'
import type {Section} from './sections.js'
import {maskUrls} from './text.js'
import {fieldLabel, isExampleText, isQuestionsOnly} from './template-text.js'

export type PlaceholderKind =
  /** A template prompt: the blockquote of questions under a heading. */
  | 'prompt'
  /** A template example: `_(e.g. ...)_`. */
  | 'example'
  /** The template's own example or guidance text, copied without its wrapper. */
  | 'template-text'
  /** The template's guidance for the writer, left in place. */
  | 'guidance'
  /** A line made of a lone `_`. */
  | 'stub'
  /** A generic marker in prose: TODO, TBD, FIXME, lorem ipsum ... */
  | 'marker'
  /** A bracketed instruction: `<insert team>`, `[fill in]` ... */
  | 'instruction'

export interface Placeholder {
  readonly kind: PlaceholderKind
  /** The section whose body holds it (the document for text before any heading). */
  readonly section: Section
  /** The node it was found in. */
  readonly node: Nodes
  /** Its exact range. */
  readonly position: Position
  /** The leftover as written, for messages (markers and instructions only). */
  readonly text: string
}

export interface SectionContent {
  /** Leftovers in the section's own body (not its subsections'). */
  readonly placeholders: ReadonlyArray<Placeholder>
  /** Body nodes that carry real content. */
  readonly content: ReadonlyArray<RootContent>
  /** The only content is a bare "N/A", "-", "none" without a reason. */
  readonly bare: {readonly node: RootContent; readonly value: string} | undefined
}

export interface RunbookContent {
  /** Every leftover, in document order. */
  readonly placeholders: ReadonlyArray<Placeholder>
  /** The analysis of one section (or of the document's text before any heading). */
  of(section: Section): SectionContent
}

// Upper-case markers only: "todo" or "tbd" in ordinary prose are words.
const marker = /\b(?:TODO|TBD|TBC|FIXME|XXX|TKTK)\b|\blorem ipsum\b/gi
const upperMarker = /^(?:TODO|TBD|TBC|FIXME|XXX|TKTK)$/
const leadingMarker = /^[\s_*[(]{0,4}(?:(?:TODO|TBD|TBC|FIXME|TKTK)\b|[Ll]orem [Ii]psum\b)/
// What any marker or bracketed instruction needs: most text has none of it,
// and skips the patterns below.
const mayHaveLeftover = /[[<]|TODO|TBD|TBC|FIXME|XXX|TKTK|[Ll][Oo][Rr][Ee][Mm]/
// Bracketed text: found with a linear pattern (no nesting, bounded length),
// then the inside is checked on its own.
const bracketed = /\[[^[\]\n]{1,80}\]|<[^<>\n]{1,80}>/g
const instruction =
  /^(?:placeholder|fill(?: it)? in|tbd|tbc|todo|(?:insert|your|add|enter|describe|replace|put)\b.*|.*\b(?:name|team|email|e-mail|address|link|url|here|owner|channel|phone|number|date)\b.*)$/i
const htmlTag = /^<([^<>\n]{1,80})>$/
const htmlElements = new Set(
  'a abbr b br code del details div em h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre s samp small span strong sub summary sup table tbody td th thead tr u ul'.split(' ')
)

/** `<insert team name>` or `<your team>` parsed as HTML: an instruction, not an element. */
function isInstructionHtml(value: string): boolean {
  const inner = htmlTag.exec(value.trim())?.[1]?.trim()
  if (!inner || inner.includes('=') || inner.startsWith('/') || inner.startsWith('!')) return false
  const tag = inner.split(/[\s/]/)[0]!.toLowerCase()
  return !htmlElements.has(tag) && instruction.test(inner)
}
const bareValue = /^(?:n\/?a|none|nothing|nil|not applicable|not relevant|no|-+|–|—)[.!]?$/i

const cache = new WeakMap<Runbook, RunbookContent>()

/** The content analysis of a runbook, built once and shared by every rule. */
export function getContent(runbook: Runbook, file: VFile): RunbookContent {
  let content = cache.get(runbook)
  if (!content) {
    content = analyse(runbook, file)
    cache.set(runbook, content)
  }
  return content
}

function analyse(runbook: Runbook, file: VFile): RunbookContent {
  const place = location(file)
  const source = String(file.value ?? '')
  const template = runbook.template
  const bySection = new Map<Section, SectionContent>()
  const all: Placeholder[] = []

  for (const section of [runbook.root, ...runbook.sections]) {
    const result = analyseSection(section)
    bySection.set(section, result)
    all.push(...result.placeholders)
  }

  return {
    placeholders: all,
    of: (section) => bySection.get(section) ?? {placeholders: [], content: [], bare: undefined}
  }

  function analyseSection(section: Section): SectionContent {
    const placeholders: Placeholder[] = []
    const content: RootContent[] = []
    const inTemplateSection = runbook.matchOf(section) !== undefined
    // A blockquote of questions under the heading that no fingerprint knows:
    // a prompt if nothing real follows it, else the runbook's own question
    // (an FAQ) above its answer.
    let questions: {node: Blockquote; placeholder: Placeholder} | undefined

    const body = section.body
    for (let index = 0; index < body.length; index++) {
      const node = body[index]!
      if (!node.position) continue
      if (ignorable(node)) continue

      if (node.type === 'blockquote') {
        const firstUnderHeading = inTemplateSection && index === firstQuoteIndex(section)
        const found = blockquoteLeftovers(node, section)
        if (found === 'boilerplate') continue
        if (found.length > 0) {
          placeholders.push(...found)
          continue
        }
        if (firstUnderHeading && isQuestionsOnly(toString(node))) {
          questions = {node, placeholder: leftover('prompt', section, node, node.position, '')}
          continue
        }
      }

      if (node.type === 'paragraph') {
        const text = toString(node)
        const whole = paragraphLeftover(node, section, text)
        if (whole) {
          placeholders.push(whole)
          continue
        }
        if (isEmptyField(node, text)) continue
        // "TODO: ...", "TBD", "[fill in]" or lorem ipsum: a note to self, not
        // content; its markers are reported where they are. (The paragraph's
        // text holds every text and HTML value in it: without a marker or a
        // bracket, there is nothing to look for.)
        const inline = mayHaveLeftover.test(text) ? inlineLeftovers(node, section) : []
        placeholders.push(...inline)
        if (!leadingMarker.test(text) && !onlyLeftovers(text, inline)) content.push(node)
        // "TODO: ...", "TBD", "[fill in]" or lorem ipsum alone is a note to
        // self, not content; its markers are reported where they are.
        continue
      }

      // A list whose items are all empty (`- `) says nothing either.
      if (node.type === 'list' && !hasText(node)) continue

      if (node.type === 'html' && isInstructionHtml(node.value)) {
        placeholders.push(leftover('instruction', section, node, node.position, node.value.trim()))
        continue
      }

      content.push(node)
      if (node.type !== 'code') placeholders.push(...inlineLeftovers(node, section))
    }

    if (questions) {
      if (content.length === 0) placeholders.unshift(questions.placeholder)
      else content.unshift(questions.node)
    }

    let bare: SectionContent['bare']
    if (content.length === 1 && content[0]!.type === 'paragraph') {
      const value = toString(content[0]!).trim()
      if (bareValue.test(value)) bare = {node: content[0]!, value}
    }

    return {placeholders, content, bare}
  }

  /** The prompt known by fingerprint, and an example pulled in by lazy continuation. */
  function blockquoteLeftovers(node: Blockquote, section: Section): Placeholder[] | 'boilerplate' {
    const text = toString(node)
    const kind = template.textKind(text)
    if (kind === 'boilerplate') return 'boilerplate'
    if (kind === 'prompt') return [leftover('prompt', section, node, node.position!, '')]
    if (kind === 'example' || kind === 'guidance') return [leftover('template-text', section, node, node.position!, '')]

    // A prompt followed, without a blank line, by its example: the example
    // paragraph continues the blockquote lazily. Questions and an example
    // together are template text, known or not.
    const split = exampleLine(node)
    if (split) {
      const promptText = split.promptText
      if (template.textKind(promptText) === 'prompt' || isQuestionsOnly(promptText)) {
        return [
          leftover('prompt', section, node, {start: node.position!.start, end: split.promptEnd}, ''),
          leftover('example', section, node, {start: split.exampleStart, end: node.position!.end}, '')
        ]
      }
    }

    return []
  }

  /**
   * Where an `(e.g.` line starts inside a blockquote (pulled in by lazy
   * continuation, or quoted on purpose), with the quoted text before it.
   */
  function exampleLine(node: Blockquote) {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return undefined
    const lines = source.slice(start, end).split('\n')
    let offset = start
    const before: string[] = []
    for (const [index, line] of lines.entries()) {
      const content = line.replace(/^[ \t]{0,3}(?:>[ \t]?){0,8}/, '')
      if (index > 0 && isExampleText(content)) {
        const exampleStart = place.toPoint(offset + (line.length - content.length))
        const promptEnd = place.toPoint(offset - 1)
        if (!exampleStart || !promptEnd) return undefined
        return {exampleStart, promptEnd, promptText: before.join('\n')}
      }
      before.push(content)
      offset += line.length + 1
    }
    return undefined
  }

  function paragraphLeftover(node: Paragraph, section: Section, whole: string): Placeholder | undefined {
    const text = whole.trim()
    if (text === '_' || text === '__' || /^\\?_$/.test(text)) return leftover('stub', section, node, node.position!, '_')
    if (isExampleText(text)) return leftover('example', section, node, node.position!, '')
    const kind = template.textKind(text)
    if (kind === 'guidance') return leftover('guidance', section, node, node.position!, '')
    if (kind === 'example' || kind === 'prompt') return leftover('template-text', section, node, node.position!, '')
    return undefined
  }

  /** Markers and instructions inside real content, at their exact range. */
  function inlineLeftovers(node: RootContent, section: Section): Placeholder[] {
    const found: Placeholder[] = []
    visitInline(node, false)
    return found

    // A link's destination is never looked at; its text is, for bracketed
    // instructions (`[insert link here](#)`) but not for markers (a link
    // named "TODO list" points at one). Recursive, in document order.
    function visitInline(current: Nodes, inLink: boolean): void {
      if (current.type === 'text') {
        textLeftovers(current, section, inLink, found)
      } else if (current.type === 'html') {
        if (current.position && isInstructionHtml(current.value)) {
          found.push(leftover('instruction', section, current, current.position, current.value.trim()))
        }
      } else if ('children' in current) {
        const link = inLink || current.type === 'link' || current.type === 'linkReference'
        for (const child of current.children) visitInline(child as Nodes, link)
      }
    }
  }

  function textLeftovers(node: Text, section: Section, inLink: boolean, into: Placeholder[]): void {
    if (!node.position || !mayHaveLeftover.test(node.value)) return
    const value = maskUrls(node.value)
    const found: Placeholder[] = []
    for (const match of inLink ? [] : value.matchAll(marker)) {
      const word = match[0]
      if (!/^lorem/i.test(word) && !upperMarker.test(word)) continue
      found.push(leftover('marker', section, node, rangeIn(node, match.index, word.length), word))
    }
    for (const match of value.matchAll(bracketed)) {
      const inner = match[0].slice(1, -1).trim()
      if (!instruction.test(inner)) continue
      found.push(leftover('instruction', section, node, rangeIn(node, match.index, match[0].length), match[0]))
    }
    found.sort((a, b) => (a.position.start.offset ?? 0) - (b.position.start.offset ?? 0))
    into.push(...found)
  }

  /** The exact range of part of a text node, when the source holds the text as is. */
  function rangeIn(node: Text, index: number, length: number): Position {
    const position = node.position!
    const start = position.start.offset
    if (start !== undefined && source.slice(start, start + node.value.length) === node.value) {
      const from = place.toPoint(start + index)
      const to = place.toPoint(start + index + length)
      if (from && to) return {start: from, end: to}
    }
    return position
  }

  function leftover(kind: PlaceholderKind, section: Section, node: Nodes, position: Position, text: string): Placeholder {
    return {kind, section, node, position, text}
  }
}

/** HTML comments, thematic breaks, front matter and definitions say nothing. */
function ignorable(node: RootContent): boolean {
  if (node.type === 'thematicBreak' || node.type === 'yaml' || node.type === 'definition') return true
  if ((node as {type: string}).type === 'toml') return true
  return node.type === 'html' && isComment(node)
}

/** Whether nothing but leftovers and punctuation remains of a paragraph. */
function onlyLeftovers(whole: string, leftovers: ReadonlyArray<Placeholder>): boolean {
  if (leftovers.length === 0) return false
  let text = whole
  for (const leftover of leftovers) text = text.replace(leftover.text, ' ')
  return !/[\p{L}\p{N}]/u.test(text)
}

/**
 * Whether a node holds any text but white space: `toString(node).trim() !== ''`,
 * without building the text of a whole list to find out.
 */
function hasText(node: Nodes): boolean {
  if ('value' in node) return nonSpace.test(node.value)
  if ('alt' in node && node.alt) return nonSpace.test(node.alt)
  if ('children' in node) for (const child of node.children) if (hasText(child)) return true
  return false
}
const nonSpace = /\S/

function isComment(node: Html): boolean {
  const value = node.value.trim()
  return value.startsWith('<!--') && value.endsWith('-->')
}

/** `**Label:**` with no value: a field to fill, not content. */
function isEmptyField(node: Paragraph, whole: string): boolean {
  return whole.trimEnd().endsWith(':') && fieldLabel(node) !== undefined
}

function firstQuoteIndex(section: Section): number {
  // The prompt sits directly under the heading, possibly after a field label.
  for (const [index, node] of section.body.entries()) {
    if (node.type === 'blockquote') return index
    if (!(node.type === 'paragraph' && fieldLabel(node) !== undefined) && !ignorable(node)) return -1
  }
  return -1
}
