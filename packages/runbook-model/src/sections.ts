/**
 * The sections model: the document's headings as a tree of sections, built
 * once per file from the top-level mdast nodes.
 *
 * Only headings that are direct children of the root start sections:
 * headings in code, HTML comments and front matter are not headings in mdast
 * at all, and a heading quoted in a blockquote or list item is content.
 * Setext headings are headings like any other.
 */

import type {Heading, Root, RootContent} from 'mdast'
import type {Point} from 'unist'
import {toString} from 'mdast-util-to-string'
import {headingKeys} from './normalize.js'

export interface Section {
  /** The heading that starts this section; `undefined` for the document itself. */
  readonly heading: Heading | undefined
  /** 1 to 6 for headings, 0 for the document. */
  readonly depth: number
  /** The heading's text, cleaned for display (emoji, numbering removed). */
  readonly title: string
  /** Comparable keys of the title (see `headingKeys`). */
  readonly key: string
  readonly baseKey: string
  /** Nodes between the heading and the next heading of any depth. */
  readonly body: ReadonlyArray<RootContent>
  readonly children: ReadonlyArray<Section>
  readonly parent: Section | undefined
  /** Start of the heading (or of the document). */
  readonly start: Point
  /**
   * End of the last node of the section, subsections included; for the
   * document, the end of the file.
   */
  readonly end: Point
}

interface MutableSection {
  heading: Heading | undefined
  depth: number
  title: string
  key: string
  baseKey: string
  body: RootContent[]
  children: MutableSection[]
  parent: MutableSection | undefined
  start: Point
  end: Point
}

export function buildSections(tree: Root): Section {
  const documentStart = tree.position?.start ?? {line: 1, column: 1, offset: 0}
  const root: MutableSection = {
    heading: undefined,
    depth: 0,
    title: '',
    key: '',
    baseKey: '',
    body: [],
    children: [],
    parent: undefined,
    start: documentStart,
    end: documentStart
  }
  let current = root

  for (const node of tree.children) {
    // Generated nodes have no place in the file: nothing to report on them.
    if (!node.position) continue

    if (node.type === 'heading') {
      while (current.depth >= node.depth && current.parent) current = current.parent
      const keys = headingKeys(toString(node, {includeHtml: false, includeImageAlt: false}))
      const section: MutableSection = {
        heading: node,
        depth: node.depth,
        title: keys.display,
        key: keys.key,
        baseKey: keys.baseKey,
        body: [],
        children: [],
        parent: current,
        start: node.position.start,
        end: node.position.end
      }
      current.children.push(section)
      current = section
    } else {
      current.body.push(node)
    }

    for (let open: MutableSection | undefined = current; open; open = open.parent) {
      open.end = node.position.end
    }
  }

  // The document ends at the end of the file, not at its last node: a point
  // between them (the final newline) is a "gap" that remark-lint's message
  // control drops messages in.
  if (tree.position) root.end = tree.position.end
  return root
}

/** Every section below `root`, in document order. */
export function flatten(root: Section): Section[] {
  const result: Section[] = []
  const stack = [...root.children].reverse()
  while (stack.length > 0) {
    const section = stack.pop()!
    result.push(section)
    for (let index = section.children.length - 1; index >= 0; index--) stack.push(section.children[index]!)
  }
  return result
}
