/**
 * Properties of the preset on random Markdown built from runbook-like
 * pieces (fast-check): it never throws, every message has a known rule and a
 * place inside the file, and a clean runbook stays clean when a section of
 * the writer's own is added anywhere, or when it uses CRLF line endings.
 *
 * `FC_RUNS=2000 npx vitest run test/properties.test.ts` runs a larger search.
 */

import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {ruleInfo} from 'remark-preset-runbook'
import {lintRunbook} from 'remark-preset-runbook/api'
import {defaultTemplate, headingKeys, type SectionDefinition} from 'runbook-model'
import {describe, expect, it} from 'vitest'
import {fixtures, heavyTimeout} from './helpers.js'

const runs = Number(process.env['FC_RUNS'] ?? 40)
const timeout = Math.max(heavyTimeout, runs * 500)
const complete = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'), 'utf8')
// The preset's rules, the template setting and the guard against binary files and deep nesting.
const knownRules = new Set([...ruleInfo.map((rule) => rule.ruleId), 'template', 'binary', 'nesting'])

function titles(sections: ReadonlyArray<SectionDefinition>): string[] {
  return sections.flatMap((section) => [section.title, ...(section.aliases ?? []), ...titles(section.sections ?? [])])
}

const templateTitles = titles(defaultTemplate.sections)

// ---------------------------------------------------------------------------
// Pieces.

const loneSurrogate = fc.integer({min: 0xd8_00, max: 0xdf_ff}).map((code) => String.fromCharCode(code))
const text = fc.oneof(
  fc.string({maxLength: 30}),
  fc.string({unit: 'grapheme', maxLength: 20}),
  fc.string({unit: loneSurrogate, maxLength: 3}),
  fc.constantFrom('TODO', 'TBD', 'N/A', '<insert team name>', '[fill in]', 'payments@acme.io', '#payments', '_', 'password: hunter2x')
)

const heading = fc
  .tuple(
    fc.integer({min: 1, max: 6}),
    fc.oneof(fc.constantFrom(...templateTitles), text),
    fc.constantFrom('', '1. ', '2.3 ', 'A) ', 'iv. ', '🔧 ', ':wrench: '),
    fc.constantFrom('same', 'upper', 'lower'),
    fc.constantFrom('', ':', ' (Backup Management)', ' -')
  )
  .map(([depth, title, prefix, kase, suffix]) => {
    const cased = kase === 'upper' ? title.toUpperCase() : kase === 'lower' ? title.toLowerCase() : title
    return `${'#'.repeat(depth)} ${prefix}${cased}${suffix}`
  })

const block = fc.oneof(
  heading,
  heading,
  text,
  text.map((value) => `> ${value}?`),
  text.map((value) => `_${value}_`),
  text.map((value) => `_(e.g. ${value})_`),
  text.map((value) => `**Service or system name:** ${value}`),
  fc.constantFrom('**Service or system name:**', '- ', '* * *', '<!-- lint disable runbook-no-placeholders -->'),
  text.map((value) => '```sh\n' + value + '\n```'),
  fc.array(text, {minLength: 1, maxLength: 4}).map((items) => items.map((item) => `- ${item}`).join('\n')),
  fc.tuple(text, text).map(([a, b]) => `| ${a} | ${b} |\n| - | - |\n| ${b} | ${a} |`)
)

const frontMatter = fc.oneof(
  fc.constant(''),
  fc.constantFrom('2025-01-15', '2099-01-01', 'yesterday', '[2025', '').map((date) => `---\nlast_reviewed: ${date}\nowner: Payments\n---\n\n`),
  fc.constant('+++\nlast_reviewed = 2025-01-15\n+++\n\n'),
  fc.constant('---\nunclosed: yes\n\n')
)

const markdown = fc
  .tuple(frontMatter, fc.array(block, {maxLength: 25}), fc.boolean())
  .map(([front, blocks, crlf]) => {
    const value = front + blocks.join('\n\n') + '\n'
    return crlf ? value.replaceAll('\n', '\r\n') : value
  })

// ---------------------------------------------------------------------------
// A section of the writer's own, and where it may go.

const ownTitles = ['Incident history', 'Escalation matrix', 'Glossary', 'Service level objectives', 'Runbook changelog', 'Capacity planning', 'Known quirks']
for (const title of ownTitles) {
  const keys = new Set(templateTitles.map((entry) => headingKeys(entry).key))
  if (keys.has(headingKeys(title).key)) throw new Error(`\`${title}\` is a template title`)
}

const words = 'the worker drains the queue before each deploy and restarts within a minute on call engineers watch the latency graph'.split(' ')
const sentence = fc
  .array(fc.constantFrom(...words), {minLength: 4, maxLength: 16})
  .map((list) => list.join(' ').replace(/^./, (first) => first.toUpperCase()) + '.')
const content = fc.oneof(
  sentence,
  fc.array(sentence, {minLength: 1, maxLength: 3}).map((list) => list.map((item) => `- ${item}`).join('\n')),
  sentence.map((value) => '```sh\n# ' + value + '\nkubectl rollout restart deploy/billing\n```')
)

const lines = complete.split('\n')
/** Before each heading below the title, and at the end: the depth of the heading before and after. */
const slots = lines.flatMap((line, index) => {
  const depth = /^(#{1,6}) /.exec(line)?.[1]?.length
  return depth !== undefined && index > 0 ? [index] : []
})
slots.push(lines.length)

function depthBefore(index: number): number {
  for (let line = index - 1; line >= 0; line--) {
    const depth = /^(#{1,6}) /.exec(lines[line]!)?.[1]?.length
    if (depth !== undefined) return depth
  }
  return 1
}

function depthAt(index: number): number {
  return /^(#{1,6}) /.exec(lines[index] ?? '')?.[1]?.length ?? 2
}

/** A section at a slot, at a depth that neither adopts the next heading nor skips a level. */
const ownSection = fc
  .tuple(fc.constantFrom(...slots), fc.nat(), fc.constantFrom(...ownTitles), fc.array(content, {minLength: 1, maxLength: 3}))
  .map(([slot, pick, title, blocks]) => {
    const lowest = Math.max(2, depthAt(slot))
    const highest = Math.min(6, depthBefore(slot) + 1)
    const depth = lowest + (pick % (highest - lowest + 1))
    return {slot, depth, text: [`${'#'.repeat(depth)} ${title}`, '', ...blocks.flatMap((value) => [value, ''])]}
  })

function insert(sections: ReadonlyArray<{slot: number; text: string[]}>): string {
  const result = [...lines]
  for (const section of [...sections].sort((a, b) => b.slot - a.slot)) result.splice(section.slot, 0, ...section.text)
  return result.join('\n')
}

// ---------------------------------------------------------------------------

describe('the preset on random runbook-like Markdown', () => {
  it(
    'never throws; every message has a known rule and a place inside the file',
    async () => {
      await fc.assert(
        fc.asyncProperty(markdown, async (value) => {
          const file = await lintRunbook(value, {path: 'runbook.md'})
          const lineCount = value.split(/\r\n|\r|\n/).length
          for (const message of file.messages) {
            expect(knownRules, message.reason).toContain(message.ruleId)
            expect(message.line).toBeGreaterThanOrEqual(1)
            expect(message.line).toBeLessThanOrEqual(lineCount + 1)
            expect(message.column).toBeGreaterThanOrEqual(1)
          }
        }),
        {numRuns: runs * 3, seed: Number(process.env['FC_SEED'] ?? 20_261_207)}
      )
    },
    timeout * 3
  )

  it('passes the complete runbook, with LF and with CRLF', async () => {
    for (const value of [complete, complete.replaceAll('\n', '\r\n')]) {
      expect((await lintRunbook(value, {path: 'runbook.md'})).messages.map((message) => message.reason)).toEqual([])
    }
  })

  it(
    'keeps a clean runbook clean with sections of the writer’s own anywhere, with LF or CRLF',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(ownSection, {minLength: 1, maxLength: 3}), fc.boolean(), async (sections, crlf) => {
          let value = insert(sections)
          if (crlf) value = value.replaceAll('\n', '\r\n')
          const file = await lintRunbook(value, {path: 'runbook.md'})
          expect(file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([])
        }),
        {numRuns: runs, seed: Number(process.env['FC_SEED'] ?? 20_261_207)}
      )
    },
    timeout
  )
})
