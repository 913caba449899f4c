/**
 * The page: one HTML document with its style, its script and its data
 * inline, and a Content-Security-Policy that allows nothing else, so that it
 * makes no request of any kind, opened from disk or from a CI artifact.
 *
 * The overview (totals, charts, the table of runbooks) is written here, so
 * that it reads and prints without the script; the script sorts and filters
 * the table and draws one runbook's detail view from the data
 * (`#runbook-data`) when its link is followed. The ids, classes and data
 * attributes named in the readme are the page's stable structure.
 */

import {createHash} from 'node:crypto'
import type {ContactState, Kind, OwnerState, ReviewState, RunbookFacts, SectionState} from './facts.js'

/** Words and symbols for every state, so that nothing is told by colour alone. */
export const labels = {
  section: {
    filled: '✓ filled',
    placeholder: '◐ placeholders only',
    empty: '○ empty',
    missing: '✗ missing',
    optional: '– not required',
    misplaced: '⚠ misplaced'
  },
  owner: {found: '✓ found', missing: '✗ none', placeholder: '✗ example', 'no-section': '✗ no section', unknown: '? unknown', unchecked: '– not checked', 'not-required': '– not required'},
  contact: {found: '✓ found', missing: '✗ none', 'no-section': '✗ no section', unknown: '? unknown', unchecked: '– not checked', 'not-required': '– not required'},
  review: {
    ok: '✓ ok',
    undated: '– no date',
    /** `ok` when the date is known. */
    okDays: '✓ {days} days ago',
    stale: '✗ {days} days ago',
    overdue: '✗ due {days} days ago',
    future: '✗ {days} days ahead',
    none: '✗ no date',
    invalid: '✗ invalid',
    unchecked: '– not checked'
  },
  /** A figure whose rule did not run (turned off, or the file could not be linted). */
  notChecked: '– not checked',
  kind: {error: '✗ error', warning: '⚠ warning', info: 'ℹ info'}
} as const satisfies {
  section: Record<SectionState | 'optional' | 'misplaced', string>
  owner: Record<OwnerState, string>
  contact: Record<ContactState, string>
  review: Record<ReviewState | 'okDays', string>
  notChecked: string
  kind: Record<Kind, string>
}

export type Labels = typeof labels

/** The columns of the table of runbooks, in order; `first` is the direction of a first click. */
export const columns = [
  {key: 'file', label: 'Runbook', numeric: false, first: 'ascending'},
  {key: 'layout', label: 'Layout', numeric: false, first: 'ascending'},
  {key: 'present', label: 'Sections present', numeric: true, first: 'ascending'},
  {key: 'filled', label: 'Sections filled', numeric: true, first: 'ascending'},
  {key: 'leftovers', label: 'Placeholders left', numeric: true, first: 'descending'},
  {key: 'owner', label: 'Owner', numeric: false, first: 'descending'},
  {key: 'contact', label: 'Contact', numeric: false, first: 'descending'},
  {key: 'review', label: 'Last review', numeric: true, first: 'descending'},
  {key: 'secrets', label: 'Secrets', numeric: true, first: 'descending'},
  {key: 'errors', label: 'Errors', numeric: true, first: 'descending'},
  {key: 'warnings', label: 'Warnings', numeric: true, first: 'descending'}
] as const

/**
 * Rows shown at once, in the current order: a browser lays out a table
 * whole, and 1,000 rows took it a visible moment to sort. The others stay
 * in the page (and in print); a button shows them.
 */
export const rowsShown = 200

/** The problems the table can be filtered by: `data-problems` tokens of each row. */
export const problems = [
  ['finding', 'Any finding'],
  ['error', 'Errors'],
  ['warning', 'Warnings'],
  ['missing', 'Missing sections'],
  ['misplaced', 'Misplaced sections'],
  ['leftovers', 'Placeholders left'],
  ['owner', 'No owner or contact'],
  ['review', 'Review problem'],
  ['secrets', 'Secrets'],
  ['clean', 'No findings']
] as const

/** What the script reads from `#runbook-data`. */
export interface PageData {
  readonly version: 1
  /** `[rule id, documentation URL or null]`; findings point here by index. */
  readonly rules: ReadonlyArray<readonly [string, string | null]>
  /** Section lists of the templates, `[title, depth, 1 for the owner section]`, once each. */
  readonly templates: ReadonlyArray<ReadonlyArray<readonly [string, number, 0 | 1]>>
  readonly runbooks: ReadonlyArray<RunbookData>
}

export interface RunbookData {
  readonly file: string
  readonly layout: string | null
  readonly chosen: 'closest' | 'configured' | null
  /** Index in `templates`, or -1 when the sections were not recorded. */
  readonly template: number
  /** One digit per template section: 0 filled, 1 placeholders only, 2 empty, 3 missing; plus 4 when misplaced (present) or not required (missing). */
  readonly codes: string
  readonly expected: number
  readonly present: number
  readonly filled: number
  readonly leftovers: number
  readonly owner: OwnerState
  readonly contact: ContactState
  readonly review: ReviewState
  readonly reviewDays: number | null
  readonly secrets: number
  readonly secretsUrl: string | null
  /** Figures whose rule did not run: `leftovers`, `secrets`. */
  readonly unchecked: ReadonlyArray<string>
  readonly errors: number
  readonly warnings: number
  readonly infos: number
  /** `[line, column, 0 error | 1 warning | 2 info, rule index, message]` */
  readonly findings: ReadonlyArray<readonly [number | null, number | null, 0 | 1 | 2, number, string]>
}

export interface PageOptions {
  readonly title: string
  readonly version: string
  readonly generated: Date
  /** The section on alerts and their runbooks (`coverage.ts`), when `runbook-alert-coverage` recorded them. */
  readonly coverage?: string | undefined
}

const stateCodes: ReadonlyArray<SectionState> = ['filled', 'placeholder', 'empty', 'missing']
const kindCodes: ReadonlyArray<Kind> = ['error', 'warning', 'info']

export function pageData(facts: ReadonlyArray<RunbookFacts>): PageData {
  const rules: Array<[string, string | null]> = []
  const ruleIndex = new Map<string, number>()
  const templates: Array<Array<[string, number, 0 | 1]>> = []
  const templateIndex = new Map<string, number>()

  const runbooks = facts.map((fact): RunbookData => {
    let template = -1
    let codes = ''
    if (fact.sections) {
      let key = ''
      for (const section of fact.sections) {
        key += section.depth + (section.owner ? '*' : ' ') + section.title + '\n'
        const flagged = section.state === 'missing' ? section.required === false : section.placed === false
        codes += stateCodes.indexOf(section.state) + (flagged ? 4 : 0)
      }
      let index = templateIndex.get(key)
      if (index === undefined) {
        index = templates.push(fact.sections.map((section) => [section.title, section.depth, section.owner ? 1 : 0])) - 1
        templateIndex.set(key, index)
      }
      template = index
    }
    return {
      file: fact.file,
      layout: fact.layout ?? null,
      chosen: fact.chosen ?? null,
      template,
      codes,
      expected: fact.expected,
      present: fact.present,
      filled: fact.filled,
      leftovers: fact.leftovers,
      owner: fact.owner,
      contact: fact.contact,
      review: fact.review,
      reviewDays: fact.reviewDays ?? null,
      secrets: fact.secrets,
      secretsUrl: fact.secretsUrl ?? null,
      unchecked: fact.unchecked,
      errors: fact.errors,
      warnings: fact.warnings,
      infos: fact.infos,
      findings: fact.findings.map((finding) => {
        let rule = ruleIndex.get(finding.rule)
        if (rule === undefined) {
          rule = rules.push([finding.rule, finding.url ?? null]) - 1
          ruleIndex.set(finding.rule, rule)
        } else if (rules[rule]![1] === null && finding.url) {
          rules[rule]![1] = finding.url
        }
        return [finding.line ?? null, finding.column ?? null, kindCodes.indexOf(finding.kind) as 0 | 1 | 2, rule, finding.reason]
      })
    }
  })

  return {version: 1, rules, templates, runbooks}
}

/** The `data-problems` tokens of a runbook. */
export function problemsOf(runbook: RunbookData): string[] {
  const tokens: string[] = []
  if (runbook.errors + runbook.warnings + runbook.infos + runbook.secrets > 0) tokens.push('finding')
  else tokens.push('clean')
  if (runbook.errors > 0) tokens.push('error')
  if (runbook.warnings > 0) tokens.push('warning')
  if (runbook.present < runbook.expected) tokens.push('missing')
  if (misplacedCount(runbook) > 0) tokens.push('misplaced')
  if (runbook.leftovers > 0) tokens.push('leftovers')
  if (ownerProblem(runbook.owner) || ownerProblem(runbook.contact)) tokens.push('owner')
  if (reviewProblem(runbook.review)) tokens.push('review')
  if (runbook.secrets > 0) tokens.push('secrets')
  return tokens
}

/** An owner or contact state that is a problem: not found, where it was checked and known. */
function ownerProblem(state: OwnerState | ContactState): boolean {
  return state !== 'found' && state !== 'unknown' && state !== 'unchecked' && state !== 'not-required'
}

function reviewProblem(state: ReviewState): boolean {
  return state !== 'ok' && state !== 'undated' && state !== 'unchecked'
}

export function reviewLabel(review: ReviewState, days: number | null): string {
  const label = review === 'ok' && days !== null ? labels.review.okDays : labels.review[review]
  return label.replace('{days}', String(days ?? '?'))
}

export function renderPage(data: PageData, options: PageOptions): string {
  const runbooks = data.runbooks
  const json = JSON.stringify(data).replaceAll('<', '\\u003c')
  const script = `(${client.toString()})(${JSON.stringify({labels, ranks: {owner: ownerRanks, contact: ownerRanks}, rowsShown}).replaceAll('<', '\\u003c')})`
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(style)}' '${sha256(noscriptStyle)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')

  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const generated = options.generated.toISOString()

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="vfile-reporter-runbook-html ${escape(options.version)}">
<title>${escape(options.title)}: ${count(runbooks.length, 'runbook')}</title>
<link rel="icon" href="data:,">
<style>${style}</style>
<noscript><style>${noscriptStyle}</style></noscript>
</head>
<body>
<a class="skip" href="#runbooks">Skip to the runbooks</a>
<header>
<h1 id="title">${escape(options.title)}</h1>
<p class="meta">${count(runbooks.length, 'runbook')}, checked by remark-runbook on <time datetime="${generated}">${generated.slice(0, 16).replace('T', ' ')} UTC</time>.</p>
</header>
<main>
<div id="overview">
${renderTotals(runbooks)}
${renderCharts(runbooks)}
<section id="fleet" aria-labelledby="fleet-heading">
<h2 id="fleet-heading">Runbooks</h2>
<div class="filters" role="search" aria-label="Filter the runbooks">
<label>Text <input id="filter-text" type="search" autocomplete="off" placeholder="Path or layout"></label>
<label>Problem <select id="filter-problem">
<option value="">Any runbook</option>
${problems.map(([value, label]) => `<option value="${value}">${escape(label)}</option>`).join('\n')}
</select></label>
<p id="shown" role="status" aria-live="polite">${runbooks.length > rowsShown ? `The first ${rowsShown} of ${runbooks.length} runbooks shown.` : `${count(runbooks.length, 'runbook')} shown.`}</p>
<button type="button" id="show-all"${runbooks.length > rowsShown ? '' : ' hidden'}>Show all ${runbooks.length}</button>
</div>
${renderTable(runbooks)}
${legend}
</section>
${options.coverage ?? ''}
</div>
<section id="detail" aria-labelledby="detail-title" hidden></section>
</main>
<footer><p>Made by <code>vfile-reporter-runbook-html</code> ${escape(options.version)}. The page is self-contained: it loads nothing, and it shows how many secrets a runbook holds, never where or what they are.</p></footer>
<script type="application/json" id="runbook-data">${json}</script>
<script>${script}</script>
</body>
</html>
`
}

const ownerRanks: Record<OwnerState, number> = {found: 0, unknown: 1, unchecked: 1, 'not-required': 1, placeholder: 2, missing: 3, 'no-section': 4}

function renderTable(runbooks: ReadonlyArray<RunbookData>): string {
  const head = columns
    .map(
      (column, index) =>
        `<th scope="col" data-column="${column.key}" data-sort-first="${column.first}"${column.numeric ? ' class="num"' : ''}${index === 0 ? ' aria-sort="ascending"' : ''}><button type="button">${escape(column.label)}<span class="sort-icon" aria-hidden="true">${index === 0 ? '▲' : '↕'}</span></button></th>`
    )
    .join('\n')
  const rows = runbooks.map((runbook, index) => renderRow(runbook, index)).join('\n')
  return `<table id="runbooks">
<caption>One row per runbook. Sort with the column buttons; follow a runbook’s name for its sections and findings.</caption>
<thead><tr>
${head}
</tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}

function renderRow(runbook: RunbookData, index: number): string {
  const known = runbook.template >= 0
  const fraction = (value: number) => (known ? `${value}/${runbook.expected}` : '—')
  const misplaced = misplacedCount(runbook)
  const cells = [
    `<th scope="row" data-column="file"><a href="${escape(detailHash(runbook.file))}">${escape(runbook.file).replaceAll('/', '/<wbr>')}</a></th>`,
    `<td data-column="layout">${runbook.layout ? escape(runbook.layout) + (runbook.chosen === 'closest' ? ' <span class="note">(closest)</span>' : '') : '—'}</td>`,
    numberCell('present', known ? runbook.present : -1, fraction(runbook.present), known && (runbook.present < runbook.expected || misplaced > 0), misplacedNote(misplaced)),
    numberCell('filled', known ? runbook.filled : -1, fraction(runbook.filled), known && runbook.filled < runbook.expected),
    runbook.unchecked.includes('leftovers')
      ? numberCell('leftovers', -1, labels.notChecked, false)
      : numberCell('leftovers', runbook.leftovers, String(runbook.leftovers), runbook.leftovers > 0),
    `<td data-column="owner" data-value="${runbook.owner}"${bad(ownerProblem(runbook.owner))}>${labels.owner[runbook.owner]}</td>`,
    `<td data-column="contact" data-value="${runbook.contact}"${bad(ownerProblem(runbook.contact))}>${labels.contact[runbook.contact]}</td>`,
    `<td data-column="review" data-value="${runbook.review}"${runbook.reviewDays === null ? '' : ` data-days="${runbook.reviewDays}"`} class="num${reviewProblem(runbook.review) ? ' bad' : ''}">${escape(reviewLabel(runbook.review, runbook.reviewDays))}</td>`,
    runbook.unchecked.includes('secrets')
      ? numberCell('secrets', -1, labels.notChecked, false)
      : numberCell('secrets', runbook.secrets, runbook.secrets > 0 ? `⚠ ${runbook.secrets}` : '0', runbook.secrets > 0),
    numberCell('errors', runbook.errors, String(runbook.errors), runbook.errors > 0),
    numberCell('warnings', runbook.warnings, String(runbook.warnings), runbook.warnings > 0)
  ]
  return `<tr data-index="${index}" data-runbook="${escape(runbook.file)}" data-problems="${problemsOf(runbook).join(' ')}"${index >= rowsShown ? ' class="more"' : ''}>${cells.join('')}</tr>`
}

function numberCell(column: string, value: number, text: string, flagged: boolean, note = ''): string {
  return `<td data-column="${column}" data-value="${value}" class="num${flagged ? (column === 'warnings' ? ' warn' : ' bad') : ''}">${escape(text)}${note}</td>`
}

/** Sections present out of place: codes 4 to 6. */
export function misplacedCount(runbook: RunbookData): number {
  let count = 0
  for (const code of runbook.codes) if (code === '4' || code === '5' || code === '6') count++
  return count
}

function misplacedNote(count: number): string {
  return count > 0 ? `<br><span class="note" data-misplaced="${count}">⚠ ${count} misplaced</span>` : ''
}

function bad(flagged: boolean): string {
  return flagged ? ' class="bad"' : ''
}

export function detailHash(file: string): string {
  return '#runbook=' + encodeURIComponent(file)
}

function renderTotals(runbooks: ReadonlyArray<RunbookData>): string {
  let errors = 0
  let warnings = 0
  let secrets = 0
  let leftovers = 0
  let expected = 0
  let filled = 0
  let missing = 0
  const withProblem = new Map<string, number>()
  for (const runbook of runbooks) {
    errors += runbook.errors
    warnings += runbook.warnings
    secrets += runbook.secrets
    leftovers += runbook.leftovers
    expected += runbook.expected
    filled += runbook.filled
    missing += runbook.expected - runbook.present
    for (const token of problemsOf(runbook)) withProblem.set(token, (withProblem.get(token) ?? 0) + 1)
  }
  const among = (token: string) => {
    const n = withProblem.get(token) ?? 0
    return `<span class="note"> in ${n} ${n === 1 ? 'runbook' : 'runbooks'}</span>`
  }
  const percent = expected === 0 ? 100 : Math.floor((filled / expected) * 100)
  // A figure whose rule ran on no runbook is not 0: it was not checked.
  const unchecked = {
    leftovers: runbooks.filter((runbook) => runbook.unchecked.includes('leftovers')).length,
    owner: runbooks.filter((runbook) => runbook.owner === 'unchecked').length,
    review: runbooks.filter((runbook) => runbook.review === 'unchecked').length,
    secrets: runbooks.filter((runbook) => runbook.unchecked.includes('secrets')).length
  }
  const checked = (key: keyof typeof unchecked, html: string) => {
    const n = unchecked[key]
    if (n === 0) return html
    if (n === runbooks.length) return labels.notChecked
    return `${html}<span class="note"> (${n} not checked)</span>`
  }
  const totals: Array<[key: string, label: string, value: number, html: string]> = [
    ['runbooks', 'Runbooks', runbooks.length, String(runbooks.length)],
    ['clean', 'Without findings', withProblem.get('clean') ?? 0, String(withProblem.get('clean') ?? 0)],
    ['errors', 'Errors', errors, errors + among('error')],
    ['warnings', 'Warnings', warnings, warnings + among('warning')],
    ['filled', 'Sections filled', percent, `${percent}%<span class="note"> ${filled} of ${expected}</span>`],
    ['missing', 'Sections missing', missing, missing + among('missing')],
    ['leftovers', 'Placeholders left', leftovers, checked('leftovers', leftovers + among('leftovers'))],
    ['owner', 'No owner or contact', withProblem.get('owner') ?? 0, checked('owner', String(withProblem.get('owner') ?? 0))],
    ['review', 'Review problems', withProblem.get('review') ?? 0, checked('review', String(withProblem.get('review') ?? 0))],
    ['secrets', 'Secrets found', secrets, checked('secrets', secrets + among('secrets'))]
  ]
  const uncheckedOf = (key: string) => (key in unchecked ? unchecked[key as keyof typeof unchecked] : 0)
  return `<section id="totals" aria-labelledby="totals-heading">
<h2 id="totals-heading">Totals</h2>
<dl>
${totals.map(([key, label, value, html]) => `<div data-total="${key}" data-value="${value}"${uncheckedOf(key) > 0 ? ` data-unchecked="${uncheckedOf(key)}"` : ''}><dt>${label}</dt><dd>${html}</dd></div>`).join('\n')}
</dl>
</section>`
}

interface Bar {
  readonly key: string
  readonly label: string
  count: number
}

function renderCharts(runbooks: ReadonlyArray<RunbookData>): string {
  const completeness: Bar[] = [
    {key: '100', label: 'All filled', count: 0},
    {key: '75', label: '75–99%', count: 0},
    {key: '50', label: '50–74%', count: 0},
    {key: '25', label: '25–49%', count: 0},
    {key: '0', label: '0–24%', count: 0},
    {key: 'unknown', label: 'Not recorded', count: 0}
  ]
  const reviews: Bar[] = [
    {key: 'ok', label: 'Within the period', count: 0},
    {key: 'stale-1', label: 'Stale, ≤ 1 year', count: 0},
    {key: 'stale-2', label: 'Stale, 1–2 years', count: 0},
    {key: 'stale-3', label: 'Stale, > 2 years', count: 0},
    {key: 'overdue', label: 'Review-by passed', count: 0},
    {key: 'none', label: 'No valid date', count: 0},
    {key: 'undated', label: 'No date (not required)', count: 0},
    {key: 'unchecked', label: 'Not checked', count: 0}
  ]
  for (const runbook of runbooks) {
    let bucket = 5
    if (runbook.template >= 0) {
      const share = runbook.expected === 0 ? 1 : runbook.filled / runbook.expected
      bucket = share >= 1 ? 0 : share >= 0.75 ? 1 : share >= 0.5 ? 2 : share >= 0.25 ? 3 : 4
    }
    completeness[bucket]!.count++
    const days = runbook.reviewDays ?? 0
    const review =
      runbook.review === 'unchecked'
        ? 7
        : runbook.review === 'undated'
        ? 6
        : runbook.review === 'ok'
        ? 0
        : runbook.review === 'stale'
          ? days <= 365
            ? 1
            : days <= 730
              ? 2
              : 3
          : runbook.review === 'overdue'
            ? 4
            : 5
    reviews[review]!.count++
  }
  return `<section id="charts" aria-labelledby="charts-heading">
<h2 id="charts-heading">Completeness and reviews</h2>
<div class="charts">
${barChart('chart-completeness', 'How complete the runbooks are', 'Runbooks by the share of their template’s sections that are filled', completeness)}
${barChart('chart-reviews', 'How old the reviews are', 'Runbooks by what runbook-review-date reported about their last review', reviews)}
</div>
</section>`
}

function barChart(id: string, title: string, description: string, bars: ReadonlyArray<Bar>): string {
  const max = bars.reduce((most, bar) => Math.max(most, bar.count), 1)
  const rowHeight = 22
  const labelWidth = 130
  const barWidth = 190
  const height = bars.length * rowHeight + 4
  const words = bars.map((bar) => `${bar.label}: ${bar.count}`).join('; ')
  const rows = bars
    .map((bar, index) => {
      const y = index * rowHeight + 2
      const width = bar.count === 0 ? 0 : Math.max(2, Math.round((bar.count / max) * barWidth))
      return `<g data-bucket="${bar.key}" data-count="${bar.count}"><text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escape(bar.label)}</text><rect class="bar" x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 6}"></rect><text x="${labelWidth + width + 6}" y="${y + 15}">${bar.count}</text></g>`
    })
    .join('')
  return `<figure id="${id}">
<figcaption>${escape(title)}</figcaption>
<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${labelWidth + barWidth + 44} ${height}" width="${labelWidth + barWidth + 44}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${escape(description)}</title><desc id="${id}-desc">${escape(words)}</desc>${rows}</svg>
</figure>`
}

const legend = `<details id="legend">
<summary>What the columns mean</summary>
<dl>
<div><dt>Layout</dt><dd>The template the runbook was checked against; <em>(closest)</em> when none was configured and this built-in layout is the one the runbook follows most closely.</dd></div>
<div><dt>Sections present, filled</dt><dd>Of the template’s sections the runbook must have (and the optional ones it has): how many it has, and how many have content of their own beyond template text.</dd></div>
<div><dt>Placeholders left</dt><dd>The template’s prompts, examples and guidance, and markers such as <code>TODO</code> or <code>TBD</code>, still in place (<code>runbook-no-placeholders</code>).</dd></div>
<div><dt>Owner, Contact</dt><dd>Whether the owner section names a team or person, and a way to reach them (<code>runbook-owner-contact</code>): ✓ found, ✗ none, ✗ example (the template’s), ✗ no section, – not required (an optional section, such as an alert runbook’s Escalation, left out), ? unknown (not recorded).</dd></div>
<div><dt>Last review</dt><dd>What <code>runbook-review-date</code> reported: ✓ days since a review within the period, – no date (where none is required), ✗ days since a review older than allowed, ✗ a review-by date passed, ✗ a date in the future, no date, or an invalid one.</dd></div>
<div><dt>Secrets</dt><dd>How many credentials <code>runbook-no-secrets</code> found. This page never shows them, nor where they are: run the lint on the file.</dd></div>
<div><dt>– not checked</dt><dd>The rule behind the figure did not run on the runbook: it is turned off in the configuration, or the file could not be linted. Not a clean result.</dd></div>
</dl>
</details>`

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')
}

function sha256(text: string): string {
  return 'sha256-' + createHash('sha256').update(text, 'utf8').digest('base64')
}

/** Without the script, every row shows. */
const noscriptStyle = '#runbooks tr.more{display:table-row!important}'

const style = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--head:#f6f8fa;--bad:#b3261e;--bad-bg:#fdecea;--warn-bg:#fff5cc;--bar:#0969da;--focus:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--head:#151b23;--bad:#ff8a80;--bad-bg:#3b1716;--warn-bg:#3a2d0b;--bar:#4493f8;--focus:#4493f8}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1400px;margin:0 auto;padding:0 16px}
h1{font-size:1.6rem;margin:16px 0 2px}
h2{font-size:1.2rem;margin:20px 0 8px}
h3{font-size:1.05rem;margin:18px 0 6px}
a{color:var(--bar)}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px}
.meta,.note,footer{color:var(--muted)}
.note{font-weight:normal;font-size:.9em}
#totals dl{display:flex;flex-wrap:wrap;gap:8px;margin:0}
#totals dl>div{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:8em}
#totals dt{color:var(--muted);font-size:.85em}
#totals dd{margin:0;font-size:1.35em;font-weight:600;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:12px}
figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px 12px}
figcaption{font-weight:600;margin-bottom:4px}
svg{max-width:100%;height:auto}
svg text{fill:currentColor;font-size:12px}
svg .bar{fill:var(--bar)}
.filters{display:flex;flex-wrap:wrap;gap:16px;align-items:center;margin:0 0 8px}
.filters label{display:flex;gap:6px;align-items:center;font-weight:600}
.filters input,.filters select{font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg)}
.filters input{width:18em}
#shown{margin:0;color:var(--muted)}
table{border-collapse:collapse;width:100%}
caption{text-align:left;color:var(--muted);padding:0 0 6px}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
tbody th{font-weight:normal;overflow-wrap:break-word;min-width:11em}
thead th{position:sticky;top:0;background:var(--head);z-index:1;vertical-align:bottom}
thead th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:2px 0;margin:0;cursor:pointer;text-align:inherit}
.sort-icon{margin-left:4px}
.sort-icon{color:var(--muted);font-size:.8em}
th[aria-sort] .sort-icon{color:var(--fg)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
thead th.num{white-space:normal}
@media (max-width:900px){#fleet{overflow-x:auto}thead th{position:static}}
td.bad{background:var(--bad-bg)}
td.warn{background:var(--warn-bg)}
tbody tr:hover{background:var(--head)}
tr[hidden]{display:none}
#runbooks:not(.all) tr.more{display:none}
#show-all{font:inherit;padding:2px 10px;border:1px solid var(--line);border-radius:4px;background:var(--head);color:var(--fg);cursor:pointer}
#legend{margin:12px 0;color:var(--muted)}
#legend dt{font-weight:600;color:var(--fg)}
#legend dd{margin:0 0 6px 0}
#detail dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
#detail dl.facts dt{color:var(--muted)}
#detail dl.facts dd{margin:0}
#detail dl.facts>div{display:contents}
#detail-title:focus{outline:none}
#detail table{width:auto;min-width:50%}
#detail-sections tr[data-state="filled"] td{color:inherit}
#detail-sections tr[data-state="missing"] td,#detail-sections tr[data-placed="false"] td{background:var(--bad-bg)}
#detail-sections tr[data-state="placeholder"] td,#detail-sections tr[data-state="empty"] td{background:var(--warn-bg)}
#detail-sections th.depth-3{padding-left:28px}#detail-sections th.depth-4{padding-left:48px}#detail-sections th.depth-5{padding-left:68px}#detail-sections th.depth-6{padding-left:88px}
#detail-findings td:last-child{max-width:60em}
footer{margin-top:24px;padding-bottom:16px;font-size:.9em}
@media print{
:root{--fg:#000;--muted:#444;--bg:#fff;--line:#999;--head:#eee;--bad-bg:transparent;--warn-bg:transparent;--bar:#555}
body{font-size:9pt}
header,main,footer{max-width:none;padding:0}
.filters,.sort-icon,.skip,#back{display:none}
thead th{position:static}
thead{display:table-header-group}
tr,figure,#totals dl>div{break-inside:avoid}
a{color:inherit;text-decoration:none}
#legend{display:block}
#legend>summary{list-style:none;font-weight:600}
#runbooks tr.more:not([hidden]){display:table-row}
}
`

/**
 * The page's script, inlined as this function's source: it must use
 * nothing from outside its body but the `setup` it is called with.
 */
function client(setup: {
  labels: Labels
  ranks: {owner: Record<string, number>; contact: Record<string, number>}
  rowsShown: number
}): void {
  const {labels} = setup
  const data = JSON.parse(document.getElementById('runbook-data')!.textContent!) as PageData
  const table = document.getElementById('runbooks') as HTMLTableElement
  const body = table.tBodies[0]!
  const rows = Array.from(body.rows)
  const runbooks = data.runbooks
  const overview = document.getElementById('overview')!
  const detail = document.getElementById('detail')!
  const shown = document.getElementById('shown')!
  const textFilter = document.getElementById('filter-text') as HTMLInputElement
  const problemFilter = document.getElementById('filter-problem') as HTMLSelectElement
  const headers = Array.from(table.tHead!.rows[0]!.cells)
  const states = ['filled', 'placeholder', 'empty', 'missing'] as const
  const kinds = ['error', 'warning', 'info'] as const

  // Sort keys, once: strings become their rank in collation order, so a
  // sort only compares numbers.
  const collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'})
  const rankOf = (values: string[]): number[] => {
    const order = values.map((_, index) => index).sort((a, b) => collator.compare(values[a]!, values[b]!))
    const ranks = new Array<number>(values.length)
    order.forEach((index, rank) => (ranks[index] = rank))
    return ranks
  }
  const fileRank = rankOf(runbooks.map((runbook) => runbook.file))
  const reviewRank = (runbook: RunbookData): number => {
    const days = runbook.reviewDays ?? 0
    // Within `ok`, older reviews after newer ones (`days` is a count of days, far below a million).
    return runbook.review === 'unchecked' ? -1 : runbook.review === 'undated' ? -0.5 : runbook.review === 'ok' ? days / 1e6 : runbook.review === 'future' ? 0.5 : runbook.review === 'invalid' ? 1e7 : runbook.review === 'none' ? 1e7 + 1 : 1 + days
  }
  const share = (value: number, runbook: RunbookData) => (runbook.template < 0 ? -1 : runbook.expected === 0 ? 1 : value / runbook.expected)
  const keys: Record<string, number[]> = {
    file: fileRank,
    layout: rankOf(runbooks.map((runbook) => runbook.layout ?? '\uffff')),
    present: runbooks.map((runbook) => share(runbook.present, runbook)),
    filled: runbooks.map((runbook) => share(runbook.filled, runbook)),
    leftovers: runbooks.map((runbook) => runbook.leftovers),
    owner: runbooks.map((runbook) => setup.ranks.owner[runbook.owner] ?? 0),
    contact: runbooks.map((runbook) => setup.ranks.contact[runbook.contact] ?? 0),
    review: runbooks.map(reviewRank),
    secrets: runbooks.map((runbook) => runbook.secrets),
    errors: runbooks.map((runbook) => runbook.errors),
    warnings: runbooks.map((runbook) => runbook.warnings)
  }
  const searchText = runbooks.map((runbook) => (runbook.file + '\n' + (runbook.layout ?? '')).toLowerCase())
  const problemSets = rows.map((row) => new Set((row.dataset['problems'] ?? '').split(' ')))

  let sortColumn = 'file'
  let sortDirection: 'ascending' | 'descending' = 'ascending'
  const showAll = document.getElementById('show-all') as HTMLButtonElement
  let visible = rows.length
  let order = rows.map((_, index) => index)
  let all = false

  function sortBy(column: string, direction: 'ascending' | 'descending'): void {
    const key = keys[column]
    if (!key) return
    const sign = direction === 'ascending' ? 1 : -1
    order = rows.map((_, index) => index)
    order.sort((a, b) => (key[a]! - key[b]!) * sign || fileRank[a]! - fileRank[b]!)
    const fragment = document.createDocumentFragment()
    for (const index of order) fragment.append(rows[index]!)
    body.append(fragment)
    sortColumn = column
    sortDirection = direction
    for (const header of headers) {
      const icon = header.querySelector('.sort-icon')
      if (header.dataset['column'] === column) {
        header.setAttribute('aria-sort', direction)
        if (icon) icon.textContent = direction === 'ascending' ? '▲' : '▼'
      } else {
        header.removeAttribute('aria-sort')
        if (icon) icon.textContent = '↕'
      }
    }
    limit()
  }

  function filter(): void {
    const text = textFilter.value.trim().toLowerCase()
    const problem = problemFilter.value
    visible = 0
    rows.forEach((row, index) => {
      const show = (!text || searchText[index]!.includes(text)) && (!problem || problemSets[index]!.has(problem))
      if (row.hidden === show) row.hidden = !show
      if (show) visible++
    })
    limit()
  }

  /** Only the first rows matching, in order, are laid out, unless all are asked for. */
  function limit(): void {
    let count = 0
    for (const index of order) {
      const row = rows[index]!
      if (!row.hidden) count++
      row.classList.toggle('more', count > setup.rowsShown)
    }
    table.classList.toggle('all', all)
    showAll.hidden = visible <= setup.rowsShown
    showAll.textContent = all ? `Show the first ${setup.rowsShown}` : `Show all ${visible}`
    announce()
  }

  function announce(): void {
    const header = headers.find((cell) => cell.dataset['column'] === sortColumn)
    const name = header?.querySelector('button')?.firstChild?.textContent ?? sortColumn
    const count = all || visible <= setup.rowsShown ? `${visible} of ${rows.length}` : `The first ${setup.rowsShown} of ${visible}${visible < rows.length ? ` matching (${rows.length} in all)` : ''}`
    shown.textContent = `${count} ${rows.length === 1 ? 'runbook' : 'runbooks'} shown, sorted by ${name}, ${sortDirection}.`
  }

  for (const header of headers) {
    header.querySelector('button')?.addEventListener('click', () => {
      const column = header.dataset['column']!
      const first = header.dataset['sortFirst'] === 'descending' ? 'descending' : 'ascending'
      const next = column === sortColumn ? (sortDirection === 'ascending' ? 'descending' : 'ascending') : first
      sortBy(column, next)
    })
  }
  showAll.addEventListener('click', () => {
    all = !all
    limit()
  })
  textFilter.addEventListener('input', filter)
  problemFilter.addEventListener('change', filter)

  // The detail view of one runbook, drawn from the data when its link is followed.
  const byFile = new Map(runbooks.map((runbook, index) => [runbook.file, index]))
  let lastDetail: string | undefined

  function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag)
    if (text !== undefined) node.textContent = text
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
    return node
  }

  /** A message's cell, its `quoted` parts as code. */
  function withCode(reason: string): HTMLElement {
    const cell = element('td')
    reason.split('`').forEach((part, index, parts) => {
      // An odd number of backticks: the last one is text.
      if (index % 2 === 1 && index < parts.length - 1) cell.append(element('code', part))
      else cell.append((index % 2 === 1 ? '`' : '') + part)
    })
    return cell
  }

  function ruleLink(index: number): Node {
    const [id, url] = data.rules[index] ?? ['remark', null]
    const code = element('code', id)
    if (!url) return code
    const link = element('a', undefined, {href: url})
    link.append(code)
    return link
  }

  function showDetail(file: string): boolean {
    const index = byFile.get(file)
    if (index === undefined) return false
    const runbook = runbooks[index]!
    detail.replaceChildren()
    const back = element('p', undefined, {id: 'back'})
    back.append(element('a', '← All runbooks', {href: '#'}))
    const title = element('h2', runbook.file, {id: 'detail-title', tabindex: '-1'})
    detail.append(back, title)

    const facts = element('dl', undefined, {class: 'facts', id: 'detail-facts'})
    const fact = (name: string, label: string, value: string) => {
      const wrap = element('div', undefined, {'data-fact': name})
      wrap.append(element('dt', label), element('dd', value))
      facts.append(wrap)
    }
    const known = runbook.template >= 0
    fact('layout', 'Layout', runbook.layout ? runbook.layout + (runbook.chosen === 'closest' ? ' (closest)' : '') : '—')
    fact('present', 'Sections present', known ? `${runbook.present} of ${runbook.expected}` : 'not recorded')
    fact('filled', 'Sections filled', known ? `${runbook.filled} of ${runbook.expected}` : 'not recorded')
    fact('leftovers', 'Placeholders left', runbook.unchecked.includes('leftovers') ? labels.notChecked : String(runbook.leftovers))
    fact('owner', 'Owner', labels.owner[runbook.owner])
    fact('contact', 'Contact', labels.contact[runbook.contact])
    fact(
      'review',
      'Last review',
      (runbook.review === 'ok' && runbook.reviewDays !== null ? labels.review.okDays : labels.review[runbook.review]).replace(
        '{days}',
        String(runbook.reviewDays ?? '?')
      )
    )
    fact('secrets', 'Secrets', runbook.unchecked.includes('secrets') ? labels.notChecked : String(runbook.secrets))
    fact('errors', 'Errors', String(runbook.errors))
    fact('warnings', 'Warnings', String(runbook.warnings))
    detail.append(facts)

    detail.append(element('h3', 'Sections', {id: 'detail-sections-heading'}))
    const template = data.templates[runbook.template]
    if (!template) {
      detail.append(element('p', 'The sections of this runbook were not recorded (it was not linted with remark-preset-runbook).'))
    } else {
      const sections = element('table', undefined, {id: 'detail-sections'})
      sections.append(element('caption', `In the order of the ${runbook.layout ?? 'configured'} template.`))
      const head = element('thead')
      const headRow = element('tr')
      headRow.append(element('th', 'Section', {scope: 'col'}), element('th', 'State', {scope: 'col'}))
      head.append(headRow)
      const rowsBody = element('tbody')
      const top = template.reduce((least, entry) => Math.min(least, entry[1]), 6)
      template.forEach(([sectionTitle, depth, owner], position) => {
        const code = Number(runbook.codes.charAt(position))
        const state = states[code % 4]!
        const flagged = code >= 4
        const row = element('tr', undefined, {'data-state': state})
        if (flagged) row.setAttribute(state === 'missing' ? 'data-required' : 'data-placed', 'false')
        if (owner) row.setAttribute('data-owner', 'true')
        const name = element('th', sectionTitle, {scope: 'row', class: 'depth-' + (depth - top + 2)})
        let words: string = state === 'missing' && flagged ? labels.section.optional : labels.section[state]
        if (state !== 'missing' && flagged) words += ', ' + labels.section.misplaced
        row.append(name, element('td', words))
        rowsBody.append(row)
      })
      sections.append(head, rowsBody)
      detail.append(sections)
    }

    detail.append(element('h3', 'Findings', {id: 'detail-findings-heading'}))
    if (runbook.secrets > 0) {
      const secrets = element('p', undefined, {id: 'detail-secrets'})
      secrets.append(
        `⚠ ${runbook.secrets} ${runbook.secrets === 1 ? 'secret' : 'secrets'} found by `,
        runbook.secretsUrl ? element('a', 'runbook-no-secrets', {href: runbook.secretsUrl}) : element('code', 'runbook-no-secrets'),
        ': not shown here. Run the lint on this file to see where, then remove and rotate them.'
      )
      detail.append(secrets)
    }
    if (runbook.findings.length === 0) {
      detail.append(element('p', runbook.secrets > 0 ? 'No other findings.' : 'No findings.', {id: 'detail-no-findings'}))
    } else {
      const findings = element('table', undefined, {id: 'detail-findings'})
      const head = element('thead')
      const headRow = element('tr')
      for (const name of ['Line', 'Severity', 'Rule', 'Message']) headRow.append(element('th', name, {scope: 'col'}))
      head.append(headRow)
      const findingsBody = element('tbody')
      for (const [line, column, kind, rule, reason] of runbook.findings) {
        const row = element('tr', undefined, {'data-kind': kinds[kind]!, 'data-rule': data.rules[rule]?.[0] ?? ''})
        const place = element('td', line === null ? '—' : column === null ? String(line) : `${line}:${column}`, {class: 'num'})
        const ruleCell = element('td')
        ruleCell.append(ruleLink(rule))
        row.append(place, element('td', labels.kind[kinds[kind]!]), ruleCell, withCode(reason))
        findingsBody.append(row)
      }
      findings.append(head, findingsBody)
      detail.append(findings)
    }

    overview.hidden = true
    detail.hidden = false
    document.title = `${runbook.file} – ${baseTitle}`
    title.focus()
    window.scrollTo(0, 0)
    lastDetail = file
    return true
  }

  const baseTitle = document.title
  function route(): void {
    const match = /^#runbook=(.*)$/.exec(location.hash)
    let file: string | undefined
    try {
      file = match ? decodeURIComponent(match[1]!) : undefined
    } catch {
      file = undefined
    }
    if (file !== undefined && showDetail(file)) return
    document.title = baseTitle
    detail.hidden = true
    detail.replaceChildren()
    overview.hidden = false
    if (lastDetail !== undefined) {
      const row = rows[byFile.get(lastDetail) ?? -1]
      row?.querySelector('a')?.focus()
      lastDetail = undefined
    }
  }
  window.addEventListener('hashchange', route)
  // On paper, the legend is open.
  const legend = document.getElementById('legend') as HTMLDetailsElement | null
  let legendWasOpen = false
  window.addEventListener('beforeprint', () => {
    legendWasOpen = legend?.open ?? false
    if (legend) legend.open = true
  })
  window.addEventListener('afterprint', () => {
    if (legend) legend.open = legendWasOpen
  })
  limit()
  route()
}
