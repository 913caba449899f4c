/**
 * A release, end to end, against a real registry. Verdaccio runs on
 * 127.0.0.1 with throw-away storage: every workspace package is published to
 * it (our names are never proxied), and everything else comes from the npm
 * registry through its uplink. A fresh project (`npm init -y`) then runs the
 * README's Install section as written: the `npm pkg set` and `npm install` lines, the
 * `.remarkrc.json`, `npx create-runbook` and the lint command, with
 * `remark-runbook` and with remark's own command line.
 *
 * The same installed project is the user's project of every check of the
 * installed packages (the preset with `--use` and no configuration, the
 * reporters it brings or the install line names, what the tarballs ship):
 * the tarballs npm publish packed are the ones `npm pack` gives, so one
 * pack, one publish and one install serve them all.
 *
 * It needs the npm registry, and fails saying so when Verdaccio cannot start
 * or cannot reach it. npm's cache is shared between runs, in os.tmpdir(), so
 * that reruns download no tarball twice.
 */

import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type {Code, Heading, RootContent} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {stringify} from 'yaml'
import {fixtures, heavySetupTimeout, heavyTimeout, root, testTool, toolEnv} from './helpers.js'

interface Manifest {
  name: string
  version: string
  exports?: Record<string, string | {default?: string}>
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

interface Workspace {
  manifest: Manifest
  directory: string
}

interface Install {
  init: string
  overrides: string
  install: string
  createRunbook: string
  lint: string
  /** The same lint with remark's own command line, named in the text. */
  remarkLint: string
  remarkrc: string
}

const workspaces: Workspace[] = fs
  .readdirSync(path.join(root, 'packages'))
  .filter((directory) => fs.existsSync(path.join(root, 'packages', directory, 'package.json')))
  .map((directory) => ({
    manifest: JSON.parse(fs.readFileSync(path.join(root, 'packages', directory, 'package.json'), 'utf8')) as Manifest,
    directory
  }))
const ours = new Map(workspaces.map((workspace) => [workspace.manifest.name, workspace]))

const documented = installSection()
/** The packages the install line names: its words after `npm install` that are not options. */
const named = documented.install.split(/\s+/).slice(2).filter((word) => !word.startsWith('-'))
const npmCache = path.join(os.tmpdir(), 'remark-runbook-npm-cache')

let scratch: string
let project: string
let registry: string
/** npm's environment in the user's project: our registry, read anonymously. */
let env: NodeJS.ProcessEnv
/** npm's environment for publishing: the same, with the throw-away user's token. */
let publishEnv: NodeJS.ProcessEnv
let verdaccio: ChildProcess | undefined
let verdaccioLog = ''

/** The commands and the `.remarkrc.json` of the README's `## Install` section. */
function installSection(): Install {
  const tree = fromMarkdown(fs.readFileSync(path.join(root, 'README.md'), 'utf8'))
  const headingText = (node: Heading) => node.children.map((child) => ('value' in child ? child.value : '')).join('')
  const start = tree.children.findIndex((node) => node.type === 'heading' && node.depth === 2 && headingText(node) === 'Install')
  if (start === -1) throw new Error('README.md has no `## Install` section')
  const section: RootContent[] = []
  for (const node of tree.children.slice(start + 1)) {
    if (node.type === 'heading' && node.depth <= 2) break
    section.push(node)
  }
  const blocks = section.filter((node): node is Code => node.type === 'code')
  const lines = blocks.filter((block) => block.lang === 'sh').flatMap((block) => block.value.split('\n'))
  const only = (what: string, found: string[]): string => {
    if (found.length !== 1) throw new Error(`README.md’s Install section should show one ${what}, found ${found.length}`)
    return found[0] as string
  }
  const init = only('`npm init` line', lines.filter((line) => line.startsWith('npm init ')))
  const overrides = only('`npm pkg set` line', lines.filter((line) => line.startsWith('npm pkg set ')))
  // `npm pkg set` needs a package.json: in a repository without one it fails (ENOENT).
  if (lines.indexOf(init) > lines.indexOf(overrides)) throw new Error('README.md’s Install section should show `npm init` before `npm pkg set`')
  return {
    init,
    overrides,
    install: only('`npm install` line', lines.filter((line) => line.startsWith('npm install '))),
    createRunbook: only('`npx create-runbook` line', lines.filter((line) => line.startsWith('npx create-runbook '))),
    lint: only('`npx remark-runbook` line', lines.filter((line) => line.startsWith('npx remark-runbook '))),
    remarkLint: only(
      '`npx remark` command',
      section.flatMap((node) => (node.type === 'paragraph' ? node.children : [])).flatMap((node) => (node.type === 'inlineCode' && node.value.startsWith('npx remark ') ? [node.value] : []))
    ),
    remarkrc: only('`.remarkrc.json`', blocks.filter((block) => block.lang === 'json').map((block) => block.value))
  }
}

/**
 * The names of every package outside this repository that installing
 * `names` needs, as far as this repository's lockfile knows them.
 */
function dependencyNames(names: string[]): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, Manifest & {link?: boolean}>
  }
  const locked = new Map<string, Manifest[]>()
  for (const [key, entry] of Object.entries(lock.packages)) {
    const at = key.lastIndexOf('node_modules/')
    if (at === -1 || entry.link) continue
    const name = key.slice(at + 'node_modules/'.length)
    locked.set(name, [...(locked.get(name) ?? []), entry])
  }
  const seen = new Set<string>()
  const queue = [...names]
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (seen.has(name)) continue
    seen.add(name)
    const workspace = ours.get(name)
    for (const entry of workspace ? [workspace.manifest] : (locked.get(name) ?? [])) {
      queue.push(
        ...Object.keys({...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies})
      )
    }
  }
  return [...seen].filter((name) => !ours.has(name))
}

interface Listed {
  version?: string
  dependencies?: Record<string, Listed>
}

/** The versions of string-width under each vfile-reporter in `npm ls --json` output, once each. */
function reporterWidths(tree: Listed): string[] {
  const found = new Set<string>()
  const visit = (node: Listed, name: string | undefined) => {
    const width = node.dependencies?.['string-width']?.version
    if (name === 'vfile-reporter' && width) found.add(width)
    for (const [child, entry] of Object.entries(node.dependencies ?? {})) visit(entry, child)
  }
  visit(tree, undefined)
  return [...found]
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const {port} = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

function npmConfig(key: string): string {
  return execFileSync('npm', ['config', 'get', key], {cwd: root, encoding: 'utf8', env: toolEnv()}).trim()
}

/** GET from our registry; once more if the server closed a kept-alive socket. */
async function get(pathname: string): Promise<Response> {
  try {
    return await fetch(registry + pathname, {signal: AbortSignal.timeout(heavyTimeout - 60_000)})
  } catch {
    return fetch(registry + pathname, {signal: AbortSignal.timeout(heavyTimeout - 60_000)})
  }
}

/** A command line as the README writes it, run by a shell in the project. */
function run(line: string, extra: NodeJS.ProcessEnv = {}) {
  const result = spawnSync('sh', ['-c', line], {cwd: project, env: {...env, ...extra}, encoding: 'utf8'})
  // remark colours its report on a terminal; npx may warn about npm's configuration.
  const stderr = result.stderr.replaceAll(/\u001B\[[\d;]*m/g, '').replace(/^npm warn .*\n/gm, '')
  return {code: result.status, stdout: result.stdout, stderr}
}

/** Resolves when the command exits, with its output. */
function runAsync(command: string, args: string[], options: {cwd: string; env: NodeJS.ProcessEnv}) {
  return new Promise<{code: number | null; output: string}>((resolve) => {
    const child = spawn(command, args, {...options, stdio: ['ignore', 'pipe', 'pipe']})
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', (error) => resolve({code: null, output: output + String(error)}))
    child.once('close', (code) => resolve({code, output}))
  })
}

async function startVerdaccio(upstream: string): Promise<void> {
  const port = await freePort()
  registry = `http://127.0.0.1:${port}/`
  const config = path.join(scratch, 'verdaccio.yaml')
  const local = {access: '$all', publish: '$authenticated', unpublish: '$authenticated'}
  fs.writeFileSync(
    config,
    stringify({
      storage: path.join(scratch, 'storage'),
      web: {enable: false},
      auth: {htpasswd: {file: path.join(scratch, 'htpasswd')}},
      // What the uplink sent serves the whole run.
      uplinks: {npmjs: {url: upstream, timeout: '60s', maxage: '30m'}},
      // Our names are only ever what this test publishes; the rest is proxied.
      packages: {
        ...Object.fromEntries([...ours.keys()].map((name) => [name, local])),
        '**': {access: '$all', publish: '$authenticated', proxy: 'npmjs'}
      },
      // A JWT is checked without the htpasswd file's bcrypt hash, which takes
      // a good part of a second on a busy machine, for every request.
      security: {api: {jwt: {sign: {expiresIn: '1h'}}}},
      server: {keepAliveTimeout: 60},
      middlewares: {audit: {enabled: false}},
      log: {type: 'stdout', format: 'pretty', level: 'warn'}
    })
  )

  const cafile = npmConfig('cafile')
  const child = spawn(
    process.execPath,
    [path.join(testTool('verdaccio', '~6.8'), 'bin', 'verdaccio'), '--config', config, '--listen', registry],
    {
      cwd: scratch,
      // The uplink trusts what npm trusts.
      env: {...toolEnv(), ...(cafile && cafile !== 'null' && !process.env.NODE_EXTRA_CA_CERTS ? {NODE_EXTRA_CA_CERTS: cafile} : {})},
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  verdaccio = child
  child.stdout.on('data', (chunk: Buffer) => (verdaccioLog += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (verdaccioLog += chunk.toString()))
  child.once('error', (error) => (verdaccioLog += String(error)))
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(`Verdaccio exited (${signal ?? `code ${code}`})`))
  )

  // Until it answers or exits: however long it takes to start on a busy
  // machine (the set-up's timeout catches a hang).
  for (;;) {
    const failure = await Promise.race([exited, new Promise<undefined>((resolve) => setTimeout(resolve, 200))])
    if (failure) throw new Error(`${failure} before it served ${registry}:\n${verdaccioLog}`)
    try {
      if ((await fetch(registry + '-/ping')).ok) break
    } catch {}
  }

  // The uplink: the install takes remark-cli and every dependency through it.
  let status: string
  try {
    const response = await get('remark-cli')
    status = String(response.status)
    if (response.ok) return
  } catch (error) {
    status = String(error)
  }
  throw new Error(
    `Verdaccio cannot reach its uplink ${upstream} (GET ${registry}remark-cli: ${status}); ` +
      `this test needs the npm registry:\n${verdaccioLog}`
  )
}

/** A throw-away user (Verdaccio's `npm adduser` API), and npm's settings for this registry. */
async function login(): Promise<void> {
  const user = 'runbook-release-test'
  const response = await fetch(`${registry}-/user/org.couchdb.user:${user}`, {
    method: 'PUT',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({name: user, password: 'throw-away-' + Math.random().toString(36).slice(2)})
  })
  const body = (await response.json()) as {token?: string}
  if (!response.ok || !body.token) throw new Error(`Could not create a Verdaccio user: ${response.status} ${JSON.stringify(body)}`)
  // Reading needs no token, as on the public registry.
  const settings = [`registry=${registry}`, 'audit=false', 'fund=false', 'update-notifier=false']
  const npmrc = path.join(scratch, 'npmrc')
  const publishNpmrc = path.join(scratch, 'publish.npmrc')
  fs.writeFileSync(npmrc, settings.join('\n') + '\n')
  fs.writeFileSync(publishNpmrc, [...settings, `${registry.replace(/^http:/, '')}:_authToken=${body.token}`].join('\n') + '\n')
  env = toolEnv({npm_config_userconfig: npmrc, npm_config_cache: npmCache})
  publishEnv = toolEnv({npm_config_userconfig: publishNpmrc, npm_config_cache: npmCache})
}

/**
 * Has Verdaccio fetch what the install will ask for, several at a time, while
 * the packages are published: npm asks for them mostly one after another.
 */
async function warmUplink(): Promise<void> {
  const names = dependencyNames(named)
  let next = 0
  await Promise.all(
    Array.from({length: 8}, async () => {
      while (next < names.length) {
        const name = names[next++] as string
        try {
          await (await get(name.replace('/', '%2f'))).arrayBuffer()
        } catch {}
      }
    })
  )
}

beforeAll(async () => {
  // What is published is what is built (`npm test` builds first).
  for (const {manifest, directory} of workspaces) {
    const main = manifest.exports?.['.']
    const file = typeof main === 'string' ? main : main?.default
    if (file && !fs.existsSync(path.join(root, 'packages', directory, file))) {
      throw new Error(`${manifest.name}: ${file} is not built; run \`npm run build\` first`)
    }
  }
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-registry-'))
  project = path.join(scratch, 'project')
  fs.mkdirSync(project)
  const configured = npmConfig('registry')
  await startVerdaccio(configured.endsWith('/') ? configured : configured + '/')
  await login()
}, heavySetupTimeout)

afterAll(async () => {
  const child = verdaccio
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
  if (scratch) fs.rmSync(scratch, {recursive: true, force: true})
})

it('publishes every workspace package, with its release metadata', async () => {
  const [published] = await Promise.all([
    runAsync('npm', ['publish', '--workspaces', '--registry', registry, '--ignore-scripts'], {cwd: root, env: publishEnv}),
    warmUplink()
  ])
  expect(published.output).not.toMatch(/auto-corrected|npm error/)
  expect(published.code).toBe(0)

  for (const {manifest, directory} of workspaces) {
    const response = await get(manifest.name)
    expect(response.status, manifest.name).toBe(200)
    const packument = (await response.json()) as {'dist-tags': Record<string, string>; versions: Record<string, unknown>}
    expect(packument['dist-tags'].latest, manifest.name).toBe(manifest.version)
    expect(packument.versions[manifest.version], manifest.name).toMatchObject({
      license: 'MIT',
      engines: {node: '>=20'},
      repository: {directory: `packages/${directory}`}
    })
  }
}, heavyTimeout)

it('installs with the README’s `npm install` line in a fresh project', () => {
  // The Install section's lines in order, as written, in a folder with no package.json.
  expect(fs.existsSync(path.join(project, 'package.json'))).toBe(false)
  expect(run(documented.init).code).toBe(0)
  // What most teams' repositories are; the packages are ESM all the same.
  expect(JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'))).toMatchObject({type: 'commonjs'})

  expect(run(documented.overrides).code).toBe(0)
  const install = run(documented.install)
  expect(install.stderr).not.toMatch(/npm error/)
  expect(install.code).toBe(0)
  // remark's reporter measures its cells with string-width 8 (6 without the override).
  const widths = spawnSync('npm', ['ls', '--all', '--json', 'string-width'], {cwd: project, env, encoding: 'utf8'})
  expect(reporterWidths(JSON.parse(widths.stdout) as Listed)).toEqual([expect.stringMatching(/^8\./)])

  expect(named).toContain('remark-cli')
  expect(named).toContain('remark-preset-runbook')
  const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>
  }
  expect(Object.keys(manifest.devDependencies).sort()).toEqual([...named].sort())
  for (const name of named) {
    const workspace = ours.get(name)
    if (workspace) expect(manifest.devDependencies[name]).toBe('^' + workspace.manifest.version)
  }

  // Siblings depend on each other by range: one copy of each, the one published.
  const listed = spawnSync('npm', ['ls', '--all', '--parseable', ...ours.keys()], {cwd: project, env, encoding: 'utf8'})
  const marker = path.sep + 'node_modules' + path.sep
  const copies = listed.stdout
    .split('\n')
    .filter((line) => line.includes(marker))
    .map((line) => line.slice(line.lastIndexOf(marker) + marker.length))
  expect(copies).toContain('runbook-model')
  expect(new Set(copies).size).toBe(copies.length)
  for (const name of copies) {
    const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', name, 'package.json'), 'utf8')) as Manifest
    expect(installed.version, name).toBe(ours.get(name)?.manifest.version)
  }

  // The tarballs ship built JavaScript and type declarations, no sources.
  const preset = path.join(project, 'node_modules', 'remark-preset-runbook')
  expect(fs.existsSync(path.join(preset, 'dist', 'index.js'))).toBe(true)
  expect(fs.existsSync(path.join(preset, 'dist', 'index.d.ts'))).toBe(true)
  expect(fs.existsSync(path.join(preset, 'src'))).toBe(false)
}, heavyTimeout)

it('lints with `npx remark --use preset-runbook` and reports with the reporters installed, before any configuration', () => {
  // In a folder of its own, with no `.remarkrc.json` yet: the preset named on the command line only.
  const folder = path.join(project, 'checks')
  fs.mkdirSync(folder)
  fs.copyFileSync(path.join(fixtures, 'broken/missing-sections.md'), path.join(folder, 'runbook.md'))
  fs.copyFileSync(path.join(fixtures, 'valid/complete.md'), path.join(folder, 'complete.md'))
  const remark = (args: string, extra: NodeJS.ProcessEnv = {}) => run(`cd checks && npx remark --use preset-runbook --no-stdout ${args}`, extra)

  const terminal = remark('--no-color runbook.md complete.md')
  expect(terminal.stderr).toMatch(/runbook\.md\n33:40 +error +Missing required heading `### Secrets management`/)
  expect(terminal.stderr).toMatch(/complete\.md: no issues found/)
  expect(terminal.code).toBe(1)

  // `json` is vfile-reporter-json, which the preset brings.
  expect(fs.existsSync(path.join(project, 'node_modules', 'vfile-reporter-json'))).toBe(true)
  const json = remark('--report json runbook.md')
  const files = JSON.parse(json.stderr) as Array<{path: string; messages: Array<Record<string, unknown>>}>
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
  expect(json.code).toBe(1)

  const annotations = remark('--report github-actions runbook.md', {GITHUB_WORKSPACE: folder, GITHUB_STEP_SUMMARY: ''})
  expect(annotations.stderr).toMatch(/^::error file=runbook\.md,line=33,col=40,title=runbook-required-headings::Missing required heading/m)
  expect(annotations.code).toBe(1)

  const sarif = remark(`--report 'sarif=output:"runbooks.sarif"' runbook.md`)
  const log = JSON.parse(fs.readFileSync(path.join(folder, 'runbooks.sarif'), 'utf8')) as {
    runs: Array<{results: Array<{ruleId: string; locations: Array<{physicalLocation: {artifactLocation: {uri: string}}}>}>}>
  }
  expect(log.runs[0]?.results).toHaveLength(3)
  expect(log.runs[0]?.results[0]?.ruleId).toBe('runbook-required-headings')
  expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('runbook.md')
  expect(sarif.code).toBe(1)
  fs.rmSync(folder, {recursive: true})
}, heavyTimeout)

it('writes a runbook with `npx create-runbook` and lints with the README’s `.remarkrc.json`', () => {
  const remarkrc = JSON.parse(documented.remarkrc) as {plugins: unknown[]}
  expect(JSON.stringify(remarkrc.plugins)).toContain('"remark-preset-runbook"')
  fs.writeFileSync(path.join(project, '.remarkrc.json'), documented.remarkrc + '\n')

  const created = run(documented.createRunbook)
  expect(created.stderr).toBe('')
  expect(created.code).toBe(0)
  const runbook = documented.createRunbook.split(/\s+/)[2] as string
  const text = fs.readFileSync(path.join(project, runbook), 'utf8')
  expect(text).toMatch(/^# Billing API\n/)
  expect(text).toMatch(/TODO:/)
  // The command it suggests works with what the install line brought.
  for (const suggested of created.stdout.split('\n').filter((line) => /^\s+npx /.test(line))) {
    const checked = run(suggested.trim())
    expect(checked.stderr, suggested).toContain(runbook)
    expect(checked.code, suggested).toBe(1)
  }

  // The new runbook fails on purpose, beside a complete one that passes.
  const folder = path.dirname(path.join(project, runbook))
  fs.copyFileSync(path.join(fixtures, 'valid/complete.md'), path.join(folder, 'complete.md'))
  const failed = run(documented.lint)
  expect(failed.stderr).toContain(runbook)
  expect(failed.stderr).toMatch(/\d+:\d+(-\d+:\d+)? +error +.*runbook-no-placeholders/)
  expect(failed.stderr).not.toContain('complete.md')
  expect(failed.code).toBe(1)

  // remark's own command line: the same findings, from the same configuration.
  const plain = run(documented.remarkLint)
  const findings = (report: string) => report.split('\n').filter((line) => /^\s*\d+:\d+/.test(line)).map((line) => line.trim().replaceAll(/\s+/g, ' ')).sort()
  expect(findings(plain.stderr)).toEqual(findings(failed.stderr))
  expect(findings(plain.stderr).length).toBeGreaterThan(0)
  expect(plain.code).toBe(1)

  fs.renameSync(path.join(project, runbook), path.join(project, 'billing.md'))
  const passed = run(documented.lint)
  expect(passed.stderr).toBe('')
  expect(passed.code).toBe(0)
  const plainPassed = run(documented.remarkLint)
  expect(plainPassed.stderr).toBe('')
  expect(plainPassed.code).toBe(0)
})

it('reports to GitHub Actions with the reporter the install line brought', () => {
  expect(named).toContain('vfile-reporter-github-actions')
  const result = run('npx remark --no-stdout --report github-actions billing.md', {
    GITHUB_WORKSPACE: project,
    GITHUB_STEP_SUMMARY: ''
  })
  expect(result.stderr).toMatch(/^::error file=billing\.md,line=\d+,.*title=runbook-no-placeholders::/m)
  expect(result.code).toBe(1)
})
