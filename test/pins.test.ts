/**
 * Honest pins. Every ref of this repository that the docs tell users to pin
 * (pre-commit `rev:` lines, `uses: remark-runbook/remark-runbook@…`) is a
 * commit of this clone, or a placeholder such as `<commit-sha>` that the same
 * document explains. And the packages pin each other honestly: one version
 * for all, each sibling by a `^` range on it, released together.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type {Root} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {describe, expect, it} from 'vitest'
import {syncRootDependencies, workspaceVersions} from '../scripts/sync-root-dependencies.js'
import {root} from './helpers.js'

const thisRepository = /(^|[/:])remark-runbook\/remark-runbook(\.git)?\/?$/

interface Pin {
  file: string
  line: number
  ref: string
  kind: 'pre-commit rev' | 'action'
}

/**
 * The refs of this repository that a text pins: the `rev:` of each
 * pre-commit `repo:` entry that names it, and each `uses:` of its action.
 */
function findPins(file: string, text: string): Pin[] {
  const pins: Pin[] = []
  let repo: string | undefined
  for (const [index, line] of text.split('\n').entries()) {
    const repoLine = /^\s*-?\s*repo:\s*['"]?([^\s'"#]+)/.exec(line)
    if (repoLine) repo = repoLine[1]
    const rev = /^\s*rev:\s*['"]?([^\s'"#]+)/.exec(line)
    if (rev?.[1] && repo && thisRepository.test(repo)) {
      pins.push({file, line: index + 1, ref: rev[1], kind: 'pre-commit rev'})
    }
    for (const uses of line.matchAll(/uses:\s*['"]?remark-runbook\/remark-runbook@([^\s'"#]+)/g)) {
      if (uses[1]) pins.push({file, line: index + 1, ref: uses[1], kind: 'action'})
    }
  }
  return pins
}

/** A commit of this clone: a full SHA, a tag or a branch that exists here. */
function resolves(ref: string): boolean {
  return spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {cwd: root}).status === 0
}

const placeholder = /^<[a-z][a-z-]*>$/

/** Placeholders a Markdown document explains in its prose, as inline code. */
function explainedPlaceholders(text: string): Set<string> {
  const explained = new Set<string>()
  const visit = (node: Root | Root['children'][number]) => {
    if (node.type === 'inlineCode' && placeholder.test(node.value)) explained.add(node.value)
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(fromMarkdown(text))
  return explained
}

/** What is wrong with a pin, if anything. */
function judgePin(pin: Pin, explained: Set<string>): string | undefined {
  if (placeholder.test(pin.ref)) {
    return explained.has(pin.ref) ? undefined : `${pin.file}:${pin.line}: placeholder ${pin.ref} is not explained in the text`
  }
  return resolves(pin.ref) ? undefined : `${pin.file}:${pin.line}: ${pin.kind} ${pin.ref} is not a commit of this repository`
}

const documents = [
  'README.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join('docs', name))
]

describe('pinned refs in the docs', () => {
  const all = documents.flatMap((file) => findPins(file, fs.readFileSync(path.join(root, file), 'utf8')))

  it('finds the pins of the pre-commit and GitHub Actions examples', () => {
    expect(all.filter((pin) => pin.file === 'README.md').map((pin) => pin.kind)).toEqual(
      expect.arrayContaining(['pre-commit rev', 'action'])
    )
    expect(all.some((pin) => pin.file === path.join('docs', 'github-action.md'))).toBe(true)
  })

  for (const file of documents) {
    it(`${file}: every pin is a commit of this repository or an explained placeholder`, () => {
      const text = fs.readFileSync(path.join(root, file), 'utf8')
      const explained = explainedPlaceholders(text)
      const problems = findPins(file, text).flatMap((pin) => judgePin(pin, explained) ?? [])
      expect(problems).toEqual([])
    })
  }

  it('action.yml pins no ref of this repository', () => {
    expect(findPins('action.yml', fs.readFileSync(path.join(root, 'action.yml'), 'utf8'))).toEqual([])
  })

  it('catches a tag that does not exist, an unexplained placeholder, and passes a commit', () => {
    const head = spawnSync('git', ['rev-parse', 'HEAD'], {cwd: root, encoding: 'utf8'}).stdout.trim()
    const text = [
      'repos:',
      '  - repo: https://github.com/remark-runbook/remark-runbook',
      '    rev: v0.0.0-not-a-tag # a tag',
      '  - repo: https://github.com/pre-commit/pre-commit-hooks',
      '    rev: v4.6.0',
      'steps:',
      '  - uses: remark-runbook/remark-runbook@<commit-sha>',
      `  - uses: remark-runbook/remark-runbook@${head}`
    ].join('\n')
    const pins = findPins('example.yaml', text)
    expect(pins.map((pin) => pin.ref)).toEqual(['v0.0.0-not-a-tag', '<commit-sha>', head])
    expect(pins.map((pin) => judgePin(pin, new Set()))).toEqual([
      'example.yaml:3: pre-commit rev v0.0.0-not-a-tag is not a commit of this repository',
      'example.yaml:7: placeholder <commit-sha> is not explained in the text',
      undefined
    ])
    expect(judgePin(pins[1] as Pin, new Set(['<commit-sha>']))).toBeUndefined()
  })
})

interface Manifest {
  name: string
  version: string
  license?: string
  types?: string
  exports?: Record<string, string | Record<string, string>>
  files?: string[]
  engines?: {node?: string}
  repository?: {type?: string; url?: string; directory?: string}
  bin?: Record<string, string>
  bundleDependencies?: string[]
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

const packages = fs
  .readdirSync(path.join(root, 'packages'))
  .filter((directory) => fs.existsSync(path.join(root, 'packages', directory, 'package.json')))
  .map((directory) => ({
    directory,
    manifest: JSON.parse(fs.readFileSync(path.join(root, 'packages', directory, 'package.json'), 'utf8')) as Manifest
  }))
const names = new Set(packages.map(({manifest}) => manifest.name))
const version = packages[0]?.manifest.version
const rootManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest

/** `[dependent, sibling, range]` for every dependency on a workspace package. */
function siblingRanges(manifest: Manifest): Array<[string, string, string]> {
  const ranges: Array<[string, string, string]> = []
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (names.has(name)) ranges.push([manifest.name, name, range])
    }
  }
  return ranges
}

describe('the packages, released together', () => {
  it('all have one version', () => {
    expect(new Set(packages.map(({manifest}) => manifest.version))).toEqual(new Set([version]))
  })

  it('depend on each other by `^` on that version, in the packages and in the root', () => {
    const ranges = [...packages.flatMap(({manifest}) => siblingRanges(manifest)), ...siblingRanges(rootManifest)]
    expect(ranges.length).toBeGreaterThan(0)
    expect(ranges.filter(([, , range]) => range !== '^' + version)).toEqual([])
  })

  it('keep the root in step: `scripts/sync-root-dependencies.js` has nothing to change', () => {
    const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8')
    expect(syncRootDependencies(text, workspaceVersions())).toBe(text)
  })

  it('are bundled in the root package, which pre-commit and the Action install', () => {
    const siblings = siblingRanges(rootManifest).map(([, name]) => name)
    expect(siblings.filter((name) => !rootManifest.bundleDependencies?.includes(name))).toEqual([])
    // And so is every other dependency of the root: pre-commit installs the
    // packed root with `npm install -g`, which asks the registry for the
    // whole tree of any dependency that is not bundled (about 170 packages
    // for remark and unified-args, whose copies the tarball holds anyway).
    expect(Object.keys(rootManifest.dependencies ?? {}).filter((name) => !rootManifest.bundleDependencies?.includes(name))).toEqual([])
  })

  it('form one fixed changesets group', () => {
    const config = JSON.parse(fs.readFileSync(path.join(root, '.changeset', 'config.json'), 'utf8')) as {
      fixed: string[][]
      ignore: string[]
    }
    expect(config.fixed).toHaveLength(1)
    const group = config.fixed[0] ?? []
    const escape = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const matches = (name: string) =>
      group.some((pattern) => new RegExp('^' + pattern.split('*').map(escape).join('[^/]*') + '$').test(name))
    expect([...names].filter((name) => !matches(name))).toEqual([])
    expect(config.ignore).toEqual([])
  })

  for (const {directory, manifest} of packages) {
    it(`${manifest.name} has what a registry release needs`, () => {
      expect(manifest).toMatchObject({
        license: 'MIT',
        exports: expect.any(Object),
        engines: {node: '>=20'},
        repository: {
          type: 'git',
          url: 'git+https://github.com/remark-runbook/remark-runbook.git',
          directory: `packages/${directory}`
        }
      })
      // A module API comes with its types; a command alone (remark-runbook) has none.
      const main = manifest.exports?.['.'] as {types?: string; default?: string} | undefined
      if (main) {
        expect(main).toMatchObject({types: expect.stringMatching(/\.d\.ts$/), default: expect.any(String)})
        expect(manifest.types).toBe(main.types)
      }
      expect(manifest.files).toContain('CHANGELOG.md')
      for (const entry of [...Object.values(manifest.exports ?? {}), ...Object.values(manifest.bin ?? {})]) {
        for (const target of typeof entry === 'string' ? [entry] : Object.values(entry as Record<string, string>)) {
          const file = path.posix.normalize(target)
          if (file === 'package.json') continue
          expect(manifest.files?.some((pattern) => file === pattern || file.startsWith(pattern.replace(/\/?$/, '/'))), target).toBe(true)
        }
      }
      const changelog = fs.readFileSync(path.join(root, 'packages', directory, 'CHANGELOG.md'), 'utf8')
      expect(changelog.startsWith(`# ${manifest.name}\n`)).toBe(true)
      expect(changelog).toContain(`\n## ${manifest.version}\n`)
    })
  }
})
