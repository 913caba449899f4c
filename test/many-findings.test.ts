/**
 * A runbook with more findings than a call's arguments can hold (about
 * 125,000 in Node.js 20): every rule and the terminal report through the
 * real preset, never a stack trace. The tree is built here rather than
 * parsed: parsing 3 MB of Markdown takes the parser tens of seconds, and a
 * small one shows the built tree is the parser's.
 */

import {fromMarkdown} from 'mdast-util-from-markdown'
import type {Root, RootContent} from 'mdast'
import remarkPresetRunbook from 'remark-preset-runbook'
import {unified} from 'unified'
import {VFile} from 'vfile'
import reporter from 'vfile-reporter-runbook'
import {describe, expect, it} from 'vitest'

const head = '# Billing API\n\n## Service or system overview\n\n'

/** `count` labelled fields left at `TODO` under one section, as text and as the tree the parser makes of it. */
function labelledFields(count: number): {text: string; tree: Root} {
  const children: RootContent[] = []
  const point = (line: number, column: number, offset: number) => ({line, column, offset})
  children.push(
    {type: 'heading', depth: 1, children: [{type: 'text', value: 'Billing API', position: {start: point(1, 3, 2), end: point(1, 14, 13)}}], position: {start: point(1, 1, 0), end: point(1, 14, 13)}},
    {
      type: 'heading',
      depth: 2,
      children: [{type: 'text', value: 'Service or system overview', position: {start: point(3, 4, 18), end: point(3, 30, 44)}}],
      position: {start: point(3, 1, 15), end: point(3, 30, 44)}
    }
  )
  const lines: string[] = []
  let offset = head.length
  for (let index = 0; index < count; index++) {
    const label = `Field ${index}:`
    const line = `**${label}** TODO`
    const at = 5 + 2 * index
    const end = 1 + line.length
    children.push({
      type: 'paragraph',
      children: [
        {
          type: 'strong',
          children: [{type: 'text', value: label, position: {start: point(at, 3, offset + 2), end: point(at, 3 + label.length, offset + 2 + label.length)}}],
          position: {start: point(at, 1, offset), end: point(at, 5 + label.length, offset + 4 + label.length)}
        },
        {type: 'text', value: ' TODO', position: {start: point(at, 5 + label.length, offset + 4 + label.length), end: point(at, end, offset + line.length)}}
      ],
      position: {start: point(at, 1, offset), end: point(at, end, offset + line.length)}
    })
    lines.push(line)
    offset += line.length + 2
  }
  const text = head + lines.join('\n\n') + '\n'
  const last = children.at(-1)!.position!.end
  return {text, tree: {type: 'root', children, position: {start: point(1, 1, 0), end: point(last.line + 1, 1, text.length)}}}
}

describe('more findings than a call takes arguments', () => {
  it('builds the tree the parser makes', () => {
    const {text, tree} = labelledFields(3)
    expect(tree).toEqual(fromMarkdown(text))
  })

  it('gets every finding from the preset and the terminal report, without a stack trace', async () => {
    const count = 130_000
    const {text, tree} = labelledFields(count)
    const file = new VFile({path: 'runbook.md', value: text})
    await unified().use(remarkPresetRunbook).run(tree, file)
    const fatal = file.messages.filter((message) => message.ruleId === 'runbook-no-placeholders')
    expect(fatal).toHaveLength(count)
    expect(fatal[count - 1]?.reason).toBe('Unexpected placeholder `TODO` in `Service or system overview`, expected the name of the service and what it is')
    expect(fatal[count - 1]?.line).toBe(3 + 2 * count)
    expect(file.messages.filter((message) => /call stack/.test(message.reason))).toEqual([])
    const report = reporter([file])
    expect(report.split('\n').filter((line) => line.includes('runbook-no-placeholders'))).toHaveLength(count)
  }, 120_000)
})
