#!/usr/bin/env node
/**
 * `remark` with the runbook preset built in: for a project's scripts, and for
 * the places that install this repository as a tool (the pre-commit hook and
 * the GitHub Action). It takes every `remark` option, `--template` (`default`,
 * `full`, or a path to a Markdown template) and `--fix`; the reporters shipped
 * here (`--report github-actions`, `sarif`, `json`) are found wherever it runs.
 *
 * It reads the team's configuration as `remark` does (`.remarkrc.*`,
 * `package.json#remarkConfig`), with the preset put first, so that the same
 * runbook gets the same findings from `npx remark`, this command, the hook
 * and the Action. Our own packages named in a configuration are the copies
 * shipped here: they load where the team's `node_modules` is missing, and
 * they are the very plugins of the preset, so their options merge into its
 * entries instead of running a rule twice.
 */

import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import {pathToFileURL} from 'node:url'
import {separateRuleFiles} from 'remark-lint-runbook-alert-coverage'
import remarkPresetRunbook from 'remark-preset-runbook'
import remarkRunbookFix, {mayWrite} from 'remark-runbook-fix'
import remarkRunbookTemplate from 'remark-runbook-template'
// unified-engine, remark, markdown-extensions and unified-args' parser of
// remark's options (its `args()` cannot hand unified-engine a configuration
// transform), linked into one module with what they import: about 280
// modules that each cost a start-up its resolving, reading and compiling.
// `npm run build` makes it (scripts/bundle.js lists these names).
import {engine, markdownExtensions, parseArgv, remark} from './dist/vendor.js'
import {checkConfiguration, collectProblems, ConfigurationError, ourPackages, problems} from './configuration.js'

const name = 'remark-runbook'

/**
 * The reporters shipped here, by the names users give them, loaded only when
 * asked for. `json` is the compact JSON of `vfile-reporter-runbook` (no
 * syntax trees); `vfile-reporter-json` stays available by its full name.
 * Without `--report`, the terminal report of `vfile-reporter-runbook`
 * (findings in document order, fast on thousands of them).
 */
const github = () => import('vfile-reporter-github-actions')
const sarif = () => import('vfile-reporter-sarif')
const gitlab = () => import('vfile-reporter-gitlab')
const terminal = () => import('vfile-reporter-runbook')
const json = () => import('vfile-reporter-runbook/json')
const html = () => import('vfile-reporter-runbook-html')
const reporters = {
  'github-actions': github,
  'vfile-reporter-github-actions': github,
  sarif,
  'vfile-reporter-sarif': sarif,
  gitlab,
  'vfile-reporter-gitlab': gitlab,
  runbook: terminal,
  'vfile-reporter-runbook': terminal,
  json,
  'runbook/json': json,
  'vfile-reporter-runbook/json': json,
  html,
  'runbook-html': html,
  'vfile-reporter-runbook-html': html,
  'vfile-reporter-json': () => import('vfile-reporter-json')
}

const ownOptions = `  --fix                                  insert the missing required headings of the given
                                         files in place, then report what is left
  --template <auto|default|full|path>    the runbook template (else the configuration's,
                                         else \`auto\`: the built-in layout each runbook
                                         follows most closely)
  --report <name>                        a reporter shipped with remark-runbook:
                                         github-actions, sarif, gitlab, html, json (compact),
                                         runbook (the default); any other name is loaded
                                         as remark loads it. Write to a file with
                                         --report 'sarif=output:"runbooks.sarif"'`

/** Our options out of the command line: `--fix`, `--template VALUE`. */
function takeOwnOptions(argv) {
  let template
  let fix = false
  const rest = []
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]
    if (argument === '--fix') fix = true
    else if (argument === '--template' && index + 1 < argv.length) template = argv[++index]
    else if (argument.startsWith('--template=')) template = argument.slice('--template='.length)
    else rest.push(argument)
  }
  return {fix, template, rest}
}

/**
 * Writes each file the fix changed once every plugin has run on it, those of
 * the configuration too (the engine writes no file with errors, and a broken
 * configuration stops the write). Added while the processor freezes, as the
 * preset's message control is: that puts it after every plugin given.
 */
function writeFixed() {
  this.use(() => (_tree, file) => {
    if (!mayWrite(file) || !file.path || file.data.unifiedEngineStreamIn) return
    fs.writeFileSync(path.resolve(file.cwd, file.path), file.data.runbookFixed)
  })
}

/** @param {string} packageName */
function versionOf(packageName) {
  let url
  try {
    // This package exports no `.`: it cannot resolve itself by name.
    url = new URL('package.json', packageName === name ? import.meta.url : import.meta.resolve(packageName))
  } catch {
    return packageName
  }
  while (!fs.existsSync(url)) {
    const parent = new URL('../package.json', url)
    if (parent.href === url.href) return packageName
    url = parent
  }
  return packageName + ': ' + JSON.parse(fs.readFileSync(url, 'utf8')).version
}

function fail(reason) {
  process.stderr.write(name + ': ' + reason + '\n')
  process.exitCode = 1
}

async function main() {
  const {fix, template, rest} = takeOwnOptions(process.argv.slice(2))
  if (fix && rest.some((argument) => argument === '-o' || argument === '--output' || argument.startsWith('--output='))) {
    process.stderr.write(name + ': --fix writes each fixed file in place; drop --output\n')
    process.exitCode = 2
    return
  }

  let state
  try {
    state = parseArgv(fix ? [...rest.filter((argument) => argument !== '--stdout'), '--no-stdout'] : rest, {
      description: 'Lint operational runbooks: remark with remark-preset-runbook',
      extensions: markdownExtensions,
      ignoreName: '.remarkignore',
      name,
      packageField: 'remarkConfig',
      pluginPrefix: 'remark',
      processor: remark,
      rcName: '.remarkrc',
      version: ''
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    // Options of a plugin or reporter are JSON5 after `=`: a string is quoted.
    const unparsed = /^Cannot parse `(.*)` as JSON$/s.exec(message)
    return fail(
      unparsed
        ? `${message}: write options as JSON5 after \`=\`, with strings quoted, such as \`--report 'html=output:"runbooks.html"'\``
        : message
    )
  }

  if (state.args.help) {
    process.stdout.write(
      [
        `Usage: ${name} [options] [path | glob ...]`,
        '',
        '  Lint operational runbooks: remark with remark-preset-runbook, and the',
        '  configuration remark reads (.remarkrc.*, package.json#remarkConfig).',
        '',
        'Runbook options:',
        '',
        ownOptions,
        '',
        'remark options:',
        '',
        // Without unified-args' examples: one of them, `. -o`, rewrites every Markdown file.
        state.args.helpMessage.split('\n\nExamples:')[0],
        '',
        'Examples:',
        '',
        `  ${name} docs/runbooks/`,
        `  ${name} --fix docs/runbooks/billing.md`,
        `  ${name} --frail --report github-actions docs/runbooks/`,
        `  ${name} --report 'sarif=output:"runbooks.sarif"' docs/runbooks/`,
        ''
      ].join('\n')
    )
    return
  }

  if (state.args.version) {
    process.stdout.write([versionOf('remark-runbook'), versionOf('remark-preset-runbook'), versionOf('remark')].join(', ') + '\n')
    return
  }

  const settings = state.engine
  // remark colours its report whatever it writes to; a log file or a CI job's
  // output read as text is better without escape codes unless asked for.
  if (!rest.some((argument) => /^--(no-)?colou?r(=|$)/.test(argument))) {
    settings.color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR ? settings.color : Boolean(process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0')
  }
  const extra = template === undefined ? [] : [[remarkRunbookTemplate, {template}]]

  try {
    // One sentence for the whole run, before any file is read.
    checkConfiguration(extra, process.cwd())
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(error.message)
    throw error
  }

  const reporter = settings.reporter ?? 'runbook'
  if (typeof reporter === 'string' && Object.hasOwn(reporters, reporter)) {
    const module = await reporters[reporter]()
    const report = module.default
    // A broken configuration is said once, below, instead of once per file.
    // A rule file's findings (runbook-alert-coverage) are reported under it.
    settings.reporter = (files, options) => {
      collectProblems(files)
      return problems.size > 0 ? '' : report(separateRuleFiles(files), options)
    }
  }

  const processor = fix ? remark().use(writeFixed).use(remarkRunbookFix) : remark()

  engine(
    {
      ...settings,
      processor,
      // The preset first, then the team's configuration, then `--template`.
      defaultConfig: {plugins: [remarkPresetRunbook, ...extra]},
      configTransform(value, filePath) {
        const plugins = ourPackages(value?.plugins, filePath)
        return {...value, plugins: [remarkPresetRunbook, ...plugins, ...extra]}
      }
    },
    (error, code, context) => {
      if (error) return fail(error.message.split('\n')[0])
      process.exitCode = code
      collectProblems(context?.files ?? [])
      if (problems.size > 0) {
        for (const problem of problems) fail(problem)
        return
      }
      const given = settings.files ?? []
      if (code === 0 && given.length > 0 && (context?.files.length ?? 0) === 0) {
        fail(`no Markdown files found in ${given.map((file) => '`' + file + '`').join(', ')}: check the paths, or the files a hook or CI job passes`)
      }
    }
  )
}

await main()
