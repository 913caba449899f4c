/**
 * One configuration, every entry point: the team's repository of
 * `team-repository.ts` (its own template, rule options, a changed severity, a
 * rule turned off) gives the same findings through `npx remark` with the
 * packages installed and through `remark-runbook` in a copy with no
 * `node_modules` (test/pre-commit.test.ts and test/action.test.ts check the
 * hook and the Action against the same findings). Then what `remark-runbook`
 * says, in one sentence, when the configuration cannot work.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {root, toolEnv} from './helpers.js'
import {
  type Findings,
  findingsFromJson,
  findingsFromTerminal,
  teamFindings,
  teamPlugins,
  writeTeamRepository
} from './team-repository.js'

const bin = path.join(root, 'bin', 'remark-runbook.js')
let scratch: string

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {cwd, encoding: 'utf8', env: toolEnv(env)})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

const remarkRunbook = (args: string[], cwd: string) => run(process.execPath, [bin, ...args], cwd)
const npxRemark = (args: string[], cwd: string) => run('npx', ['--no-install', 'remark', ...args], cwd)

/** A folder of the scratch with the team's repository; `packages`: with this checkout's `node_modules`. */
function team(name: string, options: {packages?: boolean; configuration?: {name: string; text: string}} = {}): string {
  const directory = path.join(scratch, name)
  fs.mkdirSync(directory)
  writeTeamRepository(directory, options.configuration)
  if (options.packages) fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir')
  return directory
}

const json = (plugins: unknown[]) => ({name: '.remarkrc.json', text: JSON.stringify({plugins})})

beforeAll(() => {
  // Outside this repository, so that its own `.remarkrc.js` does not apply.
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-entry-points-')))
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

describe('one configuration, the same findings', () => {
  it('npx remark, with the packages installed', () => {
    const result = npxRemark(['--no-stdout', '--report', 'json', 'runbooks/'], team('remark', {packages: true}))
    expect(findingsFromJson(result.stderr)).toEqual(teamFindings)
    expect(result.code).toBe(1)
  })

  it('remark-runbook, in a copy with no node_modules', () => {
    const directory = team('remark-runbook')
    const report = remarkRunbook(['--no-stdout', '--report', 'json', 'runbooks/'], directory)
    expect(findingsFromJson(report.stderr)).toEqual(teamFindings)
    expect(report.code).toBe(1)

    const terminal = remarkRunbook(['--no-stdout', '--no-color', 'runbooks/'], directory)
    expect(findingsFromTerminal(terminal.stderr)).toEqual(teamFindings)
    expect(terminal.stderr).toContain('5 messages (✖ 3 errors, ⚠ 2 warnings)')
    expect(terminal.code).toBe(1)
  })

  it('npx remark --use preset-runbook keeps the team’s template, but the preset given again resets the rules’ settings', () => {
    const result = npxRemark(
      ['--use', 'preset-runbook', '--no-stdout', '--report', 'json', 'runbooks/'],
      team('remark-use-preset', {packages: true})
    )
    // unified-engine merges `--use` over the configuration: each rule of the
    // preset takes back the preset's setting (options are replaced, not
    // merged, and `false` is replaced too). The preset does not list
    // `remark-runbook-template`, so the team's template stays: the findings
    // are still against its four sections.
    const expected: Findings = {
      'runbooks/billing.md': [
        // runbook-review-date is on again.
        '2:1 runbook-review-date warning',
        // runbook-required-headings: `error` and no options again, so no
        // `order`, and `Who to call` is no alias of `Owner`.
        '13:52 runbook-required-headings error'
      ],
      'runbooks/ledger.md': ['2:1 runbook-review-date warning', '19:1 runbook-no-empty-sections warning'],
      'runbooks/search.md': [
        // runbook-no-empty-sections: `warn` again.
        '3:1 runbook-no-empty-sections warning',
        '11:34 runbook-no-placeholders error'
      ]
    }
    expect(findingsFromJson(result.stderr)).toEqual(expected)
    const reasons = (JSON.parse(result.stderr) as Array<{messages: Array<{reason: string}>}>).flatMap((file) =>
      file.messages.map((message) => message.reason)
    )
    expect(reasons).toContain('Missing required heading `## Owner`, expected it after `Overview`')
    expect(reasons.join('\n')).not.toContain('Service or system overview')
    expect(result.code).toBe(1)
  })
})

describe('remark-runbook, when the configuration cannot work', () => {
  it('names a plugin that is not installed once, without naming a package to install', () => {
    const directory = team('gfm-missing', {configuration: json([...teamPlugins, 'remark-gfm'])})
    const result = remarkRunbook(['--no-stdout', '--no-color', 'runbooks/'], directory)
    expect(result.stderr).toBe(
      'remark-runbook: Cannot load the plugin `remark-gfm` named in `.remarkrc.json`: it is not installed where remark-runbook runs, ' +
        "and it is not one of the packages remark-runbook ships: check its name before installing anything. A plugin you trust goes in the project's `devDependencies`, and for the pre-commit hook in its `additional_dependencies`\n"
    )
    expect(result.stdout).toBe('')
    expect(result.code).toBe(1)
  })

  it('loads a plugin from the global node_modules, where the hook’s additional_dependencies go', () => {
    // pre-commit installs the hook and its `additional_dependencies` with
    // `npm install -g` into an npm prefix of its own, and runs the command
    // from that prefix's `bin`.
    const prefix = path.join(scratch, 'prefix')
    fs.mkdirSync(path.join(prefix, 'lib', 'node_modules'), {recursive: true})
    fs.mkdirSync(path.join(prefix, 'bin'))
    fs.symlinkSync(path.join(root, 'node_modules', 'remark-gfm'), path.join(prefix, 'lib', 'node_modules', 'remark-gfm'), 'dir')
    fs.symlinkSync(bin, path.join(prefix, 'bin', 'remark-runbook'))
    const directory = team('gfm-global', {configuration: json([...teamPlugins, 'remark-gfm'])})
    const result = run(
      process.execPath,
      [path.join(prefix, 'bin', 'remark-runbook'), '--no-stdout', '--report', 'json', 'runbooks/'],
      directory,
      {NPM_CONFIG_PREFIX: prefix, npm_config_prefix: prefix}
    )
    expect(findingsFromJson(result.stderr)).toEqual(teamFindings)
    expect(result.code).toBe(1)
  })

  it('says a template it cannot read once for the run, however many runbooks', () => {
    const plugins = [...teamPlugins]
    plugins[1] = ['remark-runbook-template', {template: './docs/missing.md'}]
    const directory = team('template-missing', {configuration: json(plugins)})
    const result = remarkRunbook(['--no-stdout', '--no-color', 'runbooks/'], directory)
    expect(result.stderr).toBe(
      `remark-runbook: Cannot read runbook template \`./docs/missing.md\`: no such file (looked for ${directory}/docs/missing.md) (set in \`.remarkrc.json\`)\n`
    )
    expect(result.code).toBe(1)
  })

  it('asks "did you mean" for a mistyped built-in template', () => {
    const result = remarkRunbook(['--no-stdout', '--template', 'ful', 'runbooks/'], team('template-typo'))
    expect(result.stderr).toBe(
      'remark-runbook: Unexpected runbook template `ful`, did you mean `full`? Expected `auto`, `default`, `full`, `alert`, or a path to a Markdown template\n'
    )
    expect(result.code).toBe(1)
  })

  it('shows how to write reporter options that are not JSON5', () => {
    const directory = team('report-options')
    const result = remarkRunbook(['--report', 'html=output:report.html', 'runbooks/'], directory)
    expect(result.stderr).toBe(
      'remark-runbook: Cannot parse `output:report.html` as JSON: write options as JSON5 after `=`, with strings quoted, such as `--report \'html=output:"runbooks.html"\'`\n'
    )
    expect(result.code).toBe(1)
    expect(fs.existsSync(path.join(directory, 'report.html'))).toBe(false)
  })

  it('says an unknown severity once for the run, with the file that sets it', () => {
    const directory = team('severity', {configuration: json([...teamPlugins, ['remark-lint-runbook-no-secrets', ['fatal']]])})
    const result = remarkRunbook(['--no-stdout', '--report', 'json', 'runbooks/'], directory)
    expect(result.stderr).toBe(
      'remark-runbook: Unexpected severity `fatal` for `runbook-no-secrets`, expected `off`, `warn` or `error` (or `0`, `1`, `2`), as in `["remark-lint-runbook-no-secrets", ["error"]]` (set in `.remarkrc.json`)\n'
    )
    expect(result.code).toBe(1)
  })

  it('says an invalid option once for the run, with the file that sets it, and fixes nothing', () => {
    const directory = team('option', {configuration: json([...teamPlugins, ['remark-lint-runbook-review-date', ['warn', {maxAge: 'soon'}]]])})
    const before = Object.fromEntries(fs.readdirSync(path.join(directory, 'runbooks')).map((name) => [name, fs.readFileSync(path.join(directory, 'runbooks', name))]))
    for (const args of [['--no-stdout', 'runbooks/'], ['--fix', 'runbooks/']]) {
      const result = remarkRunbook(args, directory)
      expect(result.stderr, args.join(' ')).toBe(
        'remark-runbook: Unexpected value `"soon"` for option `maxAge` of `runbook-review-date`, expected a whole number of days, such as `180` (set in `.remarkrc.json`)\n'
      )
      expect(result.code).toBe(1)
    }
    for (const [name, bytes] of Object.entries(before)) expect(fs.readFileSync(path.join(directory, 'runbooks', name)).equals(bytes), name).toBe(true)
  })

  it('says in one sentence that a .remarkrc.mjs imports a package it does not have', () => {
    // The README's `.remarkrc.mjs` imports the packages; the hook and the
    // Action run where the team's repository has no `node_modules`.
    const directory = team('mjs-imports', {
      configuration: {
        name: '.remarkrc.mjs',
        text: [
          "import remarkPresetRunbook from 'remark-preset-runbook'",
          '',
          "export default {plugins: [remarkPresetRunbook, ['remark-runbook-template', {template: './docs/runbook-template.md'}]]}",
          ''
        ].join('\n')
      }
    })
    const result = remarkRunbook(['--no-stdout', '--no-color', 'runbooks/'], directory)
    expect(result.stderr).toBe(
      "remark-runbook: Cannot load `.remarkrc.mjs`: it imports `remark-preset-runbook`, which is not installed where remark-runbook runs. Write `'remark-preset-runbook'` in `plugins` instead of importing it: remark-runbook then uses the copy it ships\n"
    )
    expect(result.code).toBe(1)
  })

  it('says in one sentence that a configuration file does not parse', () => {
    const directory = team('broken-json', {configuration: {name: '.remarkrc.json', text: '{"plugins": ["remark-preset-runbook",]}\n'}})
    const result = remarkRunbook(['--no-stdout', '--no-color', 'runbooks/'], directory)
    expect(result.stderr).toMatch(/^remark-runbook: Cannot load the configuration `\.remarkrc\.json`: Unexpected token "]".*\n$/)
    expect(result.stderr.split('\n')).toHaveLength(2)
    expect(result.code).toBe(1)
  })

  it('fails when the paths given hold no Markdown', () => {
    const directory = team('no-markdown')
    fs.mkdirSync(path.join(directory, 'ops'))
    fs.writeFileSync(path.join(directory, 'ops', 'notes.txt'), 'Not Markdown.\n')
    const result = remarkRunbook(['--no-stdout', 'ops'], directory)
    expect(result.stderr).toBe(
      'remark-runbook: no Markdown files found in `ops`: check the paths, or the files a hook or CI job passes\n'
    )
    expect(result.code).toBe(1)
  })

  it('--help names --fix, --template and the bundled reporters', () => {
    const result = remarkRunbook(['--help'], scratch)
    expect(result.stdout).toMatch(/^ {2}--fix +insert the missing required headings/m)
    expect(result.stdout).toMatch(/^ {2}--template <auto\|default\|full\|alert\|path>\n +the runbook template/m)
    expect(result.stdout).toMatch(/^ {2}--report <name> +the reporter: github-actions, sarif, gitlab, html,\n +json \(the compact JSON of runbook\/json;/m)
    expect(result.stdout).toContain("remark-runbook --report 'sarif=output:\"runbooks.sarif\"' docs/runbooks/")
    // Ours only: unified-args' examples include `. -o`, which rewrites every file.
    expect(result.stdout.match(/^Examples:$/gm)).toHaveLength(1)
    expect(result.stdout).not.toContain(' . -o')
    expect(result.code).toBe(0)
  })
})

it('remark-runbook --version names its version and the preset\'s', () => {
  const result = remarkRunbook(['--version'], scratch)
  expect(result.stdout).toMatch(/^remark-runbook: \d+\.\d+\.\d+, remark-preset-runbook: \d+\.\d+\.\d+, remark(: \d+\.\d+\.\d+)?\n$/)
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
})

describe('.remarkrc.mjs in a project whose package.json says "type": "commonjs"', () => {
  let directory: string

  beforeAll(() => {
    directory = team('commonjs', {
      configuration: {name: '.remarkrc.mjs', text: `export default ${JSON.stringify({plugins: teamPlugins}, null, 2)}\n`}
    })
    const init = run('npm', ['init', '-y'], directory)
    if (init.code !== 0) throw new Error('npm init -y failed:\n' + init.stderr)
    const manifest = JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')) as Record<string, unknown>
    // npm 11 writes it; older npm leaves CommonJS implicit.
    manifest['type'] ??= 'commonjs'
    fs.writeFileSync(path.join(directory, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
  })

  it('works for remark-runbook, with no node_modules', () => {
    const result = remarkRunbook(['--no-stdout', '--report', 'json', 'runbooks/'], directory)
    expect(findingsFromJson(result.stderr)).toEqual(teamFindings)
    expect(result.code).toBe(1)
  })

  it('works for npx remark, with the packages installed', () => {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir')
    try {
      const result = npxRemark(['--no-stdout', '--report', 'json', 'runbooks/'], directory)
      expect(findingsFromJson(result.stderr)).toEqual(teamFindings)
      expect(result.code).toBe(1)
      expect(JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8'))).toMatchObject({type: 'commonjs'})
    } finally {
      fs.rmSync(path.join(directory, 'node_modules'))
    }
  })

  it('importing the packages, as the README’s does, works for npx remark and remark-runbook with the packages installed', () => {
    const imports = path.join(scratch, 'commonjs-imports')
    fs.mkdirSync(imports)
    fs.cpSync(directory, imports, {recursive: true})
    fs.writeFileSync(
      path.join(imports, '.remarkrc.mjs'),
      `import remarkPresetRunbook from 'remark-preset-runbook'
import remarkLintRunbookNoEmptySections from 'remark-lint-runbook-no-empty-sections'
import remarkLintRunbookRequiredHeadings from 'remark-lint-runbook-required-headings'
import remarkLintRunbookReviewDate from 'remark-lint-runbook-review-date'
import remarkRunbookTemplate from 'remark-runbook-template'

export default {
  plugins: [
    remarkPresetRunbook,
    [remarkRunbookTemplate, {template: './docs/runbook-template.md'}],
    [remarkLintRunbookRequiredHeadings, ['warn', {order: true, aliases: {Owner: ['Who to call']}}]],
    [remarkLintRunbookNoEmptySections, ['error']],
    [remarkLintRunbookReviewDate, false]
  ]
}
`
    )
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(imports, 'node_modules'), 'dir')
    for (const result of [
      npxRemark(['--no-stdout', '--report', 'json', 'runbooks/'], imports),
      remarkRunbook(['--no-stdout', '--report', 'json', 'runbooks/'], imports)
    ]) {
      expect(findingsFromJson(result.stderr)).toEqual(teamFindings)
      expect(result.code).toBe(1)
    }
  })
})
