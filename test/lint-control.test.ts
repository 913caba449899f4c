/**
 * The preset's message control gives what `remark-lint` gives: the same
 * messages kept, dropped and placed, on random documents with and without
 * `lint` comments (fast-check), and on every fixture.
 */

import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkLint from 'remark-lint'
import remarkParse from 'remark-parse'
import remarkPresetRunbook, {rules} from 'remark-preset-runbook'
import {unified, type PluggableList} from 'unified'
import {lintRule} from 'unified-lint-rule'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {fixtures} from './helpers.js'

const runs = Number(process.env['FC_RUNS'] ?? 60)

/** A rule that reports at the start and end of every node, at every line start, at the file's end and nowhere. */
const probe = lintRule({origin: 'remark-lint:probe'}, (tree: Root, file) => {
  visit(tree, (node) => {
    if (node.position) {
      file.message(`start of ${node.type}`, node.position.start)
      file.message(`end of ${node.type}`, node.position.end)
    }
  })
  const lines = String(file).split(/\r?\n|\r/)
  for (let line = 1; line <= lines.length; line++) file.message(`line ${line}`, {line, column: 1})
  file.message('nowhere')
  // Not a lint rule's message: no control may touch it.
  file.message('other source', {line: 1, column: 1}).source = 'elsewhere'
})

// The preset's own plugin list with `remark-lint` in place of its message
// control, and `probe` before it.
const presetPlugins = (remarkPresetRunbook.plugins ?? []) as PluggableList
const withRemarkLint = [remarkFrontmatter, ['yaml', 'toml']] as const

function lint(value: string, control: 'preset' | 'remark-lint') {
  const processor =
    control === 'preset'
      ? unified().use(remarkParse).use(presetPlugins).use(probe)
      : unified().use(remarkParse).use([[...withRemarkLint], remarkLint, ...rules, probe] as PluggableList)
  const file = new VFile({path: 'runbook.md', value})
  return processor
    .run(processor.parse(file), file)
    .then(() => file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId ?? ''} ${message.source ?? ''} ${message.reason}`).sort())
}

const line = fc.oneof(
  fc.constantFrom(
    '# Billing API',
    '## Service or system overview',
    '### Service owner',
    '## Monitoring and alerting',
    '## Operational tasks',
    '## Notes',
    'The Payments team owns it: payments@acme.io.',
    'TODO',
    'TBD: who is on call',
    '_(e.g. something)_',
    '* a list item',
    '> a quote',
    '```sh',
    '```',
    '| a | b |',
    '---',
    'title: x',
    '',
    '',
    '<!-- lint disable -->',
    '<!-- lint enable -->',
    '<!-- lint disable probe -->',
    '<!-- lint enable probe -->',
    '<!-- lint ignore probe -->',
    '<!-- lint ignore runbook-no-placeholders -->',
    '<!-- lint disable runbook-required-headings runbook-no-empty-sections -->',
    '<!-- linting notes: nothing here is a marker -->',
    '<!-- a comment -->',
    '<div>lint</div>',
    'Text with <!-- lint disable --> inline.'
  ),
  fc.string({maxLength: 12})
)

const documents = fc.record({
  lines: fc.array(line, {maxLength: 25}),
  eol: fc.constantFrom('\n', '\r\n'),
  final: fc.boolean()
}).map(({lines, eol, final}) => lines.join(eol) + (final ? eol : ''))

describe('the preset’s message control', () => {
  it('keeps and drops what remark-lint keeps and drops, on random documents', async () => {
    await fc.assert(
      fc.asyncProperty(documents, async (value) => {
        expect(await lint(value, 'preset')).toEqual(await lint(value, 'remark-lint'))
      }),
      {numRuns: runs, seed: Number(process.env['FC_SEED'] ?? 20_261_207)}
    )
  }, 300_000)

  it('keeps and drops what remark-lint keeps and drops, on every fixture', async () => {
    const files = fs.readdirSync(fixtures, {recursive: true, encoding: 'utf8'}).filter((name) => name.endsWith('.md'))
    expect(files.length).toBeGreaterThan(10)
    for (const name of files) {
      const value = fs.readFileSync(path.join(fixtures, name), 'utf8')
      expect(await lint(value, 'preset'), name).toEqual(await lint(value, 'remark-lint'))
    }
  })

  it('drops a disabled rule’s messages and only those', async () => {
    const value = '# Billing API\n\n<!-- lint disable runbook-required-headings -->\n\n## Notes\n\nTBD\n'
    const messages = await lint(value, 'preset')
    expect(messages.filter((message) => message.includes('runbook-required-headings'))).toEqual([])
    expect(messages).toContain('7:1 runbook-no-placeholders remark-lint Unexpected placeholder `TBD` in `Notes` (nothing else in the section), expected your own text')
  })
})
