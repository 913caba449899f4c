/**
 * Fixing from the command line, as users run it from a script (standard
 * input empty, no terminal): `remark-runbook --fix`, and the plugin's own
 * form `remark FILE --use runbook-fix --output`. Nothing is ever lost: the
 * files keep every byte outside what the fix inserts, files the fix did not
 * change are not written, and where a fix could lose text it refuses.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixtures, root, toolEnv} from './helpers.js'

const bin = path.join(root, 'bin', 'remark-runbook.js')
const remarkCli = path.join(root, 'node_modules', 'remark-cli', 'cli.js')
const missingSections = fs.readFileSync(path.join(fixtures, 'broken', 'missing-sections.md'))
const complete = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'))
let scratch: string
let count = 0

/** A fresh project folder with `node_modules` linked and the given files. */
function project(files: Record<string, string | Buffer>): string {
  const directory = path.join(scratch, `project-${++count}`)
  fs.mkdirSync(directory)
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir')
  for (const [name, value] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, name)), {recursive: true})
    fs.writeFileSync(path.join(directory, name), value)
  }
  return directory
}

/** Run a command as a script would: standard input empty, no terminal. */
function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [command, '--no-color', ...args], {cwd, encoding: 'utf8', input: '', env: toolEnv()})
  return {code: result.status, stderr: result.stderr, stdout: result.stdout}
}

/** Whether every line of `original` is in `fixed`, in the same order. */
function keepsEveryLine(original: string, fixed: string): boolean {
  let from = 0
  for (const line of original.split(/\r?\n/)) {
    if (line.trim() === '') continue
    const at = fixed.indexOf(line, from)
    if (at === -1) return false
    from = at + line.length
  }
  return true
}

/** What the fix inserted: `fixed` minus `original` must be insertions only. */
function insertedOnly(original: Buffer, fixed: Buffer): boolean {
  // Walk both byte strings; every byte of the original must appear in order.
  let at = 0
  for (const byte of fixed) if (at < original.length && byte === original[at]) at++
  return at === original.length
}

const read = (directory: string, name: string) => fs.readFileSync(path.join(directory, name))

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-fix-cli-'))
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

describe('remark-runbook --fix', () => {
  it('restores the missing headings, keeps every line, writes only what it changed, and reports what is left', () => {
    const directory = project({'runbooks/billing.md': missingSections, 'runbooks/complete.md': complete})
    const untouched = path.join(directory, 'runbooks/complete.md')
    fs.utimesSync(untouched, new Date('2020-01-01'), new Date('2020-01-01'))

    const result = run(bin, ['--fix', 'runbooks/'], directory)
    const fixed = read(directory, 'runbooks/billing.md').toString()
    expect(keepsEveryLine(missingSections.toString(), fixed)).toBe(true)
    expect(fixed).toContain('\n### Secrets management\n\nTODO: write where secrets are kept and how they reach the service.\n')
    expect(fs.statSync(untouched).mtime.getFullYear()).toBe(2020)

    // Said once, then the findings of the fixed file at its own lines.
    expect(result.stderr).toContain(
      'runbooks/billing.md\n1:1       info  Fixed: inserted 5 missing headings (`### Secrets management`, `## Monitoring and alerting`, `### Metrics`, `### Health checks`, `### Troubleshooting`)'
    )
    // The group `## Monitoring and alerting` came with its two subsections: five headings written, five named.
    expect(fixed.split('\n').length - missingSections.toString().split('\n').length).toBeGreaterThan(0)
    expect(fixed.match(/^#{2,3} (?:Secrets management|Monitoring and alerting|Metrics|Health checks|Troubleshooting)$/gm)).toHaveLength(5)
    // The total counts the fix's info too, as each file's line does.
    expect(result.stderr).toMatch(/\n\d+ messages \(✖ \d+ errors, ℹ 1 info\)\n$/)
    expect(result.stderr).toMatch(/\n37:1-37:5 +error +Unexpected placeholder `TODO` in `Secrets management`/)
    expect(result.stderr).not.toContain('Missing required heading')
    expect(result.stderr).toContain('runbooks/complete.md: no issues found')
    expect(result.stdout).toBe('')
    // Exit code from what is left: the TODO lines are errors (one per section, no warnings).
    expect(result.code).toBe(1)

    const again = run(bin, ['--fix', 'runbooks/'], directory)
    expect(read(directory, 'runbooks/billing.md').toString()).toBe(fixed)
    expect(again.stderr).not.toContain('Fixed:')
  })

  it('fixes with the preset in .remarkrc.json, and exits 0 when nothing is left', () => {
    const withoutTroubleshooting = complete.toString().replace(/### Troubleshooting\n\n[^\n]+\n/, '')
    expect(withoutTroubleshooting).not.toBe(complete.toString())
    const directory = project({
      '.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', ['remark-lint-runbook-no-placeholders', false], ['remark-lint-runbook-no-empty-sections', false]]}),
      'runbook.md': withoutTroubleshooting
    })
    const result = run(bin, ['--fix', 'runbook.md'], directory)
    const fixed = read(directory, 'runbook.md').toString()
    expect(fixed).toContain('### Troubleshooting\n\nTODO: write how to diagnose common problems and which tools to use.\n')
    expect(keepsEveryLine(withoutTroubleshooting, fixed)).toBe(true)
    expect(result.stderr).toBe(
      'runbook.md\n1:1 info Fixed: inserted 1 missing heading (`### Troubleshooting`) fix remark-runbook-fix\n'
    )
    expect(result.code).toBe(0)
  })

  it('keeps a byte order mark and CRLF line endings', () => {
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(missingSections.toString().replace(/\n/g, '\r\n'))])
    const directory = project({'runbook.md': original})
    run(bin, ['--fix', 'runbook.md'], directory)
    const fixed = read(directory, 'runbook.md')
    expect([...fixed.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(fixed.toString().replace(/\r\n/g, '')).not.toContain('\n')
    expect(fixed.toString()).toContain('\r\n### Secrets management\r\n\r\nTODO:')
    expect(insertedOnly(original, fixed)).toBe(true)
  })

  it('leaves a file that is not UTF-8 untouched, with one sentence', () => {
    const latin1 = Buffer.from(missingSections.toString().replace('Billing API', 'Caf\u00e9 API'), 'latin1')
    const directory = project({'runbook.md': latin1})
    const result = run(bin, ['--fix', 'runbook.md'], directory)
    expect(read(directory, 'runbook.md').equals(latin1)).toBe(true)
    expect(result.stderr).toBe(
      'runbook.md\n1:6 error Cannot fix `runbook.md`: it is not UTF-8 (byte 0xE9 at line 1, column 6), and writing it back would change those bytes; save it as UTF-8 first fix remark-runbook-fix\n\n✖ 1 error\n'
    )
    expect(result.code).toBe(1)
  })

  it('does not take a document of another shape for a runbook to fill', () => {
    const readme = '# Billing API\n\n## Install\n\nRun `make`.\n\n## Usage\n\nSee the wiki.\n'
    const directory = project({'README.md': readme})
    const result = run(bin, ['--fix', 'README.md'], directory)
    expect(read(directory, 'README.md').toString()).toBe(readme)
    expect(result.stderr.replace(/ +/g, ' ')).toContain(
      "1:1 info Not fixed: `README.md` has 0 of the template's 21 required sections and headings of its own, so it is not taken for a copy of the template: add the sections by hand, or leave the file out"
    )
  })

  it('writes nothing when the configuration is broken', () => {
    const directory = project({
      '.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', ['remark-lint-runbook-no-placeholders', {markers: 'TODO'}]]}),
      'runbook.md': missingSections
    })
    const result = run(bin, ['--fix', 'runbook.md'], directory)
    expect(read(directory, 'runbook.md').equals(missingSections)).toBe(true)
    expect(result.stderr).toBe(
      'remark-runbook: Unexpected value `"TODO"` for option `markers` of `runbook-no-placeholders`, expected a list of words, such as `["WIP"]` (set in `.remarkrc.json`)\n'
    )
    expect(result.code).toBe(1)
  })

  it('refuses --output, which would write somewhere else', () => {
    const directory = project({'runbook.md': missingSections})
    const result = run(bin, ['--fix', '--output', 'other.md', 'runbook.md'], directory)
    expect(result.stderr).toBe('remark-runbook: --fix writes each fixed file in place; drop --output\n')
    expect(result.code).toBe(2)
    expect(fs.existsSync(path.join(directory, 'other.md'))).toBe(false)
  })
})

describe('remark --use runbook-fix --output', () => {
  it('fixes the file named first, and writes it although findings are left', () => {
    const directory = project({'.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook']}), 'runbook.md': missingSections})
    const result = run(remarkCli, ['runbook.md', '--use', 'runbook-fix', '--output'], directory)
    const fixed = read(directory, 'runbook.md')
    expect(insertedOnly(missingSections, fixed)).toBe(true)
    expect(fixed.toString()).toContain('### Secrets management')
    expect(result.stderr).toMatch(/^runbook\.md: written\n1:1 +info +Fixed: inserted 5 missing headings/)
    // The errors are still errors: remark exits 1.
    expect(result.stderr).toMatch(/\n37:1-37:5 +error +Unexpected placeholder `TODO`/)
    expect(result.code).toBe(1)
  })

  it('refuses to write over a runbook when it is given the output path only and standard input is empty', () => {
    // remark reads `--output FILE` as where to write, and the input from
    // standard input: empty in a script, so the fix would write a skeleton
    // over the runbook.
    const directory = project({'runbook.md': missingSections})
    const result = run(remarkCli, ['--use', 'runbook-fix', '--output', 'runbook.md'], directory)
    expect(read(directory, 'runbook.md').equals(missingSections)).toBe(true)
    expect(result.stderr).toContain(
      'Cannot fix a runbook from empty standard input: name the file to fix first, as in `remark docs/runbook.md --use runbook-fix --output`, or run `remark-runbook --fix docs/runbook.md`'
    )
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.code).toBe(1)
  })
})
