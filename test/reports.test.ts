/**
 * Reports carry findings, not documents: a runbook full of (fake) secrets,
 * with misplaced and missing sections, through every reporter of the real
 * `remark` CLI. No secret shows in any report, and a JSON report is a few
 * hundred bytes per finding. Then the order and layout of
 * `vfile-reporter-runbook`, and its JSON.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import {createRequire} from 'node:module'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {VFile} from 'vfile'
import {reporter as vfileReporter} from 'vfile-reporter'
import reporterRunbook, {width} from 'vfile-reporter-runbook'
import reporterRunbookJson from 'vfile-reporter-runbook/json'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixtures, heavyTimeout, root} from './helpers.js'

const cli = path.join(root, 'node_modules', 'remark-cli', 'cli.js')
let scratch: string

/**
 * Fake credentials, each in the shape `runbook-no-secrets` recognises. They
 * are put together at run time so that this file itself does not trip secret
 * scanners.
 */
const join = (...parts: string[]) => parts.join('')
const secrets = {
  awsAccessKeyId: join('AKIA', 'Q7ZR4T2XW9PLM3NB'),
  awsSecretAccessKey: join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYzq8h3Kd9Ls'),
  githubToken: join('ghp_', 'R8mK2vQ9xL4tN7pW1sZ5cB3hJ6fD0gY2aE8u'),
  gitlabToken: join('glpat-', 'Zx8Kq2Lm9Vn4Bp7Rt1Ws'),
  slackToken: join('xoxb-', '2741938465-5081736452918-Qm8Zr4Tx2Wv9Lp3Kn7Bs1Hc'),
  ownerPassword: join('hunter2', '-xyz-4821'),
  urlPassword: join('Tr0ub4dor', '-x9Q'),
  postgresPassword: join('S3cr3t', '-Pg-77w'),
  privateKeyBody: join(
    'MIIEowIBAAKCAQEA7Vq3Zk9XbR2mT8pL4wN6cJ1hF5dS0gY3aE7uQ2iO9rK4xV8nB6mZ1tW3',
    'sL5pH7jD2fG0qC4yA9eR6uI8oT1kM3nB5vX7zL2wQ4'
  ),
  stripeKey: join('sk_live_', 'Rq7Mz2Kx9Lw4Vb8Np3Tj6Hc1Fd5Gs0YaE2uI9oP4kL8mN3bV6c'),
  googleApiKey: join('AIza', 'SyB7x9Kq2Lm4Vn8Bp1Rt6Ws3Yz5Xc0DfGhJ'),
  npmToken: join('npm_', 'Kq8Lm2Vn9Bp4Rt7Ws1Yz5Xc3Df6Gh0Jk2Ma7'),
  pgPassword: join('Xk9-mQ2', '-zz81'),
  dbPassword: join('Vq7#pL2', '@wZr'),
  sendgridKey: join('SG.', 'Kq8Lm2Vn9Bp4Rt7Ws1Yz5X', '.', 'c3Df6Gh0Jk2MaQ8wE4rT6yU1iO3pA5sD7fG9hJ2kL4z')
}

/**
 * Every section of the default template, with a secret somewhere in it
 * (front matter, a field, prose, a contact, a placeholder, code, headings);
 * `System backup and restore` and `Application Recovery Plan` are missing,
 * `Troubleshooting` is misplaced, and rules that quote the document (the
 * review date, the field, the placeholder, the misplaced heading) quote text
 * with a secret in it.
 */
function secretRunbook(): string {
  const s = secrets
  return `---
last_reviewed: ${s.stripeKey}
---

# Billing API

## Service or system overview

**Service or system name:** TODO rotate ${s.awsAccessKeyId} first

### Business overview

Takes card payments. Deploy hook: https://deploy:${s.urlPassword}@ci.billing-infra.io/hooks

### Technical overview

A Node.js API. Token for the registry: ${s.npmToken}

### Service owner

Payments team, https://oncall:${s.urlPassword}@pager.example.com/billing

password: ${s.ownerPassword}

### Contributing applications, daemons, services, middleware

<insert the token ${s.githubToken}>

## Security and access control

### Password and PII security

Passwords are hashed with MD5. Google key ${s.googleApiKey}

## System configuration

### Configuration management

\`\`\`yaml
db_password: "${s.dbPassword}"
aws_secret_access_key = ${s.awsSecretAccessKey}
\`\`\`

### Secrets management (${s.gitlabToken})

\`\`\`sh
PGPASSWORD=${s.pgPassword} psql "postgres://billing:${s.postgresPassword}@db.internal:5432/billing"
\`\`\`

## Monitoring and alerting

### Metrics

Slack bot: ${s.slackToken}

SendGrid: ${s.sendgridKey}

### Health checks

-----BEGIN RSA PRIVATE KEY-----
${s.privateKeyBody.slice(0, 72)}
${s.privateKeyBody.slice(72)}
-----END RSA PRIVATE KEY-----

## Operational tasks

### Deployment

Stripe: ${s.stripeKey}

## Troubleshooting (token ${s.githubToken})

Start with the logs.
`
}

/** Any piece of a secret as long as a quote would need to be useful: 10 characters (or the whole secret). */
function leaksIn(text: string): string[] {
  const leaked: string[] = []
  for (const [name, value] of Object.entries(secrets)) {
    const size = Math.min(10, value.length)
    for (let index = 0; index + size <= value.length; index++) {
      if (text.includes(value.slice(index, index + size))) {
        leaked.push(`${name}: ${value.slice(index, index + size)}`)
        break
      }
    }
  }
  return leaked
}

const runs = new Map<string, {code: number | null; stderr: string}>()

/**
 * `remark --use preset-runbook` in the scratch project, each command line
 * once (several tests read the same report). The GitHub Actions reporter
 * appends its job summary to `summary.md`.
 */
function remark(args: string[]) {
  const key = args.join('\0')
  let result = runs.get(key)
  if (!result) {
    const run = spawnSync(process.execPath, [cli, '--no-color', '--no-stdout', '--use', 'preset-runbook', ...args], {
      cwd: scratch,
      encoding: 'utf8',
      env: {
        ...process.env,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        GITHUB_WORKSPACE: scratch,
        GITHUB_STEP_SUMMARY: path.join(scratch, 'summary.md')
      }
    })
    result = {code: run.status, stderr: run.stderr}
    runs.set(key, result)
  }
  return result
}

beforeAll(() => {
  // Outside the repository (its `.remarkrc.js` does not apply), with its
  // `node_modules` linked so that reporters resolve as in a user's project.
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-reports-'))
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir')
  fs.writeFileSync(path.join(scratch, 'secrets.md'), secretRunbook())
  fs.copyFileSync(path.join(fixtures, 'broken/missing-sections.md'), path.join(scratch, 'small.md'))
  fs.copyFileSync(path.join(fixtures, 'valid/complete.md'), path.join(scratch, 'complete.md'))
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

describe('no secret in any report', () => {
  const reporters: Array<[string, string[]]> = [
    ['vfile-reporter (the default)', []],
    ['vfile-reporter, verbose', ['--verbose']],
    ['runbook', ['--report', 'runbook']],
    ['runbook, verbose', ['--report', 'runbook', '--verbose']],
    ['json (vfile-reporter-json)', ['--report', 'json']],
    ['runbook/json', ['--report', 'runbook/json']],
    ['sarif', ['--report', 'sarif']],
    ['github-actions', ['--report', 'github-actions']]
  ]

  it('has every fake secret found by runbook-no-secrets, once each place', () => {
    const result = remark(['--report', 'runbook/json', 'secrets.md'])
    const [file] = JSON.parse(result.stderr) as Array<{messages: Array<{ruleId: string; line: number}>}>
    const lines = file!.messages.filter((message) => message.ruleId === 'runbook-no-secrets').map((message) => message.line)
    // The Stripe key and the URL password are there twice; the Postgres line has two.
    expect(lines).toEqual([2, 9, 13, 17, 21, 23, 27, 33, 40, 41, 44, 47, 47, 54, 56, 60, 69, 71])
  })

  it.each(reporters)('%s', (_name, args) => {
    const summary = path.join(scratch, 'summary.md')
    fs.rmSync(summary, {force: true})
    const result = remark([...args, 'secrets.md'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/runbook-no-secrets|Unexpected GitHub token/)
    expect(leaksIn(result.stderr)).toEqual([])
    if (args.includes('github-actions')) {
      const text = fs.readFileSync(summary, 'utf8')
      expect(text).toContain('## Runbook lint: ')
      expect(leaksIn(text)).toEqual([])
    }
  })

  it('quotes the document around a secret, without the secret', () => {
    const result = remark(['--report', 'runbook', 'secrets.md'])
    const reasons = result.stderr.split('\n').map((line) => line.replace(/^\S+ +\S+ +/, '').replace(/ +runbook-\S+ +remark-lint$/, ''))
    expect(result.stderr).toMatch(/ Unexpected value `…` for `last_reviewed`, expected a date such as `\d{4}-\d{2}-\d{2}` /)
    expect(reasons).toContain(
      'Unexpected placeholder `TODO rotate … first` in field `Service or system name`, expected the name of the service or system'
    )
    expect(reasons).toContain(
      'Unexpected placeholder `<insert the token …>` in `Contributing applications, daemons, services, middleware` (nothing else in the section), expected the applications, services and external dependencies that make up the system'
    )
    expect(reasons).toContain('Misplaced heading `## Troubleshooting (token …)`, expected it under `Operational tasks`')
    // runbook-no-secrets says what it found, never more than its first characters.
    expect(reasons).toContain(
      'Unexpected GitHub token `ghp_…`, expected no credentials in a runbook: store it in a secret manager and refer to it by name'
    )
    expect(reasons).toContain(
      'Unexpected password in a connection string `postgres://billing:…@db.internal:5432`, expected no credentials in a runbook: store it in a secret manager and refer to it by name'
    )
  })
})

describe('JSON reports are findings, a few hundred bytes each', () => {
  const json: Array<[string, string]> = [
    ['json', 'json'],
    ['runbook/json', 'runbook/json'],
    ['vfile-reporter-runbook/json', 'vfile-reporter-runbook/json'],
    ['sarif', 'sarif']
  ]

  function countFindings(report: string): number {
    const value = JSON.parse(report) as unknown
    if (Array.isArray(value)) return (value as Array<{messages: unknown[]}>).reduce((sum, file) => sum + file.messages.length, 0)
    return (value as {runs: Array<{results: unknown[]}>}).runs[0]!.results.length
  }

  it.each(json)('--report %s: under 2 KB a finding, without syntax trees', (_name, name) => {
    const result = remark(['--report', name, 'secrets.md'])
    const findings = countFindings(result.stderr)
    // The owner's pager link on example.com is a stand-in too (its password masked).
    expect(findings).toBe(26)
    expect(result.stderr.length / findings).toBeLessThan(2048)
    expect(result.stderr).not.toContain('"ancestors"')
    expect(result.stderr).not.toContain('"children"')
  })

  it.each(json)('--report %s: a few KB for a small runbook', (_name, name) => {
    const broken = remark(['--report', name, 'small.md'])
    expect(countFindings(broken.stderr)).toBe(3)
    // SARIF describes every rule once, findings or not: count what the findings add.
    const added = broken.stderr.length - (name === 'sarif' ? remark(['--report', name, 'complete.md']).stderr.length : 0)
    expect(added).toBeLessThan(4096)
    expect(added / 3).toBeLessThan(700)
  })

  it('runbook/json has the fields of vfile-reporter-json but the tree, in document order', () => {
    const result = remark(['--report', 'runbook/json', 'small.md'])
    const [file] = JSON.parse(result.stderr) as Array<{path: string; cwd: string; history: string[]; messages: Array<Record<string, unknown>>}>
    expect(file!.path).toBe('small.md')
    expect(file!.history).toEqual(['small.md'])
    expect(fs.realpathSync(file!.cwd)).toBe(fs.realpathSync(scratch))
    expect(file!.messages.map((message) => `${message['line']}:${message['column']}`)).toEqual(['33:40', '47:52', '58:1'])
    // The fields vfile-reporter-json has, but `ancestors`.
    const fields = new Set(['column', 'fatal', 'line', 'place', 'reason', 'ruleId', 'source', 'actual', 'expected', 'note', 'url'])
    for (const message of file!.messages) expect(Object.keys(message).filter((key) => !fields.has(key))).toEqual([])
    expect(file!.messages[0]).toMatchObject({
      column: 40,
      fatal: true,
      line: 33,
      place: {line: 33, column: 40},
      reason:
        'Missing required heading `### Secrets management` in `System configuration`, expected it after `Configuration management`',
      ruleId: 'runbook-required-headings',
      source: 'remark-lint',
      url: 'https://github.com/remark-runbook/remark-runbook/tree/main/packages/remark-lint-runbook-required-headings#readme'
    })
  })
})

describe('vfile-reporter-runbook', () => {
  it('lists messages by line and column, those at one place in template order', () => {
    // `System configuration` and `System backup and restore` are both missing:
    // both groups belong at the same place, and vfile-reporter would sort
    // them alphabetically (`## System backup…` first).
    const text = fs
      .readFileSync(path.join(fixtures, 'valid/complete.md'), 'utf8')
      .replace(/## System configuration[\s\S]*?(?=## Monitoring and alerting)/, '')
      .replace('### Metrics\n\nRequest rate', '### Metrics\n\nTBD. Request rate')
    fs.writeFileSync(path.join(scratch, 'order.md'), text)

    const result = remark(['--report', 'runbook', 'order.md'])
    expect(result.stderr).toBe(
      [
        'order.md',
        '27:63     error Missing required heading `## System configuration`, with `### Configuration management` and `### Secrets management`, expected it after `Security and access control`                                              runbook-required-headings remark-lint',
        '27:63     error Missing required heading `## System backup and restore (Backup Management)`, with `### Backup requirements`, `### Backup procedures` and `### Restore procedures`, expected it after `Security and access control` runbook-required-headings remark-lint',
        '33:1-33:4 error Unexpected placeholder `TBD` in `Metrics` (nothing else in the section), expected the metrics the service emits and where to see them                                                                              runbook-no-placeholders   remark-lint',
        '',
        '✖ 3 errors',
        ''
      ].join('\n')
    )

    const upstream = remark(['order.md'])
    const reasons = (report: string) => report.split('\n').filter((line) => line.startsWith('27:63 '))
    expect(reasons(upstream.stderr)).toHaveLength(2)
    expect(reasons(upstream.stderr)[0]).toContain('`## System backup and restore (Backup Management)`')
    expect([...reasons(upstream.stderr)].sort()).toEqual([...reasons(result.stderr)].sort())
  })

  it('lines up columns within each file, so that one long message widens only its own file', () => {
    const files = () => {
      const long = new VFile({path: 'alerts.md'})
      long.message(`Unexpected document of another shape, ${'and a long explanation '.repeat(8)}`, {line: 3, column: 1}, 'remark-lint:runbook-required-headings')
      const short = new VFile({path: 'billing.md'})
      short.message('Unexpected placeholder `TBD`', {line: 12, column: 1}, 'remark-lint:runbook-no-placeholders')
      short.message('Missing required heading `## Overview`', {line: 1, column: 1}, 'remark-lint:runbook-required-headings').fatal = true
      return [long, short]
    }
    const report = reporterRunbook(files(), {color: false})
    expect(report.split('\n').slice(3, 6)).toEqual([
      'billing.md',
      '1:1  error   Missing required heading `## Overview` runbook-required-headings remark-lint',
      '12:1 warning Unexpected placeholder `TBD`           runbook-no-placeholders   remark-lint'
    ])
    // vfile-reporter pads every file's reasons to the longest in the report.
    const upstream = vfileReporter(files(), {color: false}).split('\n')
    expect(upstream[4]!.length).toBeGreaterThan(200)
    // One file: the same as vfile-reporter.
    expect(reporterRunbook(files()[1]!, {color: false})).toBe(vfileReporter(files()[1]!, {color: false}))
  })

  it('prints what vfile-reporter prints when no two messages share a place, with the infos in the total', () => {
    const files = () => {
      const a = new VFile({path: 'docs/b.md', value: 'x'})
      const error = a.message('Missing `## Overview` here', {line: 3, column: 2}, 'remark-lint:runbook-required-headings')
      error.fatal = true
      error.url = 'https://example.com/rule'
      error.note = 'A note\non two lines'
      a.message('Unexpected ``code ` span`` and `x`', {start: {line: 1, column: 1}, end: {line: 1, column: 9}}, 'remark-lint:x')
      a.info('Wide text: 日本語 😀', {line: 9, column: 1})
      const stored = new VFile({path: 'docs/c.md', value: 'y'})
      stored.stored = true
      const moved = new VFile({path: 'e.md'})
      moved.history.push('f.md')
      moved.stored = true
      return [a, new VFile({path: 'docs/a.md'}), stored, new VFile({value: 'z'}), moved]
    }
    for (const color of [false, true]) {
      for (const verbose of [false, true]) {
        for (const quiet of [false, true]) {
          for (const silent of [false, true]) {
            for (const defaultName of [undefined, 'input']) {
              const options = {color, verbose, quiet, silent, defaultName}
              // Except that the total counts the info too, which vfile-reporter leaves out.
              const withInfo = (report: string) => report.replace(/ warning\)$/, ' warning, ℹ 1 info)')
              expect(reporterRunbook(files(), options)).toBe(withInfo(vfileReporter(files(), options)))
              expect(reporterRunbook(files()[0]!, options)).toBe(withInfo(vfileReporter(files()[0]!, options)))
            }
          }
        }
      }
    }
    expect(reporterRunbook(files(), {color: false})).toBe(
      [
        '<stdin>: no issues found',
        'docs/a.md: no issues found',
        'docs/b.md',
        '1:1-1:9 warning Unexpected ``code ` span`` and `x` x                         remark-lint',
        '3:2     error   Missing `## Overview` here         runbook-required-headings remark-lint',
        '9:1     info    Wide text: 日本語 😀',
        '',
        'docs/c.md: written',
        'e.md > f.md: written',
        '',
        '3 messages (✖ 1 error, ⚠ 1 warning, ℹ 1 info)'
      ].join('\n')
    )
  })

  it('measures text as string-width 8 does', async () => {
    // The reporter's own string-width, not the older one at the root.
    const resolve = createRequire(path.join(root, 'packages/vfile-reporter-runbook/package.json')).resolve
    const {default: stringWidth} = (await import(pathToFileURL(resolve('string-width')).href)) as {default: (text: string) => number}
    const differ: string[] = []
    for (let code = 0x20; code < 0x3000; code++) {
      const text = String.fromCharCode(code)
      if (width(text) !== stringWidth(text)) differ.push(code.toString(16))
    }
    expect(differ).toEqual([])
    for (const text of ['Unexpected `## Über uns` (ñ, ’, …)', '日本語のテキスト', 'e\u0301 combined', '👩‍💻 and 😀', '\u001B[1mbold\u001B[22m']) {
      expect(width(text)).toBe(stringWidth(text))
    }
  })

  it('is loaded by name: `--report runbook`, `--report vfile-reporter-runbook`', () => {
    const short = remark(['--report', 'runbook', 'small.md'])
    const long = remark(['--report', 'vfile-reporter-runbook', 'small.md'])
    expect(short.stderr).toMatch(/^small\.md\n33:40 +error +Missing required heading `### Secrets management`/)
    expect(long.stderr).toBe(short.stderr)
    expect(short.code).toBe(1)
  })
})

describe('vfile-reporter-runbook/json', () => {
  it('reports files and messages; `quiet`, `silent` and `pretty` as vfile-reporter-json', () => {
    const file = new VFile({path: 'runbook.md', cwd: '/repo'})
    file.message('Later', {line: 4, column: 1}, 'remark-lint:rule-b').fatal = false
    const first = file.message('Earlier', {start: {line: 2, column: 3}, end: {line: 2, column: 9}}, 'remark-lint:rule-a')
    first.fatal = true
    first.expected = ['## Overview']
    first.ancestors = [{type: 'root'}]
    const clean = new VFile({path: 'clean.md', cwd: '/repo'})

    expect(JSON.parse(reporterRunbookJson([file, clean]))).toEqual([
      {
        path: 'runbook.md',
        cwd: '/repo',
        history: ['runbook.md'],
        messages: [
          {
            column: 3,
            fatal: true,
            line: 2,
            place: {start: {line: 2, column: 3}, end: {line: 2, column: 9}},
            reason: 'Earlier',
            ruleId: 'rule-a',
            source: 'remark-lint',
            expected: ['## Overview']
          },
          {column: 1, fatal: false, line: 4, place: {line: 4, column: 1}, reason: 'Later', ruleId: 'rule-b', source: 'remark-lint'}
        ]
      },
      {path: 'clean.md', cwd: '/repo', history: ['clean.md'], messages: []}
    ])
    expect(JSON.parse(reporterRunbookJson([file, clean], {quiet: true}))).toHaveLength(1)
    const silent = JSON.parse(reporterRunbookJson([file, clean], {silent: true})) as Array<{messages: unknown[]}>
    expect(silent).toHaveLength(1)
    expect(silent[0]!.messages).toHaveLength(1)
    expect(reporterRunbookJson(clean, {pretty: true})).toBe(
      '[\n  {\n    "path": "clean.md",\n    "cwd": "/repo",\n    "history": [\n      "clean.md"\n    ],\n    "messages": []\n  }\n]'
    )
  })
})

describe('40,000 findings (more than a call takes arguments on the tests\' stack)', () => {
  it('every reporter reports them without overflowing the call stack', async () => {
    // `rows.push(...messageRows)` took one argument per row: 120,000 overflowed
    // Node.js's default stack, 27,000 the tests' (see vitest.config.ts).
    const {default: reporterGithubActions} = await import('vfile-reporter-github-actions')
    const {default: reporterSarif} = await import('vfile-reporter-sarif')
    const {default: reporterGitlab} = await import('vfile-reporter-gitlab')
    const {toHtml} = await import('vfile-reporter-runbook-html')
    const file = new VFile({path: 'runbook.md', cwd: '/repo'})
    for (let index = 0; index < 40_000; index++) {
      const message = file.message(`Unexpected placeholder \`TODO ${index}\`, expected text`, {line: index + 1, column: 1}, 'remark-lint:runbook-no-placeholders')
      message.fatal = index % 2 === 0
    }
    file.messages[0]!.note = Array.from({length: 40_000}, (_, index) => `line ${index}`).join('\n')
    const terminal = reporterRunbook([file], {color: false, verbose: true})
    expect(terminal.split('\n').at(-1)).toBe('40000 messages (✖ 20000 errors, ⚠ 20000 warnings)')
    expect(JSON.parse(reporterRunbookJson([file]))[0].messages).toHaveLength(40_000)
    expect(JSON.parse(reporterSarif([file], {workspace: '/repo'})).runs[0].results).toHaveLength(40_000)
    expect(JSON.parse(reporterGitlab([file], {root: '/repo'}))).toHaveLength(40_000)
    const annotations = reporterGithubActions([file], {workspace: '/repo', summary: false, changed: false})
    expect(annotations.trimEnd().split('\n')).toHaveLength(21)
    expect(toHtml([file], {workspace: '/repo'})).toContain('data-runbook="runbook.md"')
  }, heavyTimeout)
})
