/**
 * What a runbook page offers a link: the anchors of its headings, as GitHub
 * makes them (`## Check the disk` is `#check-the-disk`, a second one
 * `#check-the-disk-1`), and the `id` or `name` of its HTML anchors. Each
 * page is read once per modification.
 */

import fs from 'node:fs'
import {createRequire} from 'node:module'
import type {Nodes, Root} from 'mdast'
import {mentions} from 'runbook-model'

type Slugger = new () => {slug(value: string): string}

export interface Parsers {
  readonly fromMarkdown: typeof import('mdast-util-from-markdown').fromMarkdown
  readonly frontmatter: typeof import('micromark-extension-frontmatter').frontmatter
  readonly frontmatterFromMarkdown: typeof import('mdast-util-frontmatter').frontmatterFromMarkdown
  readonly toString: typeof import('mdast-util-to-string').toString
  readonly Slugger: Slugger
}

type Modules = [
  typeof import('mdast-util-from-markdown'),
  typeof import('micromark-extension-frontmatter'),
  typeof import('mdast-util-frontmatter'),
  typeof import('mdast-util-to-string'),
  typeof import('github-slugger')
]

const names = ['mdast-util-from-markdown', 'micromark-extension-frontmatter', 'mdast-util-frontmatter', 'mdast-util-to-string', 'github-slugger']

/**
 * The Markdown parser and GitHub's slugger are ES modules only. They load on
 * first use, synchronously, with `require` (Node.js 20.19 and later): a rule
 * that awaited an `import()` would let unified-engine finish the run's other
 * files before it is done. Older Node.js 20 releases load them up front.
 */
const preloaded: Modules | undefined =
  (process.features as {require_module?: boolean}).require_module === true
    ? undefined
    : ((await Promise.all(names.map((name) => import(name)))) as Modules)

let parsers: Parsers | undefined

export function loadParsers(): Parsers {
  if (parsers) return parsers
  const require = createRequire(import.meta.url)
  const [markdown, micromark, mdast, text, slugger] = preloaded ?? (names.map((name) => require(name)) as Modules)
  parsers = {
    fromMarkdown: markdown.fromMarkdown,
    frontmatter: micromark.frontmatter,
    frontmatterFromMarkdown: mdast.frontmatterFromMarkdown,
    toString: text.toString,
    Slugger: slugger.default as unknown as Slugger
  }
  return parsers
}

/** A heading and the anchor GitHub gives it. */
export interface PageAnchor {
  readonly anchor: string
  /** The heading's text, or `undefined` for an HTML anchor. */
  readonly heading: string | undefined
}

/** The anchors a page gives, in document order. */
export function anchorsOf(tree: Root, parsers: Parsers): PageAnchor[] {
  const slugger = new parsers.Slugger()
  const anchors: PageAnchor[] = []
  const visit = (node: Nodes) => {
    if (node.type === 'heading') {
      const text = parsers.toString(node)
      anchors.push({anchor: slugger.slug(text), heading: text})
      return
    }
    if (node.type === 'html') {
      // The attributes stop at the next `<` too: a tag that never closes is
      // read once, not again from every `<a ` after it.
      for (const match of node.value.matchAll(/<a\s[^<>]*\b(?:id|name)\s*=\s*["']?([^"'\s>]+)/gi)) {
        anchors.push({anchor: match[1]!, heading: undefined})
      }
    }
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(tree)
  return anchors
}

const cache = new Map<string, {readonly stamp: string; readonly anchors: PageAnchor[]; readonly text: string}>()

/** The anchors of the page at `file`, from disk. */
export function pageAnchors(file: string, parsers: Parsers): PageAnchor[] {
  return readPage(file, parsers)?.anchors ?? []
}

/** Whether the page at `file` names `name` anywhere (a table, a list, the text). */
export function pageMentions(file: string, name: string): boolean {
  const page = readPage(file, loadParsers())
  return page !== undefined && mentions(page.text, name)
}

function readPage(file: string, parsers: Parsers): {anchors: PageAnchor[]; text: string} | undefined {
  let stamp: string
  try {
    const stat = fs.statSync(file)
    stamp = `${stat.mtimeMs}:${stat.size}`
  } catch {
    return undefined
  }
  const cached = cache.get(file)
  if (cached?.stamp === stamp) return cached
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  const tree = parsers.fromMarkdown(text, {
    extensions: [parsers.frontmatter(['yaml', 'toml'])],
    mdastExtensions: [parsers.frontmatterFromMarkdown(['yaml', 'toml'])]
  })
  const page = {stamp, anchors: anchorsOf(tree, parsers), text}
  cache.set(file, page)
  return page
}
