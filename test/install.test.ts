/**
 * A user's project: the packed packages installed into a fresh directory
 * outside this repository, then the real `remark` CLI run there.
 */

import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {fixtures, heavySetupTimeout, root} from './helpers.js'

let project: string

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-install-'))
  const packs = path.join(project, 'packs')
  fs.mkdirSync(packs)
  const output = execFileSync('npm', ['pack', '--workspaces', '--json', '--pack-destination', packs], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore']
  })
  const packed = JSON.parse(output) as Array<{name: string; filename: string}>

  const dependencies: Record<string, string> = {'remark-cli': '^12.0.1'}
  for (const pack of packed) dependencies[pack.name] = `file:${path.join(packs, pack.filename)}`
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({name: 'user-project', private: true, type: 'module', dependencies})
  )
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: project,
    stdio: 'ignore'
  })
  fs.copyFileSync(path.join(fixtures, 'broken/missing-sections.md'), path.join(project, 'runbook.md'))
  fs.copyFileSync(path.join(fixtures, 'valid/complete.md'), path.join(project, 'complete.md'))
}, heavySetupTimeout)

/** npx may warn about the user's npm configuration on stderr, before the report. */
function withoutNpmWarnings(stderr: string): string {
  return stderr.replace(/^npm warn .*\n/gm, '')
}

afterAll(() => {
  fs.rmSync(project, {recursive: true, force: true})
})

it('runs `npx remark --use preset-runbook` in a project that installed the packages', () => {
  const result = spawnSync('npx', ['remark', '--use', 'preset-runbook', '--no-color', '--no-stdout', 'runbook.md', 'complete.md'], {
    cwd: project,
    encoding: 'utf8'
  })
  expect(result.stderr).toMatch(/runbook\.md\n33:40 +error +Missing required heading `### Secrets management`/)
  expect(result.stderr).toMatch(/complete\.md: no issues found/)
  expect(result.status).toBe(1)
})

it('reports JSON with `--report json`: the preset brings vfile-reporter-json', () => {
  expect(fs.existsSync(path.join(project, 'node_modules', 'vfile-reporter-json'))).toBe(true)
  const result = spawnSync('npx', ['remark', '--use', 'preset-runbook', '--no-stdout', '--report', 'json', 'runbook.md'], {
    cwd: project,
    encoding: 'utf8'
  })
  const files = JSON.parse(withoutNpmWarnings(result.stderr)) as Array<{path: string; messages: Array<Record<string, unknown>>}>
  expect(files).toHaveLength(1)
  expect(files[0]?.path).toBe('runbook.md')
  expect(files[0]?.messages).toHaveLength(3)
  expect(files[0]?.messages[0]).toMatchObject({
    line: 33,
    column: 40,
    fatal: true,
    ruleId: 'runbook-required-headings',
    source: 'remark-lint',
    reason: 'Missing required heading `### Secrets management` in `System configuration`, expected it after `Configuration management`',
    url: 'https://github.com/remark-runbook/remark-runbook/tree/main/packages/remark-lint-runbook-required-headings#readme'
  })
  expect(result.status).toBe(1)
})

it('reports GitHub Actions annotations and SARIF with the installed reporters', () => {
  const annotations = spawnSync(
    'npx',
    ['remark', '--use', 'preset-runbook', '--no-stdout', '--report', 'github-actions', 'runbook.md'],
    {cwd: project, encoding: 'utf8', env: {...process.env, GITHUB_WORKSPACE: project, GITHUB_STEP_SUMMARY: ''}}
  )
  expect(annotations.stderr).toMatch(/^::error file=runbook\.md,line=33,col=40,title=runbook-required-headings::Missing required heading/m)
  expect(annotations.status).toBe(1)

  const sarif = spawnSync(
    'npx',
    ['remark', '--use', 'preset-runbook', '--no-stdout', '--report', 'sarif=output:"runbooks.sarif"', 'runbook.md'],
    {cwd: project, encoding: 'utf8'}
  )
  const log = JSON.parse(fs.readFileSync(path.join(project, 'runbooks.sarif'), 'utf8')) as {
    runs: Array<{results: Array<{ruleId: string; locations: Array<{physicalLocation: {artifactLocation: {uri: string}}}>}>}>
  }
  expect(log.runs[0]?.results).toHaveLength(3)
  expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('runbook.md')
  expect(sarif.status).toBe(1)
})

it('ships only built JavaScript and type declarations', () => {
  const preset = path.join(project, 'node_modules', 'remark-preset-runbook')
  expect(fs.existsSync(path.join(preset, 'dist', 'index.js'))).toBe(true)
  expect(fs.existsSync(path.join(preset, 'dist', 'index.d.ts'))).toBe(true)
  expect(fs.existsSync(path.join(preset, 'src'))).toBe(false)
})
