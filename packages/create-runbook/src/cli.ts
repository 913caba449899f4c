#!/usr/bin/env node
/**
 * `npx create-runbook [file] [--title TEXT] [--template NAME-OR-PATH] [--force]`
 */

import path from 'node:path'
import {parseArgs} from 'node:util'
import {maskText} from 'remark-lint-runbook-no-secrets/mask'
import {editDistance, oneLine} from 'runbook-model'
import {checkCommand, createRunbook} from './index.js'

const usage = `Usage: create-runbook [file] [options]

Write a new runbook (default: RUNBOOK.md) from the runbook template configured
for it (remark-runbook-template in .remarkrc*), or the built-in default. A
name without an extension gets .md: create-runbook --template alert
KubeletDown writes KubeletDown.md, titled with the alert's name.

Options:
  --title TEXT       the runbook's title (default: "Run book"; for the
                     alert template, the alert's name: the file's)
  --template VALUE   default, full, alert, or a path to a Markdown template
  --force            overwrite an existing file
  --help             show this help`

const options = {
  title: {type: 'string'},
  template: {type: 'string'},
  force: {type: 'boolean', default: false},
  help: {type: 'boolean', default: false}
} as const

/**
 * Node's own sentences for a bad option name its `--` escape and read as
 * an error of the program: one of ours instead, with the nearest option.
 */
function optionProblem(error: unknown): string | undefined {
  const code = (error as {code?: unknown} | undefined)?.code
  const message = error instanceof Error ? error.message : ''
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /^Unknown option '([^']*)'/.exec(message)?.[1] ?? '?'
    const bare = option.replace(/^-+/, '').split('=')[0]!.toLowerCase()
    let near: string | undefined
    let best = Infinity
    for (const name of Object.keys(options)) {
      const distance = editDistance(bare, name)
      if (distance < best && (distance <= 2 || (bare.length >= 3 && name.startsWith(bare)))) [near, best] = [name, distance]
    }
    return `Unknown option \`${option}\`${near ? `; did you mean \`--${near}\`?` : ''}`
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // `Option '--title <value>' argument missing`: what follows the name
    // starts with no letter, so that a run of letters is the name's alone
    // (read by both, it was split every way: quadratic in its length).
    const missing = /^Option '(--[a-z]+)(?:[^a-z'][^']*)?' argument missing/.exec(message)?.[1]
    if (missing) return `Missing value for \`${missing}\`, expected ${missing === '--title' ? 'the title, such as `--title "Billing API"`' : 'a template, such as `--template alert`'}`
    const flag = /^Option '(--[a-z]+)' does not take an argument/.exec(message)?.[1]
    if (flag) return `Unexpected value for \`${flag}\`, expected \`${flag}\` alone`
  }
  return undefined
}

try {
  const {values, positionals} = parseArgs({allowPositionals: true, options})
  if (values.help) {
    console.log(usage)
  } else if (positionals.length > 1) {
    throw new Error(`Unexpected arguments \`${positionals.slice(1).join(' ')}\`, expected one file`)
  } else {
    const given = positionals[0] ?? 'RUNBOOK.md'
    // An alert's name alone (`KubeletDown`) is the page named after it.
    const file = path.extname(given) === '' ? given + '.md' : given
    const result = await createRunbook({file, title: values.title, template: values.template, force: values.force})
    const command = await checkCommand(file, process.cwd())
    // Each line starts with our own words: a name cannot start one (see `oneLine`).
    console.log(`Wrote ${shown(file)} from the \`${shown(result.template)}\` template. Replace every TODO, then check it with:\n  ${shown(command)}`)
  }
} catch (error) {
  const problem = optionProblem(error)
  // A bad option gets the usage too, as `--help` shows it.
  if (problem) console.error(`create-runbook: ${shown(problem)}\n\n${usage}`)
  else console.error(`create-runbook: ${shown(error instanceof Error ? error.message : String(error))}`)
  process.exitCode = problem ? 2 : 1
}

/** A value on one line, with no secret showing (a token in a path is masked as in the linter's reports). */
function shown(text: string): string {
  return oneLine(maskText(text))
}
