/**
 * The template setting: built-ins, Markdown template files, objects, and a
 * clear sentence for every broken setting.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {builtinTemplate, loadTemplate, templateSchema, TemplateError} from 'runbook-model'
import remarkLintRunbookRequiredHeadings from 'remark-lint-runbook-required-headings'
import remarkRunbookTemplate from 'remark-runbook-template'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixtures, lint, messagesOf, root} from './helpers.js'

const teamTemplate = path.join(fixtures, 'templates/team-template.md')
const contentRules = new Set([
  'runbook-no-placeholders',
  'runbook-no-empty-sections',
  'runbook-owner-contact',
  'runbook-filled-fields'
])

function withTemplate(template: unknown) {
  return {plugins: [[remarkRunbookTemplate, {template}]] as never}
}

describe('a Markdown template file', () => {
  it('gives the template itself only content messages, no heading messages', async () => {
    const file = await lint({fixture: 'templates/team-template.md'}, withTemplate(teamTemplate))
    const rules = new Set(file.messages.map((message) => message.ruleId))
    // Its sections hold the template's text, which is not empty: no
    // `runbook-no-empty-sections` message on top of the placeholder one, and
    // no `runbook-owner-contact` one for its owner section of template text.
    expect([...rules].sort()).toEqual(
      [...contentRules].filter((rule) => rule !== 'runbook-no-empty-sections' && rule !== 'runbook-owner-contact').sort()
    )
    expect(messagesOf(file)).toContain(
      '17:1-19:58 runbook-no-placeholders Unexpected template prompt and example in `Who looks after it` (only template text), expected an answer to “Which team looks after it, and where can people find them?”'
    )
  })

  it('gives a filled runbook in its shape no message, an optional section left out', async () => {
    const file = await lint({fixture: 'templates/team-filled.md'}, withTemplate(teamTemplate))
    expect(messagesOf(file)).toEqual([])
  })

  it('requires its own headings, not the default ones', async () => {
    // A runbook of the default layout is of another shape to it: one message,
    // and each missing group once `minimumCoverage` is `0`.
    const otherShape = await lint({fixture: 'valid/complete.md'}, withTemplate(teamTemplate))
    expect(otherShape.messages.filter((message) => message.ruleId === 'runbook-required-headings').map((message) => message.reason)).toEqual([
      expect.stringMatching(/^Unexpected document with 0 of the \d+ sections the `team-template\.md` runbook layout requires/)
    ])
    const file = await lint(
      {fixture: 'valid/complete.md'},
      {plugins: [...withTemplate(teamTemplate).plugins, [remarkLintRunbookRequiredHeadings, ['error', {minimumCoverage: 0}]]] as never}
    )
    const missing = file.messages.filter((message) => message.ruleId === 'runbook-required-headings')
    expect(missing.map((message) => message.reason)).toContain(
      // `### Business overview` is what `What it does` asks, wherever it is.
      'Missing required heading `## About the service`, with `### Who looks after it`, expected it at the end of the document'
    )
    expect(missing.some((message) => message.reason.includes('Error budget policy'))).toBe(false)
  })

  it('is parsed once, however many runbooks use it', () => {
    const first = loadTemplate(teamTemplate, root, root)
    const second = loadTemplate(teamTemplate, path.join(root, 'fixtures'), root)
    expect(second).toBe(first)
    expect(first.ownerSection?.title).toBe('Who looks after it')
    expect(first.find('Error budget policy')?.optional).toBe(true)
    expect(first.all.map((section) => section.line)).toEqual([
      '## About the service',
      '### What it does',
      '### Who looks after it',
      '## Service levels',
      '### SLOs',
      '### Error budget policy',
      '## Running it',
      '### Deploying',
      '### When it breaks'
    ])
  })
})

describe('built-in templates', () => {
  it('`full` requires what the upstream layout says a team cannot operate without, and recommends the rest', async () => {
    const file = await lint({fixture: 'valid/complete.md'}, withTemplate('full'))
    expect(file.messages.map((message) => message.reason)).toEqual([
      'Missing required heading `## Failover and Recovery procedures`, with `### Failover`, expected it after `Operational tasks` (`Application Recovery Plan` is under `Operational tasks`)'
    ])
    const template = builtinTemplate('full')
    expect(template.find('Maintenance tasks')).toMatchObject({optional: true, recommended: true})
    expect(template.find('Service owner')).toMatchObject({optional: false, recommended: false})
  })

  it('`default` is the built-in default', async () => {
    expect(messagesOf(await lint({fixture: 'valid/complete.md'}, withTemplate('default')))).toEqual([])
  })
})

describe('an object extending a built-in', () => {
  const setting = {
    extends: 'default',
    remove: ['Application Recovery Plan'],
    rename: {'Service owner': 'Ownership'},
    add: [{title: 'SLOs', under: 'Service or system overview', after: 'Technical overview'}],
    optional: ['Troubleshooting'],
    aliases: {Deployment: ['Shipping']}
  }

  it('adds, removes, renames and relaxes sections', async () => {
    const markdown = fs
      .readFileSync(path.join(fixtures, 'valid/complete.md'), 'utf8')
      .replace(/### Application Recovery Plan\n\n.*\n\n/, '')
      .replace(/### Troubleshooting\n\n.*\n/, '')
      .replace('### Deployment', '### Shipping')
    const file = await lint(markdown, withTemplate(setting))
    expect(messagesOf(file)).toEqual([
      '13:64 runbook-required-headings Missing required heading `### SLOs` in `Service or system overview`, expected it after `Technical overview`'
    ])
  })

  it('publishes its JSON Schema', () => {
    expect(templateSchema()).toMatchObject({title: 'Runbook template setting', type: 'object'})
  })
})

describe('a broken setting gives one sentence', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['a missing file', './no-such-template.md', /^Cannot read runbook template `\.\/no-such-template\.md`: no such file \(looked for .*no-such-template\.md\)$/],
    ['a typo in a key', {extends: 'default', sectons: []}, /^Unexpected key `sectons` of the runbook template setting, expected one of `name`, `extends`, `sections`/],
    ['a typo in a nested key', {add: [{title: 'SLOs', undr: 'x'}]}, /^Unexpected key `undr` in `add\.0` of the runbook template setting/],
    ['an unknown heading', {remove: ['Nope']}, /^Unexpected heading `Nope` in `remove` of the runbook template setting/],
    ['a template without headings', path.join(fixtures, 'edge/only-title.md'), /without section headings/],
    ['a value of the wrong type', 42, /^Unexpected runbook template setting `42`, expected `auto`, `default`, `full`, `alert`, a path to a Markdown template, or an object$/],
    [
      'an unknown name',
      'fancy',
      /^Unexpected runbook template `fancy`, expected `auto`, `default`, `full`, `alert`, or a path to a Markdown template \(no such file: looked for .*fancy\)$/
    ],
    ['a mistyped name', 'alret', /^Unexpected runbook template `alret`, did you mean `alert`\? Expected `auto`, `default`, `full`, `alert`, or a path to a Markdown template$/],
    [
      'an unknown template to extend',
      {extends: 'fancy'},
      /^Unexpected runbook template `fancy`, expected `default`, `full`, `alert`, or a path to a Markdown template \(no such file: looked for .*fancy\)$/
    ]
  ]

  for (const [name, setting, expected] of cases) {
    it(name, async () => {
      const file = await lint({fixture: 'valid/complete.md'}, withTemplate(setting))
      expect(file.messages).toHaveLength(1)
      const [message] = file.messages
      expect(message?.reason).toMatch(expected)
      expect(message?.fatal).toBe(true)
      expect(message?.ruleId).toBe('template')
    })
  }

  it('throws a TemplateError from the API', () => {
    expect(() => loadTemplate({sections: []}, root, root)).toThrow(TemplateError)
  })
})

describe('configuration files', () => {
  let project: string

  beforeAll(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-template-'))
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir')
    for (const folder of ['json/docs', 'yaml/docs']) fs.mkdirSync(path.join(project, folder), {recursive: true})
    for (const folder of ['json', 'yaml']) {
      fs.copyFileSync(teamTemplate, path.join(project, folder, 'handbook-template.md'))
      fs.copyFileSync(path.join(fixtures, 'templates/team-filled.md'), path.join(project, folder, 'docs/runbook.md'))
    }
    fs.writeFileSync(
      path.join(project, 'json/.remarkrc.json'),
      JSON.stringify({
        plugins: ['remark-preset-runbook', ['remark-runbook-template', {template: './handbook-template.md'}]]
      })
    )
    fs.writeFileSync(
      path.join(project, 'yaml/.remarkrc.yaml'),
      'plugins:\n  - remark-preset-runbook\n  - - remark-runbook-template\n    - template: ./handbook-template.md\n'
    )
  })

  afterAll(() => fs.rmSync(project, {recursive: true, force: true}))

  for (const kind of ['json', 'yaml']) {
    it(`resolves the template relative to a .remarkrc.${kind}, from another working directory`, () => {
      const result = spawnSync(
        process.execPath,
        [path.join(root, 'node_modules/remark-cli/cli.js'), '--no-stdout', '--no-color', `${kind}/docs/runbook.md`],
        {cwd: project, encoding: 'utf8'}
      )
      expect(result.stderr).toBe(`${kind}/docs/runbook.md: no issues found\n`)
      expect(result.status).toBe(0)
    })
  }
})

describe('the programmatic API', () => {
  it('takes the template as an option', async () => {
    const {lintRunbook} = await import('remark-preset-runbook/api')
    const text = fs.readFileSync(path.join(fixtures, 'templates/team-filled.md'))
    const file = await lintRunbook(text, {path: 'team-filled.md', template: teamTemplate})
    expect(file.messages).toEqual([])
  })
})
