/**
 * Under unified-engine the preset holds its rules' messages outside each
 * file until the whole set is done (unified-engine counts every file's
 * messages each time a file finishes). What anyone reads afterwards must be
 * what it was: the same messages in the same order, another plugin's
 * messages and message control untouched, files with errors still not
 * written, the same exit code.
 */

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import type {Root} from 'mdast'
import {remark} from 'remark'
import remarkLint from 'remark-lint'
import remarkPresetRunbook from 'remark-preset-runbook'
import {engine} from 'unified-engine'
import {lintRule} from 'unified-lint-rule'
import type {VFile} from 'vfile'
import {afterAll, describe, expect, it} from 'vitest'
import {describeMessage, fixtures} from './helpers.js'

const inputs = ['broken/partly-filled.md', 'broken/missing-sections.md', 'valid/complete.md', 'broken/misplaced.md']

// Another plugin's messages, before and after the preset's: one kept, one
// dropped by a `lint disable` comment.
const other = lintRule({origin: 'remark-lint:other-rule'}, (tree: Root, file) => {
  file.message('other rule at the start', {line: 1, column: 1})
  file.message('other rule at the end', tree.position?.end)
})
const late = () => (_tree: Root, file: VFile) => {
  file.message('a later plugin').source = 'later'
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'held-'))
afterAll(() => fs.rmSync(scratch, {recursive: true, force: true}))

function copyInputs(): string[] {
  return inputs.map((input, index) => {
    const target = path.join(scratch, `${index}-${path.basename(input)}`)
    let value = fs.readFileSync(path.join(fixtures, input), 'utf8')
    if (index === 1) value = '<!-- lint disable other-rule -->\n\n' + value
    fs.writeFileSync(target, value)
    return target
  })
}

function run(files: string[], extra: Record<string, unknown> = {}): Promise<{code: number; files: VFile[]}> {
  return new Promise((resolve, reject) => {
    engine(
      {
        processor: remark(),
        files,
        cwd: scratch,
        plugins: [other, remarkPresetRunbook, remarkLint, late],
        detectConfig: false,
        detectIgnore: false,
        streamError: new PassThrough(),
        out: false,
        ...extra
      },
      (error, code, context) => {
        if (error) reject(error)
        else resolve({code: code ?? 0, files: context?.files ?? []})
      }
    )
  })
}

/** The same plugins on one file at a time, without unified-engine: nothing is held. */
async function direct(file: string): Promise<string[]> {
  const processor = remark().use([other, remarkPresetRunbook, remarkLint, late])
  const result = await processor.process({path: file, cwd: scratch, value: fs.readFileSync(path.resolve(scratch, file))})
  return result.messages.map((message) => `${describeMessage(message)} (${message.source})`)
}

describe('messages held until the file set is done', () => {
  it('gives the reporter every message, in order, as a file processed alone has them', async () => {
    const files = copyInputs()
    const result = await run(files)
    expect(result.code).toBe(1)
    expect(result.files).toHaveLength(files.length)
    for (const file of result.files) {
      const messages = file.messages.map((message) => `${describeMessage(message)} (${message.source})`)
      expect(messages).toEqual(await direct(file.path))
      if (!file.path.includes('complete')) expect(messages.some((message) => message.includes(' runbook-'))).toBe(true)
      expect(messages.at(-1)).toBe('1:1 - a later plugin (later)')
    }
    // The `lint disable other-rule` comment still drops the other rule's messages.
    const disabled = result.files.find((file) => file.path.includes('missing-sections'))!
    expect(disabled.messages.some((message) => message.ruleId === 'other-rule')).toBe(false)
    expect(disabled.messages.some((message) => message.ruleId === 'runbook-required-headings')).toBe(true)
  })

  it('still writes no file with an error, and writes the clean one', async () => {
    const files = copyInputs()
    const before = files.map((file) => fs.readFileSync(file, 'utf8'))
    const out = path.join(scratch, 'out')
    fs.mkdirSync(out, {recursive: true})
    const result = await run(files, {output: out, plugins: [remarkPresetRunbook]})
    expect(result.code).toBe(1)
    const written = fs.readdirSync(out)
    // `runbook-required-headings` and the other error rules are fatal (severity `error`).
    expect(written).toEqual([path.basename(files[2]!)])
    expect(files.map((file) => fs.readFileSync(file, 'utf8'))).toEqual(before)
  })
})
