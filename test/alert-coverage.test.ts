/**
 * `runbook-alert-coverage`: Prometheus rule files and their runbooks read
 * together. First the rule on one file at a time (as the API runs it): the
 * shapes of real rule files, where links lead, anchors, pages, and bad
 * input. Then whole runs through the real commands, `remark` and
 * `remark-runbook`, on the team's repository of `alert-repository.ts`.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkLintRunbookAlertCoverage, {type CoverageSummary} from 'remark-lint-runbook-alert-coverage'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {engine} from 'unified-engine'
import {remark} from 'remark'
import remarkPresetRunbook from 'remark-preset-runbook'
import {VFile} from 'vfile'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {formatPlace} from '../scripts/rule-docs.js'
import {alertFindings, coverageOnly, writeAlertRepository} from './alert-repository.js'
import {root, toolEnv} from './helpers.js'
import {findingsFromCommands, findingsFromJson, findingsFromTerminal} from './team-repository.js'
import {parseCommands} from './workflow-commands.js'
import type {Log} from 'sarif'

let scratch: string
let count = 0

beforeAll(() => {
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-alert-coverage-')))
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

/** A repository of `files` (with a `.remarkrc.json`, which makes its folder the one paths are relative to). */
function repository(files: Record<string, string | Buffer>): string {
  const directory = path.join(scratch, `repository-${++count}`)
  for (const [name, text] of Object.entries({'.remarkrc.json': '{"plugins": []}\n', ...files})) {
    fs.mkdirSync(path.dirname(path.join(directory, name)), {recursive: true})
    fs.writeFileSync(path.join(directory, name), text)
  }
  return directory
}

interface Checked {
  /** `file line:column reason` of each message, the rule file's or the page's. */
  messages: string[]
  fatal: Array<boolean | null | undefined>
  summary: CoverageSummary | undefined
}

/** Run the rule on the page `page` of `directory` (its text from disk unless given), as the API does. */
async function check(directory: string, page: string, options: unknown, text?: string): Promise<Checked> {
  const file = new VFile({path: page, cwd: directory, value: text ?? readOr(path.join(directory, page), '# Page\n')})
  const processor = unified().use(remarkParse).use(remarkFrontmatter).use(remarkLintRunbookAlertCoverage, options)
  try {
    await processor.run(processor.parse(file), file)
  } catch {
    // A configuration error stops the file: its message is there.
  }
  return {
    messages: file.messages.map((message) => `${message.file} ${formatPlace(message)} ${message.reason}`),
    fatal: file.messages.map((message) => message.fatal),
    summary: file.data.runbookAlertCoverage
  }
}

function readOr(file: string, fallback: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : fallback
}

const page = (title: string) => `# ${title}\n\n## Meaning\n\nIt fired.\n\n## Mitigation\n\nRestart it: \`systemctl restart it\`.\n`

const rule = (name: string, annotations: string, severity = 'critical') =>
  `      - alert: ${name}\n        expr: up == 0\n        labels:\n          severity: ${severity}\n${annotations ? `        annotations:\n${annotations}` : ''}`

const groups = (...rules: string[]) => `groups:\n  - name: example\n    rules:\n${rules.join('')}`

const options = {alertRules: 'rules/*.yaml', runbookUrls: {'https://runbooks.example.org/': 'runbooks/'}}

describe('rule files', () => {
  it('reads plain rule files, PrometheusRule objects among other documents, Lists and quoted keys; recording rules are no alerts', async () => {
    const directory = repository({
      'rules/plain.yaml': groups(rule('Plain', '          runbook_url: https://runbooks.example.org/Plain\n')) + '      - record: job:up:sum\n        expr: sum(up)\n',
      'rules/objects.yaml': [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n',
        'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: a\nspec:\n  groups:\n    - name: a\n      rules:\n        - alert: FromObject\n          expr: up == 0\n          annotations:\n            runbook_url: https://runbooks.example.org/FromObject\n',
        'apiVersion: v1\nkind: List\nitems:\n  - kind: PrometheusRule\n    spec:\n      groups:\n        - name: b\n          rules:\n            - "alert": "Quoted"\n              "annotations":\n                "runbook_url": "https://runbooks.example.org/Quoted"\n'
      ].join('---\n'),
      'runbooks/Plain.md': page('Plain'),
      'runbooks/FromObject.md': page('FromObject'),
      'runbooks/Quoted.md': page('Quoted')
    })
    const result = await check(directory, 'runbooks/Plain.md', options)
    expect(result.messages).toEqual([])
    expect(result.summary?.alerts.map((alert) => [alert.name, alert.state])).toEqual([
      ['FromObject', 'unchecked'],
      ['Quoted', 'unchecked'],
      ['Plain', 'unchecked']
    ])
    expect(result.summary?.ruleFiles).toEqual([
      {file: 'rules/objects.yaml', alerts: 2},
      {file: 'rules/plain.yaml', alerts: 1}
    ])
  })

  it('reports an alert without a runbook link at its name, for the severities that need one, naming a page that would do', async () => {
    const directory = repository({
      'rules/a.yaml': groups(rule('Critical', ''), rule('Informational', '', 'info'), rule('Named', '')),
      'runbooks/Named.md': page('Named')
    })
    const all = await check(directory, 'runbooks/Named.md', options)
    expect(all.messages).toEqual([
      'rules/a.yaml 4:16-4:24 Unexpected alert `Critical` (`rules/a.yaml`) without a runbook, expected a `runbook_url` or `runbook` annotation',
      'rules/a.yaml 8:16-8:29 Unexpected alert `Informational` (`rules/a.yaml`) without a runbook, expected a `runbook_url` or `runbook` annotation',
      'rules/a.yaml 12:16-12:21 Unexpected alert `Named` (`rules/a.yaml`) without a runbook, expected a `runbook_url` or `runbook` annotation leading to `runbooks/Named.md`, its runbook'
    ])
    const some = await check(directory, 'runbooks/Named.md', {...options, severities: ['critical'], annotations: ['playbook']})
    expect(some.messages.map((message) => message.split(' (')[0])).toEqual([
      'rules/a.yaml 4:16-4:24 Unexpected alert `Critical`',
      'rules/a.yaml 12:16-12:21 Unexpected alert `Named`'
    ])
    expect(some.messages[0]).toContain('expected a `playbook` annotation')
    expect(some.summary?.alerts.find((alert) => alert.name === 'Informational')?.state).toBe('not-required')
  })

  it('says in one sentence, with the file and line, that YAML is broken, not rules, or binary', async () => {
    const directory = repository({
      'rules/broken.yaml': 'groups:\n  - name: a\n    rules:\n    - alert: A\n      expr: up\n     labels: {}\n',
      'rules/values.yaml': 'replicas: 3\nimage: example\n',
      'rules/binary.yaml': Buffer.from([0x67, 0x00, 0x01]),
      'rules/helm.yaml': 'groups:\n  - name: {{ .Values.name }\n'
    })
    const result = await check(directory, 'page.md', options)
    expect(result.messages).toEqual([
      'rules/binary.yaml 1:1 Cannot read alert rules in `rules/binary.yaml`: it is a binary file',
      'rules/broken.yaml 6:1 Cannot read alert rules in `rules/broken.yaml`: sequence item without - indicator at line 6, column 1',
      'rules/helm.yaml 3:1 Cannot read alert rules in `rules/helm.yaml`: flow map in block collection must be sufficiently indented and end with a } at line 3, column 1',
      'rules/values.yaml 1:1 Unexpected YAML in `rules/values.yaml`, expected Prometheus rules: `groups:`, or a `PrometheusRule` object with `spec.groups`'
    ])
    for (const message of result.messages) expect(message).not.toMatch(/\n|\(node:|\.js:\d+/)
  })

  it('stops with one sentence on a glob that matches nothing, and on invalid options', async () => {
    const directory = repository({'rules/a.yaml': groups(rule('A', ''))})
    const none = await check(directory, 'page.md', {alertRules: ['rule/*.yml']})
    expect(none.messages).toEqual([
      `page.md 1:1 Unexpected value \`["rule/*.yml"]\` for option \`alertRules\` of \`runbook-alert-coverage\`, expected globs of Prometheus rule files, and \`rule/*.yml\` matches no file in \`.\``
    ])
    expect(none.fatal).toEqual([true])
    const cases: Array<[unknown, string]> = [
      [{alertRules: []}, 'Unexpected value `[]` for option `alertRules`'],
      [{alertRules: 'rules/*.yaml', runbookUrls: {'runbooks.example.org': 'runbooks/'}}, 'Unexpected value `{"runbooks.example.org":"runbooks/"}` for option `runbookUrls`'],
      [{alertRules: 'rules/*.yaml', annotations: 'runbook_url'}, 'Unexpected value `"runbook_url"` for option `annotations`'],
      [{alertRules: 'rules/*.yaml', severities: [1]}, 'Unexpected value `[1]` for option `severities`'],
      [{alertRule: 'rules/*.yaml'}, 'Unexpected option `alertRule` for `runbook-alert-coverage`']
    ]
    for (const [given, start] of cases) {
      const result = await check(directory, 'page.md', given)
      expect(result.messages).toHaveLength(1)
      expect(result.messages[0]).toContain(start)
      expect(result.fatal).toEqual([true])
    }
  })

  it('checks nothing without `alertRules`', async () => {
    const directory = repository({'runbooks/Page.md': page('Page')})
    for (const given of [undefined, null, {}, {runbookUrls: {'https://runbooks.example.org/': 'runbooks/'}}]) {
      expect((await check(directory, 'runbooks/Page.md', given)).messages).toEqual([])
    }
  })
})

describe('where a runbook link leads', () => {
  const links: Array<[string, string]> = [
    ['a URL of the mapped site', 'https://runbooks.example.org/Alert'],
    ['the same with .md', 'https://runbooks.example.org/Alert.md'],
    ['a lower-case URL, as static site generators publish pages', 'https://runbooks.example.org/alert/'],
    ['an .html page', 'https://runbooks.example.org/Alert.html'],
    ['a folder, with its _index.md', 'https://runbooks.example.org/group/'],
    ['a GitHub URL at another branch', 'https://github.com/Example/Ops/blob/release-1.2/runbooks/Alert.md'],
    ['a raw GitHub URL', 'https://raw.githubusercontent.com/example/ops/main/runbooks/Alert.md'],
    ['a repository path', 'runbooks/Alert.md'],
    ['a path from the rule file', '../runbooks/Alert.md'],
    ['the alert name as a template', 'https://runbooks.example.org/{{ $labels.alertname }}'],
    ['a URL under no prefix (left alone)', 'https://wiki.example.org/Alert'],
    ['another template (left alone)', 'https://runbooks.example.org/{{ $labels.namespace }}/Alert']
  ]
  for (const [name, link] of links) {
    it(`follows ${name}`, async () => {
      const directory = repository({
        'rules/a.yaml': groups(rule('Alert', `          runbook_url: "${link}"\n`)),
        'runbooks/Alert.md': page('Alert'),
        'runbooks/group/_index.md': '# Alerts of the group\n\nAlert: restart it.\n'
      })
      const result = await check(directory, 'runbooks/Alert.md', {
        ...options,
        runbookUrls: {...options.runbookUrls, 'https://github.com/example/ops/blob/main/': '.'}
      })
      expect(result.messages).toEqual([])
    })
  }

  it('reports a link to no file, saying when only the case differs', async () => {
    const directory = repository({
      'rules/a.yaml': groups(
        rule('Gone', '          runbook_url: https://runbooks.example.org/Gone\n'),
        rule('Cased', '          runbook_url: https://runbooks.example.org/CASED\n')
      ),
      'runbooks/Cased.md': page('Cased')
    })
    const result = await check(directory, 'runbooks/Cased.md', options)
    expect(result.messages).toEqual([
      'rules/a.yaml 9:24-9:57 Unexpected `runbook_url` of `Gone` (`rules/a.yaml`): `runbooks/Gone.md` does not exist, expected a link to a runbook page in the repository',
      'rules/a.yaml 15:24-15:58 Unexpected `runbook_url` of `Cased` (`rules/a.yaml`): `runbooks/CASED.md` does not exist (`runbooks/Cased.md` differs in case, and paths on GitHub are case-sensitive), expected a link to a runbook page in the repository'
    ])
    expect(result.summary?.alerts.map((alert) => alert.state)).toEqual(['dead', 'dead'])
  })
})

describe('anchors', () => {
  const target = [
    '# Shared page',
    '',
    '## Check the disk',
    '',
    '## Check the disk',
    '',
    '<a name="legacy-anchor"></a>',
    '',
    '| Alert | What to do |',
    '| ----- | ---------- |',
    '| TableAlert | Restart it. |',
    ''
  ].join('\n')

  async function anchor(link: string): Promise<string[]> {
    const directory = repository({
      'rules/a.yaml': groups(rule('TableAlert', `          runbook_url: "${link}"\n`)),
      'runbooks/shared.md': target
    })
    return (
      await check(directory, 'runbooks/shared.md', {
        ...options,
        runbookUrls: {...options.runbookUrls, 'https://github.com/example/ops/blob/main/': '.'}
      })
    ).messages
  }

  it('takes GitHub’s slugs, numbered repeats and HTML anchors', async () => {
    expect(await anchor('https://runbooks.example.org/shared#check-the-disk')).toEqual([])
    expect(await anchor('https://runbooks.example.org/shared#check-the-disk-1')).toEqual([])
    expect(await anchor('https://runbooks.example.org/shared#legacy-anchor')).toEqual([])
  })

  it('reads an HTML anchor after a block of `<a ` tags that never close, and none in a tag cut by `<`', async () => {
    const directory = repository({
      'rules/a.yaml': groups(rule('TableAlert', '          runbook_url: "https://runbooks.example.org/shared#nowhere"\n')),
      'runbooks/shared.md': `# Shared page\n\n<div>${'<a \t'.repeat(20_000)}</div>\n\n<a title="x" name="legacy-anchor"></a>\n\n<a <b name="cut"></a>\n\nTableAlert: restart it.\n`
    })
    expect((await check(directory, 'runbooks/shared.md', options)).messages).toEqual([
      'rules/a.yaml 9:24-9:69 Unexpected anchor `#nowhere` in the `runbook_url` of `TableAlert` (`rules/a.yaml`): no heading of `runbooks/shared.md` gives it (the page names `TableAlert`, in no heading), expected one of the page\'s anchors (GitHub\'s heading slugs): `#shared-page`, `#legacy-anchor`'
    ])
  })

  it('takes an anchor in another case on GitHub, which finds it, and not on another site', async () => {
    expect(await anchor('https://github.com/example/ops/blob/main/runbooks/shared.md#Check-The-Disk')).toEqual([])
    expect(await anchor('https://runbooks.example.org/shared#Check-The-Disk')).toEqual([
      'rules/a.yaml 9:24-9:76 Unexpected anchor `#Check-The-Disk` in the `runbook_url` of `TableAlert` (`rules/a.yaml`), expected `#check-the-disk`: a browser at `runbooks.example.org` matches anchors in their case (GitHub alone finds them in any case)'
    ])
  })

  it('reports an anchor no heading gives, and says when the page names the alert elsewhere (a table)', async () => {
    expect(await anchor('https://runbooks.example.org/shared#tablealert')).toEqual([
      'rules/a.yaml 9:24-9:72 Unexpected anchor `#tablealert` in the `runbook_url` of `TableAlert` (`rules/a.yaml`): no heading of `runbooks/shared.md` gives it (the page names `TableAlert`, in no heading), expected one of the page\'s anchors (GitHub\'s heading slugs): `#shared-page`, `#check-the-disk`, `#check-the-disk-1`, `#legacy-anchor`'
    ])
  })
})

describe('runbook pages', () => {
  const directory = () =>
    repository({
      'rules/a.yaml': groups(
        rule('DiskFull', '          runbook_url: https://runbooks.example.org/DiskFull\n'),
        rule('DiskFull', '          runbook_url: https://runbooks.example.org/DiskFull#mitigation\n', 'warning'),
        rule('CPUThrottlingHigh', '          runbook_url: https://runbooks.example.org/CPUThrottlingHigh\n'),
        rule('FirstShared', '          runbook_url: https://runbooks.example.org/shared\n'),
        rule('SecondShared', '          runbook_url: https://runbooks.example.org/shared\n')
      ),
      'runbooks/DiskFull.md': page('DiskFull'),
      'runbooks/CPUThrottlingHigh.md': page('CPU Throttling High'),
      'runbooks/shared.md': '# Shared\n\nFirstShared and SecondShared: restart it.\n',
      'runbooks/README.md': '# Runbooks\n'
    })

  it('takes a title that names the alert, spaced or with other words, and a shared page that names each alert', async () => {
    const repo = directory()
    for (const name of ['runbooks/DiskFull.md', 'runbooks/CPUThrottlingHigh.md', 'runbooks/shared.md', 'runbooks/README.md']) {
      expect((await check(repo, name, options)).messages, name).toEqual([])
    }
    expect((await check(repo, 'runbooks/DiskFull.md', options, '# DiskFull [deprecated]\n')).messages).toEqual([])
    expect((await check(repo, 'runbooks/DiskFull.md', options, '---\ntitle: Disk Full\n---\n\nText.\n')).messages).toEqual([])
  })

  it('reports a title that is another alert’s name, with the name as the fix', async () => {
    const file = new VFile({path: 'runbooks/DiskFull.md', cwd: directory(), value: '# DiskAlmostFull\n\nText.\n'})
    const processor = unified().use(remarkParse).use(remarkLintRunbookAlertCoverage, options)
    await processor.run(processor.parse(file), file)
    expect(file.messages.map((message) => [formatPlace(message), message.reason, message.expected])).toEqual([
      [
        '1:3-1:17',
        'Unexpected title `DiskAlmostFull`, expected the name of the alert whose runbook link leads here, `DiskFull`',
        ['DiskFull']
      ]
    ])
  })

  it('reports a page without a title, and a shared page that does not name an alert', async () => {
    const repo = directory()
    expect((await check(repo, 'runbooks/DiskFull.md', options, '## Meaning\n\nText.\n')).messages).toEqual([
      'runbooks/DiskFull.md 1:1 Unexpected runbook without a title, expected `# DiskFull`, the name of the alert whose runbook link leads here'
    ])
    expect((await check(repo, 'runbooks/shared.md', options, '# Shared\n\nFirstShared: restart it.\n')).messages).toEqual([
      'runbooks/shared.md 1:1-1:9 Unexpected runbook that does not name `SecondShared`, whose runbook link leads here, expected its name in a heading, a table or the text'
    ])
  })

  it('warns, whatever the rule’s severity, of an alert runbook no rule defines or links to', async () => {
    const repo = directory()
    const orphan = await check(repo, 'runbooks/DiskGone.md', ['error', options], page('DiskGone'))
    expect(orphan.messages).toEqual([
      'runbooks/DiskGone.md 1:1-1:11 Unexpected runbook of `DiskGone`, which no alerting rule in `rules/*.yaml` defines or links to, expected the runbook of a current alert (was `DiskGone` renamed or removed?)'
    ])
    expect(orphan.fatal).toEqual([false])
    // Not an alert runbook (a how-to page, an index), or outside the mapped folders: nothing.
    expect((await check(repo, 'runbooks/howTo.md', options, '# How to restart things\n')).messages).toEqual([])
    expect((await check(repo, 'docs/DiskGone.md', options, page('DiskGone'))).messages).toEqual([])
  })
})

describe('titles in words and alerts named in a field', () => {
  const options = {alertRules: ['rules/*.yaml'], runbookUrls: {'https://runbooks.example.org/': 'runbooks/'}}
  const link = (name: string) => `          runbook_url: https://runbooks.example.org/${name}\n`
  const directory = () =>
    repository({
      'rules/a.yaml': groups(
        rule('BillingHighErrorRate', link('BillingHighErrorRate')),
        rule('QueueConsumerLagHigh', link('QueueConsumerLagHigh')),
        rule('VolumeAlmostFull', link('VolumeAlmostFull')),
        rule('VolumeSlowWrites', link('VolumeSlowWrites')),
        rule('BillingDown', link('BillingDown')),
        rule('IngestBacklogGrowing', link('IngestBacklogGrowing')),
        rule('IngestShardsMissing', link('IngestShardsMissing'))
      ),
      ...Object.fromEntries(
        ['BillingHighErrorRate', 'QueueConsumerLagHigh', 'VolumeAlmostFull', 'VolumeSlowWrites', 'BillingDown', 'IngestBacklogGrowing', 'IngestShardsMissing'].map(
          (name) => [`runbooks/${name}.md`, page(name)]
        )
      )
    })
  const title = async (page: string, heading: string) => (await check(directory(), `runbooks/${page}.md`, options, `# ${heading}\n\nText.\n`)).messages

  it('takes a title that says the alert in words, with or without its service, small words and endings aside', async () => {
    expect(await title('BillingHighErrorRate', 'High error rate')).toEqual([])
    expect(await title('BillingHighErrorRate', 'Billing: high error rates')).toEqual([])
    expect(await title('QueueConsumerLagHigh', 'Queue consumer lag is too high')).toEqual([])
    expect(await title('VolumeAlmostFull', 'Volume almost full')).toEqual([])
    expect(await title('VolumeAlmostFull', 'Runbook: volume full')).toEqual([])
    expect(await title('BillingDown', 'Billing is down')).toEqual([])
  })

  it('still reports a title that names another alert or another condition', async () => {
    // Copied from another page: an identifier must be the alert's name itself.
    expect(await title('IngestBacklogGrowing', 'IngestShardsMissing')).toEqual([
      'runbooks/IngestBacklogGrowing.md 1:3-1:22 Unexpected title `IngestShardsMissing`, expected the name of the alert whose runbook link leads here, `IngestBacklogGrowing`'
    ])
    expect(await title('IngestBacklogGrowing', 'IngestBacklog')).toHaveLength(1)
    // Words of a different condition, or only the service's.
    expect(await title('VolumeSlowWrites', 'Volume full')).toEqual([
      'runbooks/VolumeSlowWrites.md 1:3-1:14 Unexpected title `Volume full`, expected the name of the alert whose runbook link leads here, `VolumeSlowWrites`'
    ])
    expect(await title('VolumeSlowWrites', 'Volume')).toHaveLength(1)
    expect(await title('BillingDown', 'Database down')).toHaveLength(1)
    expect(await title('BillingHighErrorRate', 'High latency')).toHaveLength(1)
  })

  it('takes an `Alert:` field or sub-heading that names the alert under a title in words', async () => {
    const repo = directory()
    const text = (field: string) => `# Payments are failing\n\n${field}\n\nText.\n`
    expect((await check(repo, 'runbooks/BillingHighErrorRate.md', options, text('**Alert:** BillingHighErrorRate'))).messages).toEqual([])
    expect((await check(repo, 'runbooks/BillingHighErrorRate.md', options, text('## Alert: BillingHighErrorRate'))).messages).toEqual([])
    expect((await check(repo, 'runbooks/BillingHighErrorRate.md', options, text('## Alert: BillingDown'))).messages).toHaveLength(1)
  })

  it('warns of a page whose `Alert:` field or sub-heading names an alert no rule defines, whatever its title', async () => {
    const repo = directory()
    const orphan = (field: string) => `# Payments are failing\n\n${field}\n\nRestart the worker.\n`
    for (const field of ['## Alert: PaymentsFailing', 'Alert name: PaymentsFailing', '**Alert:** PaymentsFailing']) {
      expect((await check(repo, 'runbooks/payments.md', options, orphan(field))).messages, field).toEqual([
        'runbooks/payments.md 1:1-1:23 Unexpected runbook of `PaymentsFailing`, which no alerting rule in `rules/*.yaml` defines or links to, expected the runbook of a current alert (was `PaymentsFailing` renamed or removed?)'
      ])
    }
    // The alert it names is current: nothing.
    expect((await check(repo, 'runbooks/payments.md', options, orphan('## Alert: BillingDown'))).messages).toEqual([])
    // A heading that only speaks of alerts names none.
    expect((await check(repo, 'runbooks/payments.md', options, orphan('## Alert: what it means'))).messages).toEqual([])
  })
})

describe('a run of remark-runbook and of remark', () => {
  const bin = path.join(root, 'bin', 'remark-runbook.js')
  const run = (command: string, args: string[], cwd: string) => {
    const result = spawnSync(command, args, {cwd, encoding: 'utf8', env: toolEnv()})
    return {code: result.status, stdout: result.stdout, stderr: result.stderr}
  }
  let team: string

  beforeAll(() => {
    team = path.join(scratch, 'team')
    writeAlertRepository(team)
  })

  it('remark-runbook reports a rule file’s findings under the rule file, in the terminal and in JSON', () => {
    const json = run(process.execPath, [bin, '--no-stdout', '--report', 'json', 'docs/runbooks/'], team)
    expect(coverageOnly(findingsFromJson(json.stderr))).toEqual(alertFindings)
    expect(json.code).toBe(1)
    const terminal = run(process.execPath, [bin, '--no-stdout', '--no-color', 'docs/runbooks/'], team)
    expect(coverageOnly(findingsFromTerminal(terminal.stderr))).toEqual(alertFindings)
    expect(terminal.stderr).toMatch(
      /\nmonitoring\/app-rules\.yaml\n23:16-23:30 +error +Unexpected alert `ApiLatencyHigh` \(`monitoring\/app-rules\.yaml`\) without a runbook/
    )
  })

  it('remark with the configuration gives the same findings, the rule files’ with the run’s first runbook, naming their file', () => {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(team, 'node_modules'), 'dir')
    try {
      const result = run('npx', ['--no-install', 'remark', '--no-stdout', '--report', 'json', 'docs/runbooks/'], team)
      // vfile-reporter-json leaves out `message.file`: the text names the rule file.
      const files = JSON.parse(result.stderr) as Array<{path: string; messages: Array<{reason: string; line: number; column: number; ruleId: string; fatal: boolean}>}>
      const byFile: Record<string, string[]> = {}
      for (const file of files) {
        for (const message of file.messages) {
          if (message.ruleId !== 'runbook-alert-coverage') continue
          const ruleFile = /^Unexpected [^(]*\(`(monitoring\/[^`]+)`\)/.exec(message.reason)?.[1]
          ;(byFile[ruleFile ?? file.path] ??= []).push(`${message.line}:${message.column} ${message.ruleId} ${message.fatal ? 'error' : 'warning'}`)
        }
      }
      expect(byFile).toEqual(alertFindings)
      const host = files.find((file) => file.messages.some((message) => message.reason.includes('`ApiLatencyHigh`')))
      expect(host?.path).toBe('docs/runbooks/ApiErrorRateHigh.md')
      expect(result.code).toBe(1)

      // Our reporters put each finding in its own file, even so.
      const sarif = run('npx', ['--no-install', 'remark', '--no-stdout', '--report', 'sarif', 'docs/runbooks/'], team)
      const results = (JSON.parse(sarif.stderr) as Log).runs[0]!.results!.filter((entry) => entry.ruleId === 'runbook-alert-coverage')
      const located: Record<string, string[]> = {}
      for (const entry of results) {
        const physical = entry.locations![0]!.physicalLocation!
        ;(located[physical.artifactLocation!.uri!] ??= []).push(`${physical.region!.startLine}:${physical.region!.startColumn} runbook-alert-coverage ${entry.level === 'error' ? 'error' : 'warning'}`)
      }
      expect(located).toEqual(alertFindings)
      const actions = run('npx', ['--no-install', 'remark', '--no-stdout', '--report', 'github-actions=summary:false', 'docs/runbooks/'], team)
      expect(coverageOnly(findingsFromCommands(parseCommands(actions.stderr)))).toEqual(alertFindings)
    } finally {
      fs.rmSync(path.join(team, 'node_modules'))
    }
  })

  it('takes a rule file named beside the runbooks as a file of the run, and says nothing for other YAML', () => {
    const named = run(process.execPath, [bin, '--no-stdout', '--report', 'json', 'monitoring/platform-rules.yaml'], team)
    expect(findingsFromJson(named.stderr)).toEqual({
      'monitoring/app-rules.yaml': alertFindings['monitoring/app-rules.yaml'],
      'monitoring/platform-rules.yaml': alertFindings['monitoring/platform-rules.yaml']
    })
    expect(named.code).toBe(1)
    fs.writeFileSync(path.join(team, 'values.yaml'), 'replicas: 3\n')
    const other = run(process.execPath, [bin, '--no-stdout', '--frail', '--report', 'json', 'values.yaml'], team)
    expect(findingsFromJson(other.stderr)).toEqual({})
    expect(other.code).toBe(0)
  })
})

describe('once per run', () => {
  it('reads each rule file once, however many runbooks the run has', async () => {
    const directory = repository({
      'rules/a.yaml': groups(rule('Alert', '          runbook_url: https://runbooks.example.org/Alert\n')),
      'runbooks/Alert.md': page('Alert'),
      ...Object.fromEntries(Array.from({length: 30}, (_, index) => [`runbooks/other-${index}.md`, '# Notes\n']))
    })
    const reads = vi.spyOn(fs, 'readFileSync')
    try {
      const code = await new Promise<number | undefined>((resolve, reject) => {
        engine(
          {
            processor: remark,
            cwd: directory,
            files: ['runbooks/'],
            extensions: ['md'],
            plugins: [remarkPresetRunbook, [remarkLintRunbookAlertCoverage, options]],
            reporter: () => '',
            silent: true,
            out: false,
            output: false,
            streamError: {write: () => true} as unknown as NodeJS.WritableStream
          },
          (error, code) => (error ? reject(error) : resolve(code))
        )
      })
      expect(code).toBeDefined()
      const ruleFile = path.join(directory, 'rules', 'a.yaml')
      expect(reads.mock.calls.filter(([file]) => file === ruleFile)).toHaveLength(1)
    } finally {
      reads.mockRestore()
    }
  })
})
