/**
 * How a page names an alert. Alert names are identifiers (`KubeletDown`);
 * pages write them as they are, with spaces (`CPU Throttling High`), or
 * beside other words (`KubeletDown [Deprecated]`), and name their file
 * after them (`KubeletDown.md`). The alert layout's choice, its title
 * check and `runbook-alert-coverage` compare them the same way.
 */

import type {Heading, Nodes, Root} from 'mdast'
import type {VFile} from 'vfile'
import {readYaml} from './front-matter.js'

/** A name compared without case, spaces or punctuation: `CPU Throttling High` is `CPUThrottlingHigh`. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

const wordCharacter = /[\p{L}\p{N}_]/u

/** Whether `text` has `name` as a word, in any case. */
export function mentions(text: string, name: string): boolean {
  const lower = text.toLowerCase()
  const wanted = name.toLowerCase()
  if (wanted === '') return false
  for (let index = lower.indexOf(wanted); index !== -1; index = lower.indexOf(wanted, index + 1)) {
    const before = lower.charAt(index - 1)
    const after = lower.charAt(index + wanted.length)
    if (!wordCharacter.test(before) && !wordCharacter.test(after)) return true
  }
  return false
}

/**
 * Whether a title names an alert: the same name once case, spaces and
 * punctuation are set aside, or the name as a word of it.
 */
export function namesAlert(title: string, alert: string): boolean {
  return nameKey(title) === nameKey(alert) || mentions(title, alert)
}

/** A name as Prometheus writes an alert: one word of letters, digits, `_` or `:`, with a capital letter in it. */
export function isAlertName(value: string): boolean {
  return /^[A-Za-z_:][A-Za-z0-9_:]*$/.test(value) && /[A-Z]/.test(value)
}

/** A file's name without its folder and its Markdown extension (`KubeletDown.md`, `Alert.html.md`): what a page is named after. */
export function fileStem(file: VFile | undefined): string | undefined {
  const base = file?.basename
  return base ? base.replace(/(?:\.html)?\.(?:md|markdown|mdown|mkdn|mkd|mdx)$/i, '') : undefined
}

/** A page's title: its first `#` heading, else the `title` of its front matter. */
export function pageTitle(tree: Root): {readonly text: string; readonly node: Heading | undefined} | undefined {
  let front: string | undefined
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 1) return {text: plainText(node).trim(), node}
    if (node.type === 'yaml' && front === undefined) {
      const entry = readYaml(node).entries.find((entry) => entry.key === 'title')
      if (typeof entry?.value === 'string') front = entry.value
    }
  }
  return front === undefined ? undefined : {text: front, node: undefined}
}

/** Whether a page is named after an alert and its title says so (`KubeletDown.md`, `# KubeletDown`). */
export function titledAfterFile(tree: Root, file: VFile | undefined): boolean {
  const stem = fileStem(file)
  if (stem === undefined || !isAlertName(stem)) return false
  const title = pageTitle(tree)
  return title !== undefined && namesAlert(title.text, stem)
}

function plainText(node: Nodes): string {
  if ('value' in node && node.type !== 'html' && node.type !== 'yaml') return node.value
  if ('children' in node) return node.children.map((child) => plainText(child)).join('')
  return ''
}
