/**
 * The `runbook-lint` hook of `.pre-commit-hooks.yaml`, installed and run by
 * the real pre-commit (`language: node`: it clones this repository at `rev`,
 * runs `npm install` and `npm pack` there, then `npm install -g` of the
 * tarball). pre-commit clones a commit, so the working tree is first
 * committed into a scratch clone of this checkout.
 *
 * Skipped when pre-commit is not installed; `.ci/run` installs it.
 */

import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {alertFindings, coverageOnly, writeAlertRepository} from './alert-repository.js'
import {fixtures, root, toolEnv} from './helpers.js'
import {findingsFromTerminal, teamFindings, teamRunbooks, teamTemplate, writeTeamRepository} from './team-repository.js'

const havePreCommit = spawnSync('pre-commit', ['--version']).status === 0

let scratch: string
let project: string
/** The repository of team-repository.ts, with the same hook: it shares the installed environment. */
let team: string
/** The repository of alert-repository.ts (alerting rules and their runbooks), with the same hook. */
let alerts: string

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {cwd, encoding: 'utf8', env: toolEnv()}).trim()
}

/** This checkout's working tree, committed in a clone: what pre-commit can install. */
function commitWorkingTree(destination: string): string {
  git(scratch, 'clone', '--quiet', '--no-hardlinks', root, destination)
  const listed = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0')
  const deleted = new Set(git(root, 'ls-files', '-z', '--deleted').split('\0'))
  for (const file of listed) {
    if (!file || deleted.has(file)) continue
    const target = path.join(destination, file)
    fs.mkdirSync(path.dirname(target), {recursive: true})
    fs.copyFileSync(path.join(root, file), target)
  }
  for (const file of deleted) if (file) fs.rmSync(path.join(destination, file), {force: true})
  git(destination, 'add', '--all')
  git(destination, 'commit', '--quiet', '--allow-empty', '--no-verify', '-m', 'Working tree under test')
  return git(destination, 'rev-parse', 'HEAD')
}

function preCommit(...args: string[]) {
  return preCommitIn(project, ...args)
}

/**
 * pre-commit's environment. Its install of the hook runs npm install on the
 * hook's repository (this one, about 550 packages, all in npm's cache after
 * `npm ci`): npm would ask the registry whether each had changed, and audit
 * them. The install is the same without that, about 10 s sooner.
 */
const preCommitEnv = () =>
  toolEnv({
    PRE_COMMIT_HOME: path.join(scratch, 'cache'),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false'
  })

function preCommitIn(cwd: string, ...args: string[]) {
  const result = spawnSync('pre-commit', args, {cwd, encoding: 'utf8', env: preCommitEnv()})
  return {code: result.status, output: result.stdout + result.stderr}
}

beforeAll(() => {
  if (!havePreCommit) return
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-pre-commit-'))
  const hooks = path.join(scratch, 'remark-runbook')
  const rev = commitWorkingTree(hooks)

  project = path.join(scratch, 'project')
  fs.mkdirSync(path.join(project, 'runbooks'), {recursive: true})
  git(project, 'init', '--quiet')
  const config = ['repos:', `  - repo: ${hooks}`, `    rev: ${rev}`, '    hooks:', '      - id: runbook-lint', ''].join('\n')
  fs.writeFileSync(path.join(project, '.pre-commit-config.yaml'), config)
  fs.copyFileSync(path.join(fixtures, 'valid/complete.md'), path.join(project, 'RUNBOOK.md'))
  fs.copyFileSync(path.join(fixtures, 'broken/missing-sections.md'), path.join(project, 'runbooks/billing.md'))
  // Not a runbook by its name: the hook must not look at it.
  fs.copyFileSync(path.join(fixtures, 'broken/missing-sections.md'), path.join(project, 'notes.md'))
  git(project, 'add', '.pre-commit-config.yaml')
  // Installs the hook's environment (npm install, npm pack, npm install -g).
  const install = preCommit('install-hooks')
  if (install.code !== 0) throw new Error('pre-commit install-hooks failed:\n' + install.output)

  team = path.join(scratch, 'team')
  fs.mkdirSync(team)
  writeTeamRepository(team)
  // The team's template under runbooks/ too: named like a template, it is no runbook.
  fs.writeFileSync(path.join(team, 'runbooks/runbook-template.md'), teamTemplate)
  fs.writeFileSync(path.join(team, '.pre-commit-config.yaml'), config)
  git(team, 'add', '.pre-commit-config.yaml')

  alerts = path.join(scratch, 'alerts')
  writeAlertRepository(alerts)
  fs.writeFileSync(path.join(alerts, '.pre-commit-config.yaml'), config)
  git(alerts, 'add', '.pre-commit-config.yaml')
}, 420_000)

afterAll(() => {
  if (scratch) fs.rmSync(scratch, {recursive: true, force: true})
})

describe.skipIf(!havePreCommit)('pre-commit hook runbook-lint', () => {
  it('passes a complete runbook', () => {
    const result = preCommit('run', '--files', 'RUNBOOK.md')
    expect(result.output).toMatch(/lint runbooks\.+Passed/)
    expect(result.code).toBe(0)
  })

  it('fails on a broken runbook and prints its findings, ignoring other Markdown', () => {
    const result = preCommit('run', '--files', 'runbooks/billing.md', 'notes.md')
    expect(result.output).toMatch(/lint runbooks\.+Failed/)
    expect(result.output).toMatch(
      /runbooks\/billing\.md\n33:40 +error +Missing required heading `### Secrets management` in `System configuration`, expected it after `Configuration management` +runbook-required-headings +remark-lint/
    )
    expect(result.output).toContain('✖ 3 errors')
    expect(result.output).not.toContain('notes.md')
    expect(result.code).toBe(1)
  })

  it('skips Markdown that is not a runbook', () => {
    const result = preCommit('run', '--files', 'notes.md')
    expect(result.output).toMatch(/lint runbooks\.+\(no files to check\)Skipped/)
    expect(result.code).toBe(0)
  })

  it('gives the findings of npx remark for a repository with its own configuration', () => {
    // team-repository.ts: the team's template, rule options, a changed
    // severity and a rule turned off, in its `.remarkrc.json`; no node_modules.
    const result = preCommitIn(team, 'run', '--files', ...Object.keys(teamRunbooks), 'docs/runbook-template.md', 'runbooks/runbook-template.md')
    expect(result.output).toMatch(/lint runbooks\.+Failed/)
    expect(findingsFromTerminal(result.output)).toEqual(teamFindings)
    expect(result.output).toContain('5 messages (✖ 3 errors, ⚠ 2 warnings)')
    expect(result.output).not.toContain('runbook-template.md')
    expect(result.code).toBe(1)
  })

  it('does not lint files named like a template, even under runbooks/', () => {
    const result = preCommitIn(team, 'run', '--files', 'docs/runbook-template.md', 'runbooks/runbook-template.md')
    expect(result.output).toMatch(/lint runbooks\.+\(no files to check\)Skipped/)
    expect(result.code).toBe(0)
  })

  it('checks the alerting rules with their runbooks when runbooks change, as npx remark does', () => {
    const runbooks = fs.readdirSync(path.join(alerts, 'docs/runbooks')).map((name) => `docs/runbooks/${name}`)
    const result = preCommitIn(alerts, 'run', '--files', ...runbooks)
    expect(result.output).toMatch(/lint runbooks\.+Failed/)
    expect(coverageOnly(findingsFromTerminal(result.output))).toEqual(alertFindings)
    expect(result.code).toBe(1)
  })

  it('runs when only a rule file changed, and reports the rule files under their names', () => {
    const result = preCommitIn(alerts, 'run', '--files', 'monitoring/app-rules.yaml')
    expect(result.output).toMatch(/lint runbooks\.+Failed/)
    expect(findingsFromTerminal(result.output)).toEqual({
      'monitoring/app-rules.yaml': alertFindings['monitoring/app-rules.yaml'],
      'monitoring/platform-rules.yaml': alertFindings['monitoring/platform-rules.yaml']
    })
    expect(result.output).toMatch(/\nmonitoring\/app-rules\.yaml\n23:16-23:30 +error +Unexpected alert `ApiLatencyHigh`/)
    expect(result.code).toBe(1)
  })

  it('passes other YAML files', () => {
    fs.writeFileSync(path.join(alerts, 'values.yaml'), 'replicas: 3\n')
    const result = preCommitIn(alerts, 'run', '--files', 'values.yaml', '.pre-commit-config.yaml')
    expect(result.output).toMatch(/lint runbooks\.+Passed/)
    expect(result.code).toBe(0)
  })

  it('gives one report with one total for a run over many files (require_serial), not a batch per CPU', () => {
    const names = Array.from({length: 11}, (_, index) => `runbooks/service-${index + 1}.md`)
    for (const name of names) fs.copyFileSync(path.join(fixtures, 'broken/missing-sections.md'), path.join(project, name))
    git(project, 'add', ...names)
    const result = preCommit('run', 'runbook-lint', '--all-files')
    expect(result.output).toMatch(/lint runbooks\.+Failed/)
    for (const name of names) expect(result.output).toContain(`\n${name}\n`)
    // Eleven broken runbooks, three errors each, in one total.
    expect(result.output.match(/^(?:\d+ messages \(.*\)|[✖⚠] \d+ \w+)$/gm)).toEqual(['✖ 33 errors'])
    git(project, 'rm', '--quiet', '--cached', ...names)
    for (const name of names) fs.rmSync(path.join(project, name))
  })

  it('stops a commit of a broken runbook as a git hook', () => {
    expect(preCommit('install').code).toBe(0)
    git(project, 'add', 'runbooks/billing.md')
    const commit = spawnSync('git', ['commit', '-m', 'Add billing runbook'], {cwd: project, encoding: 'utf8', env: preCommitEnv()})
    expect(commit.stdout + commit.stderr).toContain('33:40')
    expect(commit.status).toBe(1)
  })
})
