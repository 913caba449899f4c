#!/usr/bin/env node
/**
 * `remark` with the runbook preset built in: for a project's scripts, and for
 * the places that install this repository as a tool (the pre-commit hook and
 * the GitHub Action). It takes every `remark` option, `--template` (`auto`,
 * `default`, `full`, `alert`, or a path to a Markdown template) and `--fix`;
 * the reporters shipped here (`--report github-actions`, `sarif`, `gitlab`,
 * `html`, `json`) are found wherever it runs.
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
import {Readable} from 'node:stream'
import {pathToFileURL} from 'node:url'
import {separateRuleFiles} from 'remark-lint-runbook-alert-coverage'
import {maskText} from 'remark-lint-runbook-no-secrets/mask'
import remarkPresetRunbook from 'remark-preset-runbook'
import remarkRunbookFix, {mayWrite, writeFixedFile} from 'remark-runbook-fix'
import remarkRunbookTemplate from 'remark-runbook-template'
// unified-engine, remark, markdown-extensions and unified-args' parser of
// remark's options (its `args()` cannot hand unified-engine a configuration
// transform), linked into one module with what they import: about 280
// modules that each cost a start-up its resolving, reading and compiling.
// `npm run build` makes it (scripts/bundle.js lists these names).
import {engine, loadPlugin, markdownExtensions, parseArgv, remark, resolvePlugin} from './dist/vendor.js'
import {checkConfiguration, collectProblems, ConfigurationError, nearest, ourPackages, problems, quote, safeLine, shown} from './configuration.js'

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
  --template <auto|default|full|alert|path>
                                         the runbook template (else the configuration's,
                                         else \`auto\`: the built-in layout each runbook
                                         follows most closely)
  --report <name>                        the reporter: github-actions, sarif, gitlab, html,
                                         json (the compact JSON of runbook/json; remark's
                                         vfile-reporter-json by that name), runbook (the
                                         default); any other name is loaded as remark loads
                                         it. Every report goes to standard error; sarif,
                                         gitlab and html write a file with \`output\`:
                                         --report 'sarif=output:"runbooks.sarif"'
  --[no-]stdout                          print the document on standard output (off by
                                         default: the command prints findings only)`

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
 * The last step of every file, once every plugin has run on it, those of
 * the configuration too: the file is done (see `reportStalled`), and a file
 * the fix changed is written (the engine writes no file with errors, and a
 * broken configuration stops the write). Added while the processor freezes,
 * as the preset's message control is: that puts it after every plugin given.
 */
function lastStep(fix) {
  return function () {
    this.use(() => (_tree, file) => {
      transformed.add(file)
      if (fix && mayWrite(file) && file.path && !file.data.unifiedEngineStreamIn) writeFixedFile(file)
    })
  }
}

/**
 * A plugin that never settles (a promise that never resolves, a callback
 * never called) leaves unified-engine waiting on nothing: Node.js exits,
 * with code 0 and no report. Each configured plugin is preceded by a marker
 * that records, per file, the plugin whose turn it is, so that such a run
 * says which plugin and which files did not finish, and fails.
 */
const turns = new Map()
const transformed = new Set()
const fileSets = new Set()

function marker(plugin, where) {
  return function (_options, fileSet) {
    if (fileSet) fileSets.add(fileSet)
    return (_tree, file) => {
      turns.set(file, {plugin, where})
    }
  }
}

/** A configuration's plugin list with a marker before each entry. */
function marked(plugins, where) {
  return plugins.flatMap((entry) => {
    const usable = Array.isArray(entry) ? entry[0] : entry
    const plugin = typeof usable === 'string' ? usable : typeof usable === 'function' && usable.name ? usable.name : 'a plugin (no name)'
    return [marker(plugin, where), entry]
  })
}

function reportStalled(given) {
  const files = [...fileSets].flatMap((set) => set.valueOf())
  const stuck = new Map()
  for (const file of files) {
    if (transformed.has(file)) continue
    const turn = turns.get(file)
    const key = turn ? `the plugin ${quote(turn.plugin)} (${turn.where})` : 'the configuration'
    stuck.set(key, [...(stuck.get(key) ?? []), file.path ? quote(file.path) : 'standard input'])
  }
  if (stuck.size === 0) {
    const what = files.length > 0 ? `${files.length === 1 ? 'the file was' : `all ${files.length} files were`} linted, but a plugin's last step or the reporter` : `the configuration or a plugin (on ${given.length > 0 ? given.map(quote).join(', ') : 'standard input'})`
    return fail(`the run stopped before it finished: ${what} never settled (a promise that never resolves, or a callback never called); nothing was reported`)
  }
  for (const [plugin, names] of stuck) {
    const list = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')
    fail(`${list} did not finish: ${plugin} never settled (a promise that never resolves, or a callback never called); nothing was written or reported for ${names.length === 1 ? 'it' : 'them'}`)
  }
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

/**
 * One line on standard error: the command's name, then a sentence in which
 * no character can start another line, and no secret shows (a token in a
 * path or a plugin's name is masked as in the reports).
 */
function say(sentence) {
  process.stderr.write(name + ': ' + safeLine(maskText(String(sentence))) + '\n')
}

function fail(reason, code = 1) {
  say(reason)
  process.exitCode = code
}

/** Whether an argument of the command line is the option `name` (`--name`, `--name=value`, `--no-name`). */
function given(args, ...names) {
  return args.some((argument) => names.some((option) => argument === option || argument.startsWith(option + '=')))
}

/**
 * The reporter the command line names, loaded before any file is read (or
 * written, with `--fix`): a misspelt name used to be found only after the
 * fix had written every runbook.
 */
async function loadReporter(reporter, cwd) {
  if (typeof reporter !== 'string') return reporter
  if (Object.hasOwn(reporters, reporter)) return (await reporters[reporter]()).default
  const options = {from: pathToFileURL(cwd) + '/', prefix: 'vfile-reporter'}
  try {
    await resolvePlugin(reporter, options)
  } catch {
    const near = nearest(reporter, Object.keys(reporters))
    throw new ConfigurationError(
      `Unknown reporter ${quote(reporter)}${near ? `; did you mean ${quote(near)}?` : '.'} Known reporters: ${knownReporters}, or an installed \`vfile-reporter-*\` package by its name; nothing was read or written`
    )
  }
  try {
    return await loadPlugin(reporter, options)
  } catch (error) {
    throw new ConfigurationError(`Cannot load the reporter ${quote(reporter)}: ${String(error?.message ?? error).split('\n')[0]}; nothing was read or written`)
  }
}

/** A file named by an option, checked before anything is read. */
function checkReadable(file, what) {
  if (typeof file !== 'string' || file === '') return
  try {
    fs.accessSync(path.resolve(file), fs.constants.R_OK)
  } catch (error) {
    const reason = error?.code === 'ENOENT' ? 'no such file' : String(error?.message ?? error).split('\n')[0]
    throw new ConfigurationError(`Cannot read the ${what}, ${quote(file)}: ${reason}; nothing was read or written`)
  }
}

/** The bundled reporters that write their report to a file given as `output`; the others print it. */
const writesFile = new Set(['sarif', 'vfile-reporter-sarif', 'gitlab', 'vfile-reporter-gitlab', 'html', 'runbook-html', 'vfile-reporter-runbook-html'])

/** A bundled reporter's `output`, checked before anything is read: a path, and only for a reporter that writes one. */
function checkOutput(reporter, output) {
  if (!writesFile.has(reporter)) {
    throw new ConfigurationError(
      `The reporter ${quote(reporter)} takes no \`output\`: it prints its report on standard error, so redirect it instead (\`--report ${reporter} docs/runbooks/ 2> report.txt\`); nothing was read or written`
    )
  }
  if (typeof output !== 'string' || output === '') {
    throw new ConfigurationError(
      `Unexpected value ${quote(JSON.stringify(output))} for the option \`output\` of the reporter ${quote(reporter)}, expected a file path in quotes, such as \`--report '${reporter}=output:"report.${reporter.includes('html') ? 'html' : reporter.includes('sarif') ? 'sarif' : 'json'}"'\`; nothing was read or written`
    )
  }
}

const knownReporters = '`github-actions`, `sarif`, `gitlab`, `html`, `json`, `runbook`, `runbook/json`, `vfile-reporter-json`'

/** One line on standard error for a report written to a file: where (as given), and how many findings it holds. */
function reportWritten(files, output) {
  let errors = 0
  let warnings = 0
  let withFindings = 0
  for (const file of files) {
    let any = false
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
      else continue
      any = true
    }
    if (any) withFindings++
  }
  const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`
  const held =
    errors + warnings === 0
      ? `no findings in ${count(files.length, 'file')}`
      : `${[errors > 0 ? count(errors, 'error') : '', warnings > 0 ? count(warnings, 'warning') : ''].filter(Boolean).join(' and ')} in ${withFindings} of ${count(files.length, 'file')}`
  say(`wrote the report to ${quote(output)}: ${held}`)
}

/**
 * Standard input, read whole when no path is given, so that an empty one
 * (a script that forgot its paths) is said instead of linted as an empty
 * runbook that fails.
 */
async function readStandardInput() {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

async function main() {
  const {fix, template, rest} = takeOwnOptions(process.argv.slice(2))
  if (fix && given(rest, '-o', '--output')) return fail('--fix writes each fixed file in place; drop --output', 2)
  if (fix && given(rest, '--tree-in')) return fail('--fix reads Markdown; drop --tree-in', 2)

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
    // unified-args lists every option after this one: the help has them.
    const unknown = /^(Unknown option `[^\n]*`), expected:\n/.exec(message)
    return fail(
      unparsed
        ? `${message}: write options as JSON5 after \`=\`, with strings quoted, such as \`--report 'html=output:"runbooks.html"'\``
        : unknown
          ? `${unknown[1]}: see \`remark-runbook --help\` for the options`
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
        '  It prints findings, not the documents: add --stdout or --output for those.',
        '',
        'Runbook options:',
        '',
        ownOptions,
        '',
        'remark options:',
        '',
        // Without unified-args' examples: one of them, `. -o`, rewrites every
        // Markdown file. Without its `--report` and `--[no-]stdout`, which
        // this command reads its own way (above).
        state.args.helpMessage
          .split('\n\nExamples:')[0]
          .split('\n')
          .filter((line) => !/^\s+(?:--report |--\[no-\]stdout )/.test(line))
          .join('\n'),
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
  const paths = settings.files ?? []
  if (fix && paths.length === 0) return fail('--fix needs the files or folders to fix, such as `remark-runbook --fix docs/runbooks/`', 2)
  // remark colours its report whatever it writes to; a log file or a CI job's
  // output read as text is better without escape codes unless asked for.
  if (!rest.some((argument) => /^--(no-)?colou?r(=|$)/.test(argument))) {
    settings.color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR ? settings.color : Boolean(process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0')
  }
  // A linter prints findings: the document itself (which remark prints for
  // one file) only with --stdout or --output, or a tree with --tree-out or --inspect.
  if (settings.out === undefined && !settings.treeOut && !settings.inspect) settings.out = false
  // Nothing in a `.git` folder is a runbook, and the fix never writes there.
  settings.ignorePatterns = [...(settings.ignorePatterns ?? []), '.git']
  const extra = template === undefined ? [] : [[remarkRunbookTemplate, {template}]]

  let report
  const reporterName = settings.reporter ?? 'runbook'
  const reporterOptions = settings.reporterOptions
  const bundled = typeof reporterName !== 'string' || Object.hasOwn(reporters, reporterName)
  const output = reporterOptions?.output
  try {
    // One sentence for the whole run, before any file is read.
    checkConfiguration(extra, process.cwd())
    checkReadable(settings.rcPath, 'configuration file given with `--rc-path`')
    checkReadable(settings.ignorePath, 'ignore file given with `--ignore-path`')
    report = await loadReporter(reporterName, settings.cwd ?? process.cwd())
    if (bundled && output !== undefined) checkOutput(reporterName, output)
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(error.message)
    throw error
  }
  // A broken configuration is said once, below, instead of once per file.
  settings.reporter = async (files, options) => {
    notFound(files)
    collectProblems(files)
    if (problems.size > 0) return ''
    // A rule file's findings (runbook-alert-coverage) are reported under it.
    const reported = bundled ? separateRuleFiles(files) : files
    const result = await report(reported, options)
    if (bundled && writesFile.has(reporterName) && typeof output === 'string' && output !== '') reportWritten(reported, output)
    return result
  }

  if (paths.length === 0) {
    if (process.stdin.isTTY) return fail('no files given: name the runbooks to lint, such as `remark-runbook docs/runbooks/`, or pipe one in')
    const input = await readStandardInput()
    if (input.trim() === '') {
      return fail('no files given, and standard input is empty: name the runbooks to lint, such as `remark-runbook docs/runbooks/`')
    }
    settings.streamIn = Readable.from([input])
  }

  const processor = fix ? remark().use(lastStep(true)).use(remarkRunbookFix).data('runbookFixRoots', paths.map(globBase)) : remark().use(lastStep(false))
  const usePlugins = Array.isArray(settings.plugins) ? settings.plugins : Object.entries(settings.plugins ?? {})
  settings.plugins = marked(usePlugins, '`--use`')

  let finished = false
  process.once('beforeExit', () => {
    if (!finished) reportStalled(paths)
  })

  engine(
    {
      ...settings,
      processor,
      // The preset first, then the team's configuration, then `--template`.
      defaultConfig: {plugins: [remarkPresetRunbook, ...extra]},
      configTransform(value, filePath) {
        const plugins = ourPackages(value?.plugins, filePath)
        return {...value, plugins: [remarkPresetRunbook, ...marked(plugins, `in ${quote(shown(filePath))}`), ...extra]}
      }
    },
    (error, code, context) => {
      finished = true
      if (error) return fail(error.message === 'No input' ? 'no files given: name the runbooks to lint, such as `remark-runbook docs/runbooks/`' : error.message.split('\n')[0])
      process.exitCode = code
      collectProblems(context?.files ?? [])
      if (problems.size > 0) {
        for (const problem of problems) fail(problem)
        return
      }
      if (code === 0 && paths.length > 0 && (context?.files.length ?? 0) === 0) {
        fail(`no Markdown files found in ${paths.map(quote).join(', ')}: check the paths, or the files a hook or CI job passes`)
      }
    }
  )
}

/**
 * A path that does not exist is one sentence: unified-engine adds the
 * `ENOENT` error as the message's cause, which reporters print below it.
 */
function notFound(files) {
  for (const file of files) {
    for (const message of file.messages) {
      if (message.ruleId || message.cause?.code !== 'ENOENT') continue
      message.reason = message.message = 'No such file or folder, expected a runbook or a folder of runbooks: check the path'
      message.cause = undefined
      message.stack = undefined
    }
  }
}

/** The folder a path or glob given on the command line stands for: the files found from it are inside it. */
function globBase(given) {
  const parts = given.split(/[\\/]/)
  const magic = parts.findIndex((part) => /[*?[\]{}()!]/.test(part))
  return magic === -1 ? given : parts.slice(0, magic).join('/') || '.'
}

await main()
