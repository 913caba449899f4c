#!/usr/bin/env node
/**
 * `npx create-runbook [file] [--title TEXT] [--template NAME-OR-PATH] [--force]`
 */

import path from 'node:path'
import {parseArgs} from 'node:util'
import {maskText} from 'remark-lint-runbook-no-secrets/mask'
import {oneLine} from 'runbook-model'
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

try {
  const {values, positionals} = parseArgs({
    allowPositionals: true,
    options: {
      title: {type: 'string'},
      template: {type: 'string'},
      force: {type: 'boolean', default: false},
      help: {type: 'boolean', default: false}
    }
  })
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
  console.error(`create-runbook: ${shown(error instanceof Error ? error.message : String(error))}`)
  process.exitCode = 1
}

/** A value on one line, with no secret showing (a token in a path is masked as in the linter's reports). */
function shown(text: string): string {
  return oneLine(maskText(text))
}
