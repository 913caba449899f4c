/**
 * `vfile-reporter-sarif`: the real `remark` CLI over the fixtures, checked
 * against the OASIS JSON schema (ajv) and Microsoft's SARIF validator
 * (`sarif-multitool validate`, which also applies its own SARIF rules).
 *
 * `schemas/sarif-schema-2.1.0.json` is a copy of the schema published with the
 * OASIS SARIF 2.1.0 specification (errata 01; oasis-tcs/sarif-spec,
 * `sarif-schema-2.1.0.json`), unchanged.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import {createRequire} from 'node:module'
import os from 'node:os'
import path from 'node:path'
import {ruleInfo} from 'remark-preset-runbook'
import type {Log, Result} from 'sarif'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {root, testTool} from './helpers.js'

const require = createRequire(import.meta.url)
// ajv's draft-04 build and ajv-formats are CommonJS.
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default

const cli = path.join(root, 'node_modules', 'remark-cli', 'cli.js')
const schema = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'schemas/sarif-schema-2.1.0.json'), 'utf8'))
const ajv = new Ajv({allErrors: true, strict: false})
addFormats(ajv)
const validateSchema = ajv.compile(schema)

let scratch: string
let sarifFile: string
let log: Log
let run: {code: number | null; stderr: string}

function remark(args: string[]) {
  const result = spawnSync(process.execPath, [cli, '--no-color', '--no-stdout', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {...process.env, GITHUB_WORKSPACE: root}
  })
  return {code: result.status, stderr: result.stderr}
}

function resultsFor(file: string): Result[] {
  return (log.runs[0]?.results ?? []).filter(
    (result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri === file
  )
}

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-sarif-'))
  sarifFile = path.join(scratch, 'out', 'runbooks.sarif')
  // Every fixture, a rule from outside the preset, and a file that does not exist.
  run = remark([
    '--use',
    'preset-runbook',
    '--use',
    'lint-final-newline',
    '--report',
    `sarif=output:${JSON.stringify(sarifFile)}`,
    'fixtures',
    'no-such-runbook.md'
  ])
  log = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as Log
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

describe('remark --report sarif', () => {
  it('writes the file named by `output`, prints nothing and keeps the exit code', () => {
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
  })

  it('is valid against the OASIS SARIF 2.1.0 schema', () => {
    const valid = validateSchema(log)
    expect(validateSchema.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('passes sarif-multitool validate without errors or warnings', () => {
    const output = path.join(scratch, 'validation.sarif')
    const multitool = path.join(testTool('@microsoft/sarif-multitool', '5.7.0'), 'bin.js')
    const result = spawnSync(process.execPath, [multitool, 'validate', sarifFile, '--output', output, '--log', 'ForceOverwrite'], {
      encoding: 'utf8'
    })
    expect(result.status).toBe(0)
    const validation = JSON.parse(fs.readFileSync(output, 'utf8')) as Log
    const findings = (validation.runs[0]?.results ?? []).map(
      (finding) => `${finding.ruleId}: ${finding.message.text ?? finding.message.id} ${JSON.stringify(finding.message.arguments)}`
    )
    expect(findings).toEqual([])
  }, 300_000)

  it('describes every rule of the preset, and any other rule seen', () => {
    const rules = log.runs[0]?.tool.driver.rules ?? []
    for (const info of ruleInfo) {
      expect(rules).toContainEqual(
        expect.objectContaining({
          id: info.ruleId,
          shortDescription: {text: expect.stringContaining(info.description)},
          fullDescription: {text: expect.stringContaining(info.description)},
          help: expect.objectContaining({text: expect.stringContaining(info.url)}),
          helpUri: info.url,
          defaultConfiguration: {level: info.severity === 'error' ? 'error' : 'warning'}
        })
      )
    }
    expect(rules.map((rule) => rule.id)).toEqual([...ruleInfo.map((info) => info.ruleId), 'final-newline', 'remark'])
    for (const result of log.runs[0]?.results ?? []) {
      expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId)
    }
  })

  it('gives each finding its level, text and repository-relative place (end column exclusive)', () => {
    const missing = resultsFor('fixtures/broken/missing-sections.md')
    expect(missing).toHaveLength(3)
    expect(missing[0]).toEqual({
      ruleId: 'runbook-required-headings',
      ruleIndex: 0,
      level: 'error',
      message: {
        text: 'Missing required heading `### Secrets management` in `System configuration`, expected it after `Configuration management`'
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {uri: 'fixtures/broken/missing-sections.md', uriBaseId: '%SRCROOT%'},
            region: {startLine: 33, startColumn: 40}
          }
        }
      ]
    })

    const [misplaced] = resultsFor('fixtures/broken/misplaced.md')
    // `27:1-27:32` in remark's report: the heading `### Security and access control`.
    expect(misplaced?.locations?.[0]?.physicalLocation?.region).toEqual({
      startLine: 27,
      startColumn: 1,
      endLine: 27,
      endColumn: 32
    })

    const newline = resultsFor('fixtures/edge/empty.md').concat(resultsFor('fixtures/valid/crlf-no-final-newline.md'))
    expect(newline.some((result) => result.ruleId === 'final-newline' && result.level === 'warning')).toBe(true)

    const [unreadable] = resultsFor('no-such-runbook.md')
    expect(unreadable).toMatchObject({ruleId: 'remark', level: 'error', message: {text: 'No such file or folder'}})
  })

  it('names the workspace as the base of every relative URI', () => {
    expect(log.runs[0]?.originalUriBaseIds).toEqual({'%SRCROOT%': {uri: `file://${root}/`}})
  })

  it('prints the SARIF without `output`', () => {
    const result = remark(['--use', 'preset-runbook', '--report', 'sarif', 'fixtures/valid/complete.md'])
    const printed = JSON.parse(result.stderr) as Log
    expect(validateSchema(printed)).toBe(true)
    expect(printed.runs[0]?.results).toEqual([])
    expect(result.code).toBe(0)
  })
})
