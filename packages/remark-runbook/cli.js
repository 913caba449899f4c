#!/usr/bin/env node
/**
 * `remark` with the runbook preset built in: for a project's scripts, and for
 * the places that install this repository as a tool (the pre-commit hook and
 * the GitHub Action). It takes every `remark` option, and `--template` (`default`,
 * `full`, or a path to a Markdown template) and `--fix`; the reporters shipped
 * here (`--report github-actions`, `sarif`, `json`) are found wherever it runs.
 */

import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import markdownExtensions from 'markdown-extensions'
import {remark} from 'remark'
import remarkPresetRunbook from 'remark-preset-runbook'
import remarkRunbookFix, {mayWrite} from 'remark-runbook-fix'
import remarkRunbookTemplate from 'remark-runbook-template'
import {args} from 'unified-args'

const bundledReporters = new Set(['github-actions', 'json', 'sarif'])

/**
 * unified-engine looks reporters up from the current folder, where the user's
 * project may not have them: name ours by path instead.
 */
function resolveReporters(argv) {
  return argv.map((argument, index) => {
    const inline = argument.startsWith('--report=')
    if (!inline && argv[index - 1] !== '--report') return argument
    const value = inline ? argument.slice('--report='.length) : argument
    const [name = '', ...options] = value.split('=')
    const bare = name.replace(/^vfile-reporter-/, '')
    if (!bundledReporters.has(bare)) return argument
    const file = fileURLToPath(import.meta.resolve('vfile-reporter-' + bare))
    const resolved = [file, ...options].join('=')
    return inline ? '--report=' + resolved : resolved
  })
}

/**
 * `--template VALUE` (or `--template=VALUE`): the runbook template, for places
 * that ignore configuration files (the pre-commit hook, the Action).
 */
function takeTemplate(argv) {
  let template
  const rest = []
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]
    if (argument === '--template' && index + 1 < argv.length) template = argv[++index]
    else if (argument.startsWith('--template=')) template = argument.slice('--template='.length)
    else rest.push(argument)
  }
  return {template, rest}
}

/**
 * `--fix`: fix the named files in place, as `eslint --fix` and
 * `markdownlint-cli2 --fix` do, then report what is left. The fix writes a
 * file only when it changed it, and never prints the document.
 */
function takeFix(argv) {
  const rest = argv.filter((argument) => argument !== '--fix')
  const fix = rest.length < argv.length
  if (fix && rest.some((argument) => argument === '-o' || argument === '--output' || argument.startsWith('--output='))) {
    console.error('remark-runbook: --fix writes each fixed file in place; drop --output')
    process.exit(2)
  }
  return {fix, rest: fix ? [...rest.filter((argument) => argument !== '--stdout'), '--no-stdout'] : rest}
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

const {template, rest: withoutTemplate} = takeTemplate(process.argv.slice(2))
const {fix, rest} = takeFix(withoutTemplate)
process.argv = [...process.argv.slice(0, 2), ...resolveReporters(rest)]

// The writer first: it then runs after every other plugin, and before the
// preset holds its rules' messages until the end of the run.
let processor = fix ? remark().use(writeFixed).use(remarkPresetRunbook) : remark().use(remarkPresetRunbook)
if (template) processor = processor.use(remarkRunbookTemplate, {template})
if (fix) processor = processor.use(remarkRunbookFix)

/** @param {string} name */
function versionOf(name) {
  // The nearest package.json above the package's entry point.
  let url = new URL('package.json', import.meta.resolve(name))
  while (!fs.existsSync(url)) {
    const parent = new URL('../package.json', url)
    if (parent.href === url.href) return name
    url = parent
  }
  return name + ': ' + JSON.parse(fs.readFileSync(url, 'utf8')).version
}

args({
  description: 'Lint operational runbooks: remark with remark-preset-runbook',
  extensions: markdownExtensions,
  ignoreName: '.remarkignore',
  name: 'remark-runbook',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  processor,
  rcName: '.remarkrc',
  version: [versionOf('remark-preset-runbook'), versionOf('remark')].join(', ')
})
