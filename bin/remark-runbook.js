#!/usr/bin/env node
/**
 * `remark` with the runbook preset built in, for places that install this
 * repository as a tool rather than into a project: the pre-commit hook and the
 * GitHub Action. It takes every `remark` option, and `--template` (`default`,
 * `full`, or a path to a Markdown template); the reporters shipped here
 * (`--report github-actions`, `sarif`, `json`) are found wherever it runs.
 */

import fs from 'node:fs'
import {fileURLToPath} from 'node:url'
import markdownExtensions from 'markdown-extensions'
import {remark} from 'remark'
import remarkPresetRunbook from 'remark-preset-runbook'
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

const {template, rest} = takeTemplate(process.argv.slice(2))
process.argv = [...process.argv.slice(0, 2), ...resolveReporters(rest)]

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
  processor: template
    ? remark().use(remarkPresetRunbook).use(remarkRunbookTemplate, {template})
    : remark().use(remarkPresetRunbook),
  rcName: '.remarkrc',
  version: [versionOf('remark-preset-runbook'), versionOf('remark')].join(', ')
})
