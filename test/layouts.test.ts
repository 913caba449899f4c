/**
 * One message where one is due: with no template configured, each runbook
 * is checked against the built-in layout it follows most closely (and every
 * rule reads that choice); a document of another shape gets one
 * `runbook-required-headings` message, and the fix leaves it alone by the
 * same test; a section that says it does not apply, with its reason, needs
 * none of its subsections.
 */

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkLintRunbookRequiredHeadings from 'remark-lint-runbook-required-headings'
import remarkParse from 'remark-parse'
import remarkRunbookFix from 'remark-runbook-fix'
import remarkRunbookTemplate from 'remark-runbook-template'
import {lintRunbook} from 'remark-preset-runbook/api'
import {notApplicableReason, type RunbookLayout} from 'runbook-model'
import {unified, type PluggableList} from 'unified'
import {VFile} from 'vfile'
import reporterGithubActions from 'vfile-reporter-github-actions'
import {describe, expect, it} from 'vitest'
import {fixtures, lint, messagesOf} from './helpers.js'

const read = (fixture: string) => fs.readFileSync(path.join(fixtures, fixture), 'utf8')
const upstream = read('valid/upstream-layout.md')
const complete = read('valid/complete.md')
const otherShape = read('broken/other-shape.md')

const headingReasons = (file: VFile) =>
  file.messages.filter((message) => message.ruleId === 'runbook-required-headings').map((message) => message.reason)

async function lintWith(text: string, options: {template?: unknown; plugins?: PluggableList} = {}): Promise<VFile> {
  return lintRunbook(text, {path: 'runbook.md', ...(options as object)})
}

async function fix(text: string, plugins: PluggableList = []): Promise<VFile> {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(plugins)
    .use(remarkRunbookFix)
    .process(new VFile({value: text, path: 'runbook.md'}))
}

describe('with no template configured', () => {
  it('checks a runbook of the upstream layout against `full`: no heading message', async () => {
    const file = await lintWith(upstream)
    expect(messagesOf(file)).toEqual([])
    expect(file.data.runbookLayout).toEqual({template: 'full', chosen: 'closest'} satisfies RunbookLayout)
  })

  it('checks a runbook of the seed layout against `default`: no heading message', async () => {
    const file = await lintWith(complete)
    expect(messagesOf(file)).toEqual([])
    expect(file.data.runbookLayout).toEqual({template: 'default', chosen: 'closest'})
  })

  it('takes `auto` for no setting', async () => {
    const file = await lintWith(upstream, {template: 'auto'})
    expect(messagesOf(file)).toEqual([])
    expect(file.data.runbookLayout).toEqual({template: 'full', chosen: 'closest'})
  })

  it('gives a tie, and a small or empty runbook, to `default`', async () => {
    // Without its Application Recovery Plan, the seed layout is as close to
    // `full` in sections found, and much closer in sections missing.
    const withoutRecovery = complete.replace(/### Application Recovery Plan\n\n.*\n\n/, '')
    expect((await lintWith(withoutRecovery)).data.runbookLayout?.template).toBe('default')
    expect((await lintWith('')).data.runbookLayout?.template).toBe('default')
    expect((await lintWith('# Billing API\n')).data.runbookLayout?.template).toBe('default')
  })

  it('reports what a runbook of the upstream layout lacks of it, by `full`', async () => {
    const file = await lintWith(upstream.replace(/### Secrets management\n\n.*\n\n/, ''))
    expect(headingReasons(file)).toEqual([
      'Missing required heading `### Secrets management` in `System configuration`, expected it after `Configuration management`'
    ])
  })

  it('only recommends the upstream layout\'s other sections: a copy may leave them out', async () => {
    const file = await lintWith(upstream.replace(/#### Warm periods\n\n.*\n\n/, '').replace(/## Maintenance tasks[^]*?(?=## Failover)/, ''))
    expect(messagesOf(file)).toEqual([])
    expect(file.data.runbookLayout?.template).toBe('full')
  })

  it('has every rule read the chosen layout', async () => {
    // `Tools` is a section of `full` only: the content rules check it too.
    const file = await lintWith(upstream.replace('`ledgerctl` for reconciliation, Grafana and Kibana.', 'TODO'))
    expect(file.messages.length).toBeGreaterThan(0)
    for (const message of file.messages) {
      expect(message.ruleId).toMatch(/^runbook-no-(?:placeholders|empty-sections)$/)
      expect(message.reason).toContain('`Tools`')
    }
    expect(file.data.runbookSummary?.sections.map((section) => section.title)).toContain('Tools')
  })

  it('accepts a configured heading of either built-in layout', async () => {
    const plugins: PluggableList = [[remarkLintRunbookRequiredHeadings, ['error', {optional: ['Application Recovery Plan', 'Warm periods']}]]]
    expect(messagesOf(await lintWith(upstream, {plugins}))).toEqual([])
    expect(messagesOf(await lintWith(complete, {plugins}))).toEqual([])
  })
})

describe('with a template configured', () => {
  it('checks against exactly that template', async () => {
    // The upstream layout's recovery group stands for the seed's recovery
    // plan, which may sit anywhere.
    const file = await lintWith(upstream, {template: 'default'})
    expect(headingReasons(file)).toEqual([])
    expect(file.data.runbookLayout).toEqual({template: 'default', chosen: 'configured'})
    expect(headingReasons(await lintWith(upstream.replace(/## Failover and Recovery procedures[^]*$/, ''), {template: 'default'}))).toEqual([
      'Missing required heading `### Application Recovery Plan` in `Operational tasks`, expected it before `Deployment`'
    ])
    expect(headingReasons(await lintWith(complete, {template: 'full'}))).toEqual([
      'Missing required heading `## Failover and Recovery procedures`, with `### Failover`, expected it after `Operational tasks` (`Application Recovery Plan` is under `Operational tasks`)'
    ])
  })

  it('still rejects a heading that is not in it', async () => {
    const plugins: PluggableList = [[remarkLintRunbookRequiredHeadings, ['error', {optional: ['Warm periods']}]]]
    const file = await lintWith(complete, {template: 'default', plugins})
    expect(file.messages).toHaveLength(1)
    expect(file.messages[0]?.reason).toMatch(/^Unexpected value `"Warm periods"` for option `optional`/)
  })
})

describe('a document of another shape', () => {
  it('gets one heading message, and the other rules still run', async () => {
    const file = await lintWith(otherShape.replace('who leads', 'who leads (ask <insert name>)'))
    expect(messagesOf(file).filter((line) => line.includes('runbook-required-headings'))).toEqual([
      '3:1-3:21 runbook-required-headings Unexpected document with 0 of the 21 sections the `default` runbook layout requires, expected a runbook, or the file in `.remarkignore`'
    ])
    expect(file.messages.map((message) => message.ruleId)).toEqual(['runbook-required-headings', 'runbook-no-placeholders'])
  })

  it('is checked section by section with `minimumCoverage: 0`', async () => {
    const plugins: PluggableList = [[remarkLintRunbookRequiredHeadings, ['error', {minimumCoverage: 0}]]]
    // One message for each missing group, naming its subsections.
    expect(headingReasons(await lintWith(otherShape, {plugins}))).toHaveLength(6)
  })

  it('is a runbook from `minimumCoverage` of the template on', async () => {
    const plugins: PluggableList = [[remarkLintRunbookRequiredHeadings, ['error', {minimumCoverage: 0.5}]]]
    // Two of the six top-level sections and their subsections, 9 of 21, and a section of its own.
    const half =
      complete.replace(/## Security and access control[\s\S]*?(?=## System backup and restore)/, '').replace(/## Monitoring and alerting[\s\S]*$/, '') +
      '\n## Contacts\n\nThe Payments team.\n'
    // Four groups missing: one message each.
    expect(headingReasons(await lintWith(half))).toHaveLength(4)
    expect(headingReasons(await lintWith(half, {plugins}))).toEqual([expect.stringMatching(/^Unexpected document with 9 of the 21 sections /)])
  })

  it('keeps the messages of an empty file, of a title alone, and of template sections alone', async () => {
    // Each of the six groups, once.
    expect(headingReasons(await lintWith(''))).toHaveLength(6)
    expect(headingReasons(await lintWith('# Billing API\n\n<!-- to be written -->\n'))).toHaveLength(6)
    // A copy being filled in, one section at a time (as quick fixes do).
    expect(headingReasons(await lintWith('# Billing API\n\n## Monitoring and alerting\n\n### Metrics\n\nThe Billing dashboard.\n'))).toHaveLength(6)
  })

  it('stops the file on a wrong `minimumCoverage`', async () => {
    for (const value of [-0.1, 2, '0.25', Number.NaN]) {
      const plugins: PluggableList = [[remarkLintRunbookRequiredHeadings, ['error', {minimumCoverage: value}]]]
      const file = await lintWith(complete, {plugins})
      expect(file.messages.map((message) => [message.fatal, message.reason])).toEqual([
        [true, expect.stringMatching(/^Unexpected value `.*` for option `minimumCoverage` of `runbook-required-headings`, expected a share of the template's sections from `0` to `1`, such as `0.25`$/)]
      ])
    }
  })

  it('is left alone by the fix, as the message says, unless `minimumCoverage` is `0`', async () => {
    const untouched = await fix(otherShape)
    expect(String(untouched)).toBe(otherShape)
    expect(untouched.messages.map((message) => message.reason)).toEqual([
      "Not fixed: `runbook.md` has 0 of the template's 21 required sections and headings of its own, so it is not taken for a copy of the template: add the sections by hand, or leave the file out (with `minimumCoverage: 0` for `runbook-required-headings`, the fix adds them)"
    ])
    const fixed = await fix(otherShape, [[remarkLintRunbookRequiredHeadings, ['error', {minimumCoverage: 0}]]])
    expect(String(fixed)).toContain('## Operational tasks')
    expect(headingReasons(fixed)).toEqual([])
  })
})

describe('a section that does not apply', () => {
  it('needs none of its subsections when it gives the reason', async () => {
    expect(messagesOf(await lint({fixture: 'valid/not-applicable.md'}))).toEqual([])
  })

  it('still needs them when it says so without a reason', async () => {
    const bare = read('valid/not-applicable.md').replace(/No backups are required:[^]*?needs\.\n/, 'No backups.\n')
    expect(headingReasons(await lintWith(bare))).toEqual([
      'Missing required heading `### Backup requirements`, expected it at the end of `System backup and restore`',
      'Missing required heading `### Backup procedures`, expected it at the end of `System backup and restore`',
      'Missing required heading `### Restore procedures`, expected it at the end of `System backup and restore`'
    ])
  })

  it('gets nothing inserted by the fix', async () => {
    const text = read('valid/not-applicable.md')
    const file = await fix(text)
    expect(String(file)).toBe(text)
  })

  it('is said the ways runbooks say it', () => {
    const reasons: Array<[string, string | undefined]> = [
      ['N/A: this service stores no data', 'this service stores no data'],
      ['n/a - the site is static', 'the site is static'],
      ['NA (a stateless proxy)', 'a stateless proxy'],
      ['Not applicable: nobody signs in.', 'nobody signs in'],
      ['Not applicable to this service, because it keeps no state', 'because it keeps no state'],
      ['Not required because the database is managed', 'the database is managed'],
      ['Does not apply: the queue is ephemeral', 'the queue is ephemeral'],
      ["This section doesn't apply here — nothing is stored", 'nothing is stored'],
      ['No backups are required: a fresh install is the only restoration needed', 'a fresh install is the only restoration needed'],
      ['There is no need for backups, as the data lives in the repository', 'as the data lives in the repository'],
      ['None: the service has no secrets', 'the service has no secrets'],
      ['Nothing to back up: the service is stateless', 'the service is stateless'],
      ['N/A', undefined],
      ['N/A.', undefined],
      ['N/A: none', undefined],
      ['No backups are required.', undefined],
      ['None of the data is backed up: it is all public', undefined],
      ['Nightly snapshots, kept 30 days.', undefined],
      ['Naming follows the team convention: see the wiki', undefined]
    ]
    for (const [text, reason] of reasons) expect(notApplicableReason(text), text).toBe(reason)
  })
})

describe('reporters', () => {
  it('can say which layout each runbook was checked against', async () => {
    const plugins: PluggableList = [[remarkRunbookTemplate, {template: 'full'}]]
    const configured = await lintWith(complete, {plugins})
    expect(configured.data.runbookLayout).toEqual({template: 'full', chosen: 'configured'})

    const closest = await lintRunbook(upstream, {path: 'ledger.md'})
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-layouts-'))
    const summary = path.join(directory, 'summary.md')
    fs.writeFileSync(summary, '')
    reporterGithubActions([closest, configured], {workspace: process.cwd(), summary})
    const text = fs.readFileSync(summary, 'utf8')
    fs.rmSync(directory, {recursive: true, force: true})
    expect(text).toContain(
      '### Sections of `ledger.md`\n\nChecked against the `full` template, the built-in layout it follows most closely (template `auto`).\n\n| Section | State |'
    )
    expect(text).toContain('### Sections of `runbook.md`\n\nChecked against the `full` template.\n\n| Section | State |')
  })
})

/**
 * The classes of issue 25, each on a runbook written for this project: the
 * template read as a guide, while every real gap stays found.
 */
describe('runbooks as teams write them', () => {
  const folded = read('valid/folded-sections.md')

  it('takes a section\'s own text for the subsections it answers (folded sections)', async () => {
    const file = await lintWith(folded)
    expect(file.data.runbookLayout?.template).toBe('full')
    expect(messagesOf(file)).toEqual([])
    // Without its own text, `Health checks` is empty: one message, which
    // names what it must hold (not one per missing subsection).
    const hollow = folded.replace(/Kubernetes probes call[^]*?too\.\n/, '')
    expect(messagesOf(await lintWith(hollow)).map((line) => line.replace(/^\S+ /, ''))).toEqual([
      'runbook-no-empty-sections Unexpected empty section `Health checks`, expected how the health of the service and its dependencies is checked, in its own text or in `#### Health of dependencies` and `#### Health of service`'
    ])
    // A sentence that leads on to what follows answers nothing.
    const leadIn = folded.replace(/Kubernetes probes call[^]*?too\.\n/, 'The probes are described below.\n')
    expect(headingReasons(await lintWith(leadIn))).toHaveLength(2)
  })

  it('takes a parent\'s own text for the subsections whose subject it names', async () => {
    const monitoring = complete.replace(
      /## Monitoring and alerting\n[^]*?(?=## Operational tasks)/,
      '## Monitoring and alerting\n\nRequest rate and errors on the Billing dashboard; Kubernetes probes `GET /health`, which checks the database and the queue.\n\n'
    )
    expect(messagesOf(await lintWith(monitoring))).toEqual([])
    const silent = monitoring.replace(/Request rate and errors[^\n]*/, 'Alerts go to the on-call phone, day and night.')
    expect(headingReasons(await lintWith(silent))).toEqual([
      'Missing required heading `### Metrics`, expected it at the end of `Monitoring and alerting`',
      'Missing required heading `### Health checks`, expected it at the end of `Monitoring and alerting`'
    ])
    // The owner and the dependencies are sections of their own, whatever the overview says.
    const owner = complete.replace(/### Service owner\n\n.*\n\n/, '').replace('**Service or system name:** Billing API', '**Service or system name:** Billing API, owned by the Payments team')
    expect(headingReasons(await lintWith(owner))).toEqual([
      'Missing required heading `### Service owner` in `Service or system overview`, expected it after `Technical overview`'
    ])
  })

  it('takes a statement that a topic does not apply, written beside, for the rest of the topic', async () => {
    const beside = read('valid/not-applicable-beside.md')
    expect(messagesOf(await lintWith(beside))).toEqual([])
    // An exception that needs a backup is no such statement: the gap stays.
    const exception = beside.replace('beyond the repository itself, because every page is\nrebuilt from it on each merge', 'except the subscriber list, which is in Postgres')
    expect(headingReasons(await lintWith(exception))).toEqual([
      'Missing required heading `### Backup procedures` in `System backup and restore`, expected it after `Backup requirements`',
      'Missing required heading `### Restore procedures` in `System backup and restore`, expected it after `Backup requirements`'
    ])
  })

  it('requires of the upstream layout what a team cannot operate without, and more when configured', async () => {
    // `folded` has no throttling, data flows, resources, batch, power,
    // cleardown or log sections: all recommended.
    const plugins: PluggableList = [[remarkLintRunbookRequiredHeadings, ['error', {required: ['Throttling and partial shutdown']}]]]
    expect(headingReasons(await lintWith(folded, {plugins}))).toEqual([
      'Missing required heading `### Throttling and partial shutdown` in `System characteristics`, expected it after `Hours of operation`'
    ])
    const wrong = await lintWith(folded, {plugins: [[remarkLintRunbookRequiredHeadings, ['error', {required: ['Runbook owner']}]]]})
    expect(wrong.messages.map((message) => [message.fatal, message.reason])).toEqual([
      [true, expect.stringMatching(/^Unexpected value `"Runbook owner"` for option `required` of `runbook-required-headings`, expected a heading of the template/)]
    ])
    // What it cannot operate without stays required: a backup section gone is found.
    const noBackups = folded.replace(/## System backup and restore[^]*?(?=## Monitoring)/, '')
    expect(headingReasons(await lintWith(noBackups))).toEqual([
      'Missing required heading `## System backup and restore`, with `### Backup requirements`, `### Backup procedures` and `### Restore procedures`, expected it after `System configuration`'
    ])
  })

  it('recognises a bare `## Overview` holding the overviews, and an older upstream layout\'s recovery group', async () => {
    const overview = read('valid/overview-house-layout.md')
    expect(messagesOf(await lintWith(overview))).toEqual([])
    // The other `## System overview` first: the one with the overviews under it wins still.
    const swapped = overview.replace(/## Overview\n\n([^]*?)## System overview\n\n(.*\n)\n/, '## System overview\n\n$2\n## Overview\n\n$1')
    expect(swapped.indexOf('## System overview')).toBeLessThan(swapped.indexOf('## Overview'))
    expect(headingReasons(await lintWith(swapped))).toEqual([])
    const older = read('valid/older-upstream-layout.md')
    expect(messagesOf(await lintWith(older, {template: 'default'}))).toEqual([])
  })

  it('reports the parent of subsections written without it once, above them', async () => {
    const text = read('valid/complete.md').replace('## Service or system overview\n\n**Service or system name:** Billing API\n\n', '')
    expect(headingReasons(await lintWith(text))).toEqual([
      'Missing required heading `## Service or system overview` above its subsections, expected it before `Business overview`'
    ])
  })

  it('says what a document of another shape lacks, and how to leave it out, in one short sentence', async () => {
    const [message] = (await lintWith(read('broken/on-call-guide.md'))).messages
    expect(message?.reason.length).toBeLessThanOrEqual(200)
    expect(message?.reason).toContain('.remarkignore')
    expect(message?.reason).not.toMatch(/minimumCoverage|--fix/)
  })
})

describe('runbooks as teams write them: chapters, levels, names and places of their own', () => {
  it('checks a file of one chapter as that chapter, and only when its title is the group', async () => {
    const chapter = await lintWith(read('valid/chapter-file.md'))
    expect(messagesOf(chapter)).toEqual([])
    const sections = chapter.data.runbookSummary!.sections
    expect(sections.find((section) => section.title === 'Service owner')).toMatchObject({state: 'missing', required: false, absence: 'chapter'})
    expect(headingReasons(await lintWith(read('broken/chapter-overview.md')))).toEqual([
      'Missing required heading `## Contributing applications, daemons, services, middleware` in `Service or system overview`, expected it after `Service owner`'
    ])
    // A page titled with a group's other name, holding none of its sections,
    // is no chapter: one section per alert makes it a catalogue of alerts.
    const alerts = await lintWith('# Alerts\n\n## HighCPU\n\nScale the pool up.\n\n## DiskFull\n\nPrune the old images.\n')
    expect(alerts.data.runbookLayout?.template).toBe('alert')
    expect(headingReasons(alerts)).toEqual([])
  })

  it('reads groups written `#` under a `#` title as the top level, and asks for a missing one at that level', async () => {
    const groups = read('valid/groups-as-h1.md')
    expect(messagesOf(await lintWith(groups))).toEqual([])
    const noSecurity = groups.replace(/# Security and access control\n[^]*?(?=# System Configuration Management)/, '')
    expect(headingReasons(await lintWith(noSecurity))).toEqual([
      'Missing required heading `# Security and access control`, with `## Password and PII security`, expected it after `Service or system overview`'
    ])
  })

  it('reads groups written `###` under a `##` title as the top level, and inserts a missing section at its siblings’ level', async () => {
    const text = read('broken/deeper-levels.md')
    const fixed = String(await fix(text, [remarkLintRunbookRequiredHeadings]))
    expect(fixed).toContain('##### Metrics\n\nLatency and queue depth on the Grafana board "parcels".\n\n##### Health checks\n\n###### Health of dependencies\n')
    // Nothing left but the two `TODO:` lines the fix wrote.
    expect(headingReasons(await lintWith(fixed))).toEqual([])
  })

  it('takes a title of the team’s own words for the section whose subject it says, and gives it to the content rules', async () => {
    const file = await lintWith(read('valid/renamed-by-meaning.md'))
    expect(messagesOf(file)).toEqual([])
    const owner = file.data.runbookSummary!.sections.find((section) => section.title === 'Service owner')
    expect(owner).toMatchObject({state: 'filled'})
    expect(owner).not.toHaveProperty('placed')
    // The owner section so named is checked for a way to reach the team.
    const unreachable = read('valid/renamed-by-meaning.md').replace(/Billing Ops squad: [^]*?out-of-hours pages\./, 'The Billing Ops squad.')
    expect(messagesOf(await lintWith(unreachable))).toEqual([
      expect.stringMatching(/ runbook-owner-contact Unexpected `Service Contacts & Notification Methods` section that gives no contact channel/)
    ])
  })

  it('takes a parent’s text for a subsection only when it says that subsection’s subject', async () => {
    expect(headingReasons(await lintWith(read('broken/topical-fold.md')))).toHaveLength(1)
    const passwords = read('broken/topical-fold.md').replace('and all data in the bucket is public.', 'and all data in the bucket is public: nothing personal, and no passwords.')
    expect(messagesOf(await lintWith(passwords))).toEqual([])
  })

  it('says once that headings lack the space after their marks, with the quick fix for the first, and the fix leaves the file alone', async () => {
    const text = read('broken/unspaced-headings.md')
    const [message] = (await lintWith(text)).messages
    expect(message?.expected).toEqual(['## Queue Worker'])
    const fixed = await fix(text, [remarkLintRunbookRequiredHeadings])
    expect(String(fixed)).toBe(text)
    expect(fixed.messages.filter((each) => each.ruleId === 'fix').map((each) => each.reason)).toEqual([
      expect.stringMatching(/^Not fixed: .* has lines written as headings without a space after their `#` marks \(line 1 and 3 more\), which Markdown reads as text: put the space in, then fix again$/)
    ])
  })

  it('still names every gap that no heading gives, spaced or not, beside the one message about the unspaced heading', async () => {
    const file = await lintWith(read('broken/unspaced-gaps.md'))
    const found = file.messages
      .filter((message) => message.ruleId === 'runbook-required-headings')
      .map((message) => `${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.reason}`)
    expect(found).toEqual([
      '57:1 error Unexpected `###Deployment`, which Markdown reads as text, expected a heading: put a space after `###`',
      '13:73 error Missing required heading `### Service owner` in `Service or system overview`, expected it after `Technical overview`',
      '29:55 error Missing required heading `### Secrets management` in `System configuration`, expected it after `Configuration management`',
      '47:1 error Missing required heading `### Metrics` in `Monitoring and alerting`, expected it before `Health checks`',
      '60:1 error Missing required heading `### Troubleshooting` in `Operational tasks`, expected it after `Deployment`'
    ])
    // The fix waits for the space, so the gaps carry no quick fix either.
    expect(file.messages.slice(1).map((message) => message.expected)).toEqual([undefined, undefined, undefined, undefined])
    const spaced = read('broken/unspaced-gaps.md').replace('###Deployment', '### Deployment')
    expect(headingReasons(await lintWith(spaced))).toEqual(found.slice(1).map((line) => line.replace(/^\S+ error /, '')))
  })

  it('tells a runbook of the longer layout with no overview at all once, and not one with any', async () => {
    const none = read('broken/no-overview.md')
    expect(headingReasons(await lintWith(none))).toEqual([
      'Missing required heading `### Business overview` in `Service or system overview`, expected it before `Service owner` (or `### Technical overview`, or text under `Service or system overview`: nothing says what the service is)'
    ])
    const technical = none.replace('### Service owner', '### Technical overview\n\nA CUPS server on one virtual machine.\n\n### Service owner')
    expect(headingReasons(await lintWith(technical))).toEqual([])
    const text = none.replace('**Service or system name:** Label Printer\n', '**Service or system name:** Label Printer\n\nPrints the shipping labels for every parcel that leaves the warehouse.\n')
    expect(headingReasons(await lintWith(text))).toEqual([])
  })
})

describe('runbooks as teams write them', () => {
  const detailed = (file: VFile) =>
    file.messages
      .filter((message) => message.ruleId === 'runbook-required-headings')
      .map((message) => `${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.reason}`)
  const headingsOf = (text: string) => text.split('\n').filter((line) => /^#{1,6} /.test(line))

  it('takes a numbered chapter named after a group’s section for the group, and a section kept anywhere as present', async () => {
    const text = read('broken/numbered-chapters.md')
    expect(detailed(await lintWith(text))).toEqual([
      // A chapter of its own beside the group it belongs to is there, out of place.
      '66:1 error Misplaced heading `## Troubleshooting guide`, expected it, the `Troubleshooting` section, under `Operational tasks`',
      '34:68 error Missing required heading `### Secrets management`, expected it at the end of `Configuration management`'
    ])
    // The fix adds what is missing, never a second copy of what is elsewhere.
    const fixed = String(await fix(text, [remarkLintRunbookRequiredHeadings]))
    expect(headingsOf(fixed)).toEqual([...headingsOf(text).slice(0, 9), '### Secrets management', ...headingsOf(text).slice(9)])
  })

  it('finds the template’s sections under house titles in another group: at most out of place, never missing, and the fix adds nothing', async () => {
    const text = read('broken/house-titles.md')
    expect(detailed(await lintWith(text))).toEqual([
      '41:1 error Misplaced heading `### Backup` under `Operations`, expected `## System backup and restore (Backup Management)` as a top-level section'
    ])
    expect(String(await fix(text, [remarkLintRunbookRequiredHeadings]))).toBe(text)
  })

  it('asks a runbook of its own layout only for what it really lacks, none of its headings speaking of it, and the fix inserts that alone', async () => {
    const text = read('broken/operations-manual.md')
    const file = await lintWith(text)
    // Its security and configuration are no question for a gateway that keeps no state.
    expect(detailed(file)).toEqual(['5:71 error Missing required heading `## Monitoring and alerting`, expected it after `Purpose`'])
    const summary = file.data.runbookSummary!.sections
    expect(summary.find((section) => section.title === 'Metrics')).toMatchObject({state: 'missing', required: false, absence: 'house'})
    expect(summary.find((section) => section.title === 'Deployment')).toEqual({title: 'Deployment', depth: 3, state: 'filled'})
    const fixed = String(await fix(text, [remarkLintRunbookRequiredHeadings]))
    expect(headingsOf(fixed)).toEqual([
      ...headingsOf(text).slice(0, 2),
      '## Monitoring and alerting',
      ...headingsOf(text).slice(2)
    ])
    // Fixed, it is asked for nothing more: what the fix inserted is not yet the team's layout.
    expect(detailed(await lintWith(fixed))).toEqual([])
  })

  it('warns once, without failing the run, about a document of another shape, and says nothing of a README or a page of links', async () => {
    expect(detailed(await lintWith(otherShape))).toEqual([
      '3:1 warning Unexpected document with 0 of the 21 sections the `default` runbook layout requires, expected a runbook, or the file in `.remarkignore`'
    ])
    expect(detailed(await lintRunbook(otherShape, {path: 'docs/README.md'}))).toEqual([])
    expect(detailed(await lintRunbook(otherShape, {path: 'team__handbook__index.md'}))).toEqual([])
    const links = [
      '# Runbooks',
      '',
      'Start with the one for the alert that paged you.',
      '',
      '## Services',
      '',
      '* [Checkout](checkout.md)',
      '* [Search](search.md): the index and its feeders',
      '* [Payments](payments.md)',
      '',
      '## Platform',
      '',
      '* [Kubernetes](platform/kubernetes.md)',
      '* [DNS](platform/dns.md)',
      ''
    ].join('\n')
    expect(detailed(await lintWith(links))).toEqual([])
  })
})

describe('the section summary', () => {
  it('says why a missing section is not required, as the rules read it', async () => {
    const folded = read('valid/folded-sections.md')
    const sections = (await lintWith(folded)).data.runbookSummary!.sections
    const of = (title: string) => sections.find((section) => section.title === title)
    expect(of('Warm periods')).toMatchObject({state: 'missing', required: false, absence: 'recommended'})
    expect(of('Health of service')).toMatchObject({state: 'missing', required: false, absence: 'answered'})
    expect(of('Health checks')).toEqual({title: 'Health checks', depth: 3, state: 'filled'})
    const beside = (await lintWith(read('valid/not-applicable-beside.md'))).data.runbookSummary!.sections
    expect(beside.find((section) => section.title === 'Restore procedures')).toMatchObject({absence: 'not-applicable', required: false})
  })

  it('counts a section of empty headings as empty', async () => {
    const sections = (await lint({fixture: 'broken/empty-subheadings.md'})).data.runbookSummary!.sections
    expect(sections.find((section) => section.title === 'Deployment')?.state).toBe('empty')
  })
})

describe('a service runbook kept in Russian', () => {
  const runbook = (owner: string) =>
    '# Руководство по эксплуатации: сервис счетов\n\n## Обзор сервиса\n\nСервис выставляет счета клиентам каждую ночь.\n\n' +
    owner +
    '## Безопасность и доступ\n\nДоступ только через VPN и SSO.\n\n## Резервное копирование\n\nСнимок базы каждый час, хранится 30 дней.\n\n' +
    '## Мониторинг и оповещения\n\nПанель «Счета» в Grafana; оповещения приходят в PagerDuty.\n\n## Операционные задачи\n\nПерезапуск: `systemctl restart invoices`.\n'

  it('is checked as a runbook of its own layout, not told it is another document', async () => {
    const file = await lintWith(runbook('### Владелец сервиса\n\nКоманда «Биллинг», #billing в Slack.\n\n'))
    expect(file.data.runbookLayout?.template).toBe('default')
    expect(headingReasons(file)).toEqual([])
  })

  it('is asked for the owner it lacks, once', async () => {
    const file = await lintWith(runbook(''))
    expect(headingReasons(file)).toEqual(['Missing required heading `### Service owner`, expected it in the document'])
  })

  it('a document in Russian that says it is no runbook is still of another shape', async () => {
    const file = await lintWith('# Заметки о встрече\n\n## Участники\n\nАнна, Борис.\n\n## Решения\n\nПеренести релиз на пятницу.\n')
    expect(headingReasons(file)).toEqual([
      'Unexpected document with 0 of the 21 sections the `default` runbook layout requires, expected a runbook, or the file in `.remarkignore`'
    ])
  })
})
