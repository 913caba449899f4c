/**
 * A team's repository, as the README's Install section has teams set one up:
 * its own runbook template, a `.remarkrc.json` that sets it and changes one
 * rule's options, one rule's severity and turns one rule off, and three
 * runbooks with findings of those rules. Every entry point (`npx remark`,
 * `remark-runbook`, the pre-commit hook, the Action) must give the same
 * findings for it: test/entry-points.test.ts, test/pre-commit.test.ts and
 * test/action.test.ts check each against `teamFindings`.
 */

import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {toolEnv} from './helpers.js'

export const teamTemplate = `# Service runbook

## Overview

> What does the service do, and for whom?

## Owner

> Which team looks after it, and how do people reach them?

## Deploying

> How does a change reach production?

## Known issues <!-- runbook: optional -->

> What goes wrong, and what do you do about it?
`

/** The plugins of the team's configuration. */
export const teamPlugins: unknown[] = [
  'remark-preset-runbook',
  ['remark-runbook-template', {template: './docs/runbook-template.md'}],
  // Options, and a severity lowered from the preset's `error`.
  ['remark-lint-runbook-required-headings', ['warn', {order: true, aliases: {Owner: ['Who to call']}}]],
  // A severity raised from the preset's `warn`.
  ['remark-lint-runbook-no-empty-sections', ['error']],
  ['remark-lint-runbook-review-date', false]
]

export const teamRunbooks: Record<string, string> = {
  // Out of the template's order (a finding only with `order: true`), the
  // owner under an alias, the optional section left out, a review date that
  // the disabled rule would report.
  'runbooks/billing.md': `---
reviewed: 2019-01-01
---

# Billing API

## Deploying

Every merge to \`main\` ships, canary first.

## Overview

Sends the invoices to every customer, once a month.

## Who to call

The Otters team: otters@acme.io, #otters on Slack.
`,
  // The optional section present but empty, and an old review date again.
  'runbooks/ledger.md': `---
last_reviewed: 2018-06-01
---

# Ledger

## Overview

Keeps the books for every invoice.

## Owner

The Badgers team: badgers@acme.io, #badgers on Slack.

## Deploying

Every merge ships.

## Known issues
`,
  // An empty section, and a placeholder (a rule left as the preset sets it).
  'runbooks/search.md': `# Search

## Overview

## Owner

The Ferrets team: ferrets@acme.io, #ferrets on Slack.

## Deploying

Every merge ships, canary first. TODO: how to roll back.
`
}

/** `line:column ruleId severity` of each finding, by file, in order. */
export type Findings = Record<string, string[]>

/** What every entry point reports for the team's repository. */
export const teamFindings: Findings = {
  'runbooks/billing.md': ['11:1 runbook-required-headings warning', '15:1 runbook-required-headings warning'],
  'runbooks/ledger.md': ['19:1 runbook-no-empty-sections error'],
  'runbooks/search.md': ['3:1 runbook-no-empty-sections error', '11:34 runbook-no-placeholders error']
}

/**
 * Write the team's repository into `directory` (a new git repository), with
 * a `.remarkrc.json`, or with `configuration` as the only configuration file.
 */
export function writeTeamRepository(directory: string, configuration?: {name: string; text: string}): void {
  const files: Record<string, string> = {
    'docs/runbook-template.md': teamTemplate,
    ...teamRunbooks,
    ...(configuration
      ? {[configuration.name]: configuration.text}
      : {'.remarkrc.json': JSON.stringify({plugins: teamPlugins}, null, 2) + '\n'})
  }
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, name)), {recursive: true})
    fs.writeFileSync(path.join(directory, name), text)
  }
  execFileSync('git', ['init', '--quiet'], {cwd: directory, env: toolEnv()})
}

function sorted(findings: Findings): Findings {
  const byLine = (a: string, b: string) => {
    const [lineA = 0, columnA = 0] = a.split(/[: ]/).map(Number)
    const [lineB = 0, columnB = 0] = b.split(/[: ]/).map(Number)
    return lineA - lineB || columnA - columnB || a.localeCompare(b)
  }
  return Object.fromEntries(
    Object.entries(findings)
      .filter(([, list]) => list.length > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, list]) => [file, [...list].sort(byLine)])
  )
}

/** Findings from a JSON report: `vfile-reporter-json`'s or `remark-runbook --report json`'s. */
export function findingsFromJson(report: string): Findings {
  const files = JSON.parse(report) as Array<{
    path: string
    messages: Array<{line?: number | null; column?: number | null; ruleId?: string | null; fatal?: boolean | null}>
  }>
  return sorted(
    Object.fromEntries(
      files.map((file) => [
        file.path,
        file.messages.map(
          (message) =>
            `${message.line ?? 0}:${message.column ?? 0} ${message.ruleId ?? '-'} ${
              message.fatal ? 'error' : message.fatal === false ? 'warning' : 'info'
            }`
        )
      ])
    )
  )
}

/** Findings from the terminal report (`vfile-reporter` and `vfile-reporter-runbook` print the same shape). */
export function findingsFromTerminal(report: string): Findings {
  const findings: Findings = {}
  let file: string | undefined
  for (const line of report.split('\n')) {
    const finding = /^(\d+:\d+)(?:-\d+:\d+)? +(error|warning|info) +.* (\S+) +\S+$/.exec(line)
    if (finding && file) findings[file]?.push(`${finding[1]} ${finding[3]} ${finding[2]}`)
    else if (/^[\w./-]+\.(?:md|ya?ml)$/.test(line)) {
      file = line
      findings[file] = []
    }
  }
  return sorted(findings)
}

/** Findings from the workflow commands of `--report github-actions`. */
export function findingsFromCommands(
  commands: ReadonlyArray<{command: string; properties: Record<string, string>}>
): Findings {
  const findings: Findings = {}
  for (const {command, properties} of commands) {
    if (!['error', 'warning', 'notice'].includes(command) || !properties['file']) continue
    const severity = command === 'notice' ? 'info' : command
    ;(findings[properties['file']] ??= []).push(
      `${properties['line'] ?? 0}:${properties['col'] ?? 0} ${properties['title'] ?? '-'} ${severity}`
    )
  }
  return sorted(findings)
}
