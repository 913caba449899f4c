/**
 * `vfile-reporter-github-actions`: workflow commands as the runner decodes
 * them, the annotation limits, the job summary, and a real `remark` run.
 */

import {execFileSync, spawnSync} from 'node:child_process'
import fc from 'fast-check'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import remarkGfm from 'remark-gfm'
import rehypeRaw from 'rehype-raw'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import reporterGithubActions, {annotationLimit, escapeData, escapeProperty, formatSummary} from 'vfile-reporter-github-actions'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixtures, root, toolEnv} from './helpers.js'
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
      data: '2 of 15 findings were not annotated: GitHub shows at most 10 errors, 10 warnings and 10 notices per step, given to secrets and password storage, then missing sections, then the rest, spread over files; run `npx remark-runbook` on the runbooks to see every finding.'
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

/**
 * The summary as GitHub renders it: GFM with raw HTML allowed (then
 * sanitised by GitHub, which keeps `<img>` and `<a>`). The elements and the
 * link targets that come out.
 */
async function rendered(markdown: string): Promise<{tags: Set<string>; hrefs: string[]}> {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, {allowDangerousHtml: true}).use(rehypeRaw)
  const tree = await processor.run(processor.parse(markdown))
  const tags = new Set<string>()
  const hrefs: string[] = []
  visit(tree, 'element', (node) => {
    tags.add(node.tagName)
    if (node.tagName === 'a') hrefs.push(String(node.properties['href']))
  })
  return {tags, hrefs}
}

/** What the summary itself writes: headings, paragraphs, tables, code, line breaks and links to rules' docs. */
const intended = new Set(['h2', 'h3', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'br', 'a'])

describe('job summary, rendered as GitHub renders it', () => {
  const hostile = [
    'Misplaced heading `## Foo ` <img src=https://evil.example/x.png> <a href="https://evil.example">x</a>`',
    'Heading `a` `` ` `` <b>bold</b> `<i>` \\`<u>`\\` ```` <s> ```',
    'Text https://evil.example/a www.evil.example mail@evil.example mailto:x@evil.example ![i](https://evil.example/i.png) [l](javascript:alert(1)) <https://evil.example> &lt;b&gt; *em* ~~s~~ | pipe',
    'two\nlines <script>alert(1)</script>\r\n<!-- comment --> <details open>',
    'a [link][ref] and [ref]: https://evil.example "title"'
  ]

  it('lets nothing in a message, a file name, a section title or a template name become HTML or a link', async () => {
    const findings = hostile.map((reason, index) => ({
      file: index === 0 ? 'docs/`x`<img src=https://evil.example/f.png>|a.md' : 'docs/b.md',
      kind: 'error' as const,
      line: index + 1,
      column: 1,
      endLine: undefined,
      endColumn: undefined,
      ruleId: index === 1 ? 'rule]<img src=https://evil.example/r.png>' : 'runbook-required-headings',
      source: 'remark-lint',
      reason,
      note: undefined,
      url: index === 1 ? 'javascript:alert(1)' : 'https://github.com/remark-runbook/docs#rule'
    }))
    const markdown = formatSummary(
      [
        {
          file: findings[0]!.file,
          findings,
          sections: [{title: 'Owner `x` <img src=https://evil.example/s.png> [a](https://evil.example)', depth: 2, state: 'filled'}],
          partial: false,
          layout: {template: '<img src=https://evil.example/t.png>`', chosen: 'configured'}
        }
      ],
      {annotated: new Set(findings.slice(0, 2))}
    )
    const {tags, hrefs} = await rendered(markdown)
    expect([...tags].filter((tag) => !intended.has(tag))).toEqual([])
    expect(hrefs).toEqual(Array(hostile.length - 1).fill('https://github.com/remark-runbook/docs#rule'))
    // Read as text, the message is all there.
    expect(markdown).toContain('| `docs/b.md` | 3 | error |')
  })

  it('lets no HTML through for any text made of backticks, brackets, tags, URLs and line breaks (fast-check)', async () => {
    const piece = fc.constantFrom('`', '``', '```', '<img src=x>', '<a href="https://e.x">', '</a>', '<b>', '[a](https://e.x)', '![i](https://e.x/i.png)', '<https://e.x>', 'https://e.x', 'www.e.x', 'a@e.x', '\\', '|', '*', '_', '&lt;i&gt;', '&#96;', ' ', '\n', 'text', '<!--', '-->', ':', '##[')
    const message = fc.array(piece, {maxLength: 14}).map((parts) => parts.join(''))
    await fc.assert(
      fc.asyncProperty(message, message, async (reason, title) => {
        const finding = {file: title, kind: 'warning' as const, line: 1, column: 1, endLine: undefined, endColumn: undefined, ruleId: title, source: 'x', reason, note: undefined, url: undefined}
        const markdown = formatSummary([{file: title, findings: [finding], sections: [{title, depth: 2, state: 'filled'}], partial: false, layout: {template: reason, chosen: 'configured'}}])
        const {tags, hrefs} = await rendered(markdown)
        expect([...tags].filter((tag) => !intended.has(tag) || tag === 'a'), markdown).toEqual([])
        expect(hrefs).toEqual([])
      }),
      {numRuns: Number(process.env['FC_RUNS'] ?? 200), seed: Number(process.env['FC_SEED'] ?? 20_261_207)}
    )
  }, 300_000)

  it('holds a heading with backticks, <img> and <a> as text, through the real command', async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-summary-'))
    try {
      const complete = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'), 'utf8')
      // Character references: the heading's text holds a backtick, <img> and <a>, which the message quotes.
      const heading = '## Troubleshooting (&#96; &lt;img src="https://evil.example/p.png"&gt; &lt;a href="https://evil.example"&gt;click&lt;/a&gt;)'
      fs.writeFileSync(path.join(scratch, 'runbook.md'), complete.replace('### Troubleshooting', heading))
      const summary = path.join(scratch, 'summary.md')
      const result = spawnSync(process.execPath, [path.join(root, 'bin', 'remark-runbook.js'), '--report', 'github-actions', 'runbook.md'], {
        cwd: scratch,
        encoding: 'utf8',
        input: '',
        env: {...process.env, GITHUB_WORKSPACE: scratch, GITHUB_STEP_SUMMARY: summary, GITHUB_EVENT_PATH: '', GITHUB_BASE_REF: ''}
      })
      expect(result.status, result.stderr).toBe(1)
      const markdown = fs.readFileSync(summary, 'utf8')
      expect(markdown).toContain('Misplaced heading `## Troubleshooting (`')
      const {tags, hrefs} = await rendered(markdown)
      expect([...tags].filter((tag) => !intended.has(tag))).toEqual([])
      expect(hrefs.every((href) => href.startsWith('https://github.com/remark-runbook/remark-runbook/'))).toBe(true)
      // The annotation carries the same text, on one line.
      const [command] = parseCommands(result.stderr).filter((command) => command.data.startsWith('Misplaced heading'))
      expect(command?.data.split('\n')[0]).toBe(
        'Misplaced heading `## Troubleshooting (` <img src="https://evil.example/p.png"> <a href="https://evil.example">click</a>)`, expected it under `Operational tasks`'
      )
    } finally {
      fs.rmSync(scratch, {recursive: true, force: true})
    }
  })
})

describe('the annotation budget', () => {
  /** `count` findings of a rule in a file, from line `from`. */
  function findingsIn(file: VFile, ruleId: string, count: number, from: number, fatal = true) {
    for (let line = from; line < from + count; line++) {
      file.message(`Finding of ${ruleId} on line ${line}`, {line, column: 1}, `remark-lint:${ruleId}`).fatal = fatal
    }
  }

  it('goes to secrets and password storage, then missing sections, then the rest, files taking turns', () => {
    const fresh = fileWith('runbooks/new.md', (file) => findingsIn(file, 'runbook-no-placeholders', 12, 1))
    const leaky = fileWith('runbooks/payments.md', (file) => {
      findingsIn(file, 'runbook-no-placeholders', 3, 1)
      findingsIn(file, 'runbook-required-headings', 1, 10)
      findingsIn(file, 'runbook-no-secrets', 2, 20)
      findingsIn(file, 'runbook-password-storage', 1, 30, false)
    })
    const other = fileWith('runbooks/queue.md', (file) => findingsIn(file, 'runbook-required-headings', 2, 5))
    const commands = parseCommands(report([fresh, leaky, other], {changed: false}))
    expect(commands.filter((command) => command.command === 'error').map((command) => `${command.properties['file']}:${command.properties['line']}`)).toEqual([
      // Secrets, then missing sections (files taking turns), then the rest, files taking turns.
      'runbooks/payments.md:20',
      'runbooks/payments.md:21',
      'runbooks/payments.md:10',
      'runbooks/queue.md:5',
      'runbooks/queue.md:6',
      'runbooks/new.md:1',
      'runbooks/payments.md:1',
      'runbooks/new.md:2',
      'runbooks/payments.md:2',
      'runbooks/new.md:3'
    ])
    expect(commands.filter((command) => command.command === 'warning').map((command) => command.properties['line'])).toEqual(['30'])
  })

  it('goes to the files the change touches first', () => {
    const fresh = fileWith('runbooks/new.md', (file) => findingsIn(file, 'runbook-no-placeholders', 12, 1))
    const leaky = fileWith('runbooks/payments.md', (file) => findingsIn(file, 'runbook-no-secrets', 2, 20))
    const commands = parseCommands(report([fresh, leaky], {changed: ['runbooks/new.md']})).filter((command) => command.command === 'error')
    expect(commands.map((command) => command.properties['file'])).toEqual(Array(10).fill('runbooks/new.md'))
  })

  it('finds the files a pull request changes from the event payload and git, and says in the summary where the rest are', () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-budget-'))
    try {
      const git = (...args: string[]) => execFileSync('git', args, {cwd: scratch, env: toolEnv(), encoding: 'utf8'}).trim()
      git('init', '--quiet', '-b', 'main')
      const complete = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'), 'utf8')
      fs.mkdirSync(path.join(scratch, 'docs'))
      // An old runbook, not touched by the pull request, with many findings.
      fs.writeFileSync(path.join(scratch, 'docs', 'legacy.md'), complete.replaceAll(/^(#{2,3} .*)\n\n/gm, '$1\n\nTODO\n\n'))
      fs.writeFileSync(path.join(scratch, 'docs', 'payments.md'), complete)
      git('add', '.')
      git('commit', '--quiet', '-m', 'Runbooks')
      const base = git('rev-parse', 'HEAD')
      // The pull request: a new runbook full of TODO, and an AWS key and a password in another.
      fs.writeFileSync(path.join(scratch, 'docs', 'billing.md'), complete.replaceAll(/^(#{2,3} .*)\n\n/gm, '$1\n\nTODO\n\n'))
      const key = ['AKIA', 'Q7ZR4T2XW9PLM3NB'].join('')
      fs.writeFileSync(path.join(scratch, 'docs', 'payments.md'), complete.replace('### Deployment\n', `### Deployment\n\nUse \`${key}\`, and \`db_pass${'word'}: Xk9-mQ2-zz81\`.\n`))
      git('checkout', '--quiet', '-b', 'feature')
      git('add', '.')
      git('commit', '--quiet', '-m', 'Billing')
      const head = git('rev-parse', 'HEAD')
      const event = path.join(scratch, 'event.json')
      fs.writeFileSync(event, JSON.stringify({pull_request: {base: {sha: base}, head: {sha: head}}}))
      const summary = path.join(scratch, 'summary.md')
      const result = spawnSync(process.execPath, [path.join(root, 'bin', 'remark-runbook.js'), '--report', 'github-actions', 'docs'], {
        cwd: scratch,
        encoding: 'utf8',
        input: '',
        env: {...process.env, GITHUB_WORKSPACE: scratch, GITHUB_STEP_SUMMARY: summary, GITHUB_EVENT_PATH: event, GITHUB_BASE_REF: 'main'}
      })
      expect(result.status, result.stderr).toBe(1)
      const commands = parseCommands(result.stderr)
      const errors = commands.filter((command) => command.command === 'error')
      expect(errors).toHaveLength(10)
      // The key first, then the changed runbooks' other errors; none for the untouched one.
      expect(errors[0]).toMatchObject({properties: {file: 'docs/payments.md', title: 'runbook-no-secrets'}})
      expect(errors[0]?.data).toMatch(/^Unexpected AWS access key ID `AKIA…`/)
      expect(errors[1]).toMatchObject({properties: {file: 'docs/payments.md', title: 'runbook-no-secrets'}})
      expect(errors.slice(2).every((command) => command.properties['file'] === 'docs/billing.md')).toBe(true)
      const legacy = errors.filter((command) => command.properties['file'] === 'docs/legacy.md')
      expect(legacy).toEqual([])

      const text = fs.readFileSync(summary, 'utf8')
      const missed = /^(\d+) of (\d+) findings have no annotation .* They are in the table below: (.*)\.$/m.exec(text)
      expect(missed, text).not.toBeNull()
      const [, notAnnotated, total, where] = missed!
      const annotated = commands.filter((command) => command.properties['file']).length
      expect(Number(total) - Number(notAnnotated)).toBe(annotated)
      // The changed files first, then the others.
      expect(where).toMatch(/^\d+ in `docs\/billing\.md` \(changed here\), \d+ in `docs\/legacy\.md`$/)
    } finally {
      fs.rmSync(scratch, {recursive: true, force: true})
    }
  })

  it('degrades to every file alike without git or an event', () => {
    const fresh = fileWith('runbooks/new.md', (file) => findingsIn(file, 'runbook-no-placeholders', 12, 1))
    const leaky = fileWith('runbooks/payments.md', (file) => findingsIn(file, 'runbook-no-secrets', 1, 20))
    // The workspace `/repo` does not exist: no git to ask.
    const commands = parseCommands(report([fresh, leaky]))
    expect(commands[0]?.properties['file']).toBe('runbooks/payments.md')
  })
})

describe('workflow commands and terminal escapes from a plugin’s messages', () => {
  it('never starts a command, in annotations or in the terminal report, and shows control characters as text', () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-injection-'))
    try {
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir')
      // A plugin whose message and note carry line breaks, commands and escapes.
      fs.writeFileSync(
        path.join(scratch, '.remarkrc.mjs'),
        [
          "import remarkPresetRunbook from 'remark-preset-runbook'",
          'function hostile() {',
          '  return (tree, file) => {',
          "    const message = file.message('Look\\n::error file=x.md::injected\\n  ::stop-commands::token\\nand ##[add-mask]value \\u001b[2J\\u0007', {line: 1, column: 1}, 'hostile:rule')",
          "    message.note = '::warning::from a note\\r\\n##[error]legacy'",
          '  }',
          '}',
          'export default {plugins: [remarkPresetRunbook, hostile]}',
          ''
        ].join('\n')
      )
      fs.copyFileSync(path.join(fixtures, 'valid', 'complete.md'), path.join(scratch, 'runbook.md'))
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [path.join(root, 'bin', 'remark-runbook.js'), ...args, 'runbook.md'], {
          cwd: scratch,
          encoding: 'utf8',
          input: '',
          env: {...process.env, NO_COLOR: '1', GITHUB_WORKSPACE: scratch, GITHUB_STEP_SUMMARY: path.join(scratch, 'summary.md'), GITHUB_EVENT_PATH: ''}
        })
      for (const args of [['--no-color'], ['--no-color', '--verbose'], ['--report', 'github-actions']]) {
        const result = run(...args)
        const output = result.stdout + result.stderr
        expect(output).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/)
        // The legacy form is read anywhere in a line; `::` at the start of one.
        expect(output).not.toContain('##[')
        const commands = parseCommands(output)
        if (args.includes('github-actions')) {
          expect(commands).toHaveLength(1)
          expect(commands[0]).toEqual({
            command: 'warning',
            properties: {file: 'runbook.md', line: '1', col: '1', title: 'rule'},
            data: 'Look\n\\::error file=x.md::injected\n  \\::stop-commands::token\nand ##\\[add-mask]value \\x1b[2J\\x07\n\\::warning::from a note\r\n##\\[error]legacy'
          })
        } else {
          expect(commands).toEqual([])
          expect(result.stderr).toContain('1:1 warning Look rule hostile\n\\::error file=x.md::injected\n  \\::stop-commands::token\nand ##\\[add-mask]value \\x1b[2J\\x07')
        }
      }
    } finally {
      fs.rmSync(scratch, {recursive: true, force: true})
    }
  })
})
