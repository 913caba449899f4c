/**
 * Labelled fields read from the tree, anywhere in a block: a bold label
 * with a colon at the start of a line (`**Impact:** checkout fails`,
 * `- **Alert Name**: HighErrorRate`, `> **Owner:** Payments`), or in the
 * first cell of a table row (`| **Severity** | critical |`, as a table or,
 * when the parser knows no tables, as a paragraph). Alert pages keep what
 * the alert is, who owns it and what it breaks in such fields, above or
 * inside their sections.
 */

import type {Nodes, PhrasingContent, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'

export interface FieldLine {
  /** The label, without its colon. */
  readonly label: string
  /** The rest of the line, as text (`HighErrorRate`, `Critical`). */
  readonly value: string
}

/** Every labelled line of `nodes`, in order. */
export function fieldLines(nodes: ReadonlyArray<RootContent>): FieldLine[] {
  const result: FieldLine[] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'paragraph') {
      for (const line of linesOf(node.children)) {
        const field = readLine(line)
        if (field) result.push(field)
      }
      return
    }
    if (node.type === 'tableRow') {
      const [first, ...rest] = node.children
      if (first && first.children[0]?.type === 'strong') {
        result.push({label: withoutColon(toString(first)), value: rest.map((cell) => toString(cell)).join(' ').trim()})
      }
      return
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  for (const node of nodes) visit(node)
  return result
}

/** The text of every line of the paragraphs in `nodes` (list items and quotes included), in order. */
export function textLines(nodes: ReadonlyArray<RootContent>): string[] {
  const result: string[] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'paragraph') {
      for (const line of linesOf(node.children)) result.push(line.map((child) => toString(child)).join(''))
      return
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  for (const node of nodes) visit(node)
  return result
}

/** A paragraph's inline nodes, line by line (a hard break or a newline in text ends a line). */
function linesOf(children: ReadonlyArray<PhrasingContent>): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]]
  for (const child of children) {
    if (child.type === 'break') {
      lines.push([])
    } else if (child.type === 'text' && child.value.includes('\n')) {
      const parts = child.value.split('\n')
      for (const [index, part] of parts.entries()) {
        if (index > 0) lines.push([])
        if (part !== '') lines.at(-1)!.push({type: 'text', value: part})
      }
    } else {
      lines.at(-1)!.push(child)
    }
  }
  return lines
}

function readLine(line: ReadonlyArray<PhrasingContent>): FieldLine | undefined {
  let index = 0
  let row = false
  // What may come before the label: space, and the bars of a table row.
  while (index < line.length && line[index]!.type === 'text' && /^[\s|]*$/.test((line[index] as {value: string}).value)) {
    if ((line[index] as {value: string}).value.includes('|')) row = true
    index++
  }
  const label = line[index]
  if (label?.type !== 'strong') return undefined
  const text = toString(label).trim()
  const rest = line
    .slice(index + 1)
    .map((node) => toString(node))
    .join('')
  const colon = text.indexOf(':')
  if (colon !== -1) return {label: text.slice(0, colon).trim(), value: (text.slice(colon + 1) + rest).trim()}
  if (/^\s*:/.test(rest)) return {label: text, value: rest.replace(/^\s*:/, '').trim()}
  if (row || rest.trimStart().startsWith('|')) return {label: text, value: rest.replace(/\|/g, ' ').trim()}
  return undefined
}

function withoutColon(label: string): string {
  return label.trim().replace(/:$/, '').trim()
}
