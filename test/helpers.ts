import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import remarkGfm from 'remark-gfm'
import {lintRunbook} from 'remark-preset-runbook/api'
import type {PluggableList} from 'unified'
import {formatPlace} from '../scripts/rule-docs.js'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

export const root = path.resolve(import.meta.dirname, '..')
export const fixtures = path.join(root, 'fixtures')

/** Run the preset over a fixture or a text, with or without remark-gfm. */
export async function lint(
  input: string | {fixture: string},
  options: {gfm?: boolean; plugins?: PluggableList} = {}
): Promise<VFile> {
  const plugins: PluggableList = [...(options.gfm ? [remarkGfm] : []), ...(options.plugins ?? [])]
  if (typeof input === 'string') return lintRunbook(input, {path: 'runbook.md', plugins})
  const file = path.join(fixtures, input.fixture)
  return lintRunbook(fs.readFileSync(file), {path: path.relative(root, file), plugins})
}

/** `line:column[-line:column] rule-id reason`, the form fixtures' expectations use. */
export function describeMessage(message: VFileMessage): string {
  return `${formatPlace(message)} ${message.ruleId ?? '-'} ${message.reason}`
}

export function messagesOf(file: VFile): string[] {
  return file.messages.map(describeMessage)
}

/**
 * The environment for tools run in a scratch git repository: a git identity,
 * no colours, and none of the `npm_*` variables of `npm test`, which would
 * leak into the tools' own npm runs.
 */
export function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_')) env[key] = value
  }
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Runbook Test',
    GIT_AUTHOR_EMAIL: 'runbook@example.com',
    GIT_COMMITTER_NAME: 'Runbook Test',
    GIT_COMMITTER_EMAIL: 'runbook@example.com',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...extra
  }
}

/**
 * A command-line tool that only a test needs (Verdaccio, gitlab-ci-local,
 * Microsoft's SARIF multitool), installed on first use into
 * `node_modules/.cache`, not a dependency of the repository: pre-commit, the
 * Action and the GitLab job install this repository with its dev
 * dependencies, and these would double what they download (the multitool
 * alone is a .NET program of 100 MB, which pre-commit, installing optional
 * dependencies too, would unpack for every hook environment). Returns the tool's package folder. `omitOptional` leaves
 * out optional dependencies (recheck's native and Java backends: 52 MB that
 * its pure JavaScript backend does not need).
 */
export function testTool(name: string, version: string, options: {omitOptional?: boolean} = {}): string {
  const prefix = path.join(root, 'node_modules', '.cache', 'remark-runbook-test-tools', `${name}@${version}`)
  const folder = path.join(prefix, 'node_modules', name)
  if (!fs.existsSync(path.join(folder, 'package.json'))) {
    fs.mkdirSync(prefix, {recursive: true})
    fs.writeFileSync(path.join(prefix, 'package.json'), '{"private": true}\n')
    const omit = options.omitOptional ? ['--omit=optional'] : []
    // What npm's cache holds is taken as it is (Verdaccio is 327 packages):
    // asking the registry whether each changed doubled the install's time.
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...omit, `${name}@${version}`], {
      cwd: prefix,
      env: toolEnv({npm_config_update_notifier: 'false'}),
      stdio: ['ignore', 'ignore', 'inherit']
    })
  }
  return folder
}

/**
 * The timeout of a test whose work takes seconds on an idle machine (a
 * document of megabytes, a whole corpus, a real tool started): it must hold
 * at load 10 on two cores, where everything takes about five times as long,
 * and still catch a hang (what these tests guard against took minutes or
 * hours). No test asserts how long anything takes. The same as
 * `testTimeout` in vitest.config.ts, for the tests that name theirs.
 */
export const heavyTimeout = 300_000

/**
 * The timeout of a set-up that installs packages or starts a tool (npm
 * install, a registry): `hookTimeout` in vitest.config.ts.
 */
export const heavySetupTimeout = 420_000
