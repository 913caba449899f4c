/**
 * The README’s lint-staged configuration, as documented, in a scratch git
 * repository: a staged broken runbook fails `npx lint-staged` with its
 * findings; other staged Markdown is left alone.
 */

import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {fixtures, root, toolEnv} from './helpers.js'

let project: string

/** The `lint-staged` block of the README’s `package.json` example. */
function documentedConfig(): Record<string, string> {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  const block = [...readme.matchAll(/```json\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .find((text) => text.includes('"lint-staged"'))
  if (!block) throw new Error('No lint-staged example in README.md')
  return (JSON.parse(block) as {'lint-staged': Record<string, string>})['lint-staged']
}

function git(...args: string[]) {
  execFileSync('git', args, {cwd: project, env: toolEnv(), stdio: 'ignore'})
}

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-lint-staged-'))
  // The packages as a user's project has them after `npm install`.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir')
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({name: 'ops-docs', private: true, 'lint-staged': documentedConfig()}, null, 2)
  )
  fs.writeFileSync(path.join(project, '.gitignore'), 'node_modules\n')
  git('init', '--quiet')
  git('add', '.')
  git('commit', '--quiet', '-m', 'Start')
  fs.mkdirSync(path.join(project, 'ops/runbooks'), {recursive: true})
  fs.copyFileSync(path.join(fixtures, 'valid/complete.md'), path.join(project, 'Runbook.md'))
  fs.copyFileSync(path.join(fixtures, 'broken/missing-sections.md'), path.join(project, 'ops/runbooks/billing.md'))
  fs.writeFileSync(path.join(project, 'README.md'), '# Ops docs\n\nNot a runbook.\n')
})

afterAll(() => {
  fs.rmSync(project, {recursive: true, force: true})
})

function lintStaged() {
  const result = spawnSync('npx', ['lint-staged'], {cwd: project, encoding: 'utf8', env: toolEnv()})
  // lint-staged forces colours on its tasks' output.
  return {code: result.status, output: (result.stdout + result.stderr).replaceAll(/\u001B\[[\d;]*m/g, '')}
}

it('passes a staged complete runbook and ignores other Markdown', () => {
  git('add', 'Runbook.md', 'README.md')
  const result = lintStaged()
  expect(result.output).not.toMatch(/error/)
  expect(result.code).toBe(0)
  git('commit', '--quiet', '--no-verify', '-m', 'Add runbook')
})

it('fails on a staged broken runbook and prints its findings', () => {
  git('add', 'ops/runbooks/billing.md')
  const result = lintStaged()
  expect(result.output).toMatch(
    /ops\/runbooks\/billing\.md\n33:40 +error +Missing required heading `### Secrets management` in `System configuration`, expected it after `Configuration management` +runbook-required-headings +remark-lint/
  )
  expect(result.output).toContain('✖ 3 errors')
  expect(result.code).toBe(1)
})
