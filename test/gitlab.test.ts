/**
 * GitLab: `vfile-reporter-gitlab` (a Code Quality report) and the CI job in
 * `gitlab/runbook-lint.gitlab-ci.yml`.
 *
 * The job is run for real by gitlab-ci-local, with its shell executor (there
 * is no Docker here: `--force-shell-executor` runs the job, which names the
 * `node:20` image, on this machine, and `--shell-isolation` gives it a copy
 * of the repository's tracked files, as a runner's checkout, and exports its
 * artifacts as GitLab would). The fixture is a team's repository
 * (team-repository.ts: its own template and `.remarkrc.json`, no
 * `node_modules`) whose `.gitlab-ci.yml` includes the template file as it is
 * here. `RUNBOOK_LINT_COMMAND`, a pipeline variable, points the job at this
 * checkout's `remark-runbook` instead of a clone from GitHub.
 *
 * gitlab-ci-local is pinned at 4.64.1: later versions need Node.js 22
 * (`Set.prototype.union`), and it copies files with `rsync` (.ci/run
 * installs it).
 */

import {execFileSync, spawn, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import reporterGitlab, {repositoryRoot, subjectOf, toCodeQuality, type CodeQualityIssue} from 'vfile-reporter-gitlab'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse, stringify} from 'yaml'
import {fixtures, lint, root, testTool, toolEnv} from './helpers.js'
import {teamFindings, writeTeamRepository, type Findings} from './team-repository.js'

const bin = path.join(root, 'bin', 'remark-runbook.js')
const templateFile = path.join(root, 'gitlab', 'runbook-lint.gitlab-ci.yml')
const severities = new Set(['info', 'minor', 'major', 'critical', 'blocker'])

/** Fake credentials in shapes `runbook-no-secrets` knows, put together at run time. */
const join = (...parts: string[]) => parts.join('')
const secrets = {
  githubToken: join('ghp_', 'R8mK2vQ9xL4tN7pW1sZ5cB3hJ6fD0gY2aE8u'),
  awsAccessKeyId: join('AKIA', 'Q7ZR4T2XW9PLM3NB'),
  ownerPassword: join('hunter2', '-xyz-4821'),
  urlPassword: join('Tr0ub4dor', '-x9Q'),
  stripeKey: join('sk_live_', 'Rq7Mz2Kx9Lw4Vb8Np3Tj6Hc1Fd5Gs0YaE2uI9oP4kL8mN3bV6c')
}

let scratch: string

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-gitlab-'))
  pipeline = runPipeline()
})

afterAll(async () => {
  await pipeline.catch(() => undefined)
  fs.rmSync(scratch, {recursive: true, force: true})
})

let linted: Promise<VFile[]> | undefined

/** Every fixture runbook, linted by the preset (once). */
function lintFixtures(): Promise<VFile[]> {
  linted ??= lintAll()
  return linted
}

async function lintAll(): Promise<VFile[]> {
  const names = ['broken', 'edge', 'valid'].flatMap((folder) =>
    fs
      .readdirSync(path.join(fixtures, folder))
      .filter((name) => name.endsWith('.md'))
      .map((name) => path.join(folder, name))
  )
  return Promise.all(names.map((fixture) => lint({fixture})))
}

function expectIssueShape(issue: CodeQualityIssue): void {
  expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity'])
  expect(issue.description).toEqual(expect.any(String))
  expect(issue.description.length).toBeGreaterThan(0)
  expect(issue.check_name).toMatch(/^[\w-]+$/)
  expect(issue.fingerprint).toMatch(/^[\da-f]{32}$/)
  expect(severities.has(issue.severity)).toBe(true)
  expect(issue.location.path).toEqual(expect.any(String))
  expect(issue.location.path).not.toMatch(/\\|^\//)
  expect(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1).toBe(true)
  if ('end' in issue.location.lines) {
    expect(Number.isInteger(issue.location.lines.end)).toBe(true)
    expect(issue.location.lines.end).toBeGreaterThan(issue.location.lines.begin)
  }
}

/** A file with a message at each place, with the given fatality. */
function fileWith(filePath: string, messages: Array<{reason: string; line: number; fatal?: boolean | null | undefined; ruleId?: string}>) {
  const file = new VFile({path: filePath, cwd: scratch})
  for (const {reason, line, fatal, ruleId} of messages) {
    const message = file.message(reason, {
      place: {start: {line, column: 1}, end: {line, column: 5}},
      ...(ruleId ? {ruleId, source: 'remark-lint'} : {})
    })
    message.fatal = fatal
  }
  return file
}

describe('vfile-reporter-gitlab', () => {
  it('writes the fields GitLab reads, with their types, for every fixture', async () => {
    const files = await lintFixtures()
    const issues = toCodeQuality(files, {root})
    expect(issues.length).toBeGreaterThan(50)
    for (const issue of issues) expectIssueShape(issue)
    const spanning = issues.find((issue) => issue.location.lines.end !== undefined)
    expect(spanning).toBeDefined()
    // Each issue is its message: the reason, the rule, the place.
    const messages = files.flatMap((file) => file.messages)
    expect(issues.map((issue) => issue.description).sort()).toEqual(messages.map((message) => message.reason).sort())
    expect(issues.find((issue) => issue.location.path === 'fixtures/broken/missing-sections.md')).toMatchObject({
      check_name: 'runbook-required-headings',
      severity: 'major',
      location: {lines: {begin: 33}}
    })
  })

  it('gives fingerprints unique in the report, over every fixture, for equal messages, and for a file given twice', async () => {
    const files = await lintFixtures()
    const issues = toCodeQuality(files, {root})
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length)
    // placeholder-variants.md has three equal messages (a template example in `Business overview`).
    const examples = issues.filter(
      (issue) =>
        issue.location.path.endsWith('placeholder-variants.md') &&
        issue.description.startsWith('Unexpected template example in `Business overview`')
    )
    expect(examples).toHaveLength(3)
    expect(new Set(examples.map((issue) => issue.fingerprint)).size).toBe(3)
    const file = fileWith('runbooks/a.md', [
      {reason: 'Unexpected thing', line: 3, ruleId: 'rule-a'},
      {reason: 'Unexpected thing', line: 9, ruleId: 'rule-a'}
    ])
    const twice = toCodeQuality([file, file], {root: scratch})
    expect(twice).toHaveLength(4)
    expect(new Set(twice.map((issue) => issue.fingerprint)).size).toBe(4)
  })

  it('keeps every fingerprint when lines are inserted above the findings', async () => {
    // Findings whose reasons quote a line (a secret `on line N`, a duplicate
    // `first on line N`), equal findings told apart by their order, and
    // findings on lines that move.
    const before = fs
      .readFileSync(path.join(fixtures, 'valid/complete.md'), 'utf8')
      .replace('Takes card payments for the web shop, around the clock.', 'Takes card payments. TODO: who uses it.\n\nRuns all day. TODO: hours.')
      .replace('#payments on Slack.', `#payments on Slack. Token: ${secrets.githubToken}`)
      .replace('### Service owner', '### Technical overview\n\nAgain.\n\n### Service owner')
    const after = before.replace('# Billing API\n', '# Billing API\n\nA new paragraph.\n\nAnd another one.\n')
    const issuesBefore = toCodeQuality([await lint(before)], {root: scratch})
    const issuesAfter = toCodeQuality([await lint(after)], {root: scratch})
    expect(issuesBefore.map((issue) => issue.check_name)).toEqual([
      'runbook-no-placeholders',
      'runbook-no-placeholders',
      'runbook-required-headings',
      'runbook-no-secrets'
    ])
    expect(issuesBefore[0]?.description).toBe(issuesBefore[1]?.description)
    expect(issuesAfter.map((issue) => issue.fingerprint)).toEqual(issuesBefore.map((issue) => issue.fingerprint))
    // The lines did move, and so did the line numbers some reasons quote.
    expect(issuesAfter.map((issue) => issue.location.lines.begin)).toEqual(
      issuesBefore.map((issue) => issue.location.lines.begin + 4)
    )
    expect(issuesBefore.some((issue) => /\bline \d+/.test(issue.description))).toBe(true)
    expect(issuesAfter.map((issue) => issue.description)).not.toEqual(issuesBefore.map((issue) => issue.description))
  })

  it('takes line, column and day counts out of the subject', () => {
    expect(subjectOf('Unexpected GitHub token `ghp_…` on line 27, expected no credentials')).toBe(
      'Unexpected GitHub token `ghp_…` on line #, expected no credentials'
    )
    expect(subjectOf('expected one `Metrics` (first on line 55): merge them')).toBe('expected one `Metrics` (first on line #): merge them')
    expect(subjectOf('byte 0xE9 at line 3, column 12')).toBe('byte 0xE9 at line #, column #')
    expect(subjectOf('Unexpected review date `2025-01-10`, 683 days ago, expected a review within 180 days')).toBe(
      'Unexpected review date `2025-01-10`, # days ago, expected a review within 180 days'
    )
    expect(subjectOf('at 3:1-3:25')).toBe('at #')
  })

  it('maps errors to major, warnings to minor and the rest to info', () => {
    const file = fileWith('runbooks/a.md', [
      {reason: 'An error', line: 1, fatal: true, ruleId: 'rule-a'},
      {reason: 'A warning', line: 2, fatal: false, ruleId: 'rule-a'},
      {reason: 'A note', line: 3, fatal: undefined, ruleId: 'rule-a'},
      {reason: 'Another note', line: 4, fatal: null}
    ])
    const issues = toCodeQuality([file], {root: scratch})
    expect(issues.map((issue) => [issue.severity, issue.check_name])).toEqual([
      ['major', 'rule-a'],
      ['minor', 'rule-a'],
      ['info', 'rule-a'],
      ['info', 'remark']
    ])
    expect(toCodeQuality([file], {root: scratch, silent: true}).map((issue) => issue.severity)).toEqual(['major'])
  })

  it('gives paths relative to the root with `/`, a file outside it by its absolute path, stdin as `stdin`', () => {
    const inside = fileWith(path.join('runbooks', 'deep', 'a.md'), [{reason: 'x', line: 1}])
    const outside = fileWith(path.join(os.tmpdir(), 'elsewhere.md'), [{reason: 'x', line: 1}])
    const stdin = new VFile('# x')
    stdin.message('x')
    expect(toCodeQuality([inside, outside, stdin], {root: scratch}).map((issue) => issue.location)).toEqual([
      {path: 'runbooks/deep/a.md', lines: {begin: 1}},
      {path: path.join(os.tmpdir(), 'elsewhere.md').split(path.sep).join('/'), lines: {begin: 1}},
      {path: 'stdin', lines: {begin: 1}}
    ])
  })

  it('finds the repository root from a folder inside it, else keeps the folder', () => {
    const repository = path.join(scratch, 'root-search')
    fs.mkdirSync(path.join(repository, 'docs', 'runbooks'), {recursive: true})
    execFileSync('git', ['init', '--quiet'], {cwd: repository, env: toolEnv()})
    expect(repositoryRoot(path.join(repository, 'docs', 'runbooks'))).toBe(repository)
    const loose = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-no-git-'))
    try {
      expect(repositoryRoot(loose)).toBe(loose)
    } finally {
      fs.rmSync(loose, {recursive: true, force: true})
    }
  })

  it('writes `[]` for an empty run, and the file named by `output`', () => {
    expect(reporterGitlab([])).toBe('[]\n')
    expect(reporterGitlab([new VFile({path: 'clean.md'})])).toBe('[]\n')
    const output = path.join(scratch, 'out', 'nested', 'gl-code-quality-report.json')
    const file = fileWith('runbooks/a.md', [{reason: 'x', line: 1, fatal: true, ruleId: 'rule-a'}])
    expect(reporterGitlab([file], {output, root: scratch})).toBe('')
    expect(JSON.parse(fs.readFileSync(output, 'utf8'))).toEqual(toCodeQuality([file], {root: scratch}))
  })
})

describe('remark-runbook --report gitlab', () => {
  it('prints `[]` for a clean runbook', () => {
    const result = spawnSync(process.execPath, [bin, '--no-stdout', '--report', 'gitlab', path.join(fixtures, 'valid/complete.md')], {
      cwd: root,
      encoding: 'utf8',
      env: toolEnv()
    })
    expect(result.stderr).toBe('[]\n')
    expect(result.status).toBe(0)
  })

  it('shows no secret and no document text beyond the reasons, with paths from the git root', () => {
    const repository = path.join(scratch, 'secrets')
    fs.mkdirSync(path.join(repository, 'runbooks'), {recursive: true})
    fs.mkdirSync(path.join(repository, 'tools'))
    execFileSync('git', ['init', '--quiet'], {cwd: repository, env: toolEnv()})
    const s = secrets
    const text = fs
      .readFileSync(path.join(fixtures, 'valid/complete.md'), 'utf8')
      .replace('**Service or system name:** Billing API', `**Service or system name:** TODO rotate ${s.awsAccessKeyId} first`)
      .replace('The Payments team: payments@acme.io, #payments on Slack.', `Payments team, https://oncall:${s.urlPassword}@pager.example.com\n\npassword: ${s.ownerPassword}`)
      .replace('### Business overview', `### Business overview (token ${s.githubToken})`)
      .concat(`\nStripe: ${s.stripeKey}\n`)
    fs.writeFileSync(path.join(repository, 'runbooks', 'billing.md'), text)
    const report = path.join(repository, 'gl-code-quality-report.json')
    // Run from a folder below the root: paths are still from the root.
    const result = spawnSync(
      process.execPath,
      [bin, '--no-stdout', '--report', `gitlab=output:${JSON.stringify(report)}`, '../runbooks/'],
      {cwd: path.join(repository, 'tools'), encoding: 'utf8', env: toolEnv()}
    )
    // One line says where the report went, and nothing else is printed.
    expect(result.stderr).toMatch(/^remark-runbook: wrote the report to `[^`\n]+gl-code-quality-report\.json`: \d+ errors? and \d+ warnings? in 1 of 1 file\n$/)
    expect(result.status).toBe(1)
    const json = fs.readFileSync(report, 'utf8')
    for (const [name, secret] of Object.entries(secrets)) {
      expect(json.includes(secret.slice(4, 14)), name).toBe(false)
    }
    const issues = JSON.parse(json) as CodeQualityIssue[]
    expect(issues.filter((issue) => issue.check_name === 'runbook-no-secrets').length).toBeGreaterThanOrEqual(4)
    for (const issue of issues) {
      expectIssueShape(issue)
      expect(issue.location.path).toBe('runbooks/billing.md')
    }
    // Nothing but the five fields; the description is the reason.
    expect(json.length / issues.length).toBeLessThan(600)
  })
})

interface Template {
  'runbook-lint': {
    image: string
    variables: Record<string, string>
    script: string[]
    artifacts: {when: string; reports: {codequality: string}; paths: string[]}
  }
}

describe('gitlab/runbook-lint.gitlab-ci.yml', () => {
  const template = parse(fs.readFileSync(templateFile, 'utf8')) as Template
  const job = template['runbook-lint']

  it('runs in node:20, fails on errors by default, and keeps its Code Quality report when it fails', () => {
    expect(job.image).toBe('node:20')
    expect(job.variables['RUNBOOK_LINT_FAIL_LEVEL']).toBe('error')
    expect(job.variables['RUNBOOK_LINT_REF']).toBe('')
    expect(job.variables['RUNBOOK_LINT_COMMAND']).toBe('')
    expect(job.artifacts).toEqual({
      when: 'always',
      reports: {codequality: 'gl-code-quality-report.json'},
      paths: ['gl-code-quality-report.json']
    })
  })

  /** The job's script as the runner runs it: bash, `-eo pipefail`, the job's variables. */
  function runScript(variables: Record<string, string>) {
    const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', job.script.join('\n')], {
      cwd: scratch,
      encoding: 'utf8',
      env: toolEnv({...job.variables, ...variables})
    })
    return {code: result.status, output: result.stdout + result.stderr}
  }

  it('is the file the README includes, with the variables the README sets', () => {
    const readme = readmeConfiguration()
    expect(readme.include).toEqual([
      {remote: 'https://raw.githubusercontent.com/remark-runbook/remark-runbook/<commit-sha>/gitlab/runbook-lint.gitlab-ci.yml'}
    ])
    const section = readmeSection()
    const named = new Set([...section.matchAll(/\b(RUNBOOK_LINT_[A-Z_]+)\b/g)].map((match) => match[1]))
    expect(named.size).toBeGreaterThan(4)
    for (const name of named) {
      if (name === 'RUNBOOK_LINT_DISABLED') expect(fs.readFileSync(templateFile, 'utf8')).toContain('$RUNBOOK_LINT_DISABLED == "true"')
      else expect(job.variables, name).toHaveProperty([name as string])
    }
  })

  it('refuses an unknown fail level, and a missing RUNBOOK_LINT_REF, before installing anything', () => {
    expect(runScript({RUNBOOK_LINT_FAIL_LEVEL: 'warnings'})).toEqual({
      code: 2,
      output: 'Unexpected RUNBOOK_LINT_FAIL_LEVEL `warnings`, expected `error` or `warning`\n'
    })
    expect(runScript({})).toEqual({
      code: 2,
      output: 'Set RUNBOOK_LINT_REF to the full SHA of the commit of remark-runbook to run (the one your include names)\n'
    })
  })
})

interface PipelineRun {
  code: number | null
  output: string
  /** `gitlab-ci-local --list-all`. */
  jobs: string
  repository: string
}

let pipeline: Promise<PipelineRun>

/** The README's "GitLab CI" section, up to the next heading. */
function readmeSection(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  return readme.split('\n### GitLab CI\n')[1]?.split(/\n#{2,3} /)[0] ?? ''
}

/** The job as the README's "GitLab CI" section includes and configures it. */
function readmeConfiguration(): {include: Array<{remote: string}>; 'runbook-lint': {variables: Record<string, string>}} {
  const block = /```yaml\n([\s\S]*?)```/.exec(readmeSection())?.[1]
  if (!block) throw new Error('No YAML in the README’s GitLab CI section')
  return parse(block)
}

/**
 * The README's configuration with the template included from the
 * repository (gitlab-ci-local fetches no remote include here), and jobs that
 * extend it: warnings only, with the default fail level and with `warning`,
 * and one turned off.
 */
function pipelineConfiguration(): Record<string, unknown> {
  return {
    ...readmeConfiguration(),
    include: [{local: 'ci/runbook-lint.gitlab-ci.yml'}],
    // runbooks/billing.md has warnings only.
    'runbook-lint-warnings': {extends: 'runbook-lint', variables: {RUNBOOK_LINT_FILES: 'runbooks/billing.md'}},
    'runbook-lint-frail': {
      extends: 'runbook-lint',
      variables: {RUNBOOK_LINT_FILES: 'runbooks/billing.md', RUNBOOK_LINT_FAIL_LEVEL: 'warning'}
    },
    'runbook-lint-disabled': {extends: 'runbook-lint', variables: {RUNBOOK_LINT_DISABLED: 'true'}}
  }
}

/** The team's repository with the README's `.gitlab-ci.yml` and the template file, then its whole pipeline. */
async function runPipeline(): Promise<PipelineRun> {
  const repository = path.join(scratch, 'team')
  fs.mkdirSync(repository)
  writeTeamRepository(repository)
  fs.mkdirSync(path.join(repository, 'ci'))
  fs.copyFileSync(templateFile, path.join(repository, 'ci', 'runbook-lint.gitlab-ci.yml'))
  fs.writeFileSync(path.join(repository, '.gitlab-ci.yml'), stringify(pipelineConfiguration()))
  const git = (...args: string[]) => execFileSync('git', args, {cwd: repository, env: toolEnv()})
  git('checkout', '--quiet', '-b', 'main')
  git('add', '.')
  git('commit', '--quiet', '-m', 'Runbooks')
  // The remote that a clone from GitLab has, so that gitlab-ci-local finds its default branch.
  git('remote', 'add', 'origin', 'https://gitlab.example.com/ops/runbooks.git')
  git('update-ref', 'refs/remotes/origin/main', 'HEAD')
  git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main')

  const tool = testTool('gitlab-ci-local', '4.64.1')
  const manifest = JSON.parse(fs.readFileSync(path.join(tool, 'package.json'), 'utf8')) as {bin: string}
  const cli = path.join(tool, manifest.bin)
  const args = [
    cli,
    '--home',
    path.join(scratch, 'gitlab-ci-local-home'),
    '--force-shell-executor',
    '--shell-isolation',
    '--no-artifacts-to-source',
    '--no-json-schema-validation',
    '--no-color',
    '--variable',
    `RUNBOOK_LINT_COMMAND=${process.execPath} ${bin}`
  ]
  const [jobs, run] = await Promise.all([
    // Each job and when it runs, its rules evaluated.
    gitlabCiLocal([cli, '--list-all', '--no-json-schema-validation', '--no-color'], repository),
    gitlabCiLocal(args, repository)
  ])
  return {...run, jobs: jobs.output, repository}
}

function gitlabCiLocal(args: string[], cwd: string): Promise<{code: number | null; output: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {cwd, env: toolEnv()})
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, output}))
  })
}

/** The job's result as gitlab-ci-local prints it: `PASS`, or `FAIL` and the exit code. */
function jobResult(output: string, job: string): string | undefined {
  const line = new RegExp(`^${job} +finished in [\\d.]+ \\w+(?: +(FAIL \\d+))? *$`, 'm').exec(output)
  return line ? (line[1] ?? 'PASS') : undefined
}

function artifact(run: PipelineRun, job: string): CodeQualityIssue[] {
  const file = path.join(run.repository, '.gitlab-ci-local', 'artifacts', job, 'gl-code-quality-report.json')
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CodeQualityIssue[]
}

function findingsOf(issues: CodeQualityIssue[]): Findings {
  const findings: Findings = {}
  for (const issue of issues) {
    ;(findings[issue.location.path] ??= []).push(
      `${issue.location.lines.begin} ${issue.check_name} ${issue.severity === 'major' ? 'error' : 'warning'}`
    )
  }
  return findings
}

/** teamFindings without columns: Code Quality has lines only. */
function linesOnly(findings: Findings): Findings {
  return Object.fromEntries(
    Object.entries(findings).map(([file, list]) => [file, list.map((finding) => finding.replace(/^(\d+):\d+/, '$1'))])
  )
}

describe('the job, run by gitlab-ci-local', () => {
  it('runs the pipeline', {timeout: 300_000}, async () => {
    const run = await pipeline
    if (!/PASS|FAIL/.test(run.output)) {
      const rsync = spawnSync('rsync', ['--version']).status === 0
      throw new Error(`gitlab-ci-local ran no job${rsync ? '' : ' (rsync is missing: apt-get install rsync)'}:\n${run.output}`)
    }
    // gitlab-ci-local fails when any job does.
    expect(run.code).toBe(1)
  })

  it('fails the job on errors and publishes every finding, with the team configuration', async () => {
    const run = await pipeline
    expect(jobResult(run.output, 'runbook-lint')).toBe('FAIL 1')
    expect(run.output).toMatch(/^runbook-lint +exported artifacts/m)
    const issues = artifact(run, 'runbook-lint')
    for (const issue of issues) expectIssueShape(issue)
    expect(findingsOf(issues)).toEqual(linesOnly(teamFindings))
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length)
    // The findings are in the job's log too.
    expect(run.output).toMatch(/runbook-lint +> .*runbook-no-empty-sections/)
    // The report is announced once, by remark-runbook, with what it holds.
    const announced = run.output.split('\n').filter((line) => /^runbook-lint +>/.test(line) && line.includes('gl-code-quality-report.json'))
    expect(announced).toHaveLength(1)
    expect(announced[0]).toMatch(/> remark-runbook: wrote the report to `gl-code-quality-report\.json`: \d+ errors? and \d+ warnings? in \d+ of \d+ files?/)
  })

  it('passes with warnings only, unless RUNBOOK_LINT_FAIL_LEVEL is `warning`; the report is written either way', async () => {
    const run = await pipeline
    expect(jobResult(run.output, 'runbook-lint-warnings')).toBe('PASS')
    expect(jobResult(run.output, 'runbook-lint-frail')).toBe('FAIL 1')
    const expected = {'runbooks/billing.md': linesOnly(teamFindings)['runbooks/billing.md']}
    expect(findingsOf(artifact(run, 'runbook-lint-warnings'))).toEqual(expected)
    expect(findingsOf(artifact(run, 'runbook-lint-frail'))).toEqual(expected)
    expect(artifact(run, 'runbook-lint-frail').map((issue) => issue.severity)).toEqual(['minor', 'minor'])
  })

  it('leaves the job out with RUNBOOK_LINT_DISABLED', async () => {
    const run = await pipeline
    expect(run.jobs).toMatch(/^runbook-lint-disabled +test +never /m)
    expect(run.jobs).toMatch(/^runbook-lint +test +on_success /m)
    expect(run.output).not.toContain('runbook-lint-disabled')
  })
})
