/**
 * runbook-review-date beyond its documented examples: key spellings, CRLF
 * and BOM positions, TOML, schedules, options.
 */

import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkLintRunbookReviewDate from 'remark-lint-runbook-review-date'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {describeMessage} from './helpers.js'

async function lint(value: string | Uint8Array, options: unknown = {now: '2026-11-24'}): Promise<string[]> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkLintRunbookReviewDate, options as never)
  const file = new VFile({path: 'runbook.md', value})
  await processor.run(processor.parse(file), file)
  return file.messages.map((message) => (message.fatal ? 'fatal ' : '') + describeMessage(message))
}

/** A service runbook of the seed's layout, `line` under its title (line 3). */
function complete(line: string): string {
  const sections = [
    'Service or system overview', 'Service owner', 'Technology stack', 'Service dependencies', 'System architecture', 'Availability',
    'Monitoring and alerting', 'Operational tasks', 'Failover and recovery procedures', 'Backup and restore', 'Deployment'
  ]
  return `# Payments API\n\n${line}\n\n` + sections.map((title) => `## ${title}\n\nWhat the payments team wrote about ${title.toLowerCase()}.\n`).join('\n')
}

const stale = (place: string, date: string, age: number) =>
  `${place} runbook-review-date Unexpected review date \`${date}\`, ${age} days ago, expected a review within 180 days`

describe('runbook-review-date', () => {
  for (const key of ['last_reviewed', 'last-reviewed', 'lastReviewed', 'LastReviewed', 'reviewed', 'last_reviewed_on']) {
    it(`reads \`${key}\``, async () => {
      const line = `${key}: 2026-01-01`
      expect(await lint(`---\n${line}\n---\n`)).toEqual([stale(`2:1-2:${line.length + 1}`, '2026-01-01', 327)])
    })
  }

  it('gives positions in files with CRLF line endings and a byte order mark', async () => {
    const bytes = new TextEncoder().encode('\uFEFF---\r\nowner: payments\r\nlast_reviewed: 2025-11-24\r\n---\r\n\r\n# Billing API')
    expect(await lint(bytes)).toEqual([stale('3:1-3:26', '2025-11-24', 365)])
  })

  it('reads dates with a time, quoted dates and TOML dates', async () => {
    expect(await lint('---\nlast_reviewed: "2026-01-01T09:30:00Z"\n---\n')).toEqual([stale('2:1-2:38', '2026-01-01', 327)])
    expect(await lint('+++\ntitle = "Billing"\nlast_reviewed = 2026-01-01\n+++\n')).toEqual([stale('3:1-3:27', '2026-01-01', 327)])
    expect(await lint('+++\nlast_reviewed = "2026-11-01"\n\n[owner]\nlast_reviewed = 1999-01-01\n+++\n')).toEqual([])
  })

  it('keeps to a review period and counts calendar months', async () => {
    const input = (period: string) => `---\nlast_reviewed: 2026-05-31\nreview_in: ${period}\n---\n`
    expect(await lint(input('6 months'))).toEqual([])
    expect(await lint(input('5 months'))).toEqual([
      '2:1-2:26 runbook-review-date Unexpected review date `2026-05-31`, 177 days ago, expected a review within 5 months (`review_in`), by 2026-10-31'
    ])
    expect(await lint(input('90'))).toEqual([
      '2:1-2:26 runbook-review-date Unexpected review date `2026-05-31`, 177 days ago, expected a review within 90 days (`review_in`), by 2026-08-29'
    ])
    expect(await lint(input('1 year'))).toEqual([])
  })

  it('records the dates it read on `file.data.runbookReview`, for reports', async () => {
    const data = async (value: string) => {
      const processor = unified()
        .use(remarkParse)
        .use(remarkFrontmatter, ['yaml', 'toml'])
        .use(remarkLintRunbookReviewDate, {now: '2026-11-24'})
      const file = new VFile({path: 'runbook.md', value})
      await processor.run(processor.parse(file), file)
      return file.data.runbookReview
    }
    expect(await data('---\nlast_reviewed: 2026-11-04\n---\n')).toEqual({reviewed: '2026-11-04', age: 20})
    expect(await data('---\nlast_reviewed: 2025-01-01\nreview_by: 2027-01-01\n---\n')).toEqual({
      reviewed: '2025-01-01',
      age: 692,
      reviewBy: '2027-01-01',
      dueIn: 38
    })
    expect(await data('# Billing\n\nLast reviewed: 3 May 2026\n')).toEqual({reviewed: '2026-05-03', age: 205})
    expect(await data('---\nreview_by: 2026-11-23\n---\n')).toEqual({reviewBy: '2026-11-23', dueIn: -1})
    // Nothing it could read: nothing recorded.
    expect(await data('---\nlast_reviewed: soon\n---\n')).toBeUndefined()
    expect(await data('# Billing\n')).toBeUndefined()
  })

  it('lets a review-by date replace the maximum age, and accepts it in the future', async () => {
    expect(await lint('---\nlast_reviewed: 2025-01-01\nreview_by: 2027-01-01\n---\n')).toEqual([])
    expect(await lint('---\nreview_by: 2026-11-23\n---\n')).toEqual([
      '2:1-2:22 runbook-review-date Unexpected review-by date `2026-11-23`, 1 days ago, expected the runbook reviewed by then and the date moved forward'
    ])
  })

  it('reports an impossible or empty date by key and value', async () => {
    expect(await lint('---\nlast_reviewed: 2026-02-30\nreview_by:\n---\n')).toEqual([
      '2:1-2:26 runbook-review-date Unexpected value `2026-02-30` for `last_reviewed`, expected a date such as `2026-11-24`',
      '3:1-3:11 runbook-review-date Unexpected value `` for `review_by`, expected a date such as `2026-11-24`'
    ])
  })

  it('reports invalid TOML with its line, not a stack trace', async () => {
    expect(await lint('+++\nowner = "payments"\nlast_reviewed = \n+++\n')).toEqual([
      '3:17 runbook-review-date Unexpected invalid TOML front matter on line 3: invalid value, expected valid TOML'
    ])
  })

  it('reports a missing date only when required, at the front matter', async () => {
    expect(await lint('---\nowner: payments\n---\n')).toEqual([])
    expect(await lint('---\nowner: payments\n---\n', {now: '2026-11-24', required: true})).toEqual([
      '1:1 runbook-review-date Missing review date, expected front matter such as `last_reviewed: 2026-11-24` at the start of the file'
    ])
  })

  it('takes its keys and maximum age from options', async () => {
    const input = '---\nverified: 2026-10-01\nlast_reviewed: 2020-01-01\n---\n'
    expect(await lint(input, {now: '2026-11-24', reviewedKeys: ['verified'], maxAge: 30})).toEqual([
      '2:1-2:21 runbook-review-date Unexpected review date `2026-10-01`, 54 days ago, expected a review within 30 days'
    ])
  })

  describe('a review date in the text', () => {
    it('reads hand-written dates, ordinal typos included', async () => {
      for (const [written, date, age] of [
        ['2019-05-03', '2019-05-03', 2762],
        ['3nd May 2019', '2019-05-03', 2762],
        ['3rd of May, 2019', '2019-05-03', 2762],
        ['1th Sept 2025', '2025-09-01', 449],
        ['May 3rd, 2019', '2019-05-03', 2762],
        ['Oct 1 2025 by the payments team', '2025-10-01', 419]
      ] as const) {
        const line = `Last reviewed: ${written}`
        expect(await lint(`# Billing API\n\n${line}\n`), written).toEqual([stale(`3:1-3:${line.length + 1}`, date, age)])
      }
    })

    it('reads labels in emphasis, strong or a list, and review-by and period lines', async () => {
      expect(await lint('# Billing API\n\n- **Last review date:** 2026-01-01\n')).toEqual([stale('3:3-3:35', '2026-01-01', 327)])
      expect(await lint('# Billing API\n\n> _Next review: 1 November 2026_\n')).toEqual([
        '3:3-3:33 runbook-review-date Unexpected review-by date `2026-11-01`, 23 days ago, expected the runbook reviewed by then and the date moved forward'
      ])
      expect(await lint('# Billing API\n\nLast reviewed: 2026-01-01\nReview every: 1 year\n')).toEqual([])
    })

    it('lets the front matter win, and counts a date in the text as present', async () => {
      expect(await lint('---\nlast_reviewed: 2026-10-01\n---\n\nLast reviewed: 2001-01-01\n')).toEqual([])
      expect(await lint('# Billing API\n\nLast reviewed: 2026-10-01\n', {now: '2026-11-24', required: true})).toEqual([])
    })

    it('reports a value with a digit that is not a date, a stand-in as a placeholder, and skips prose', async () => {
      expect(await lint('# Billing API\n\nLast reviewed: 03/05/2019\n')).toEqual([
        '3:1-3:26 runbook-review-date Unexpected value `03/05/2019` for `Last reviewed`, expected a date such as `2026-11-24`'
      ])
      expect(
        await lint(
          '# Billing API\n\nLast reviewed: YYYY-MM-DD\n\nReviewed: _date, e.g. 2024-12-15_\n\nLast reviewed: not yet\n\nThe runbook was last reviewed: see the wiki for 2019.\n\n```\nlast_reviewed: 2001-01-01\n```\n'
        )
      ).toEqual([
        '3:1-3:26 runbook-review-date Unexpected placeholder `YYYY-MM-DD` for `Last reviewed`, expected a date such as `2026-11-24`',
        '5:1-5:34 runbook-review-date Unexpected placeholder `date, e.g. 2024-12-15` for `Reviewed`, expected a date such as `2026-11-24`'
      ])
      // Beside a real date, a stand-in is a note of the template's, not the runbook's date.
      expect(await lint('# Billing API\n\nLast reviewed: 2026-10-01\n\nNext review: [YYYY-MM-DD]\n')).toEqual([])
    })
  })

  describe('a page’s own date of last change, when it has no review date', () => {
    /** Each message's severity (`info` for a note) and text. */
    async function noted(value: string, options: unknown = {now: '2026-11-24'}): Promise<string[]> {
      const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkLintRunbookReviewDate, options as never)
      const file = new VFile({path: 'runbook.md', value})
      await processor.run(processor.parse(file), file)
      return file.messages.map((message) => `${message.fatal === undefined ? 'info' : message.fatal ? 'error' : 'warning'} ${describeMessage(message)}`)
    }
    /** An alert page, `lines` under its title (line 3 on). */
    const page = (lines: string, title = '# PaymentsQueueBacklog') =>
      `${title}\n\n${lines}\n\n## Meaning\n\nMore than 1,000 payments wait in the queue.\n\n## Impact\n\nCustomers see their payments as pending.\n\n` +
      '## Diagnosis\n\nCheck the consumers’ logs for errors.\n\n## Mitigation\n\nScale the consumers up: `kubectl scale deploy/payments-consumer --replicas=6`.\n'
    const note = (place: string, date: string, key: string, age: number, maxAge = 180) =>
      `info ${place} runbook-review-date Unexpected last update \`${date}\` (\`${key}\`), ${age} days ago, and no review date, expected a review within ${maxAge} days, recorded as \`last_reviewed: 2026-11-24\``

    it('gives a note, not a warning, when it is older than `maxAge`, however the line is written', async () => {
      for (const [line, date, key, age] of [
        ['Last Updated: March 3, 2025', '2025-03-03', 'Last Updated', 631],
        ['_Updated on: 2025-01-10_', '2025-01-10', 'Updated on', 683],
        ['**Last modified:** 10th December 2024', '2024-12-10', 'Last modified', 714],
        ['> Last updated: 2025-12-01 by the payments team', '2025-12-01', 'Last updated', 358]
      ] as const) {
        const written = line.startsWith('> ') ? 3 : 1
        expect(await noted(page(line)), line).toEqual([note(`3:${written}-3:${line.length + 1}`, date, key, age)])
      }
      expect(await noted('---\nowner: payments\nlastmod: 2024-11-24\n---\n' + page(''))).toEqual([note('3:1-3:20', '2024-11-24', 'lastmod', 730)])
      expect(await noted(page('Last updated: 2026-09-01'), {now: '2026-11-24', maxAge: 60})).toEqual([
        note('3:1-3:25', '2026-09-01', 'Last updated', 84, 60)
      ])
    })

    it('stays quiet when the change is recent, the date is no date or in the future, or a review date is given', async () => {
      for (const text of [
        '# Billing API\n\nLast updated: 2026-10-01\n',
        '# Billing API\n\nLast updated: see the changelog for v2.3\n',
        '# Billing API\n\nLast updated: YYYY-MM-DD\n',
        '# Billing API\n\nUpdated: 2027-01-05\n',
        '---\nlast_reviewed: 2026-10-01\nlast_updated: 2020-01-01\n---\n',
        '# Billing API\n\nLast reviewed: 2026-10-01\n\nLast updated: 2020-01-01\n',
        '# Billing API\n\nThe page was last updated in 2020.\n',
        '# Billing API\n\n```\nlast_updated: 2020-01-01\n```\n'
      ]) {
        expect(await noted(text), text).toEqual([])
      }
    })

    it('leaves a required review date’s message alone, and reads the keys it is given', async () => {
      expect(await noted('# Billing API\n\nLast updated: 2020-01-01\n', {now: '2026-11-24', required: true})).toEqual([
        'warning 1:1 runbook-review-date Missing review date, expected front matter such as `last_reviewed: 2026-11-24` at the start of the file'
      ])
      expect(await noted('---\nchanged: 2025-01-01\nlast_updated: 2020-01-01\n---\n' + page(''), {now: '2026-11-24', updatedKeys: ['changed']})).toEqual([
        note('2:1-2:20', '2025-01-01', 'changed', 692)
      ])
    })
  })

  describe('only on runbooks: a readme or an index of runbooks gets no note', () => {
    async function noted(value: string, path = 'runbook.md', gfm = false): Promise<string[]> {
      const processor = unified()
        .use(remarkParse)
        .use(gfm ? [remarkGfm] : [])
        .use(remarkFrontmatter, ['yaml', 'toml'])
        .use(remarkLintRunbookReviewDate, {now: '2026-11-24'})
      const file = new VFile({path, value})
      await processor.run(processor.parse(file), file)
      return file.messages.map((message) => `${message.fatal === undefined ? 'info' : 'warning'} ${describeMessage(message)}`)
    }
    const alertIndex =
      '# Storage alerts\n\n_Last updated: 2025-02-14_\n\nEach alert links to the page that says what to do when it fires.\n\n' +
      '| Alert | Severity | Runbook |\n|---|---|---|\n| VolumeAlmostFull | warning | [Runbook](volume-almost-full.md) |\n' +
      '| VolumeFull | critical | [Runbook](volume-full.md) |\n| BackupJobFailed | warning | [Runbook](backup-job-failed.md) |\n'
    const folderReadme =
      '# Runbooks\n\nLast Updated: March 3, 2025\n\nThe pages in this folder are the on-call team’s runbooks.\n\n' +
      '## Adding a runbook\n\nCopy `template.md`, name it after the alert and open a pull request.\n'
    const runbookFolder = complete('Last Updated: March 3, 2025')

    it('says nothing of a folder’s readme or index, a page of links or a page that points elsewhere', async () => {
      // A table of alerts and their pages (read as a table with remark-gfm).
      expect(await noted(alertIndex, 'docs/runbooks/storage-alerts.md', true)).toEqual([])
      expect(await noted(alertIndex, 'docs/runbooks/index.md')).toEqual([])
      expect(await noted(folderReadme, 'docs/runbooks/README.md')).toEqual([])
      expect(
        await noted('# On-call pages\n\nLast updated: 2025-01-02\n\n- [Payments API](payments.md)\n- [Ledger](ledger.md)\n- [Billing jobs](billing-jobs.md)\n')
      ).toEqual([])
      expect(await noted('# Ledger runbook\n\nLast updated: 2025-01-02\n\nThis page moved to [the ledger space](https://wiki.acme.io/ledger).\n', 'ledger.md')).toEqual([])
    })

    it('still notes a runbook kept as a readme, a procedure of a shape of its own, and review dates on any page', async () => {
      const recovery =
        '# Restoring the ledger database\n\n_Last updated: 2025-03-03_\n\n## Before you start\n\nGet the break-glass role from the vault.\n\n' +
        '## Restore order\n\n1. Restore the latest snapshot: `aws rds restore-db-instance-from-db-snapshot …`.\n2. Point the app at it.\n'
      expect(await noted(recovery, 'docs/ledger-restore.md')).toEqual([
        'info 3:1-3:27 runbook-review-date Unexpected last update `2025-03-03` (`Last updated`), 631 days ago, and no review date, expected a review within 180 days, recorded as `last_reviewed: 2026-11-24`'
      ])
      expect(await noted(runbookFolder, 'services/payments/README.md')).toEqual([
        'info 3:1-3:28 runbook-review-date Unexpected last update `2025-03-03` (`Last Updated`), 631 days ago, and no review date, expected a review within 180 days, recorded as `last_reviewed: 2026-11-24`'
      ])
      // A review date is the team's own: it is read on every page.
      expect(await noted(folderReadme.replace('Last Updated', 'Last reviewed'), 'docs/runbooks/README.md')).toEqual([
        'warning 3:1-3:29 runbook-review-date Unexpected review date `2025-03-03`, 631 days ago, expected a review within 180 days'
      ])
    })
  })

  describe('a month written without its day', () => {
    const alertPage = (line: string) =>
      `# PaymentsQueueBacklog\n\n${line}\n\n## Meaning\n\nMore than 1,000 payments wait in the queue.\n\n## Impact\n\nCustomers see their payments as pending.\n\n` +
      '## Diagnosis\n\nCheck the consumers’ logs for errors.\n\n## Mitigation\n\nScale the consumers up: `kubectl scale deploy/payments-consumer --replicas=6`.\n'
    async function noted(value: string): Promise<string[]> {
      const processor = unified().use(remarkParse).use(remarkLintRunbookReviewDate, {now: '2026-11-24'})
      const file = new VFile({path: 'runbook.md', value})
      await processor.run(processor.parse(file), file)
      return file.messages.map((message) => `${message.fatal === undefined ? 'info' : 'warning'} ${describeMessage(message)}`)
    }

    it('reads `December 2024` as late in the month as it may be, in every spelling', async () => {
      for (const line of ['_Last updated: December 2024_', '*Last Updated: Dec 2024*', 'Last updated: Dec. 2024', 'Last Updated: December, 2024']) {
        expect(await noted(alertPage(line)), line).toEqual([
          `info 3:1-3:${line.length + 1} runbook-review-date Unexpected last update \`2024-12\` (\`${line.replace(/^[_*]|:.*$/g, '')}\`), at least 693 days ago, and no review date, expected a review within 180 days, recorded as \`last_reviewed: 2026-11-24\``
        ])
      }
      expect(await noted(alertPage('Last reviewed: May 2025'))).toEqual([
        'warning 3:1-3:24 runbook-review-date Unexpected review date `2025-05`, at least 542 days ago, expected a review within 180 days'
      ])
      expect(await noted(alertPage('Next review: March 2026'))).toEqual([
        'warning 3:1-3:24 runbook-review-date Unexpected review-by date `2026-03`, 238 days ago, expected the runbook reviewed by then and the date moved forward'
      ])
      expect(await noted(alertPage('Last reviewed: March 2027'))).toEqual([
        'warning 3:1-3:26 runbook-review-date Unexpected review date `2027-03`, at least 97 days in the future, expected the date of the last review'
      ])
    })

    it('takes the current month as a recent date, and leaves months that are no such line alone', async () => {
      for (const text of [
        alertPage('Last reviewed: November 2026'),
        alertPage('Last updated: November 2026'),
        alertPage('Next review: November 2026'),
        alertPage('Last updated: December'),
        alertPage('Last updated: Mayday 2024'),
        alertPage('## Changelog\n\n- December 2024: moved to the new cluster\n- March 2023: first version'),
        alertPage('The page was updated in December 2024.')
      ]) {
        expect(await noted(text), text).toEqual([])
      }
    })
  })

  it('uses the current date by default', async () => {
    expect(await lint('---\nlast_reviewed: 2000-01-01\n---\n', undefined)).toHaveLength(1)
  })

  it('stops on invalid options', async () => {
    expect(await lint('# Billing API\n', {maxAge: '6 months'})).toEqual([
      'fatal 1:1 runbook-review-date Unexpected value `"6 months"` for option `maxAge` of `runbook-review-date`, expected a whole number of days, such as `180`'
    ])
    expect(await lint('# Billing API\n', {reviewByKeys: 'due'})).toEqual([
      'fatal 1:1 runbook-review-date Unexpected value `"due"` for option `reviewByKeys` of `runbook-review-date`, expected a list of front matter keys, such as `["last_reviewed"]`'
    ])
  })
})
