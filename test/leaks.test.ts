/**
 * Nothing leaked, nothing injected, through the real commands: a team's
 * `.remarkrc.json` with `remark-preset-lint-recommended` beside the preset,
 * a runbook with a fake secret of every kind the detector misses without
 * help (a JWT, URL passwords with `.`, `!` and `%`, `amqp://` and
 * `redis://` passwords, a token written with a character reference, tokens
 * in reference labels that remark-lint quotes lower-cased) and a terminal
 * escape in a heading, and a runbook whose file name is a token. Every
 * reporter of `remark-runbook`, `vfile-reporter-json`, and plain `remark`
 * with its own reporters: no secret in any output, raw, lower-cased,
 * upper-cased or decoded, and no control character.
 *
 * Every fake secret is put together at run time, so that this file trips no
 * secret scanner.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixtures, root} from './helpers.js'

const join = (...parts: string[]) => parts.join('')

/** Each secret as written in the runbook, and as Markdown shows it when that differs. */
const secrets = {
  githubToken: join('ghp_', 'R8mK2vQ9xL4tN7pW1sZ5cB3hJ6fD0gY2aE8u'),
  awsAccessKeyId: join('AKIA', 'Q7ZR4T2XW9PLM3NB'),
  jwt: join(
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
    '.eyJzdWIiOiJiaWxsaW5nLWRlcGxveSJ9',
    '.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0xMjM'
  ),
  urlPassword: join('Tr0ub.4dor', '!x%21Q'),
  amqpPassword: join('Qm8Zr4', 'Tx2Wv9'),
  redisPassword: join('Lp3Kn7', 'Bs1Hc'),
  encodedToken: join('ghp_', 'Zx8Kq2Lm9Vn4Bp7Rt1WsYz5Xc3Df6Gh0Jk2M'),
  fileNameToken: join('ghp_', 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78')
}

/** The runbook: the complete fixture with secrets in prose, reference labels, a duplicated heading, and a misplaced one with a terminal escape. */
function leakyRunbook(): string {
  const s = secrets
  const encoded = s.encodedToken.replace('_', '&#95;')
  let text = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'), 'utf8')
  const start = text.indexOf('### Troubleshooting')
  const end = text.indexOf('\n#', start + 1)
  const troubleshooting = text.slice(start, end === -1 ? undefined : end).replace('### Troubleshooting', '## Troubleshooting (\u001B]0;pwned\u0007)')
  text = text.slice(0, start) + (end === -1 ? '' : text.slice(end + 1))
  text = text.replace('### Metrics\n', `### Metrics (${encoded})\n`)
  text = text.replace('### Health checks', `### Metrics (${encoded})\n\nMore metrics.\n\n### Health checks`)
  return [
    text.trimEnd(),
    '',
    '## Notes',
    '',
    `See [${s.githubToken}] and [${s.awsAccessKeyId}].`,
    '',
    `Token: ${s.jwt}`,
    '',
    `Deploy hook: https://deploy.bot:${s.urlPassword}@ci.example.io/hooks`,
    '',
    `Queue: amqp://billing:${s.amqpPassword}@rabbit.internal:5672/billing and cache redis://:${s.redisPassword}@redis.internal:6379/0`,
    '',
    troubleshooting.trimEnd(),
    ''
  ].join('\n')
}

/** Every form of every secret a report must not show: as written, decoded, in either case; any 10 characters of a long one. */
function leaksIn(output: string): string[] {
  const folded = output.toLowerCase()
  const leaked: string[] = []
  for (const [name, value] of Object.entries(secrets)) {
    const forms = new Set([value.toLowerCase(), decodeURIComponent(value).toLowerCase()])
    for (const form of forms) {
      const size = Math.min(10, form.length)
      for (let index = 0; index + size <= form.length; index++) {
        if (folded.includes(form.slice(index, index + size))) {
          leaked.push(`${name}: ${form.slice(index, index + size)}`)
          break
        }
      }
    }
  }
  return leaked
}

/** C0 controls but tab and line endings, DEL and C1: what a terminal would act on. */
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

let scratch: string

function run(command: 'remark-runbook' | 'remark', args: string[]) {
  const entry = command === 'remark-runbook' ? path.join(root, 'bin', 'remark-runbook.js') : path.join(root, 'node_modules', 'remark-cli', 'cli.js')
  const result = spawnSync(process.execPath, [entry, ...(command === 'remark' ? ['--no-stdout', '--no-color'] : []), ...args, '.'], {
    cwd: scratch,
    encoding: 'utf8',
    // As from a script: standard input empty (`< /dev/null`).
    input: '',
    env: {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      GITHUB_WORKSPACE: scratch,
      GITHUB_STEP_SUMMARY: path.join(scratch, 'summary.md'),
      GITHUB_EVENT_PATH: '',
      GITHUB_BASE_REF: ''
    }
  })
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-leaks-'))
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir')
  fs.writeFileSync(
    path.join(scratch, '.remarkrc.json'),
    JSON.stringify({plugins: ['remark-preset-runbook', 'remark-preset-lint-recommended']}, null, 2) + '\n'
  )
  fs.writeFileSync(path.join(scratch, 'leaky.md'), leakyRunbook())
  fs.copyFileSync(path.join(fixtures, 'valid', 'complete.md'), path.join(scratch, `${secrets.fileNameToken}.md`))
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

describe('no secret and no control character in any report', () => {
  const reports: Array<[string, 'remark-runbook' | 'remark', string[], string | undefined]> = [
    ['remark-runbook (its terminal report)', 'remark-runbook', [], undefined],
    ['remark-runbook --verbose', 'remark-runbook', ['--verbose'], undefined],
    ['remark-runbook --report json', 'remark-runbook', ['--report', 'json'], undefined],
    ['remark-runbook --report vfile-reporter-json', 'remark-runbook', ['--report', 'vfile-reporter-json'], undefined],
    ['remark-runbook --report sarif', 'remark-runbook', ['--report', 'sarif'], undefined],
    ['remark-runbook --report gitlab', 'remark-runbook', ['--report', 'gitlab'], undefined],
    ['remark-runbook --report github-actions (annotations and job summary)', 'remark-runbook', ['--report', 'github-actions'], 'summary.md'],
    ['remark-runbook --report html (the health page)', 'remark-runbook', ['--report', 'html=output:"health.html"'], 'health.html'],
    ['remark (vfile-reporter)', 'remark', [], undefined],
    ['remark --verbose (vfile-reporter)', 'remark', ['--verbose'], undefined],
    ['remark --report vfile-reporter-json', 'remark', ['--report', 'vfile-reporter-json'], undefined],
    ['remark --report github-actions', 'remark', ['--report', 'github-actions'], 'summary.md']
  ]

  it.each(reports)('%s', (_name, command, args, written) => {
    if (written) fs.rmSync(path.join(scratch, written), {force: true})
    const result = run(command, args)
    expect(result.code, result.stderr).toBe(1)
    const outputs = [result.stdout, result.stderr, ...(written ? [fs.readFileSync(path.join(scratch, written), 'utf8')] : [])]
    for (const output of outputs) {
      expect(leaksIn(output)).toEqual([])
      expect(output).not.toMatch(control)
    }
    // The findings are there, masked.
    const all = outputs.join('\n')
    if (written === 'health.html') {
      expect(all).toContain('data-runbook="leaky.md"')
      expect(all).toContain('data-runbook="….md"')
    } else {
      expect(all).toMatch(/Unexpected JSON Web Token `eyJh…`/)
      expect(all).toMatch(/Unexpected duplicate heading `Metrics \(…\)` in `Monitoring and alerting`/)
      // SARIF gives the path as a URI.
      expect(all.includes('….md') || all.includes(encodeURIComponent('…') + '.md')).toBe(true)
    }
  })

  it('shows each finding masked, and the escape as text, in the terminal report', () => {
    const text = leakyRunbook()
    const lineOf = (needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length
    const metrics = lineOf('### Metrics (')
    const result = run('remark-runbook', [])
    const lines = result.stderr.split('\n').map((line) => line.replaceAll(/ {2,}/g, ' ').trimEnd())
    expect(lines).toContain('….md')
    expect(lines).toContain(
      '1:1 error Unexpected GitHub token `ghp_…` in the file’s path, expected no credentials in a file or folder name: rename it runbook-no-secrets remark-lint'
    )
    const reasons = lines.map((line) => line.replace(/^\S+ \S+ /, '').replace(/ \S+ remark-lint$/, ''))
    // Each reason after the line it is on (a secret's message names it once, by its place).
    const placed = lines.map((line) => line.replace(/^(\d+):\S+ \S+ /, '$1: ').replace(/ \S+ remark-lint$/, ''))
    expect(reasons).toContain(
      'Unexpected reference to undefined definition, expected corresponding definition (`…`) for a link or escaped opening bracket (`\\[`) for regular text'
    )
    expect(reasons).toContain(`Unexpected duplicate heading \`Metrics (…)\` in \`Monitoring and alerting\`, expected one \`Metrics\` (first on line ${metrics}): merge them`)
    expect(reasons).toContain('Misplaced heading `## Troubleshooting (\\x1b]0;pwned\\x07)`, expected it under `Operational tasks`')
    expect(placed).toContain(
      `${lineOf('Deploy hook')}: Unexpected password in a URL \`https://deploy.bot:…@ci.example.io\`, expected no credentials in a runbook: store it in a secret manager and refer to it by name`
    )
    expect(placed).toContain(
      `${lineOf('Queue: ')}: Unexpected password in a connection string \`amqp://billing:…@rabbit.internal:5672\`, expected no credentials in a runbook: store it in a secret manager and refer to it by name`
    )
    expect(placed).toContain(
      `${lineOf('Queue: ')}: Unexpected password in a connection string \`redis://:…@redis.internal:6379\`, expected no credentials in a runbook: store it in a secret manager and refer to it by name`
    )
    // The token written `ghp&#95;…`, where it is written, twice.
    const second = lineOf('### Metrics (', text.indexOf('### Metrics (') + 1)
    expect(lines.filter((line) => new RegExp(`^(?:${metrics}|${second}):\\d+-\\d+:\\d+ error Unexpected GitHub token \`ghp_…\`, `).test(line))).toHaveLength(2)
  })
})

describe('every field of every message, a fatal one included', () => {
  it('masks reason, note, url, actual, expected and cause of a plugin’s messages, and the message of a plugin that stops the file', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-leaks-fatal-'))
    try {
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(folder, 'node_modules'), 'dir')
      // Plugins that quote the document's token in every field, lower-cased,
      // and one that stops the file with it (`file.fail` throws).
      fs.writeFileSync(
        path.join(folder, '.remarkrc.mjs'),
        [
          "import remarkPresetRunbook from 'remark-preset-runbook'",
          'const token = (file) => /gh' + 'p_\\w+/.exec(String(file))[0]',
          'function quoting() {',
          '  return (tree, file) => {',
          "    const message = file.message('Quoting ' + token(file).toLowerCase(), {place: {line: 1, column: 1}, cause: new Error('cause ' + token(file))}, 'quoting:rule')",
          "    message.note = 'note ' + token(file).toUpperCase()",
          "    message.url = 'https://example.com/' + token(file)",
          '    message.actual = token(file)',
          '    message.expected = [token(file)]',
          '  }',
          '}',
          'function stopping() {',
          "  return (tree, file) => { if (file.basename === 'stop.md') file.fail('Stopped at ' + token(file)) }",
          '}',
          'export default {plugins: [remarkPresetRunbook, quoting, stopping]}',
          ''
        ].join('\n')
      )
      const body = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'), 'utf8') + `\nToken: \`${secrets.githubToken}\`\n`
      fs.writeFileSync(path.join(folder, 'quote.md'), body)
      fs.writeFileSync(path.join(folder, 'stop.md'), body)
      for (const [command, args] of [
        ['remark-runbook', ['--verbose']],
        ['remark-runbook', ['--report', 'vfile-reporter-json']],
        ['remark-runbook', ['--report', 'json']],
        ['remark', ['--no-stdout', '--no-color', '--verbose']],
        ['remark', ['--no-stdout', '--report', 'vfile-reporter-json']]
      ] as const) {
        const entry = command === 'remark-runbook' ? path.join(root, 'bin', 'remark-runbook.js') : path.join(root, 'node_modules', 'remark-cli', 'cli.js')
        const result = spawnSync(process.execPath, [entry, ...args, '.'], {cwd: folder, encoding: 'utf8', input: '', env: {...process.env, NO_COLOR: '1'}})
        expect(result.status, result.stderr).toBe(1)
        expect(leaksIn(result.stdout + result.stderr), `${command} ${args.join(' ')}`).toEqual([])
        expect(result.stderr).toContain('Stopped at …')
        expect(result.stderr).toContain('Quoting …')
      }
    } finally {
      fs.rmSync(folder, {recursive: true, force: true})
    }
  })
})

describe('runbook-no-secrets named without the preset', () => {
  it('has every plugin’s messages masked too, in remark’s report and its JSON', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-leaks-alone-'))
    try {
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(folder, 'node_modules'), 'dir')
      fs.writeFileSync(path.join(folder, '.remarkrc.json'), JSON.stringify({plugins: ['remark-preset-lint-recommended', 'remark-lint-runbook-no-secrets']}))
      fs.writeFileSync(path.join(folder, 'leaky.md'), leakyRunbook())
      for (const args of [['--no-color'], ['--report', 'vfile-reporter-json']]) {
        const entry = path.join(root, 'node_modules', 'remark-cli', 'cli.js')
        const result = spawnSync(process.execPath, [entry, '--no-stdout', ...args, '.'], {cwd: folder, encoding: 'utf8', input: '', env: {...process.env, NO_COLOR: '1'}})
        // Named alone, a rule is a warning.
        expect(result.status, result.stderr).toBe(0)
        expect(leaksIn(result.stdout + result.stderr), args.join(' ')).toEqual([])
        expect(result.stderr).toContain('Unexpected reference to undefined definition, expected corresponding definition (`…`)')
        expect(result.stderr).toMatch(/Unexpected JSON Web Token `eyJh…`/)
      }
    } finally {
      fs.rmSync(folder, {recursive: true, force: true})
    }
  })
})
