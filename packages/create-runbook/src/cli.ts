#!/usr/bin/env node
/**
 * `npx create-runbook [file] [--title TEXT] [--template NAME-OR-PATH] [--force]`
 */

import {parseArgs} from 'node:util'
import {oneLine} from 'runbook-model'
import {checkCommand, createRunbook} from './index.js'

const usage = `Usage: create-runbook [file] [options]

Write a new runbook (default: RUNBOOK.md) from the runbook template configured
for it (remark-runbook-template in .remarkrc*), or the built-in default.

Options:
  --title TEXT       the runbook's title (default: "Run book")
  --template VALUE   default, full, or a path to a Markdown template
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
    const file = positionals[0] ?? 'RUNBOOK.md'
    const result = await createRunbook({file, title: values.title, template: values.template, force: values.force})
    const command = await checkCommand(file, process.cwd())
    // Each line starts with our own words: a name cannot start one (see `oneLine`).
    console.log(`Wrote ${oneLine(file)} from the \`${oneLine(result.template)}\` template. Replace every TODO, then check it with:\n  ${oneLine(command)}`)
  }
} catch (error) {
  console.error(`create-runbook: ${oneLine(error instanceof Error ? error.message : String(error))}`)
  process.exitCode = 1
}
