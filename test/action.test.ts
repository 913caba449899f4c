/**
 * `action.yml`: its inputs, and its lint step's script run with bash in a
 * scratch workspace, with `${{ … }}` filled in as the runner would. The
 * install step (`npm ci` in the action's folder) is what `npm ci` already did
 * for this checkout, so it is checked, not run.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {Log} from 'sarif'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {alertFindings, coverageOnly, writeAlertRepository} from './alert-repository.js'
import {fixtures, root} from './helpers.js'
import {findingsFromCommands, teamFindings, writeTeamRepository} from './team-repository.js'
import {parseCommands} from './workflow-commands.js'

interface Step {
  id: string
  shell?: string
  run?: string
  env?: Record<string, string>
  'working-directory'?: string
}

interface Action {
  inputs: Record<string, {default?: string; required?: boolean; description: string}>
  runs: {using: string; steps: Step[]}
}

const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as Action
let scratch: string
let workspace: string

/** The runner's substitution of the expressions this action uses. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replaceAll(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.action_path') return root
    if (expression.startsWith('inputs.')) {
      const name = expression.slice('inputs.'.length)
      return inputs[name] ?? action.inputs[name]?.default ?? ''
    }
    throw new Error('Unexpected expression in action.yml: ' + expression)
  })
}

function runLintStep(inputs: Record<string, string> = {}, repository = workspace) {
  const step = action.runs.steps.find((step) => step.id === 'lint')
  if (!step?.run) throw new Error('No lint step')
  const summary = path.join(scratch, `summary-${Math.random().toString(36).slice(2)}.md`)
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_ACTION_PATH: root,
    GITHUB_WORKSPACE: repository,
    GITHUB_STEP_SUMMARY: summary
  }
  for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(value, inputs)
  const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', expand(step.run, inputs)], {
    cwd: repository,
    encoding: 'utf8',
    env
  })
  return {
    code: result.status,
    output: result.stdout + result.stderr,
    summary: fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : ''
  }
}

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-action-'))
  workspace = path.join(scratch, 'repository')
  fs.mkdirSync(path.join(workspace, 'runbooks'), {recursive: true})
  fs.copyFileSync(path.join(fixtures, 'valid/complete.md'), path.join(workspace, 'RUNBOOK.md'))
  fs.copyFileSync(path.join(fixtures, 'broken/missing-sections.md'), path.join(workspace, 'runbooks/billing.md'))
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

describe('action.yml', () => {
  it('is a composite action with the inputs files, fail-level and sarif', () => {
    expect(action.runs.using).toBe('composite')
    expect(action.inputs['files']?.default).toBe('.')
    expect(action.inputs['fail-level']?.default).toBe('error')
    expect(action.inputs['sarif']?.default).toBe('')
    const install = action.runs.steps.find((step) => step.id === 'install')
    expect(install?.['working-directory']).toBe('${{ github.action_path }}')
    expect(install?.run).toMatch(/^npm ci\b/)
  })

  it('annotates every broken runbook under the workspace, writes the summary and fails', () => {
    const result = runLintStep()
    const commands = parseCommands(result.output).filter((command) => command.command === 'error')
    expect(commands).toHaveLength(3)
    expect(commands[0]?.properties).toEqual({
      file: 'runbooks/billing.md',
      line: '33',
      col: '40',
      title: 'runbook-required-headings'
    })
    expect(result.summary).toMatch(/^## Runbook lint: 3 errors in 2 files\n/)
    expect(result.code).toBe(1)
  })

  it('passes on a complete runbook, with --frail for fail-level warning', () => {
    const result = runLintStep({files: 'RUNBOOK.md', 'fail-level': 'warning'})
    expect(result.output).toContain('remark-runbook --no-stdout --no-color --silently-ignore --frail --report github-actions RUNBOOK.md')
    expect(parseCommands(result.output)).toEqual([])
    expect(result.code).toBe(0)
  })

  it('writes SARIF when asked, with globs left to remark', () => {
    const result = runLintStep({files: 'RUNBOOK.md\nrunbooks/*.md', sarif: 'results/runbooks "all".sarif'})
    const log = JSON.parse(fs.readFileSync(path.join(workspace, 'results/runbooks "all".sarif'), 'utf8')) as Log
    expect(log.runs[0]?.results).toHaveLength(3)
    expect(log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(
      'runbooks/billing.md'
    )
    expect(parseCommands(result.output).filter((command) => command.command === 'error')).toHaveLength(3)
    expect(result.code).toBe(1)
  })

  it('gives the findings of npx remark for a repository with its own configuration and no node_modules', () => {
    // team-repository.ts: the team's template, rule options, a changed
    // severity and a rule turned off, all in its `.remarkrc.json`.
    const team = path.join(scratch, 'team')
    fs.mkdirSync(team)
    writeTeamRepository(team)
    const result = runLintStep({files: 'runbooks/'}, team)
    expect(findingsFromCommands(parseCommands(result.output))).toEqual(teamFindings)
    expect(result.summary).toMatch(/^## Runbook lint: 3 errors, 2 warnings in 3 files\n/)
    expect(result.code).toBe(1)
  })

  it('annotates the alerting rule files, writes the coverage in the summary and the health report', () => {
    const repository = path.join(scratch, 'alerts')
    writeAlertRepository(repository)
    const result = runLintStep({files: 'docs/runbooks/', sarif: 'runbooks.sarif', html: 'runbooks.html'}, repository)
    expect(coverageOnly(findingsFromCommands(parseCommands(result.output)))).toEqual(alertFindings)
    const log = JSON.parse(fs.readFileSync(path.join(repository, 'runbooks.sarif'), 'utf8')) as Log
    const uris = new Set(log.runs[0]?.results?.map((entry) => entry.locations?.[0]?.physicalLocation?.artifactLocation?.uri))
    expect(uris).toContain('monitoring/app-rules.yaml')
    expect(uris).toContain('monitoring/platform-rules.yaml')
    expect(result.summary).toContain('### Alerts and their runbooks')
    expect(fs.readFileSync(path.join(repository, 'runbooks.html'), 'utf8')).toContain('id="alert-coverage"')
    expect(result.code).toBe(1)
  })

  it('refuses an unknown fail-level', () => {
    const result = runLintStep({'fail-level': 'warnings'})
    expect(parseCommands(result.output)).toEqual([
      {
        command: 'error',
        properties: {title: 'Runbook lint'},
        data: 'Unexpected fail-level `warnings`, expected `error` or `warning`'
      }
    ])
    expect(result.code).toBe(2)
  })
})
