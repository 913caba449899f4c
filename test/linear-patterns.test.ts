/**
 * What each regular expression rewritten to read its text once (a pattern
 * recheck found super-linear, see regex-safety.test.ts) still reads: the
 * cases its old form told apart, and the worst case recheck gave, which
 * must give the same answer as a short text. No time is asserted.
 */

import fs from 'node:fs'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkLintRunbookReviewDate from 'remark-lint-runbook-review-date'
import {lintRunbook} from 'remark-preset-runbook/api'
import {applyFixEdits, builtinTemplate, isPlaceholderValue, type FixEdit} from 'runbook-model'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {describeMessage, fixtures} from './helpers.js'

const complete = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'), 'utf8')
const ownerLine = 'The Payments team: payments@acme.io, #payments on Slack.'
const partsLine = 'The API, a queue worker, PostgreSQL 15 and RabbitMQ.'

async function messages(text: string, file = 'runbook.md', rule?: string): Promise<string[]> {
  const linted = await lintRunbook(text, {path: file})
  return linted.messages.filter((message) => !rule || message.ruleId === rule).map(describeMessage)
}

describe('a review date in the text', () => {
  async function review(line: string): Promise<string[]> {
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkLintRunbookReviewDate, {now: '2026-11-24'})
    const file = new VFile({path: 'runbook.md', value: `# Billing API\n\n${line}\n`})
    await processor.run(processor.parse(file), file)
    return file.messages.map(describeMessage)
  }
  const stale = (end: number) =>
    `3:1-3:${end} runbook-review-date Unexpected review date \`2019-05-03\`, 2762 days ago, expected a review within 180 days`

  it('takes spaces before an ordinal suffix and a comma, and marks around the label and the value', async () => {
    for (const line of ['Last reviewed: 3 rd May 2019', 'Last reviewed: May 3 , 2019', 'Last reviewed: May 3 rd, 2019', '**Last reviewed** :  _3 May 2019_ _']) {
      expect(await review(line), line).toEqual([stale(line.length + 1)])
    }
    // Not a date: a comma after a space after the suffix, as before.
    expect(await review('Last reviewed: May 3rd , 2019')).toEqual([
      '3:1-3:30 runbook-review-date Unexpected value `May 3rd , 2019` for `Last reviewed`, expected a date such as `2026-11-24`'
    ])
  })

  it('reads a line with long runs of spaces to its end', async () => {
    const spaced = `Last reviewed: 3${' '.repeat(20_000)}May 2019`
    expect(await review(spaced)).toEqual([stale(spaced.length + 1)])
    const ordinal = `Last reviewed: May 3${'\t'.repeat(20_000)}x`
    expect(await review(ordinal)).toHaveLength(1)
    expect(await review(`Last reviewed:${' _'.repeat(10_000)}\u0001`)).toEqual([])
  })
})

describe('an alert page’s actions in HTML', () => {
  const page = (diagnosis: string) =>
    `# DiskFull\n\n## Meaning\n\nThe disk is full.\n\n## Impact\n\nWrites fail.\n\n## Diagnosis\n\n${diagnosis}\n\n## Mitigation\n\nDelete old logs: \`journalctl --vacuum-size=500M\`.\n`
  const noAction =
    '11:1-11:13 runbook-alert-page Unexpected `Diagnosis` without an action, expected what the on-call engineer does: a step, a command, a query, a link or a decision'

  it('counts a link with an address, not an anchor without one', async () => {
    expect(await messages(page('<div>Read <a class="logs" href="https://logs.example.com">the logs</a>.</div>'), 'DiskFull.md', 'runbook-alert-page')).toEqual([])
    expect(await messages(page('<div>Read <a class="logs">the logs</a>.</div>'), 'DiskFull.md', 'runbook-alert-page')).toEqual([noAction])
  })

  it('reads a block of `<a ` tags that never close once', async () => {
    expect(await messages(page(`<div>${'<a \t'.repeat(20_000)}</div>`), 'DiskFull.md', 'runbook-alert-page')).toEqual([noAction])
    expect(await messages(page(`<div>${'<a \t'.repeat(20_000)}<a href="/logs">logs</a></div>`), 'DiskFull.md', 'runbook-alert-page')).toEqual([])
  })
})

describe('the owner section’s link destinations', () => {
  const owner = (text: string) => complete.replace(ownerLine, text)

  it('are not read as names, up to the first `)`, a `]` in them included', async () => {
    for (const url of ['https://wiki.example.com/acme-team', 'https://wiki.example.com/x]acme-team']) {
      expect(await messages(owner(`The Payments team: payments@acme.io, see [the wiki](${url}).`), 'runbook.md', 'runbook-owner-contact'), url).toEqual([])
    }
    expect(await messages(owner('The Payments team: payments@acme.io, see [the wiki](a\nb) Acme team.'), 'runbook.md', 'runbook-owner-contact')).toEqual([
      "17:1-18:14 runbook-owner-contact Unexpected owner `Acme team` in `Service owner`: a placeholder name, expected the real team's name"
    ])
  })

  it('are read once on a line of `](` without a `)`', async () => {
    expect(await messages(owner(`The Payments team: payments@acme.io ${'](x'.repeat(3000)} acme-team`), 'runbook.md', 'runbook-owner-contact')).toEqual([
      "17:1-17:9047 runbook-owner-contact Unexpected owner `acme-team` in `Service owner`: a placeholder name, expected the real team's name"
    ])
  })
})

describe('bracketed instructions', () => {
  const parts = (text: string) => complete.replace(partsLine, text)
  const placeholder = (place: string, text: string) =>
    `${place} runbook-no-placeholders Unexpected placeholder \`${text}\` in \`Contributing applications, daemons, services, middleware\`, expected the applications, services and external dependencies that make up the system`

  it('are a request to fill in, or name what goes there on one line', async () => {
    expect(await messages(parts('The API and [insert the queue] and <the database name here> and [the worker\u2028name].'), 'runbook.md', 'runbook-no-placeholders')).toEqual([
      placeholder('21:13-21:31', '[insert the queue]'),
      placeholder('21:36-21:60', '<the database name here>')
    ])
  })

  it('are read once with the word they name many times over', async () => {
    const inside = `${'here '.repeat(15)}\u2028x`
    expect(await messages(parts(`The API and [${inside}].`), 'runbook.md', 'runbook-no-placeholders')).toEqual([])
  })
})

describe('fields', () => {
  const owner = (text: string) => complete.replace(ownerLine, text)

  it('take `**Label:**` and `__Label:__`, not marks that do not pair', async () => {
    expect(await messages(owner('**Team:** Payments, payments@acme.io\n\n**Pager__: pager.example.com\n\n__Slack:__'), 'runbook.md', 'runbook-filled-fields')).toEqual([
      '21:1-21:11 runbook-filled-fields Unexpected empty field `Slack`, expected a value for `Slack`'
    ])
  })

  it('in a table without GFM: a delimiter row with spaces after its last cell and its closing `|`', async () => {
    const table = (delimiter: string) => owner(`| Team | Payments, payments@acme.io |\n${delimiter}\n| Slack |  |`)
    const empty = '19:3-19:8 runbook-filled-fields Unexpected empty field `Slack`, expected a value for `Slack`'
    for (const delimiter of ['| --- | --- |  ', '--- | ---   ', '|-|-\t\t|']) {
      expect(await messages(table(delimiter), 'runbook.md', 'runbook-filled-fields'), delimiter).toEqual([empty])
    }
    // Not a delimiter row: no table, no fields.
    for (const delimiter of ['|-|-\tx', `|-|-${'\t'.repeat(100_000)}x`]) {
      expect(await messages(table(delimiter), 'runbook.md', 'runbook-filled-fields'), delimiter.slice(0, 8)).toEqual([])
    }
  })
})

describe('the secret pre-filter', () => {
  const parts = (text: string) => complete.replace(partsLine, text)

  it('still finds a password in a URL, and reads a run of `:` after `://` once', async () => {
    expect(await messages(parts('The API reads https://billing:Xq7vR2mPz9Lw@db.internal:5432/billing.'), 'runbook.md', 'runbook-no-secrets')).toEqual([
      '21:31-21:43 runbook-no-secrets Unexpected password in a URL `https://billing:…@db.internal:5432`, expected no credentials in a runbook: store it in a secret manager and refer to it by name'
    ])
    expect(await messages(parts(`The API reads https://${':'.repeat(5000)} and https://${'a:'.repeat(2500)}.`), 'runbook.md', 'runbook-no-secrets')).toEqual([])
  })
})

describe('what an alert page says breaks', () => {
  const alertPage = fs.readFileSync(path.join(fixtures, 'valid', 'alert-page.md'), 'utf8')

  it('reads a word of a long run of apostrophes and hyphens once, as a short one', async () => {
    const impact = (marks: string) => alertPage.replace('Invoices go out late; nothing is lost.', `Invoices go out ${marks}late; nothing is lost.`)
    const short = await messages(impact("'-'"), 'alert.md')
    expect(await messages(impact("'-".repeat(50_000)), 'alert.md')).toEqual(short)
    expect(await messages(impact('’'.repeat(100_000)), 'alert.md')).toEqual(short)
  })
})

describe('text rewritten by the model', () => {
  it('joins insertions at one offset with one blank line, whatever line endings end the first', () => {
    const entry = builtinTemplate('default').sections[0]!
    const insert = (text: string, order: number): FixEdit => ({start: 5, end: 5, text, order, entry, kind: 'insert'})
    const source = '# A\r\n\r\n## B\r\n'
    expect(applyFixEdits(source, [insert('## X\r\n\r\nTODO\r\n\r\n\n\r', 1), insert('\r\n## Y\r\n', 2)])).toBe(
      '# A\r\n## X\r\n\r\nTODO\r\n\r\n## Y\r\n\r\n## B\r\n'
    )
    expect(applyFixEdits(source, [insert(`## X${'\r\n'.repeat(50_000)}`, 1), insert('## Y\r\n', 2)])).toBe('# A\r\n## X\r\n\r\n## Y\r\n\r\n## B\r\n')
  })

  it('reads emphasis around a stand-in value as before', () => {
    for (const value of ['_TBD_', '**TODO**', '__TBD__', '*_(e.g. payments)_*', 'TBD _']) expect(isPlaceholderValue(value), value).toBe(true)
    for (const value of ['_Payments_', '**Payments team**', '___', `${'_'.repeat(50_000)}x${'*'.repeat(50_000)} `]) {
      expect(isPlaceholderValue(value), value.slice(0, 20)).toBe(false)
    }
  })
})
