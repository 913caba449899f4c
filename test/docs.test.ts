/**
 * Docs-as-tests: every `@example` in every rule's doc comment is run, with
 * and without remark-gfm, and must give exactly the documented messages;
 * every generated readme must match its source.
 */

import fs from 'node:fs'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified, type Plugin} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {renderReadme} from '../scripts/generate-readmes.js'
import {formatMessage, readRuleDocs, rulePackages} from '../scripts/rule-docs.js'

for (const directory of rulePackages()) {
  const docs = readRuleDocs(directory)

  describe(docs.packageName, async () => {
    const rule = ((await import(docs.packageName)) as {default: Plugin<[unknown?]> & {info: {description: string}}})
      .default

    it('describes itself as its package does, for reporters', () => {
      expect(rule.info.description).toBe(docs.description)
    })

    it('has examples, with at least one that passes and one that fails', () => {
      expect(docs.examples.some((example) => example.output?.length === 0)).toBe(true)
      expect(docs.examples.some((example) => (example.output?.length ?? 0) > 0)).toBe(true)
    })

    for (const example of docs.examples) {
      for (const gfm of [false, true]) {
        it(`${example.name}${gfm ? ' (with remark-gfm)' : ''}`, async () => {
          const processor = unified()
            .use(remarkParse)
            .use(remarkFrontmatter, ['yaml', 'toml'])
            .use(gfm ? [remarkGfm] : [])
            .use(rule, example.config)
          const file = new VFile({path: example.name, value: example.input})
          await processor.run(processor.parse(file), file)

          expect(file.messages.map(formatMessage)).toEqual(example.output)
          for (const message of file.messages) {
            expect(message.ruleId).toBe(docs.ruleId)
            expect(message.source).toBe('remark-lint')
            expect(message.url).toMatch(new RegExp(`/packages/${docs.packageName}#readme$`))
          }
        })
      }
    }

    it('readme.md is generated from the current source', () => {
      const readme = fs.readFileSync(path.join(directory, 'readme.md'), 'utf8')
      expect(readme).toBe(renderReadme(directory))
    })
  })
}

describe('docs/templates.md', () => {
  it('is generated from the current templates', async () => {
    const {renderTemplatesDoc} = await import('../scripts/generate-readmes.js')
    const actual = fs.readFileSync(path.join(import.meta.dirname, '..', 'docs', 'templates.md'), 'utf8')
    expect(actual).toBe(await renderTemplatesDoc())
  })
})
