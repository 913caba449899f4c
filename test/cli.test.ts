/**
 * End to end: the real `remark` CLI with `--use preset-runbook`, as a user
 * runs it from the repository root after `npm ci`.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {root} from './helpers.js'

const cli = path.join(root, 'node_modules', 'remark-cli', 'cli.js')
let scratch: string

/** A folder of the scratch project with a `.remarkrc.json` and a `runbook.md`. */
function project(name: string, plugins: unknown[], runbook: string): string {
  const directory = path.join(scratch, name)
  fs.mkdirSync(directory)
  fs.writeFileSync(path.join(directory, '.remarkrc.json'), JSON.stringify({plugins}))
  fs.writeFileSync(path.join(directory, 'runbook.md'), runbook)
  return directory
}

function remark(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [cli, '--no-color', '--no-stdout', ...args], {
    cwd,
    encoding: 'utf8',
    env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'}
  })
  return {code: result.status, stderr: result.stderr, stdout: result.stdout}
}

beforeAll(() => {
  // Outside the repository (so its own `.remarkrc.js` does not apply), with
  // its `node_modules` linked so that plugins resolve as in a user's project.
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-cli-'))
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir')
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

describe('remark --use preset-runbook', () => {
  it('passes a complete runbook with exit code 0', () => {
    const result = remark(['--use', 'preset-runbook', 'fixtures/valid/complete.md'])
    expect(result.stderr).toBe('fixtures/valid/complete.md: no issues found\n')
    expect(result.code).toBe(0)
  })

  it('reports each missing heading with its position, severity and rule, and exits 1', () => {
    const result = remark(['--use', 'preset-runbook', 'fixtures/broken/missing-sections.md'])
    const lines = result.stderr.split('\n')
    expect(lines[0]).toBe('fixtures/broken/missing-sections.md')
    expect(lines[1]).toMatch(
      /^33:40 +error +Missing required heading `### Secrets management` in `System configuration`, expected it after `Configuration management` +runbook-required-headings +remark-lint$/
    )
    // A missing group is one message: `## Monitoring and alerting` names its two subsections.
    expect(lines.filter((line) => /^\d+:\d+/.test(line))).toHaveLength(3)
    expect(result.stderr).toContain('✖ 3 errors')
    expect(result.code).toBe(1)
  })

  it('reports on every file when secretlint is first loaded in the middle of a run', () => {
    // secretlint loads on the first runbook with a secret's literal part; a
    // rule awaiting a module there once let remark exit early with code 0.
    const directory = path.join(scratch, 'several')
    fs.mkdirSync(directory)
    const token = 'gh' + 'p_' + 'aB3dE5gH7jK9mN2pQ4sT6vW8yZ1cF3hJ5kL7'
    fs.writeFileSync(path.join(directory, 'a.md'), '# A\n\nTBD\n')
    fs.writeFileSync(path.join(directory, 'b.md'), `# B\n\nUse \`${token}\`.\n`)
    fs.writeFileSync(path.join(directory, 'c.md'), '# C\n\nTODO\n')
    const result = remark(['--no-config', '--use', 'preset-runbook', '--report', 'json', '.'], directory)
    const files = JSON.parse(result.stderr) as Array<{path: string; messages: Array<{ruleId: string; line: number}>}>
    expect(files.map((file) => file.path)).toEqual(['a.md', 'b.md', 'c.md'])
    // Each is also a document of another shape (text of its own, no template
    // section): one required-headings message, left out here.
    const content = (file: {messages: Array<{ruleId: string; line: number}>}) =>
      file.messages.filter((message) => message.line === 3 && message.ruleId !== 'runbook-required-headings')
    expect(files.map((file) => content(file).map((message) => message.ruleId))).toEqual([
      ['runbook-no-placeholders'],
      ['runbook-no-secrets'],
      ['runbook-no-placeholders']
    ])
    expect(result.code).toBe(1)
  })

  it('exits 0 on warnings, and 1 with --frail', () => {
    const directory = project(
      'warn',
      ['remark-preset-runbook', ['remark-lint-runbook-required-headings', ['warn']]],
      fs.readFileSync(path.join(root, 'fixtures/broken/missing-sections.md'), 'utf8')
    )

    const plain = remark(['runbook.md'], directory)
    expect(plain.stderr).toMatch(/33:40 +warning +Missing required heading `### Secrets management`/)
    expect(plain.code).toBe(0)

    const frail = remark(['--frail', 'runbook.md'], directory)
    expect(frail.stderr).toContain('⚠ 3 warnings')
    expect(frail.code).toBe(1)
  })

  it('honours lint-disable comments', () => {
    const file = path.join(scratch, 'disabled.md')
    fs.writeFileSync(file, '<!-- lint disable runbook-required-headings -->\n\n# A runbook that is not one\n')
    const result = remark(['--use', 'preset-runbook', file])
    expect(result.stderr).toMatch(/disabled\.md: no issues found/)
    expect(result.code).toBe(0)
  })

  it('does not take YAML or TOML front matter for content', () => {
    const result = remark([
      '--use',
      'preset-runbook',
      'fixtures/valid/bom-front-matter.md',
      'fixtures/valid/toml-front-matter.md'
    ])
    expect(result.stderr).not.toMatch(/error/)
    expect(result.code).toBe(0)
  })

  it('reports a missing file without a stack trace', () => {
    const result = remark(['--use', 'preset-runbook', 'no-such-runbook.md'])
    expect(result.stderr).toMatch(/no-such-runbook\.md\n +error +No such file or folder/)
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.code).toBe(1)
  })

  it('stops on an invalid option with one sentence and exit code 1', () => {
    const result = remark([
      '--use',
      'preset-runbook',
      '--use',
      'lint-runbook-required-headings=alias:1',
      'fixtures/valid/complete.md'
    ])
    expect(result.stderr).toMatch(
      /error +Unexpected option `alias` for `runbook-required-headings`, expected one of `aliases`, `optional`, `required`, `order`/
    )
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.code).toBe(1)
  })

  it('stops on an option of the wrong type, even when the rule is only a warning', () => {
    const directory = project(
      'bad-option',
      ['remark-preset-runbook', ['remark-lint-runbook-required-headings', ['warn', {optional: 'Metrics'}]]],
      '# Runbook\n'
    )
    const result = remark(['runbook.md'], directory)
    expect(result.stderr).toMatch(
      /runbook.md\n +error +Unexpected value `"Metrics"` for option `optional` of `runbook-required-headings`, expected a list of template headings/
    )
    expect(result.code).toBe(1)
  })
})

describe('the remark-runbook command (pre-commit hook, Action)', () => {
  const bin = path.join(root, 'bin', 'remark-runbook.js')
  const run = (args: string[]) =>
    spawnSync(process.execPath, [bin, '--no-config', '--no-color', '--no-stdout', ...args], {cwd: root, encoding: 'utf8'})

  it('lints with the preset built in', () => {
    const result = run(['fixtures/templates/team-filled.md'])
    // A runbook of the team's own template, checked against the built-in one:
    // its sections in the team's words are the template's (About the service,
    // What it does, Who looks after it), and what a runbook of its own layout
    // really lacks is told once: it has no monitoring. Security and
    // configuration are not demanded of a layout of its own.
    expect(result.stderr).toMatch(
      /14:59 +error +Missing required heading `## Monitoring and alerting`, expected it after `About the service` +runbook-required-headings/
    )
    expect(result.stderr).not.toMatch(/`### Service owner`|`### Business overview`|Security and access control|Unexpected document/)
    expect(result.stderr).toMatch(/✖ 1 error\n/)
    expect(result.status).toBe(1)
  })

  it('takes the template with --template', () => {
    const result = run(['--template', 'fixtures/templates/team-template.md', 'fixtures/templates/team-filled.md'])
    expect(result.stderr).toBe('fixtures/templates/team-filled.md: no issues found\n')
    expect(result.status).toBe(0)
  })
})
