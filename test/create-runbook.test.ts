/**
 * create-runbook: a new runbook from the configured template fails the lint
 * (TODOs, empty sections) until it is filled, and has every heading.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {fixtures, lint, root} from './helpers.js'

let directory: string

beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'create-runbook-'))
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir')
})

afterEach(() => fs.rmSync(directory, {recursive: true, force: true}))

function createRunbook(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'packages/create-runbook/dist/cli.js'), ...args], {
    cwd: directory,
    encoding: 'utf8'
  })
}

describe('create-runbook', () => {
  it('writes RUNBOOK.md from the default template, which fails the lint until filled', async () => {
    const result = createRunbook('--title', 'Billing API')
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^Wrote RUNBOOK\.md from the `default` template/)

    const text = fs.readFileSync(path.join(directory, 'RUNBOOK.md'), 'utf8')
    expect(text.startsWith('# Billing API\n\n## Service or system overview\n\n**Service or system name:** TODO\n')).toBe(true)
    const file = await lint(text)
    const rules = new Set(file.messages.map((message) => message.ruleId))
    expect(rules.has('runbook-required-headings')).toBe(false)
    // The owner section's TODO is a placeholder finding, not an owner-contact one as well.
    expect([...rules].sort()).toEqual(['runbook-filled-fields', 'runbook-no-placeholders'])
    // Each of the 15 leaf sections: its TODO line, one message each, and
    // not also an empty section.
    const todos = file.messages.filter((message) => message.ruleId === 'runbook-no-placeholders')
    expect(todos).toHaveLength(15)
    for (const message of todos) expect(message.reason).toMatch(/^Unexpected placeholder `TODO` in `[^`]+` \(nothing else in the section\)/)
  })

  it('answers a misspelt or unknown option with one sentence, the nearest option and the usage, and writes nothing', () => {
    const cases: Array<[string[], string]> = [
      [['--titel', 'X'], 'Unknown option `--titel`; did you mean `--title`?'],
      [['--templte', 'alert'], 'Unknown option `--templte`; did you mean `--template`?'],
      [['--frobnicate'], 'Unknown option `--frobnicate`'],
      [['--title'], 'Missing value for `--title`, expected the title, such as `--title "Billing API"`'],
      [['--force=yes'], 'Unexpected value for `--force`, expected `--force` alone']
    ]
    for (const [args, sentence] of cases) {
      const result = createRunbook('x.md', ...args)
      expect(result.status, args.join(' ')).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/\n\nUsage: create-runbook \[file\] \[options\]\n[^]*--force {2,}overwrite an existing file\n/)
      expect(result.stderr.split('\n')[0]).toBe(`create-runbook: ${sentence}`)
      expect(result.stderr).not.toMatch(/positional|ERR_PARSE_ARGS|^\s+at /m)
    }
    expect(fs.existsSync(path.join(directory, 'x.md'))).toBe(false)
  })

  it('uses the template configured for the file in .remarkrc.json', () => {
    fs.copyFileSync(path.join(fixtures, 'templates/team-template.md'), path.join(directory, 'handbook-template.md'))
    fs.writeFileSync(
      path.join(directory, '.remarkrc.json'),
      JSON.stringify({plugins: ['remark-preset-runbook', ['remark-runbook-template', {template: './handbook-template.md'}]]})
    )
    const result = createRunbook('docs/payments.md')
    expect(result.status).toBe(0)
    const text = fs.readFileSync(path.join(directory, 'docs/payments.md'), 'utf8')
    expect(text).toContain('## About the service\n\n**Service name:** TODO\n\n### What it does\n')
    expect(text).toContain('### Error budget policy\n\nTODO: write an answer to “What happens when the budget is spent?” (optional: remove this section if it does not apply).')
  })

  it('takes --template full', () => {
    expect(createRunbook('--template', 'full', 'full.md').status).toBe(0)
    expect(fs.readFileSync(path.join(directory, 'full.md'), 'utf8')).toContain('#### Zero-day vulnerabilities')
  })

  it('writes an alert runbook named after its alert with --template alert, which fails the lint until filled', async () => {
    const result = createRunbook('--template', 'alert', 'KubeletDown')
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^Wrote KubeletDown\.md from the `alert` template/)
    const text = fs.readFileSync(path.join(directory, 'KubeletDown.md'), 'utf8')
    expect(text.split('\n').filter((line) => line.startsWith('#'))).toEqual([
      '# KubeletDown',
      '## Meaning',
      '## Impact',
      '## Diagnosis',
      '## Mitigation',
      '## Escalation'
    ])
    const file = await lint(text)
    expect(file.data.runbookLayout?.template).toBe('alert')
    // Nothing written yet: one error says so.
    expect(file.messages.map((message) => `${message.line} ${message.ruleId} ${message.fatal}`)).toEqual(['3 runbook-required-headings true'])
  })

  it('never overwrites a file without --force, and says why', () => {
    fs.writeFileSync(path.join(directory, 'RUNBOOK.md'), 'mine\n')
    const result = createRunbook()
    expect(result.status).toBe(1)
    expect(result.stderr).toBe('create-runbook: Not writing `RUNBOOK.md`: the file exists (use --force to overwrite it)\n')
    expect(fs.readFileSync(path.join(directory, 'RUNBOOK.md'), 'utf8')).toBe('mine\n')
    expect(createRunbook('--force').status).toBe(0)
  })

  it('reports a missing template in one line', () => {
    const result = createRunbook('--template', './nope.md')
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/^create-runbook: Cannot read runbook template `\.\/nope\.md`: no such file/)
    expect(result.stderr).not.toMatch(/^\s+at /m)
  })
})
