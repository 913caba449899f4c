/**
 * The HTML health report (`remark-runbook --report html`) in a real browser:
 * Debian's chromium, driven by playwright-core (which downloads nothing).
 * The repository's valid and broken fixtures, and a runbook full of fake
 * secrets, are linted by the real command into one page, which must load
 * from disk with no console error and no request but its own file, list
 * every runbook with the right figures, sort (by click and by keyboard) and
 * filter, show one runbook's sections and findings, and hold no secret.
 * A generated fleet of 1,000 runbooks measures how fast the page opens and
 * sorts, and what the reporter costs next to the lint (printed, not
 * asserted: timings on a shared machine are not a test).
 *
 * Screenshots go to `.tmp/html-report/`; with `UPDATE_SCREENSHOTS=1` the
 * overview also replaces `docs/health-report.png`, the README's picture.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core'
import {ruleInfo} from 'remark-preset-runbook'
import {lintRunbook} from 'remark-preset-runbook/api'
import {VFile} from 'vfile'
import {toHtml} from 'vfile-reporter-runbook-html'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writeAlertRepository} from './alert-repository.js'
import {fixtures, root} from './helpers.js'

const chromiumPath = '/usr/bin/chromium'
const hasChromium = fs.existsSync(chromiumPath)
const screenshots = path.join(root, '.tmp', 'html-report')

/** Fake credentials in shapes `runbook-no-secrets` knows, put together at run time (no scanner trips on this file). */
const join = (...parts: string[]) => parts.join('')
const secrets = {
  awsAccessKeyId: join('AKIA', 'Q7ZR4T2XW9PLM3NB'),
  githubToken: join('ghp_', 'R8mK2vQ9xL4tN7pW1sZ5cB3hJ6fD0gY2aE8u'),
  slackToken: join('xoxb-', '2741938465-5081736452918-Qm8Zr4Tx2Wv9Lp3Kn7Bs1Hc'),
  urlPassword: join('Tr0ub4dor', '-x9Q'),
  ownerPassword: join('hunter2', '-xyz-4821'),
  stripeKey: join('sk_live_', 'Rq7Mz2Kx9Lw4Vb8Np3Tj6Hc1Fd5Gs0YaE2uI9oP4kL8mN3bV6c')
}

/** A runbook with a secret in a field, prose, the owner section, a placeholder, code and a heading. */
function leakyRunbook(): string {
  const s = secrets
  return `# Ledger

## Service or system overview

**Service or system name:** TODO rotate ${s.awsAccessKeyId} first

### Business overview

Keeps the books. Hook: https://deploy:${s.urlPassword}@ci.ledger-infra.io/hooks

### Technical overview

<insert the token ${s.githubToken}>

### Service owner

Ledger team, #ledger on Slack

password: ${s.ownerPassword}

## Monitoring and alerting (${s.slackToken})

### Metrics

\`\`\`sh
STRIPE_KEY=${s.stripeKey} ./report
\`\`\`
`
}

/** Any 10 characters of a secret found in `text`. */
function leaksIn(text: string): string[] {
  const leaked: string[] = []
  for (const [name, value] of Object.entries(secrets)) {
    for (let index = 0; index + 10 <= value.length; index++) {
      if (text.includes(value.slice(index, index + 10))) {
        leaked.push(name)
        break
      }
    }
  }
  return leaked
}

interface Expected {
  file: string
  present: string
  filled: string
  leftovers: number
  secrets: number
  errors: number
  warnings: number
  infos: number
  misplaced: number
  sections: number
  findings: Array<{line: number | undefined; rule: string}>
}

/** What each row should say, from the preset's own API on the same text. */
async function expectedOf(file: string, text: Buffer | string): Promise<Expected> {
  const linted = await lintRunbook(text, {path: file})
  const sections = linted.data.runbookSummary?.sections ?? []
  let expected = 0
  let present = 0
  let filled = 0
  for (const section of sections) {
    if (section.state !== 'missing' || section.required !== false) expected++
    if (section.state !== 'missing') present++
    if (section.state === 'filled') filled++
  }
  const by = (rule: string) => linted.messages.filter((message) => message.ruleId === rule).length
  return {
    file,
    present: `${present}/${expected}`,
    filled: `${filled}/${expected}`,
    leftovers: by('runbook-no-placeholders'),
    secrets: by('runbook-no-secrets'),
    errors: linted.messages.filter((message) => message.fatal === true).length,
    warnings: linted.messages.filter((message) => message.fatal === false).length,
    infos: linted.messages.filter((message) => message.fatal !== true && message.fatal !== false).length,
    misplaced: linted.messages.filter((message) => message.reason.startsWith('Misplaced heading')).length,
    sections: sections.length,
    findings: linted.messages
      .filter((message) => message.ruleId !== 'runbook-no-secrets')
      .sort((left, right) => (left.line ?? 0) - (right.line ?? 0) || (left.column ?? 0) - (right.column ?? 0))
      .map((message) => ({line: message.line ?? undefined, rule: message.ruleId ?? ''}))
  }
}

let scratch: string
let context: BrowserContext | undefined
let shared: Promise<Browser> | undefined

/**
 * A context of its own (its own storage, routes and pages) in the one
 * chromium every describe of this file shares: a launch costs more than
 * the checks of a describe.
 */
async function newContext(options: {viewport?: {width: number; height: number}} = {}): Promise<BrowserContext> {
  shared ??= chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  return (await shared).newContext(options)
}

afterAll(async () => {
  const browser = await shared?.catch(() => undefined)
  await browser?.close()
})
let page: Page
let reportPath: string
let html: string
const expected = new Map<string, Expected>()
/** Every URL the browser asked for, and every console error or uncaught exception. */
const requests: string[] = []
const errors: string[] = []

async function rows(target: Page = page): Promise<Array<Record<string, string>>> {
  return target.$$eval('#runbooks tbody tr:not([hidden])', (trs) =>
    trs.map((tr) => {
      const cells: Record<string, string> = {file: tr.getAttribute('data-runbook') ?? ''}
      for (const cell of Array.from(tr.cells)) cells[cell.dataset['column'] ?? '?'] = (cell.textContent ?? '').trim()
      return cells
    })
  )
}

describe.skipIf(!hasChromium)(`HTML health report in chromium (${chromiumPath})`, () => {
  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-html-'))
    // Outside the repository, so that its own `.remarkrc.js` does not apply.
    const folders = ['valid', 'broken']
    for (const folder of folders) {
      fs.mkdirSync(path.join(scratch, 'fixtures', folder), {recursive: true})
      for (const name of fs.readdirSync(path.join(fixtures, folder)).filter((name) => name.endsWith('.md'))) {
        fs.copyFileSync(path.join(fixtures, folder, name), path.join(scratch, 'fixtures', folder, name))
      }
    }
    fs.mkdirSync(path.join(scratch, 'fixtures', 'secrets'))
    fs.writeFileSync(path.join(scratch, 'fixtures', 'secrets', 'leaky.md'), leakyRunbook())
    // Complete runbooks reviewed 500 days ago, and due for review 20 days ago.
    const complete = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'), 'utf8')
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
    fs.mkdirSync(path.join(scratch, 'fixtures', 'reviews'))
    fs.writeFileSync(path.join(scratch, 'fixtures', 'reviews', 'stale.md'), `---\nlast_reviewed: ${daysAgo(500)}\n---\n\n${complete}`)
    fs.writeFileSync(path.join(scratch, 'fixtures', 'reviews', 'recent.md'), `---\nlast_reviewed: ${daysAgo(30)}\n---\n\n${complete}`)
    fs.writeFileSync(
      path.join(scratch, 'fixtures', 'reviews', 'overdue.md'),
      `---\nlast_reviewed: ${daysAgo(100)}\nreview_by: ${daysAgo(20)}\n---\n\n${complete}`
    )

    // A new runbook as `create-runbook` writes it: headings, `TODO`s, nothing filled.
    fs.mkdirSync(path.join(scratch, 'fixtures', 'new'))
    const created = spawnSync(process.execPath, [path.join(root, 'packages', 'create-runbook', 'dist', 'cli.js'), 'fixtures/new/skeleton.md', '--title', 'Billing API'], {
      cwd: scratch,
      encoding: 'utf8'
    })
    expect(created.status, created.stderr).toBe(0)

    reportPath = path.join(scratch, 'report', 'runbooks.html')
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'bin', 'remark-runbook.js'), '--no-stdout', '--report', 'html=output:"report/runbooks.html"', 'fixtures'],
      {cwd: scratch, encoding: 'utf8', env: {...process.env, GITHUB_WORKSPACE: scratch, NO_COLOR: '1'}}
    )
    // The broken fixtures have errors.
    expect(run.status, run.stderr).toBe(1)
    expect(run.stdout).toBe('')
    html = fs.readFileSync(reportPath, 'utf8')

    for (const folder of [...folders, 'secrets', 'reviews', 'new']) {
      for (const name of fs.readdirSync(path.join(scratch, 'fixtures', folder))) {
        const file = `fixtures/${folder}/${name}`
        expected.set(file, await expectedOf(file, fs.readFileSync(path.join(scratch, file))))
      }
    }

    context = await newContext({viewport: {width: 1280, height: 900}})
    context.on('request', (request) => {
      requests.push(request.url())
    })
    // Nothing may leave the machine, whatever the page asks for.
    await context.route(/^(?!file:)/, (route) => route.abort())
    page = await context.newPage()
    page.setDefaultTimeout(120_000)
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(String(error)))
    await page.goto(pathToFileURL(reportPath).href)
    fs.mkdirSync(screenshots, {recursive: true})
  }, 420_000)

  afterAll(async () => {
    await context?.close()
    if (scratch) fs.rmSync(scratch, {recursive: true, force: true})
  })

  it('is one file that loads with no console error and no request but itself', async () => {
    expect(errors).toEqual([])
    expect(requests).toEqual([pathToFileURL(reportPath).href])
    // Nothing that could make a request, even where the policy would not stop it.
    expect(html.match(/<link\b[^>]*>/gi)).toEqual(['<link rel="icon" href="data:,">'])
    expect(html).not.toMatch(/<(?:img|iframe|object|embed|video|audio|source|frame)\b|\ssrc=|@import|url\(/i)
    await page.screenshot({path: path.join(screenshots, 'overview.png'), fullPage: true})
  })

  it('holds no secret of the runbooks, only how many', async () => {
    expect(leaksIn(html)).toEqual([])
    const leaky = expected.get('fixtures/secrets/leaky.md')!
    expect(leaky.secrets).toBeGreaterThanOrEqual(5)
    expect(await page.textContent('#runbooks tr[data-runbook="fixtures/secrets/leaky.md"] [data-column="secrets"]')).toBe(
      `⚠ ${leaky.secrets}`
    )
  })

  it('has one row per runbook with its figures, and the totals', async () => {
    const shown = await rows()
    expect(shown.map((row) => row['file'])).toEqual([...expected.keys()].sort())
    for (const row of shown) {
      const want = expected.get(row['file']!)!
      expect(row, row['file']).toMatchObject({
        layout: expect.stringMatching(/^(?:default|full|alert)/),
        present: want.present + (want.misplaced > 0 ? `⚠ ${want.misplaced} misplaced` : ''),
        filled: want.filled,
        leftovers: String(want.leftovers),
        secrets: want.secrets > 0 ? `⚠ ${want.secrets}` : '0',
        errors: String(want.errors),
        warnings: String(want.warnings)
      })
    }
    const byFile = new Map(shown.map((row) => [row['file'], row]))
    // No review date, and none required: not a problem, and not a review either.
    expect(byFile.get('fixtures/valid/complete.md')).toMatchObject({owner: '✓ found', contact: '✓ found', review: '– no date'})
    // A group whose subsections hold only `TODO`s (or a field left `TODO`) is not filled.
    const skeleton = expected.get('fixtures/new/skeleton.md')!
    expect(skeleton.filled).toBe(`0/${skeleton.present.split('/')[1]}`)
    expect(byFile.get('fixtures/new/skeleton.md')).toMatchObject({filled: skeleton.filled, owner: '✗ none', review: '– no date'})
    // Its owner section holds only the template's prompt and example.
    expect(byFile.get('fixtures/broken/partly-filled.md')).toMatchObject({owner: '✗ example', contact: '✗ none'})
    // A copy of the longer upstream layout is checked against `full`.
    if (byFile.has('fixtures/valid/upstream-layout.md')) expect(byFile.get('fixtures/valid/upstream-layout.md')?.['layout']).toBe('full (closest)')
    expect(byFile.get('fixtures/reviews/stale.md')?.['review']).toBe('✗ 500 days ago')
    expect(byFile.get('fixtures/reviews/overdue.md')?.['review']).toBe('✗ due 20 days ago')
    // A review within its period shows its age too.
    expect(byFile.get('fixtures/reviews/recent.md')?.['review']).toBe('✓ 30 days ago')

    const total = async (key: string) => Number(await page.getAttribute(`#totals [data-total="${key}"]`, 'data-value'))
    const all = [...expected.values()]
    expect(await total('runbooks')).toBe(all.length)
    expect(await total('errors')).toBe(all.reduce((sum, want) => sum + want.errors, 0))
    expect(await total('warnings')).toBe(all.reduce((sum, want) => sum + want.warnings, 0))
    expect(await total('secrets')).toBe(all.reduce((sum, want) => sum + want.secrets, 0))
    // The charts count every runbook once.
    for (const chart of ['chart-completeness', 'chart-reviews']) {
      const counts = await page.$$eval(`#${chart} [data-count]`, (bars) => bars.map((bar) => Number(bar.getAttribute('data-count'))))
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(all.length)
    }
    expect(await page.getAttribute('#chart-reviews [data-bucket="stale-2"]', 'data-count')).toBe('1')
    expect(await page.getAttribute('#chart-reviews [data-bucket="overdue"]', 'data-count')).toBe('1')
    // Only `recent.md` has a review within its period; the runbooks without a date are counted as such.
    expect(await page.getAttribute('#chart-reviews [data-bucket="ok"]', 'data-count')).toBe('1')
    expect(await page.getAttribute('#chart-reviews [data-bucket="undated"]', 'data-count')).toBe(String(all.length - 3))
  })

  it('sorts by a column with its header button, by click and by keyboard', async () => {
    const errorsOf = async () => (await rows()).map((row) => Number(row['errors']))
    await page.click('th[data-column="errors"] button')
    expect(await page.getAttribute('th[data-column="errors"]', 'aria-sort')).toBe('descending')
    expect(await page.$$eval('th[aria-sort]', (headers) => headers.length)).toBe(1)
    const descending = await errorsOf()
    expect(descending).toEqual([...descending].sort((a, b) => b - a))
    expect(descending[0]).toBeGreaterThan(descending.at(-1)!)
    await page.click('th[data-column="errors"] button')
    expect(await page.getAttribute('th[data-column="errors"]', 'aria-sort')).toBe('ascending')
    expect(await errorsOf()).toEqual([...descending].sort((a, b) => a - b))

    await page.focus('th[data-column="file"] button')
    await page.keyboard.press('Enter')
    expect(await page.getAttribute('th[data-column="file"]', 'aria-sort')).toBe('ascending')
    expect((await rows()).map((row) => row['file'])).toEqual([...expected.keys()].sort())
    await page.keyboard.press('Space')
    expect(await page.getAttribute('th[data-column="file"]', 'aria-sort')).toBe('descending')
    expect((await rows()).map((row) => row['file'])).toEqual([...expected.keys()].sort().reverse())
    expect(await page.textContent('#shown')).toContain('sorted by Runbook, descending')
    await page.keyboard.press('Enter')
  })

  it('filters by text and by problem', async () => {
    const files = [...expected.keys()]
    await page.fill('#filter-text', 'BROKEN/')
    expect((await rows()).map((row) => row['file'])).toEqual(files.filter((file) => file.includes('broken/')).sort())
    expect(await page.textContent('#shown')).toMatch(new RegExp(`^${files.filter((file) => file.includes('broken/')).length} of ${files.length} runbooks shown`))
    await page.fill('#filter-text', '')
    await page.selectOption('#filter-problem', 'secrets')
    expect((await rows()).map((row) => row['file'])).toEqual(files.filter((file) => expected.get(file)!.secrets > 0).sort())
    expect((await rows()).map((row) => row['file'])).toContain('fixtures/secrets/leaky.md')
    await page.selectOption('#filter-problem', 'misplaced')
    expect((await rows()).map((row) => row['file'])).toEqual(files.filter((file) => expected.get(file)!.misplaced > 0).sort())
    await page.selectOption('#filter-problem', 'clean')
    const clean = files.filter((file) => {
      const want = expected.get(file)!
      return want.errors + want.warnings + want.infos + want.secrets === 0
    })
    expect((await rows()).map((row) => row['file'])).toEqual(clean.sort())
    await page.fill('#filter-text', 'no such runbook')
    expect(await rows()).toEqual([])
    await page.fill('#filter-text', '')
    await page.selectOption('#filter-problem', '')
    expect(await rows()).toHaveLength(files.length)
  })

  it("shows one runbook's sections in template order and its findings, each linking to its rule's docs", async () => {
    const file = 'fixtures/broken/partly-filled.md'
    const want = expected.get(file)!
    await page.goto(pathToFileURL(reportPath).href)
    await page.click(`#runbooks tr[data-runbook="${file}"] th a`)
    await page.waitForSelector('#detail:not([hidden])')
    expect(await page.isHidden('#overview')).toBe(true)
    expect(await page.textContent('#detail-title')).toBe(file)
    const sections = await page.$$eval('#detail-sections tbody tr', (trs) =>
      trs.map((tr) => ({title: tr.cells[0]!.textContent, state: tr.getAttribute('data-state'), words: tr.cells[1]!.textContent}))
    )
    expect(sections).toHaveLength(want.sections)
    expect(sections[0]).toEqual({title: 'Service or system overview', state: 'filled', words: '✓ filled'})
    expect(sections.find((section) => section.title === 'Service owner')).toMatchObject({state: 'placeholder', words: '◐ placeholders only'})
    expect(sections.find((section) => section.title === 'Backup procedures')).toMatchObject({state: 'empty', words: '○ empty'})

    const findings = await page.$$eval('#detail-findings tbody tr', (trs) =>
      trs.map((tr) => ({
        line: Number(tr.cells[0]!.textContent!.split(':')[0]),
        rule: tr.getAttribute('data-rule'),
        href: tr.querySelector('a')?.getAttribute('href')
      }))
    )
    expect(findings.map(({line, rule}) => ({line, rule}))).toEqual(want.findings)
    const urls = new Map(ruleInfo.map((rule) => [rule.ruleId, rule.url]))
    for (const finding of findings) expect(finding.href).toBe(urls.get(finding.rule!))
    await page.screenshot({path: path.join(screenshots, 'detail.png'), fullPage: true})

    await page.click('#back a')
    await page.waitForSelector('#overview:not([hidden])')
    expect(await page.isHidden('#detail')).toBe(true)
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-runbook'))).toBe(file)
  })

  it('calls a new runbook’s sections unfilled, its groups of unfilled subsections too', async () => {
    await page.goto(pathToFileURL(reportPath).href + '#runbook=' + encodeURIComponent('fixtures/new/skeleton.md'))
    await page.waitForSelector('#detail:not([hidden])')
    const states = await page.$$eval('#detail-sections tbody tr', (trs) => trs.map((tr) => [tr.cells[0]!.textContent, tr.getAttribute('data-state')]))
    expect(states.length).toBeGreaterThan(10)
    expect(states.filter(([, state]) => state === 'filled')).toEqual([])
    // `**Service or system name:** TODO` above subsections of `TODO`s.
    expect(states[0]).toEqual(['Service or system overview', 'placeholder'])
  })

  it('says how many secrets a runbook has in its detail view, and lists none of them', async () => {
    await page.goto(pathToFileURL(reportPath).href + '#runbook=' + encodeURIComponent('fixtures/secrets/leaky.md'))
    await page.waitForSelector('#detail:not([hidden])')
    const want = expected.get('fixtures/secrets/leaky.md')!
    expect(await page.textContent('#detail-secrets')).toMatch(new RegExp(`^⚠ ${want.secrets} secrets found by runbook-no-secrets: not shown here`))
    expect(await page.$$eval('#detail-findings tr[data-rule="runbook-no-secrets"]', (trs) => trs.length)).toBe(0)
    expect(leaksIn(await page.content())).toEqual([])
    expect(errors).toEqual([])
  })

  it('prints the table without the filters and sort buttons', async () => {
    await page.goto(pathToFileURL(reportPath).href)
    await page.emulateMedia({media: 'print'})
    expect(await page.isHidden('.filters')).toBe(true)
    expect(await page.isVisible('#runbooks tbody tr')).toBe(true)
    await page.emulateMedia({media: 'screen'})
    if (process.env['UPDATE_SCREENSHOTS']) {
      await page.setViewportSize({width: 1100, height: 900})
      await page.screenshot({path: path.join(root, 'docs', 'health-report.png')})
      await page.setViewportSize({width: 1280, height: 900})
    }
  })

  it('opens and sorts a fleet of 1,000 runbooks without a visible delay (measured)', async () => {
    // What the lint costs a runbook, warm (the set-up linted each once), next to what the report costs it.
    const sources = [...expected.keys()].map((file) => ({file, text: fs.readFileSync(path.join(scratch, file))}))
    const linted: VFile[] = []
    let start = performance.now()
    for (const source of sources) linted.push(await lintRunbook(source.text, {path: path.join(scratch, source.file)}))
    const lintPerFile = (performance.now() - start) / sources.length

    const fleet: VFile[] = []
    for (let index = 0; index < 1000; index++) {
      const from = linted[index % linted.length]!
      const file = new VFile({path: path.join(scratch, `team-${index % 37}`, `service-${index}.md`)})
      file.messages.push(...from.messages)
      Object.assign(file.data, from.data)
      fleet.push(file)
    }
    toHtml(fleet, {workspace: scratch})
    start = performance.now()
    const big = toHtml(fleet, {workspace: scratch})
    const reportTime = performance.now() - start
    const bigPath = path.join(scratch, 'report', 'fleet.html')
    fs.writeFileSync(bigPath, big)

    const fleetPage = await context!.newPage()
    const fleetErrors: string[] = []
    fleetPage.on('console', (message) => {
      if (message.type() === 'error') fleetErrors.push(message.text())
    })
    start = performance.now()
    await fleetPage.goto(pathToFileURL(bigPath).href)
    const gotoTime = performance.now() - start
    expect(fleetErrors).toEqual([])
    expect(await fleetPage.$$eval('#runbooks tbody tr', (trs) => trs.length)).toBe(1000)
    // The first 200 are laid out; the others wait for "Show all".
    const displayed = () => fleetPage.$$eval('#runbooks tbody tr', (trs) => trs.filter((tr) => getComputedStyle(tr).display !== 'none').length)
    expect(await displayed()).toBe(200)
    await fleetPage.emulateMedia({media: 'print'})
    expect(await displayed()).toBe(1000)
    await fleetPage.emulateMedia({media: 'screen'})

    const timings = await fleetPage.evaluate(async () => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
      const measure = async (act: () => void) => {
        const begin = performance.now()
        act()
        document.body.getBoundingClientRect()
        const laidOut = performance.now() - begin
        await frame()
        return {laidOut, painted: performance.now() - begin}
      }
      const button = (column: string) => document.querySelector<HTMLButtonElement>(`th[data-column="${column}"] button`)!
      const text = document.querySelector<HTMLInputElement>('#filter-text')!
      return {
        domContentLoaded: navigation.domContentLoadedEventEnd,
        load: navigation.loadEventEnd,
        sortErrors: await measure(() => button('errors').click()),
        sortReview: await measure(() => button('review').click()),
        sortFile: await measure(() => button('file').click()),
        filter: await measure(() => {
          text.value = 'team-1'
          text.dispatchEvent(new Event('input'))
        }),
        clear: await measure(() => {
          text.value = ''
          text.dispatchEvent(new Event('input'))
        }),
        showAll: await measure(() => document.querySelector<HTMLButtonElement>('#show-all')!.click()),
        sortAllErrors: await measure(() => button('errors').click()),
        sortAllFile: await measure(() => button('file').click())
      }
    })
    expect(await displayed()).toBe(1000)
    await fleetPage.fill('#filter-text', 'team-1')
    const firstShown = await fleetPage.$$eval('#runbooks tbody tr:not([hidden])', (trs) => trs.slice(0, 3).map((tr) => tr.getAttribute('data-runbook')))
    expect(firstShown).toEqual(['team-1/service-1.md', 'team-1/service-38.md', 'team-1/service-75.md'])
    await fleetPage.close()

    const ms = (value: number) => `${Math.round(value)} ms`
    console.log(
      [
        `1,000 runbooks: page ${(big.length / 1024 / 1024).toFixed(2)} MB, made in ${ms(reportTime)} (${(reportTime / 1000).toFixed(2)} ms a runbook; the lint takes ${lintPerFile.toFixed(1)} ms a runbook here, warm, so the report is ${((reportTime / 1000 / lintPerFile) * 100).toFixed(1)}% of it)`,
        `opened in ${ms(gotoTime)} (DOMContentLoaded ${ms(timings.domContentLoaded)}, load ${ms(timings.load)})`,
        `sort by errors ${ms(timings.sortErrors.laidOut)} laid out, ${ms(timings.sortErrors.painted)} to the next frame; by review ${ms(timings.sortReview.laidOut)} / ${ms(timings.sortReview.painted)}; by path ${ms(timings.sortFile.laidOut)} / ${ms(timings.sortFile.painted)}`,
        `filter by text ${ms(timings.filter.laidOut)} / ${ms(timings.filter.painted)}`,
        `all 1,000 rows shown: ${ms(timings.showAll.laidOut)} / ${ms(timings.showAll.painted)}; then sort by errors ${ms(timings.sortAllErrors.laidOut)} / ${ms(timings.sortAllErrors.painted)}, by path ${ms(timings.sortAllFile.laidOut)} / ${ms(timings.sortAllFile.painted)}`
      ].join('\n')
    )
  })
})

if (!hasChromium) {
  describe('HTML health report in chromium', () => {
    it.skip(`needs Debian's chromium at ${chromiumPath} (apt-get install chromium); not installed, so the browser test is skipped`, () => {})
  })
}

describe.skipIf(!hasChromium)('the health report of a repository with alerting rules, in chromium', () => {
  let directory: string
  let browser: BrowserContext
  let view: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-html-alerts-'))
    writeAlertRepository(directory)
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'bin', 'remark-runbook.js'), '--no-stdout', '--report', 'html=output:"runbooks.html"', 'docs/runbooks/'],
      {cwd: directory, encoding: 'utf8', env: {...process.env, GITHUB_WORKSPACE: directory, NO_COLOR: '1'}}
    )
    expect(run.status, run.stderr).toBe(1)
    browser = await newContext({viewport: {width: 1280, height: 900}})
    await browser.route(/^(?!file:)/, (route) => route.abort())
    view = await browser.newPage()
    view.setDefaultTimeout(120_000)
    view.on('pageerror', (error) => pageErrors.push(String(error)))
    view.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })
    await view.goto(pathToFileURL(path.join(directory, 'runbooks.html')).href)
  }, 420_000)

  afterAll(async () => {
    await browser?.close()
    if (directory) fs.rmSync(directory, {recursive: true, force: true})
  })

  it('shows every alert with the state of its runbook, worst first, and the runbooks no alert links to', async () => {
    expect(pageErrors).toEqual([])
    expect(await view.locator('#alert-totals').textContent()).toBe(
      '9 alerts in 2 rule files: 1 with a good runbook, 2 with a runbook that has errors, 3 with a link that leads nowhere, 2 without a runbook, 1: none needed for its severity; 1 runbook that no alert links to.'
    )
    const rows = await view.locator('#alert-coverage tbody tr').evaluateAll((elements) =>
      elements.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText.replaceAll('\n', ' ')).join(' | '))
    )
    expect(rows).toEqual([
      'ApiLatencyHigh | warning | monitoring/app-rules.yaml:23 | — | No runbook',
      'DiskWillFillSoon | critical | monitoring/app-rules.yaml:42 | — | No runbook',
      'EtcdNoLeader | critical | monitoring/platform-rules.yaml:39 | docs/runbooks/EtcdNoLeader.md | Link leads nowhere',
      'KubeletDown | critical | monitoring/platform-rules.yaml:16 | docs/runbooks/platform.md | Link leads nowhere',
      'QueueBacklogGrowing | warning | monitoring/app-rules.yaml:36 | — | Link leads nowhere',
      'CertificateExpiringSoon | warning | monitoring/app-rules.yaml:30 | docs/runbooks/CertificateExpiringSoon.md | Runbook with errors',
      'NodeDown | critical | monitoring/platform-rules.yaml:9 | docs/runbooks/NodeDown.md | Runbook with errors',
      'ApiErrorRateHigh | critical, warning | monitoring/app-rules.yaml:7 monitoring/app-rules.yaml:15 | docs/runbooks/ApiErrorRateHigh.md | Good runbook',
      'ReplicaLagHigh | info | monitoring/app-rules.yaml:46 | — | None needed for its severity'
    ])
    expect(await view.locator('#orphans li').allInnerTexts()).toEqual(['docs/runbooks/OldQueueStalled.md'])
    expect(await view.locator('#rule-findings tbody tr').count()).toBe(5)
  })

  it('lists the rule files only there, not as runbooks, and shows the layout of each runbook', async () => {
    const files = await view.locator('#runbooks tbody th[data-column="file"]').allInnerTexts()
    expect(files.map((file) => file.replaceAll('\n', ''))).not.toContain('monitoring/app-rules.yaml')
    expect(files.length).toBe(8)
    const layout = await view.locator('#runbooks tbody tr', {hasText: 'NodeDown.md'}).locator('td[data-column="layout"]').innerText()
    expect(layout).toBe('alert (closest)')
  })

  it('opens a runbook from the alerts table', async () => {
    await view.locator('#alert-coverage a', {hasText: 'NodeDown.md'}).click()
    await expect.poll(() => view.locator('#detail').isVisible()).toBe(true)
    expect(await view.locator('#detail-title').innerText()).toContain('docs/runbooks/NodeDown.md')
    expect(await view.locator('#detail').innerText()).toContain('Unexpected title NodeNotReady')
    expect(await view.locator('#detail').innerText()).toMatch(/Owner\s+– not required/)
  })
})

describe.skipIf(!hasChromium)('HTML health report of rules turned off, in chromium', () => {
  let folder: string
  let browser: BrowserContext | undefined
  let view: Page

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-html-off-'))
    const complete = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'), 'utf8')
    const day = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
    fs.mkdirSync(path.join(folder, 'docs'))
    fs.writeFileSync(path.join(folder, 'docs', 'old.md'), `---\nlast_reviewed: ${day(1405)}\n---\n\n${complete}`)
    fs.writeFileSync(path.join(folder, 'docs', 'ahead.md'), `---\nlast_reviewed: ${day(-1486)}\n---\n\n${complete}`)
    // An owner section of nothing but `TODO`.
    fs.writeFileSync(path.join(folder, 'docs', 'todo.md'), complete.replace(/(### Service owner\n\n)[\s\S]*?\n(?=#)/, '$1TODO\n\n'))
    // The team turns the review date and the placeholder rule off.
    fs.writeFileSync(
      path.join(folder, '.remarkrc.json'),
      JSON.stringify({plugins: ['remark-preset-runbook', ['remark-lint-runbook-review-date', false], ['remark-lint-runbook-no-placeholders', false]]})
    )
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'remark-runbook.js'), '--report', 'html=output:"health.html"', 'docs'], {
      cwd: folder,
      encoding: 'utf8',
      input: '',
      env: {...process.env, GITHUB_WORKSPACE: folder, NO_COLOR: '1'}
    })
    // runbook-owner-contact leaves a section of template text or TODO to runbook-no-placeholders, which is off.
    expect(run.stderr).toBe('remark-runbook: wrote the report to `health.html`: no findings in 3 files\n')
    expect(run.status).toBe(0)
    browser = await newContext()
    await browser.route(/^(?!file:)/, (route) => route.abort())
    view = await browser.newPage()
    view.setDefaultTimeout(120_000)
    await view.goto(pathToFileURL(path.join(folder, 'health.html')).href)
  }, 420_000)

  afterAll(async () => {
    await browser?.close()
    if (folder) fs.rmSync(folder, {recursive: true, force: true})
  })

  it('says "not checked" for the review and the template text, in the table, the cards and the chart, never "ok" or 0', async () => {
    const shown = await rows(view)
    expect(shown.map((row) => [row['file'], row['review'], row['leftovers']])).toEqual([
      ['docs/ahead.md', '– not checked', '– not checked'],
      ['docs/old.md', '– not checked', '– not checked'],
      ['docs/todo.md', '– not checked', '– not checked']
    ])
    const card = (key: string) => view.textContent(`#totals [data-total="${key}"] dd`)
    expect(await card('review')).toBe('– not checked')
    expect(await card('leftovers')).toBe('– not checked')
    expect(await view.getAttribute('#totals [data-total="review"]', 'data-unchecked')).toBe('3')
    expect(await view.getAttribute('#chart-reviews [data-bucket="unchecked"]', 'data-count')).toBe('3')
    expect(await view.getAttribute('#chart-reviews [data-bucket="ok"]', 'data-count')).toBe('0')
    // Filtering by review problem finds none: not checked is not a problem found.
    await view.selectOption('#filter-problem', 'review')
    expect(await rows(view)).toEqual([])
    await view.selectOption('#filter-problem', '')
    await view.goto(pathToFileURL(path.join(folder, 'health.html')).href + '#runbook=' + encodeURIComponent('docs/old.md'))
    await view.waitForSelector('#detail:not([hidden])')
    expect(await view.textContent('#detail-facts [data-fact="review"] dd')).toBe('– not checked')
    expect(await view.textContent('#detail-facts [data-fact="leftovers"] dd')).toBe('– not checked')
  })

  it('reads an owner section of nothing but TODO as no owner, not the template’s example', async () => {
    await view.goto(pathToFileURL(path.join(folder, 'health.html')).href)
    const byFile = new Map((await rows(view)).map((row) => [row['file'], row]))
    expect(byFile.get('docs/todo.md')).toMatchObject({owner: '✗ none', contact: '✗ none'})
    expect(byFile.get('docs/old.md')).toMatchObject({owner: '✓ found', contact: '✓ found'})
  })
})
