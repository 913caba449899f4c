/**
 * `vfile-reporter-github-actions`: workflow commands as the runner decodes
 * them, the annotation limits, the job summary, and a real `remark` run.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import reporterGithubActions, {annotationLimit, escapeData, escapeProperty} from 'vfile-reporter-github-actions'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {root} from './helpers.js'
import {parseCommand, parseCommands} from './workflow-commands.js'

let scratch: string

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-github-'))
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

/** A file in the workspace `/repo`, with the messages given. */
function fileWith(name: string, add: (file: VFile) => void): VFile {
  const file = new VFile({path: name, cwd: '/repo'})
  add(file)
  return file
}

function report(files: VFile[], options: Record<string, unknown> = {}): string {
  return reporterGithubActions(files, {workspace: '/repo', summary: false, ...options})
}

describe('escaping, as the runner decodes it', () => {
  const awkward = ['100%', '%0A literally', 'a: b, c', 'line one\nline two', 'crlf\r\nend', '::', '%25%3A%2C']

  it.each(awkward)('round-trips message text %j', (text) => {
    expect(parseCommand(`::error::${escapeData(text)}`)?.data).toBe(text)
  })

  it.each(awkward)('round-trips property value %j', (text) => {
    expect(parseCommand(`::error title=${escapeProperty(text)}::x`)?.properties['title']).toBe(text)
  })

  it('round-trips file names and messages with %, :, ",", CR and LF through the reporter', () => {
    const name = 'docs/50% off: a, b\r\nc.md'
    const reason = 'Missing `## Contacts`: expected it, 100% sure\r\nsecond line, %0A stays'
    const file = fileWith(name, (file) => {
      const message = file.message(reason, {line: 3, column: 2}, 'remark-lint:runbook-required-headings')
      message.fatal = true
      message.url = 'https://example.com/rule#a,b'
    })
    const output = report([file])
    expect(output.split('\n').filter(Boolean)).toHaveLength(1)
    const [command] = parseCommands(output)
    expect(command).toEqual({
      command: 'error',
      properties: {file: name, line: '3', col: '2', title: 'runbook-required-headings'},
      data: reason + '\nhttps://example.com/rule#a,b'
    })
  })
})

describe('annotations', () => {
  it('maps fatal to error, false to warning and anything else to notice', () => {
    const file = fileWith('runbook.md', (file) => {
      file.message('a', {line: 1, column: 1}).fatal = true
      file.message('b', {line: 2, column: 1}).fatal = false
      file.message('c', {line: 3, column: 1}).fatal = undefined
    })
    expect(parseCommands(report([file])).map((command) => [command.command, command.data])).toEqual([
      ['error', 'a'],
      ['warning', 'b'],
      ['notice', 'c']
    ])
  })

  it('gives columns for a range on one line, and none for a range over several lines', () => {
    const file = fileWith('runbook.md', (file) => {
      file.message('one line', {start: {line: 4, column: 1}, end: {line: 4, column: 20}}).fatal = true
      file.message('three lines', {start: {line: 5, column: 3}, end: {line: 7, column: 9}}).fatal = true
    })
    const [oneLine, multiLine] = parseCommands(report([file]))
    expect(oneLine?.properties).toEqual({file: 'runbook.md', line: '4', endLine: '4', col: '1', endColumn: '20'})
    expect(multiLine?.properties).toEqual({file: 'runbook.md', line: '5', endLine: '7'})
  })

  it('makes paths relative to GITHUB_WORKSPACE and leaves a positionless message on the file', () => {
    const file = new VFile({path: '/repo/docs/runbooks/billing.md', cwd: '/elsewhere'})
    file.message('No such file or folder').fatal = true
    const [command] = parseCommands(report([file]))
    expect(command?.properties).toEqual({file: 'docs/runbooks/billing.md'})
  })

  it('shows only fatal messages when silent', () => {
    const file = fileWith('runbook.md', (file) => {
      file.message('kept', {line: 1, column: 1}).fatal = true
      file.message('dropped', {line: 2, column: 1}).fatal = false
    })
    expect(parseCommands(report([file], {silent: true})).map((command) => command.data)).toEqual(['kept'])
  })

  it('annotates 10 of each kind and says how many were left out', () => {
    const file = fileWith('runbook.md', (file) => {
      for (let line = 1; line <= 12; line++) file.message(`error ${line}`, {line, column: 1}).fatal = true
      for (let line = 13; line <= 15; line++) file.message(`warning ${line}`, {line, column: 1}).fatal = false
    })
    const commands = parseCommands(report([file]))
    expect(commands.filter((command) => command.command === 'error')).toHaveLength(annotationLimit)
    expect(commands.filter((command) => command.command === 'warning')).toHaveLength(3)
    expect(commands.at(-1)).toEqual({
      command: 'notice',
      properties: {title: 'Runbook lint'},
      data: '2 of 15 findings were not annotated: GitHub shows at most 10 errors, 10 warnings and 10 notices per step, given to secrets and password storage, then missing sections, then the rest, spread over files; run remark locally to see every finding.'
    })
  })

  it('keeps a notice free for the count when notices overflow', () => {
    const file = fileWith('runbook.md', (file) => {
      for (let line = 1; line <= 10; line++) file.info(`notice ${line}`, {line, column: 1})
      for (let line = 11; line <= 21; line++) file.message(`error ${line}`, {line, column: 1}).fatal = true
    })
    const commands = parseCommands(report([file]))
    expect(commands.filter((command) => command.command === 'notice')).toHaveLength(annotationLimit)
    expect(commands.at(-1)?.data).toMatch(/^2 of 21 findings were not annotated/)
  })
})

describe('job summary', () => {
  it('lists every finding when there are more than 10, with the rule and its docs', () => {
    const summary = path.join(scratch, 'many.md')
    fs.writeFileSync(summary, '')
    const file = fileWith('runbooks/payments.md', (file) => {
      for (let line = 1; line <= 25; line++) {
        const message = file.message(`Finding | ${line}`, {line, column: 1}, 'remark-lint:runbook-required-headings')
        message.fatal = true
        message.url = 'https://example.com/docs'
      }
    })
    const output = reporterGithubActions([file], {workspace: '/repo', summary})
    const text = fs.readFileSync(summary, 'utf8')
    expect(text).toMatch(/^## Runbook lint: 25 errors in 1 file\n/)
    const rows = text.split('\n').filter((line) => line.startsWith('| `runbooks/payments.md`'))
    expect(rows).toHaveLength(25)
    expect(rows[24]).toBe(
      '| `runbooks/payments.md` | 25 | error | [`runbook-required-headings`][runbook-required-headings] | Finding \\| 25 |'
    )
    expect(text).toContain('\n[runbook-required-headings]: <https://example.com/docs>\n')
    // As GitHub renders it (GFM): one table of 25 findings, the rule linked to its docs.
    const tree = unified().use(remarkParse).use(remarkGfm).parse(text)
    const table = tree.children.find((node) => node.type === 'table')
    expect(table?.type === 'table' && table.children.length).toBe(26)
    expect(tree.children.filter((node) => node.type === 'definition')).toEqual([
      expect.objectContaining({identifier: 'runbook-required-headings', url: 'https://example.com/docs'})
    ])
    expect(parseCommands(output).at(-1)?.data).toMatch(/^15 of 25 findings were not annotated: .* the job summary lists every finding and says which files the others are in\.$/)
    expect(text).toContain(
      '\n15 of 25 findings have no annotation (GitHub shows at most 10 errors, 10 warnings and 10 notices per step; annotations went to secrets and password storage, then missing sections, then the rest, spread over files). They are in the table below: 15 in `runbooks/payments.md`.\n'
    )
  })

  it('shows the state of each section the preset recorded', () => {
    const summary = path.join(scratch, 'sections.md')
    const file = fileWith('runbook.md', (file) => {
      file.data['runbookSummary'] = {
        sections: [
          {title: 'Service overview', depth: 2, state: 'filled'},
          {title: 'Service owner', depth: 3, state: 'placeholder'},
          {title: 'Metrics', depth: 3, state: 'empty'},
          {title: 'Troubleshooting', depth: 2, state: 'missing'},
          {title: 'Backups', depth: 2, state: 'missing', required: false},
          {title: 'Logs', depth: 2, state: 'filled', placed: false}
        ]
      }
    })
    reporterGithubActions([file], {workspace: '/repo', summary})
    const text = fs.readFileSync(summary, 'utf8')
    expect(text).toContain('## Runbook lint: no findings in 1 file\n')
    expect(text).toContain(
      [
        '### Sections of `runbook.md`',
        '',
        '| Section | State |',
        '| ------- | ----- |',
        '| Service overview | ✅ filled |',
        '| &emsp;Service owner | 📝 placeholder |',
        '| &emsp;Metrics | ⚪ empty |',
        '| Troubleshooting | ❌ missing |',
        '| Backups | ➖ missing, not required |',
        '| Logs | ✅ filled, ⚠ out of place |'
      ].join('\n')
    )
  })
})

describe('remark --report github-actions', () => {
  it('annotates a broken runbook, writes the summary and exits 1', () => {
    const summary = path.join(scratch, 'step-summary.md')
    fs.writeFileSync(summary, '# Earlier step\n')
    const result = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/remark-cli/cli.js'),
        '--no-stdout',
        '--use',
        'preset-runbook',
        '--report',
        'github-actions',
        'fixtures/broken/missing-sections.md',
        'fixtures/valid/complete.md'
      ],
      {cwd: root, encoding: 'utf8', env: {...process.env, GITHUB_WORKSPACE: root, GITHUB_STEP_SUMMARY: summary}}
    )
    const commands = parseCommands(result.stderr)
    expect(commands).toHaveLength(3)
    expect(commands[0]).toEqual({
      command: 'error',
      properties: {file: 'fixtures/broken/missing-sections.md', line: '33', col: '40', title: 'runbook-required-headings'},
      data:
        'Missing required heading `### Secrets management` in `System configuration`, expected it after `Configuration management`\n' +
        'https://github.com/remark-runbook/remark-runbook/tree/main/packages/remark-lint-runbook-required-headings#readme'
    })
    expect(result.status).toBe(1)

    const text = fs.readFileSync(summary, 'utf8')
    expect(text).toMatch(/^# Earlier step\n## Runbook lint: 3 errors in 2 files\n/)
    expect(text).toContain('| `fixtures/broken/missing-sections.md` | 58 | error |')
    // Without the preset's section summary, the missing headings still show.
    expect(text).toContain('### Sections of `fixtures/broken/missing-sections.md`')
    expect(text).toContain('| &emsp;Secrets management | ❌ missing |')
  })
})
