/**
 * The command line's rough edges, through the real `remark-runbook` (and
 * `remark` for the plugin), run as a script runs it (standard input empty,
 * no terminal) in a real folder with a real `.remarkrc.json`: every option
 * is checked before anything is written, a linter prints findings and not
 * the document, a report file is said, a misspelt name gets the nearest
 * known one and never an install command, a plugin that never settles fails
 * the run, the fix adds only what the configuration requires, and no line
 * the command prints can be started by a value (a GitHub Actions runner
 * reads a line that starts with `::` as a workflow command).
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixtures, root, toolEnv} from './helpers.js'
import {parseCommand} from './workflow-commands.js'

const bin = path.join(root, 'bin', 'remark-runbook.js')
const remarkCli = path.join(root, 'node_modules', 'remark-cli', 'cli.js')
const createRunbook = path.join(root, 'packages', 'create-runbook', 'dist', 'cli.js')
const missingSections = fs.readFileSync(path.join(fixtures, 'broken', 'missing-sections.md'))
const complete = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'))
const preset = JSON.stringify({plugins: ['remark-preset-runbook']})
let scratch: string
let count = 0

function project(files: Record<string, string | Buffer>): string {
  const directory = path.join(scratch, `project-${++count}`)
  fs.mkdirSync(directory)
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir')
  for (const [name, value] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, name)), {recursive: true})
    fs.writeFileSync(path.join(directory, name), value)
  }
  return directory
}

/** Run a command as a script would: standard input empty, no terminal. */
function run(command: string, args: string[], cwd: string, input = '') {
  const result = spawnSync(process.execPath, [command, ...args], {cwd, encoding: 'utf8', input, env: toolEnv()})
  return {code: result.status, stderr: result.stderr, stdout: result.stdout}
}

const remarkRunbook = (args: string[], cwd: string, input?: string) => run(bin, ['--no-color', ...args], cwd, input)
const read = (directory: string, name: string) => fs.readFileSync(path.join(directory, name))

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-cli-edges-'))
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

describe('options are checked before anything is written', () => {
  it('names an unknown reporter, with the nearest and the known ones, and fixes nothing', () => {
    const directory = project({'.remarkrc.json': preset, 'docs/a.md': missingSections, 'docs/b.md': missingSections})
    const result = remarkRunbook(['--fix', '--report', 'sarfi', 'docs/'], directory)
    expect(result.stderr).toBe(
      'remark-runbook: Unknown reporter `sarfi`; did you mean `sarif`? Known reporters: `github-actions`, `sarif`, `gitlab`, `html`, `json`, `runbook`, `runbook/json`, `vfile-reporter-json`, or an installed `vfile-reporter-*` package by its name; nothing was read or written\n'
    )
    expect(result.code).toBe(1)
    expect(read(directory, 'docs/a.md').equals(missingSections)).toBe(true)
    expect(read(directory, 'docs/b.md').equals(missingSections)).toBe(true)
  })

  it('checks every other option before the fix writes anything', () => {
    const cases: Array<[string[], string | RegExp]> = [
      [['--report', 'json=output:"findings.json"'], 'The reporter `json` takes no `output`: it prints its report on standard error, so redirect it instead (`--report json docs/runbooks/ 2> report.txt`); nothing was read or written'],
      [['--report', 'sarif=output:5'], 'Unexpected value `5` for the option `output` of the reporter `sarif`, expected a file path in quotes, such as `--report \'sarif=output:"report.sarif"\'`; nothing was read or written'],
      [['--rc-path', 'missing.json'], 'Cannot read the configuration file given with `--rc-path`, `missing.json`: no such file; nothing was read or written'],
      [['--ignore-path', 'missing-ignore'], 'Cannot read the ignore file given with `--ignore-path`, `missing-ignore`: no such file; nothing was read or written'],
      [['--template', 'ful'], /^Unexpected runbook template `ful`, did you mean `full`\? Expected .*`alert`, or a path to a Markdown template$/],
      [['--frobnicate'], 'Unknown option `--frobnicate`: see `remark-runbook --help` for the options'],
      [['--use', 'lint-runbook-required-headings=optional:5'], 'Unexpected value `5` for option `optional` of `runbook-required-headings`, expected a list of template headings']
    ]
    for (const [args, sentence] of cases) {
      const directory = project({'.remarkrc.json': preset, 'docs/a.md': missingSections})
      const result = remarkRunbook(['--fix', ...args, 'docs/'], directory)
      if (typeof sentence === 'string') expect(result.stderr, args.join(' ')).toBe(`remark-runbook: ${sentence}\n`)
      else expect(result.stderr.replace(/^remark-runbook: /, '').replace(/\n$/, ''), args.join(' ')).toMatch(sentence)
      expect(result.code).toBe(1)
      expect(read(directory, 'docs/a.md').equals(missingSections)).toBe(true)
    }
  })

  it('wants the files to fix', () => {
    const directory = project({'.remarkrc.json': preset})
    const result = remarkRunbook(['--fix'], directory, '# Runbook\n')
    expect(result.stderr).toBe('remark-runbook: --fix needs the files or folders to fix, such as `remark-runbook --fix docs/runbooks/`\n')
    expect(result.code).toBe(2)
  })
})

describe('a misspelt plugin in .remarkrc', () => {
  it('gets the nearest of our names, never an install command, and nothing is fixed', () => {
    const directory = project({
      '.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', ['remark-lint-runbook-requried-headings', ['warn']]]}),
      'runbook.md': missingSections
    })
    const result = remarkRunbook(['--fix', 'runbook.md'], directory)
    expect(result.stderr).toBe(
      'remark-runbook: Cannot load the plugin `remark-lint-runbook-requried-headings` named in `.remarkrc.json`: it is not installed where remark-runbook runs; did you mean `remark-lint-runbook-required-headings` (shipped with remark-runbook)? Fix the name in the configuration\n'
    )
    expect(result.stderr).not.toContain('npm install')
    expect(result.code).toBe(1)
    expect(read(directory, 'runbook.md').equals(missingSections)).toBe(true)
  })

  it('gets the nearest installed name for a plugin that is not ours', () => {
    const directory = project({'.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', 'remark-frontmater']}), 'runbook.md': complete})
    const result = remarkRunbook(['runbook.md'], directory)
    expect(result.stderr).toBe(
      'remark-runbook: Cannot load the plugin `remark-frontmater` named in `.remarkrc.json`: it is not installed where remark-runbook runs; did you mean `remark-frontmatter` (installed)? Fix the name in the configuration\n'
    )
    expect(result.code).toBe(1)
  })

  it('gets no other plugin’s name for one of its own that is not installed', () => {
    // remark-preset-lint-recommended (a dev dependency) installs remark-lint-no-duplicate-definitions and remark-lint-no-literal-urls.
    for (const plugin of ['remark-lint-no-duplicate-headings', 'remark-lint-no-dead-urls']) {
      const directory = project({'.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', plugin]}), 'runbook.md': complete})
      const result = remarkRunbook(['runbook.md'], directory)
      expect(result.stderr).toBe(
        `remark-runbook: Cannot load the plugin \`${plugin}\` named in \`.remarkrc.json\`: it is not installed where remark-runbook runs, and it is not one of the packages remark-runbook ships: check its name before installing anything. A plugin you trust goes in the project's \`devDependencies\`, and for the pre-commit hook in its \`additional_dependencies\`\n`
      )
      expect(result.code).toBe(1)
    }
  })
})

describe('a severity written without its list', () => {
  it('says how to write it', () => {
    const directory = project({
      '.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', ['remark-lint-runbook-required-headings', 'warn']]}),
      'runbook.md': missingSections
    })
    const result = remarkRunbook(['runbook.md'], directory)
    expect(result.stderr).toBe(
      'remark-runbook: Unexpected value `"warn"` for option `options` of `runbook-required-headings`, expected an object; to set the rule\'s severity, write `["warn"]`, as in `["remark-lint-runbook-required-headings", ["warn"]]` (with options: `["warn", {…}]`) (set in `.remarkrc.json`)\n'
    )
    expect(result.code).toBe(1)
  })

  it('is right as written: `["warn"]` makes the rule a warning', () => {
    const directory = project({
      '.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', ['remark-lint-runbook-required-headings', ['warn']]]}),
      'runbook.md': missingSections
    })
    const result = remarkRunbook(['runbook.md'], directory)
    expect(result.stderr).toMatch(/^runbook\.md\n33:40 +warning +Missing required heading `### Secrets management`/)
    expect(result.stderr).toContain('⚠ 3 warnings')
    expect(result.code).toBe(0)
  })
})

describe('what the command prints', () => {
  it('prints findings, not the runbook, unless asked with --stdout', () => {
    const directory = project({'.remarkrc.json': preset, 'docs/runbooks/billing.md': complete})
    const lint = remarkRunbook(['docs/runbooks/billing.md'], directory)
    expect(lint.stdout).toBe('')
    expect(lint.stderr).toBe('docs/runbooks/billing.md: no issues found\n')
    expect(lint.code).toBe(0)

    const shown = remarkRunbook(['--stdout', 'docs/runbooks/billing.md'], directory)
    expect(shown.stdout).toBe(complete.toString())
  })

  it('says where a report file went and how many findings it holds', () => {
    const directory = project({'.remarkrc.json': preset, 'docs/billing.md': complete, 'docs/search.md': missingSections})
    const clean = remarkRunbook(['--report', 'html=output:"runbooks.html"', 'docs/billing.md'], directory)
    expect(clean.stderr).toBe('remark-runbook: wrote the report to `runbooks.html`: no findings in 1 file\n')
    expect(clean.stdout).toBe('')
    expect(clean.code).toBe(0)
    expect(read(directory, 'runbooks.html').toString()).toMatch(/^<!doctype html>/i)

    const findings = remarkRunbook(['--report', 'sarif=output:"reports/runbooks.sarif"', 'docs/'], directory)
    expect(findings.stderr).toBe('remark-runbook: wrote the report to `reports/runbooks.sarif`: 3 errors in 1 of 2 files\n')
    expect(findings.code).toBe(1)
    expect((JSON.parse(read(directory, 'reports/runbooks.sarif').toString()) as {runs: Array<{results: unknown[]}>}).runs[0]!.results).toHaveLength(3)
  })

  it('says so when it is given no path and standard input is empty, instead of failing an empty runbook', () => {
    // What made `--report 'html=output:"runbooks.html"'` exit 1 on a clean
    // repository: with no path, remark lints standard input, which a
    // script leaves empty.
    const directory = project({'.remarkrc.json': preset, 'billing.md': complete})
    const result = remarkRunbook(['--report', 'html=output:"runbooks.html"'], directory)
    expect(result.stderr).toBe(
      'remark-runbook: no files given, and standard input is empty: name the runbooks to lint, such as `remark-runbook docs/runbooks/`\n'
    )
    expect(result.code).toBe(1)
    expect(fs.existsSync(path.join(directory, 'runbooks.html'))).toBe(false)

    const piped = remarkRunbook([], directory, complete.toString())
    expect(piped.stderr).toBe('<stdin>: no issues found\n')
    expect(piped.stdout).toBe('')
    expect(piped.code).toBe(0)
  })
})

describe('a plugin that never settles', () => {
  it('fails the run and names the plugin and the file, instead of passing with no output', () => {
    const directory = project({
      '.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', './never-settles.js']}),
      'never-settles.js': 'export default function neverSettles() {\n  return () => new Promise(() => {})\n}\n',
      'runbook.md': missingSections
    })
    for (const args of [['runbook.md'], ['--fix', 'runbook.md']]) {
      const result = remarkRunbook(args, directory)
      expect(result.stderr).toBe(
        'remark-runbook: `runbook.md` did not finish: the plugin `./never-settles.js` (in `.remarkrc.json`) never settled (a promise that never resolves, or a callback never called); nothing was written or reported for it\n'
      )
      expect(result.code).toBe(1)
      expect(read(directory, 'runbook.md').equals(missingSections)).toBe(true)
    }
  })
})

describe('the fix reads the whole configuration', () => {
  const configuration = JSON.stringify({
    plugins: [
      'remark-preset-runbook',
      ['remark-lint-runbook-required-headings', ['error', {optional: ['Secrets management', 'Health checks', 'Troubleshooting']}]]
    ]
  })
  // The one required section that is missing, without its optional subsection.
  const expected = missingSections
    .toString()
    .replace(
      '## Operational tasks',
      '## Monitoring and alerting\n\n### Metrics\n\nTODO: write the metrics the service emits and where to see them.\n\n## Operational tasks'
    )

  it('adds no section the configuration makes optional, with remark-runbook --fix', () => {
    const directory = project({'.remarkrc.json': configuration, 'runbook.md': missingSections})
    const result = remarkRunbook(['--fix', 'runbook.md'], directory)
    expect(read(directory, 'runbook.md').toString()).toBe(expected)
    expect(result.stderr).toMatch(/^runbook\.md\n1:1 +info +Fixed: inserted 2 missing headings \(`## Monitoring and alerting`, `### Metrics`\)/)
    expect(result.stderr).not.toContain('Missing required heading')
  })

  it('adds no section the configuration makes optional, with remark --use runbook-fix --output', () => {
    const directory = project({'.remarkrc.json': configuration, 'runbook.md': missingSections})
    run(remarkCli, ['--no-color', 'runbook.md', '--use', 'runbook-fix', '--output'], directory)
    expect(read(directory, 'runbook.md').toString()).toBe(expected)
  })

  it('adds nothing when the configuration turns the rule off', () => {
    const directory = project({
      '.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', ['remark-lint-runbook-required-headings', false]]}),
      'runbook.md': missingSections
    })
    const result = remarkRunbook(['--fix', 'runbook.md'], directory)
    expect(read(directory, 'runbook.md').equals(missingSections)).toBe(true)
    expect(result.stderr).toBe('runbook.md: no issues found\n')
  })
})

describe('no line a value can start', () => {
  const injected = 'x\n::warning file=runbook.md::injected\r::stop-commands::token'

  /** Every line of the output, each must be no workflow command. */
  function expectNoCommands(output: string): void {
    for (const line of output.split(/\r\n|\r|\n/)) expect(parseCommand(line), line).toBeUndefined()
  }

  it('escapes a plugin name, a template path and a folder name in its sentences', () => {
    const cases: Array<{files: Record<string, string>; args: string[]; says: string}> = [
      {
        files: {'.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', injected]}), 'runbook.md': complete.toString()},
        args: ['runbook.md'],
        says: 'Cannot load the plugin `x\\n::warning file=runbook.md::injected\\r::stop-commands::token`'
      },
      {
        files: {'.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', ['remark-runbook-template', {template: injected + '.md'}]]}), 'runbook.md': complete.toString()},
        args: ['runbook.md'],
        says: 'Cannot read runbook template `x\\n::warning file=runbook.md::injected\\r::stop-commands::token.md`'
      },
      {files: {[`${injected}/notes.txt`]: 'text\n'}, args: [`${injected}/`], says: 'no Markdown files found in `x\\n::warning file=runbook.md::injected\\r::stop-commands::token/`'},
      {files: {'runbook.md': complete.toString()}, args: ['--template', injected, 'runbook.md'], says: 'runbook template `x\\n::warning file=runbook.md::injected\\r::stop-commands::token`'},
      {files: {'runbook.md': complete.toString()}, args: ['--report', 'x\n::warning::injected', 'runbook.md'], says: 'reporter `x\\n::warning::injected`'},
      // unified-args reads what follows `=` as the reporter's options.
      {files: {'runbook.md': complete.toString()}, args: ['--report', injected, 'runbook.md'], says: 'Cannot parse `runbook.md::injected\\r::stop-commands::token` as JSON'}
    ]
    for (const {files, args, says} of cases) {
      const directory = project(files)
      const result = remarkRunbook(args, directory)
      expect(result.stderr).toContain(says)
      expect(result.stderr.split('\n').filter(Boolean).every((line) => line.startsWith('remark-runbook: '))).toBe(true)
      expectNoCommands(result.stderr)
      expectNoCommands(result.stdout)
      expect(result.code).toBe(1)
    }
  })

  it('masks a secret and escapes the runner’s older `##[error]` command anywhere in its own sentences, and says each once', () => {
    // Split so that no scanner takes this file for a leak.
    const token = ['ghp_', 'Tq4Wm8Zr2Xc6Vb1Nk9Lp3Hs7Jd5Fg0Ya2Ue6'].join('')
    const cases: Array<{files: Record<string, string>; args: string[]; says: string}> = [
      {
        files: {'.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', ['remark-runbook-template', {template: `./${token}.md`}]]}), 'runbook.md': complete.toString()},
        args: ['runbook.md'],
        says: 'remark-runbook: Cannot read runbook template `./….md`: no such file'
      },
      {files: {'runbook.md': complete.toString()}, args: ['--template', `./${token}.md`, 'runbook.md'], says: 'remark-runbook: Cannot read runbook template `./….md`'},
      {files: {'runbook.md': complete.toString()}, args: ['--report', `##[error]${token}`, 'runbook.md'], says: 'remark-runbook: Unknown reporter `##\\[error]…`. Known reporters:'},
      {
        files: {'.remarkrc.json': JSON.stringify({plugins: ['remark-preset-runbook', '##[error]x\u202E']}), 'runbook.md': complete.toString()},
        args: ['runbook.md'],
        says: 'remark-runbook: Cannot load the plugin `##\\[error]x\\u202E`'
      }
    ]
    for (const {files, args, says} of cases) {
      const result = remarkRunbook(args, project(files))
      expect(result.stderr).toContain(says)
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(result.stderr.toLowerCase()).not.toContain(token.slice(4, 20).toLowerCase())
      expect(result.stderr).not.toContain('##[')
      expect(result.code).toBe(1)
    }

    const directory = project({})
    const created = run(createRunbook, ['--template', `##[error]${token}.md`, 'new.md'], directory)
    expect(created.stderr).toBe(`create-runbook: Cannot read runbook template \`##\\[error]….md\`: no such file (looked for ${directory}/##\\[error]….md)\n`)
    expect(created.code).toBe(1)
  })

  it('escapes a file name in what create-runbook prints', () => {
    const directory = project({})
    for (const args of [[`${injected}.md`], ['--template', injected, 'new.md']]) {
      const result = run(createRunbook, args, directory)
      expectNoCommands(result.stdout)
      expectNoCommands(result.stderr)
      expect(result.stdout + result.stderr).toContain('x\\n::warning file=runbook.md::injected\\r::stop-commands::token')
    }
  })
})

describe('what a new user hits first', () => {
  it('says a UTF-16 file is UTF-16 and to save it as UTF-8, with a byte order mark or without, and fixes none', () => {
    const text = complete.toString('utf8')
    const swapped = Buffer.from(text, 'utf16le').swap16()
    const files = {
      'le.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'be.md': Buffer.concat([Buffer.from([0xfe, 0xff]), swapped]),
      'no-bom.md': Buffer.from(text, 'utf16le')
    }
    const directory = project({'.remarkrc.json': preset, ...files})
    const lint = remarkRunbook(['le.md', 'be.md', 'no-bom.md'], directory)
    const fix = remarkRunbook(['--fix', 'le.md'], directory)
    expect(lint.code).toBe(1)
    expect(fix.code).toBe(1)
    for (const [name, order] of [['le.md', 'little'], ['be.md', 'big'], ['no-bom.md', 'little']]) {
      expect(lint.stderr).toContain(`\n1:1 error Cannot lint \`${name}\`: it is UTF-16 (${order}-endian) text, not UTF-8; save it as UTF-8 encoding remark-preset-runbook\n`)
    }
    expect(lint.stderr).not.toContain('binary')
    expect(fix.stderr).toContain('Cannot lint `le.md`: it is UTF-16 (little-endian) text, not UTF-8; save it as UTF-8')
    for (const [name, bytes] of Object.entries(files)) expect(read(directory, name).equals(bytes), name).toBe(true)
  })
})

describe('help, paths and reports as a new user reads them', () => {
  it('--help lists each option once, and says the document is printed only when asked', () => {
    const result = remarkRunbook(['--help'], scratch)
    expect(result.code).toBe(0)
    expect(result.stdout.match(/^ +--report </gm)).toHaveLength(1)
    expect(result.stdout.match(/^ +--\[no-\]stdout /gm)).toHaveLength(1)
    expect(result.stdout).toMatch(/--\[no-\]stdout +print the document on standard output \(off by\n +default: the command prints findings only\)/)
    expect(result.stdout).not.toMatch(/stdout.*\(on by default\)/)
    expect(result.stdout).toContain('json (the compact JSON of runbook/json; remark\'s\n')
    expect(result.stdout).toMatch(/Every report goes to standard error; sarif,\n +gitlab and html write a file with `output`/)
  })

  it('says a path that does not exist in one sentence, with no cause or stack below it', () => {
    const directory = project({'.remarkrc.json': preset})
    const result = remarkRunbook(['nope.md'], directory)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe('nope.md\n error No such file or folder, expected a runbook or a folder of runbooks: check the path\n\n✖ 1 error\n')
  })

  it('prints an html report on standard error as every other report, and writes it with `output`', () => {
    const directory = project({'.remarkrc.json': preset, 'docs/a.md': complete})
    const printed = remarkRunbook(['--report', 'html', 'docs/'], directory)
    expect(printed.code).toBe(0)
    expect(printed.stdout).toBe('')
    expect(printed.stderr).toMatch(/^<!doctype html>\n[^]*<\/html>\n*$/)
    const written = remarkRunbook(['--report', 'html=output:"health.html"', 'docs/'], directory)
    expect(written.stdout).toBe('')
    expect(written.stderr).toBe('remark-runbook: wrote the report to `health.html`: no findings in 1 file\n')
    expect(read(directory, 'health.html').toString()).toMatch(/^<!doctype html>/)
  })
})
