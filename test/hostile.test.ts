/**
 * Hostile and broken input: never a crash, a hang or a stack trace; either a
 * normal lint or one clear sentence. Programmatically through `lintRunbook`,
 * and for a few through the real `remark` CLI.
 *
 * The large inputs are kept small enough for `npm test`; set
 * `HOSTILE_LARGE=1` to add a 10 MB runbook, 100,000 headings and front matter
 * of 300,000 keys.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {ruleInfo} from 'remark-preset-runbook'
import {parseCostProblem} from 'runbook-model'
import {lintRunbook} from 'remark-preset-runbook/api'
import type {VFile} from 'vfile'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixtures, heavyTimeout, root} from './helpers.js'

const complete = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'), 'utf8')
const knownRules = new Set([...ruleInfo.map((rule) => rule.ruleId), 'template', 'binary', 'nesting', 'parser-limit', 'encoding'])

function deepList(depth: number): string {
  return Array.from({length: depth}, (_, level) => '  '.repeat(level) + '- item').join('\n') + '\n'
}

function deepQuote(depth: number): string {
  return Array.from({length: depth}, (_, level) => '> '.repeat(level + 1) + 'quoted').join('\n') + '\n'
}

/**
 * The inputs of issue 24 that kept the Markdown parser (micromark) busy for
 * a minute or more, at the sizes given there: each now gets one sentence
 * before it is parsed.
 */
const parserTraps = {
  /** Lists nested 200 deep, again and again, with `\r` line endings: 1 MB. */
  carriageReturns: repeatTo(1_000_000, (index) => '  '.repeat(index % 200) + '- item\r'),
  /** The same with empty list items (`-` and the end of the line). */
  emptyItems: repeatTo(1_000_000, (index) => '  '.repeat(index % 200) + '-\n'),
  /** Lists nested 99 deep (under the depth limit), again and again: 1 MB. */
  deepOften: repeatTo(1_000_000, (index) => '  '.repeat(index % 99) + '- item\n'),
  /** 10,000 blockquote prompts separated by blank lines: 150 KB. */
  prompts: '> Question a?\n\n'.repeat(10_000),
  /** 4,000 list items that each hold a list: 32 KB. */
  sublists: '- item\n  - item\n'.repeat(2000),
  /** `*a` 50,000 times: 100 KB. */
  emphasis: '*a'.repeat(50_000),
  /** `[a](` 50,000 times: 200 KB. */
  links: '[a]('.repeat(50_000)
}

function repeatTo(bytes: number, line: (index: number) => string): string {
  const lines: string[] = []
  let length = 0
  for (let index = 0; length < bytes; index++) {
    lines.push(line(index))
    length += lines[index]!.length
  }
  return lines.join('')
}

/** A template of 5,000 sections, each with its prompt. */
const template5000 = '# Runbook\n\n' + Array.from({length: 5000}, (_, index) => `## Section ${index}\n\n> What goes in section ${index}?\n`).join('\n')

const inlineMarkers = 'emphasis, link or code markers (`*`, `_`, `[`, `]`, `` ` ``, `\\`)'
const tooLong = 'more than the Markdown parser reads in reasonable time'
const trapSentences = {
  carriageReturns: 'line 200 nests lists or blockquotes 200 levels deep, expected at most 100',
  emptyItems: 'line 200 nests lists or blockquotes 200 levels deep, expected at most 100',
  deepOften: `its 9,548 lines in lists or blockquotes are nested 57 levels deep on average (99 at line 99), ${tooLong} (its time grows with the square of the depth, line by line), expected at most 22 on average in a file this long`,
  prompts: `its 10,000 list items and blockquotes in 20,001 lines are ${tooLong} (its time grows with their number times the length of the file), expected fewer in one file`,
  sublists: `its 4,000 list items and blockquotes in 4,001 lines are ${tooLong} (its time grows with their number times the length of the file), expected fewer in one file`,
  emphasis: `the paragraph at line 1 holds 49,999 ${inlineMarkers}, ${tooLong} (its time grows with the square of their number in a paragraph), expected at most 6,324`,
  links: `the paragraph at line 1 holds 100,000 ${inlineMarkers}, ${tooLong} (its time grows with the square of their number in a paragraph), expected at most 6,324`
}

/** A complete runbook grown to `bytes` with real content in a section of its own. */
function large(bytes: number): string {
  const entry = '#### Incident\n\nThe queue worker stopped; restart it with `kubectl rollout restart`.\n\n'
  return complete + '\n## Incident log\n\n' + entry.repeat(Math.ceil(bytes / entry.length))
}

/** Every message is a normal finding: a known rule, a place inside the file, no stack. */
function expectNormal(file: VFile, text: string): void {
  const lines = text.split(/\r?\n|\r/).length
  for (const message of file.messages) {
    expect(knownRules, message.reason).toContain(message.ruleId)
    expect(message.line ?? 1).toBeGreaterThanOrEqual(1)
    expect(message.line ?? 1).toBeLessThanOrEqual(lines + 1)
    expect(message.reason).not.toMatch(/^\s+at /m)
  }
}

describe('lintRunbook on hostile input', () => {
  it('stops a binary file with one sentence at its first NUL byte', async () => {
    const file = await lintRunbook(Buffer.from('# Billing\n\n## Service\0owner\n\0\0\u0001'), {path: 'docs/x.md'})
    expect(file.messages).toHaveLength(1)
    const [message] = file.messages
    expect(message?.reason).toBe('Cannot lint `x.md`: it looks like a binary file (NUL byte at offset 21)')
    expect(message?.fatal).toBe(true)
    expect([message?.line, message?.column]).toEqual([3, 11])
  })

  it('lints invalid UTF-8 as text with replacement characters, with one warning at the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from(complete), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a, 0xe2, 0x82])])
    const file = await lintRunbook(bytes, {path: 'runbook.md'})
    expectNormal(file, String(file))
    expect(file.messages.filter((message) => message.fatal)).toEqual([])
    const encoding = file.messages.filter((message) => message.ruleId === 'encoding')
    expect(encoding.map((message) => [message.line, message.column, message.fatal, message.reason])).toEqual([
      [
        complete.split('\n').length,
        1,
        false,
        'Unexpected byte 0xFF at line 76, column 1 of `runbook.md`, expected UTF-8 text: save the file as UTF-8 (until then such bytes read as U+FFFD)'
      ]
    ])
  })

  it('says nothing about the encoding of UTF-8 text, a replacement character of its own included', async () => {
    const file = await lintRunbook(Buffer.from(complete.replace('Billing', 'Bill\uFFFDing')), {path: 'runbook.md'})
    expect(file.messages.filter((message) => message.ruleId === 'encoding')).toEqual([])
  })

  it('reads a byte order mark as nothing', async () => {
    const file = await lintRunbook('\uFEFF' + complete, {path: 'runbook.md'})
    expect(file.messages.map((message) => message.reason)).toEqual([])
  })

  it('lints lone surrogates in headings and text', async () => {
    const text = complete.replace('## Security and access control', '## Security \uD800 and access control') + '\nText \uDC00 here \uD83D.\n'
    const file = await lintRunbook(text, {path: 'runbook.md'})
    expectNormal(file, text)
  })

  it('lints a runbook of 1 MB', async () => {
    const text = large(1_000_000)
    const file = await lintRunbook(text, {path: 'runbook.md'})
    expect(file.messages.map((message) => message.reason)).toEqual([])
  })

  it.runIf(process.env['HOSTILE_LARGE'] === '1')(
    'lints a runbook of 10 MB',
    async () => {
      const text = large(10_000_000)
      const file = await lintRunbook(text, {path: 'runbook.md'})
      expect(file.messages.map((message) => message.reason)).toEqual([])
    },
    300_000
  )

  // Headings cycle through the six levels, so the nesting never grows with
  // their number: 20,000 walk the same code paths as 100,000 (opt-in below),
  // in a fifth of the suite's time.
  for (const count of process.env['HOSTILE_LARGE'] === '1' ? [20_000, 100_000] : [20_000]) {
    it(`lints a file of ${count.toLocaleString('en')} headings`, async () => {
      const text = Array.from({length: count}, (_, index) => `${'#'.repeat((index % 6) + 1)} Heading ${index}`).join('\n')
      const file = await lintRunbook(text, {path: 'runbook.md'})
      expectNormal(file, text)
      expect(file.messages.some((message) => message.ruleId === 'runbook-required-headings')).toBe(true)
      // Every `######` heading is followed by a `#` one: each is an empty section.
      expect(file.messages.filter((message) => message.ruleId === 'runbook-no-empty-sections')).toHaveLength(Math.ceil(count / 6))
    }, heavyTimeout)
  }

  it('stops lists and blockquotes nested 1,000 deep with one sentence', async () => {
    for (const [text, line] of [
      [deepList(1000), 1000],
      [deepQuote(1000), 1000],
      ['> '.repeat(1000) + 'quoted\n', 1],
      ['- '.repeat(1000) + 'item\n', 1]
    ] as const) {
      const file = await lintRunbook(text, {path: 'deep.md'})
      expect(file.messages.map((message) => message.reason)).toEqual([
        `Cannot lint \`deep.md\`: line ${line} nests lists or blockquotes 1000 levels deep, expected at most 100`
      ])
      expect(file.messages[0]?.line).toBe(line)
    }
  })

  it('lints lists and blockquotes nested 100 deep', async () => {
    for (const text of [deepList(100), deepQuote(100)]) {
      const file = await lintRunbook(text, {path: 'deep.md'})
      expectNormal(file, text)
      expect(file.messages.filter((message) => message.fatal && message.ruleId === 'nesting')).toEqual([])
    }
  })

  it('lints a single line of 1 MB', async () => {
    for (const text of ['a'.repeat(1_000_000), complete + '\n' + 'word '.repeat(200_000) + '\n', '# ' + '_(e.g. '.repeat(150_000)]) {
      const file = await lintRunbook(text, {path: 'runbook.md'})
      expectNormal(file, text)
    }
  })

  it('reports broken front matter as a finding, never a crash', async () => {
    const invalid = '---\nlast_reviewed: [2025-01-01\nowner: : :\n---\n\n' + complete
    const file = await lintRunbook(invalid, {path: 'runbook.md'})
    expectNormal(file, invalid)
    expect(file.messages.map((message) => message.ruleId)).toContain('runbook-review-date')

    const invalidToml = '+++\nlast_reviewed = = 2025\n+++\n\n' + complete
    expectNormal(await lintRunbook(invalidToml, {path: 'runbook.md'}), invalidToml)

    // Unclosed: the `---` is a thematic break and the rest is the runbook.
    const unclosed = '---\nlast_reviewed: 2025-01-01\n\n' + complete
    expectNormal(await lintRunbook(unclosed, {path: 'runbook.md'}), unclosed)
  })

  it('reads a paragraph of 200,000 TODOs as one leftover, without overflowing the stack', async () => {
    // Each TODO was compared with the megabyte around it (half a minute),
    // then spread as 200,000 arguments (a stack trace).
    const file = await lintRunbook('TODO '.repeat(200_000), {path: 'todo.md'})
    const leftovers = file.messages.filter((message) => message.ruleId === 'runbook-no-placeholders')
    expect(leftovers.map((message) => [message.reason, message.place])).toEqual([
      [
        'Unexpected placeholder `TODO` in the top of the runbook (nothing else there), expected your own text',
        {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1_000_000, offset: 999_999}}
      ]
    ])
    expectNormal(file, 'TODO ')
  })

  it('reads a paragraph of leftovers among real words as real content, leftovers one by one', async () => {
    // 3,000 bracketed instructions: the most a paragraph may hold (about
    // 6,000 brackets) before the parser's own time makes the guard step in.
    const text = complete + '\n## Incident log\n\nDone. ' + '[fill in] TODO '.repeat(3000) + '\n'
    const file = await lintRunbook(text, {path: 'runbook.md'})
    const leftovers = file.messages.filter((message) => message.ruleId === 'runbook-no-placeholders')
    expect(leftovers).toHaveLength(6000)
    expect(leftovers[0]?.reason).toBe('Unexpected placeholder `[fill in]` in `Incident log`, expected your own text')
  })

  for (const [name, text] of Object.entries(parserTraps)) {
    it(`stops, before parsing it, what would keep the parser busy for minutes: ${name}`, async () => {
      const file = await lintRunbook(text, {path: 'trap.md'})
      expect(file.messages.map((message) => [message.fatal, message.reason])).toEqual([
        [true, `Cannot lint \`trap.md\`: ${trapSentences[name as keyof typeof parserTraps]}`]
      ])
    })
  }

  it('stops a template that would keep the parser busy for minutes, before parsing it', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-template-'))
    try {
      const template = path.join(folder, 'template.md')
      fs.writeFileSync(template, template5000)
      const file = await lintRunbook('# Runbook\n', {path: 'runbook.md', template})
      expect(file.messages.map((message) => [message.fatal, message.ruleId, message.reason])).toEqual([
        [
          true,
          'template',
          `Cannot read runbook template \`${template}\`: its 5,000 list items and blockquotes in 20,002 lines are ${tooLong} (its time grows with their number times the length of the file), expected fewer in one file`
        ]
      ])
    } finally {
      fs.rmSync(folder, {recursive: true, force: true})
    }
  })

  it('lets through what the parser reads quickly, however long: flat lists, a few sublists, quotes and emphasis', () => {
    // The guard reads the text only: none of these is parsed here.
    for (const text of [
      '- item\n'.repeat(20_000),
      '1. item\n   continued\n'.repeat(20_000),
      '- item\n  - item\n'.repeat(500),
      '> Question a?\n\n'.repeat(1000),
      '> quoted\n'.repeat(20_000),
      '*a* '.repeat(3000) + '\n\n' + 'Some _emphasis_ and a [link](https://example.com).\n\n'.repeat(20_000),
      deepList(100),
      large(1_000_000)
    ]) {
      expect(parseCostProblem(text), text.slice(0, 40)).toBeUndefined()
    }
  })

  it('finds a duplicate key at the end of front matter of 40,000 keys', async () => {
    // `yaml` compares each key with every one before it: 10 seconds here.
    const keys = Array.from({length: 40_000}, (_, index) => `key${index}: value ${index}`)
    const text = '---\n' + [...keys, 'last_reviewed: 2020-01-01', 'key7: again'].join('\n') + '\n---\n\n' + complete
    const file = await lintRunbook(text, {path: 'runbook.md'})
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      '40003:1 Unexpected invalid YAML front matter on line 40003: Map keys must be unique, expected valid YAML'
    ])
  })

  it.runIf(process.env['HOSTILE_LARGE'] === '1')(
    'reads front matter of 300,000 keys',
    async () => {
      const keys = Array.from({length: 300_000}, (_, index) => `key${index}: value ${index}`)
      const file = await lintRunbook('---\n' + [...keys, 'last_reviewed: 2020-01-01'].join('\n') + '\n---\n\n' + complete, {path: 'runbook.md'})
      expect(file.messages.map((message) => message.ruleId)).toEqual(['runbook-review-date'])
    },
    300_000
  )

  it('leaves no performance marks behind, however many files it lints', async () => {
    const before = performance.getEntriesByType('mark').length
    for (let index = 0; index < 5; index++) await lintRunbook(complete, {path: `runbook-${index}.md`})
    expect(performance.getEntriesByType('mark').length).toBe(before)
  })
})

describe('remark --use preset-runbook on hostile files', () => {
  const cli = path.join(root, 'node_modules', 'remark-cli', 'cli.js')
  let scratch: string

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-hostile-'))
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir')
    fs.writeFileSync(path.join(scratch, 'binary.md'), Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x00, 0x01, 0x02, 0xff]))
    fs.writeFileSync(path.join(scratch, 'deep.md'), deepList(1000))
    fs.writeFileSync(path.join(scratch, 'front-matter.md'), '---\nlast_reviewed: [2025\n---\n\n' + complete)
    fs.writeFileSync(path.join(scratch, 'invalid-utf8.md'), Buffer.concat([Buffer.from(complete), Buffer.from([0xc3, 0x28])]))
    fs.writeFileSync(path.join(scratch, 'complete.md'), complete)
    fs.writeFileSync(path.join(scratch, 'toml-broken.md'), '+++\nlast_reviewed = 2025-01-01\n+++\n\n# Broken\n\n## Something\n\nTODO\n')
  })

  afterAll(() => {
    fs.rmSync(scratch, {recursive: true, force: true})
  })

  it('says what is wrong with each file, within seconds, without a stack trace', () => {
    const result = spawnSync(
      process.execPath,
      [cli, '--no-color', '--no-stdout', '--use', 'preset-runbook', 'binary.md', 'deep.md', 'front-matter.md', 'invalid-utf8.md', 'complete.md'],
      {cwd: scratch, encoding: 'utf8', timeout: 240_000, env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'}}
    )
    expect(result.error).toBeUndefined()
    expect(result.status).toBe(1)
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.stderr).toContain('Cannot lint `binary.md`: it looks like a binary file (NUL byte at offset 4)')
    expect(result.stderr).toContain('Cannot lint `deep.md`: line 1000 nests lists or blockquotes 1000 levels deep, expected at most 100')
    expect(result.stderr).toMatch(/front-matter\.md\n.*runbook-review-date/)
    // Read from disk as UTF-8 text: the bytes are looked at again.
    expect(result.stderr).toMatch(/invalid-utf8\.md\n(?:.*\n)*?\d+:\d+ +warning +Unexpected byte 0xC3 at line \d+, column \d+ of `invalid-utf8\.md`, expected UTF-8 text/)
    // Every file is reported, the last one too.
    expect(result.stderr).toContain('complete.md: no issues found')
  })

  it('remark-runbook says in one sentence which file would keep the parser busy, and lints the others', () => {
    const files = Object.keys(parserTraps).map((name) => `${name}.md`)
    for (const [name, text] of Object.entries(parserTraps)) fs.writeFileSync(path.join(scratch, `${name}.md`), text)
    const result = spawnSync(process.execPath, [path.join(root, 'bin', 'remark-runbook.js'), '--no-color', ...files, 'complete.md'], {
      cwd: scratch,
      encoding: 'utf8',
      env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'}
    })
    expect(result.status).toBe(1)
    expect(result.stderr).not.toMatch(/^\s+at /m)
    for (const [name, sentence] of Object.entries(trapSentences)) {
      const line = /^line (\d+)/.exec(sentence)?.[1] ?? (name === 'deepOften' ? '99' : '1')
      expect(result.stderr).toMatch(new RegExp(`${name}\\.md\\n${line}:1 +error +${escape(`Cannot lint \`${name}.md\`: ${sentence}`)} +(?:nesting|parser-limit) +remark-preset-runbook\\n`))
    }
    expect(result.stderr).toMatch(/complete\.md: no issues found/)
  }, heavyTimeout)

  it('remark-runbook --template says in one sentence that the template would keep the parser busy', () => {
    fs.writeFileSync(path.join(scratch, 'template-5000.md'), template5000)
    const result = spawnSync(process.execPath, [path.join(root, 'bin', 'remark-runbook.js'), '--no-color', '--template', 'template-5000.md', 'complete.md'], {
      cwd: scratch,
      encoding: 'utf8',
      env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'}
    })
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe(
      `remark-runbook: Cannot read runbook template \`${path.join(scratch, 'template-5000.md')}\`: its 5,000 list items and blockquotes in 20,002 lines are ${tooLong} (its time grows with their number times the length of the file), expected fewer in one file`
    )
  })

  it('reports on every file when one with an error is still being linted as the others finish', () => {
    // unified-engine counts a file with an error (a fatal message) as done:
    // a rule still waiting on real I/O then let the process end early, exit
    // code 0, with no report at all.
    const files = ['toml-broken.md', 'complete.md', 'front-matter.md', 'invalid-utf8.md']
    const result = spawnSync(process.execPath, [cli, '--no-color', '--no-stdout', '--use', 'preset-runbook', ...files], {
      cwd: scratch,
      encoding: 'utf8',
      timeout: 240_000,
      env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'}
    })
    expect(result.status).toBe(1)
    for (const file of files) expect(result.stderr).toContain(file)
    expect(result.stderr).toMatch(/toml-broken\.md\n(?:.*\n)*?.*error +Unexpected placeholder `TODO`.*runbook-no-placeholders/)
  })
})

function escape(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
