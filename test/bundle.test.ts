/**
 * The `remark-runbook` command's linked third-party modules
 * (`packages/remark-runbook/dist/vendor.js`, built by scripts/bundle.js)
 * carry a change to remark's parser, mdast-util-from-markdown, that spares
 * it an object for every micromark event. It must make the same syntax trees
 * as remark as published: on every Markdown file of the repository, with no
 * extension, with front matter, with GFM, and on random Markdown of every
 * construct (fast-check; `FC_RUNS` sets how many documents).
 */

import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import type {PluggableList} from 'unified'
import {describe, expect, it} from 'vitest'
import {root} from './helpers.js'

const vendor = path.join(root, 'packages', 'remark-runbook', 'dist', 'vendor.js')
const {remark: bundled} = (await import(vendor)) as {remark: typeof remark}

const extensions: Array<[string, PluggableList]> = [
  ['no extension', []],
  ['front matter', [remarkFrontmatter]],
  ['GFM and front matter', [remarkGfm, [remarkFrontmatter, ['yaml', 'toml']]]]
]

function trees(value: string, plugins: PluggableList) {
  return {
    bundled: JSON.stringify(bundled().use(plugins).parse(value)),
    published: JSON.stringify(remark().use(plugins).parse(value))
  }
}

function markdownFiles(folder: string): string[] {
  return fs.readdirSync(folder, {withFileTypes: true, recursive: true}).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name)
    return entry.isFile() && /\.md$/.test(entry.name) && !file.includes('node_modules') ? [file] : []
  })
}

const files = [...markdownFiles(path.join(root, 'fixtures')), ...markdownFiles(path.join(root, 'packages')), path.join(root, 'README.md')]

describe('the command’s bundled parser', () => {
  it('is the patched one', () => {
    const text = fs.readFileSync(vendor, 'utf8')
    expect(text).toContain('context.sliceSerialize=')
    expect(text).not.toContain('{...context,sliceSerialize')
  })

  it('has Markdown files of the repository to compare', () => {
    expect(files.length).toBeGreaterThan(40)
  })

  for (const [name, plugins] of extensions) {
    it(`makes remark’s trees of every Markdown file of the repository, ${name}`, () => {
      for (const file of files) {
        const result = trees(fs.readFileSync(file, 'utf8'), plugins)
        expect(result.bundled, path.relative(root, file)).toBe(result.published)
      }
    })
  }

  const runs = Number(process.env['FC_RUNS'] ?? 100)
  const inline = fc.oneof(
    fc.string({maxLength: 12}),
    fc.constantFrom('*a*', '**b**', '_c_', '`d`', '[e](https://f.example "g")', '![h](i.png)', '<https://j.example>', 'k@l.example'),
    fc.constantFrom('[m][n]', '[^o]', '~~p~~', '&amp;', '&#35;', '\\*', '<span>q</span>', 'www.r.example', '  ', '\\')
  )
  const line = fc.array(inline, {minLength: 1, maxLength: 5}).map((parts) => parts.join(' '))
  const block = fc.oneof(
    line,
    fc.tuple(fc.integer({min: 1, max: 6}), line).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`),
    fc.tuple(line, fc.constantFrom('===', '---')).map(([text, underline]) => `${text}\n${underline}`),
    fc.array(line, {minLength: 1, maxLength: 4}).map((items) => items.map((item) => `- ${item}`).join('\n')),
    fc.array(line, {minLength: 1, maxLength: 3}).map((items) => items.map((item, index) => `${index + 1}. ${item}\n   - ${item}`).join('\n\n')),
    fc.array(line, {minLength: 1, maxLength: 3}).map((items) => items.map((item) => `- [ ] ${item}`).join('\n')),
    line.map((text) => `> ${text}\n> > ${text}`),
    line.map((text) => '```sh\n' + text + '\n```'),
    line.map((text) => `    ${text}`),
    fc.tuple(line, line).map(([a, b]) => `| ${a} | ${b} |\n| :- | -: |\n| ${b} | ${a} |`),
    line.map((text) => `[n]: https://n.example "${text}"\n\n[^o]: ${text}`),
    line.map((text) => `<div>\n${text}\n</div>`),
    fc.constantFrom('***', '<!-- note -->', '---\na: 1\n---', '+++\nb = 2\n+++', '')
  )
  const document = fc.tuple(fc.array(block, {maxLength: 12}), fc.constantFrom('\n', '\r\n')).map(([blocks, eol]) => blocks.join('\n\n').replaceAll('\n', eol))

  it('makes remark’s trees of random Markdown of every construct', () => {
    fc.assert(
      fc.property(document, (value) => {
        for (const [, plugins] of extensions) {
          const result = trees(value, plugins)
          if (result.bundled !== result.published) return false
        }
        return true
      }),
      {numRuns: runs, seed: Number(process.env['FC_SEED'] ?? 20_261_207)}
    )
  })
})
