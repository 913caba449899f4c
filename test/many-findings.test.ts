/**
 * Runbooks with more of something than a call's arguments can hold (about
 * 125,000 in Node.js 20, 27,000 on the tests' smaller stack: see
 * vitest.config.ts): findings, or paragraphs in a section. Every rule
 * and the terminal report, through the real preset, never a stack trace.
 * The trees are built here rather than parsed: parsing megabytes of
 * Markdown takes the parser tens of seconds, and small ones show the built
 * tree is the parser's.
 */

import {fromMarkdown} from 'mdast-util-from-markdown'
import type {Nodes, PhrasingContent, Root} from 'mdast'
import remarkPresetRunbook from 'remark-preset-runbook'
import remarkRunbookTemplate from 'remark-runbook-template'
import {unified, type PluggableList} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import reporter from 'vfile-reporter-runbook'
import {describe, expect, it} from 'vitest'
import {heavyTimeout} from './helpers.js'

interface Point {
  line: number
  column: number
  offset: number
}

/** A one-line paragraph's text and its inline nodes, from where its line starts. */
type Paragraph = (index: number) => {text: string; children: (start: Point) => PhrasingContent[]}

const at = (start: Point, columns: number): Point => ({line: start.line, column: start.column + columns, offset: start.offset + columns})

/** `**Field 1:** TODO` */
const labelledField: Paragraph = (index) => {
  const label = `Field ${index}:`
  const text = `**${label}** TODO`
  return {
    text,
    children: (start) => [
      {type: 'strong', children: [{type: 'text', value: label, position: {start: at(start, 2), end: at(start, 2 + label.length)}}], position: {start, end: at(start, 4 + label.length)}},
      {type: 'text', value: ' TODO', position: {start: at(start, 4 + label.length), end: at(start, text.length)}}
    ]
  }
}

/** `Node 1 looks fine.` */
const plainLine: Paragraph = (index) => {
  const text = `Node ${index} looks fine.`
  return {text, children: (start) => [{type: 'text', value: text, position: {start, end: at(start, text.length)}}]}
}

/** `head`, then `count` paragraphs, then `tail`, as text and as the tree the parser makes of it (`head` and `tail` parsed, being short). */
function document(head: string, paragraph: Paragraph, count: number, tail = ''): {text: string; tree: Root} {
  const tree = fromMarkdown(head)
  const lines: string[] = []
  let line = head.split('\n').length
  let offset = head.length
  for (let index = 0; index < count; index++) {
    const {text, children} = paragraph(index)
    const start = {line, column: 1, offset}
    tree.children.push({type: 'paragraph', children: children(start), position: {start, end: at(start, text.length)}})
    lines.push(text)
    line += 2
    offset += text.length + 2
  }
  const text = head + lines.join('\n\n') + '\n' + (tail ? '\n' + tail : '')
  if (tail) {
    const rest = fromMarkdown(tail)
    visit(rest, (node: Nodes) => {
      for (const point of [node.position?.start, node.position?.end]) {
        if (!point) continue
        point.line += line - 1
        point.offset = (point.offset ?? 0) + offset
      }
    })
    tree.children.push(...rest.children)
  }
  tree.position = {start: {line: 1, column: 1, offset: 0}, end: endOf(text)}
  return {text, tree}
}

function endOf(text: string): Point {
  const lines = text.split('\n')
  return {line: lines.length, column: lines.at(-1)!.length + 1, offset: text.length}
}

async function lint(text: string, tree: Root, plugins: PluggableList = []): Promise<VFile> {
  const file = new VFile({path: 'runbook.md', value: text})
  await unified().use(remarkPresetRunbook).use(plugins).run(tree, file)
  return file
}

const fields = '# Billing API\n\n## Service or system overview\n\n'
const alert = '# KubeletDown\n\n## Meaning\n\nKubelet is down.\n\n## Impact\n\nPods are not scheduled.\n\n## Diagnosis\n\n### Nodes\n\n'
const mitigation = '## Mitigation\n\nRestart the kubelet with `systemctl restart kubelet`.\n'

describe('more than a call takes arguments', () => {
  it('builds the trees the parser makes', () => {
    for (const {text, tree} of [document(fields, labelledField, 3), document(alert, plainLine, 3, mitigation)]) {
      expect(tree).toEqual(fromMarkdown(text))
    }
  })

  it('gets 40,000 findings from the preset and the terminal report', async () => {
    const count = 40_000
    const {text, tree} = document(fields, labelledField, count)
    const file = await lint(text, tree)
    const found = file.messages.filter((message) => message.ruleId === 'runbook-no-placeholders')
    expect(found).toHaveLength(count)
    expect(found[count - 1]?.reason).toBe('Unexpected placeholder `TODO` in `Service or system overview`, expected the name of the service and what it is')
    expect(found[count - 1]?.line).toBe(3 + 2 * count)
    const report = reporter([file])
    expect(report.split('\n').filter((line) => line.includes('runbook-no-placeholders'))).toHaveLength(count)
  }, heavyTimeout)

  it('reads an alert page with 40,000 paragraphs in its Diagnosis', async () => {
    const {text, tree} = document(alert, plainLine, 40_000, mitigation)
    const file = await lint(text, tree, [[remarkRunbookTemplate, {template: 'alert'}]])
    expect(file.messages.map((message) => [message.line, message.reason, message.ruleId])).toEqual([
      [11, 'Unexpected `Diagnosis` without an action, expected what the on-call engineer does: a step, a command, a query, a link or a decision', 'runbook-alert-page']
    ])
  }, heavyTimeout)
})
