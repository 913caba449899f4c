/**
 * Alert pages of shapes the alert layout does not describe, as teams write
 * them: the alert quoted as it pages, with its variables; pages of a
 * troubleshooting family whose template has no impact, filled or not;
 * alert pages of other shapes (checks and a resolution, a failure's
 * recovery steps, a few alerts on one page); escalations that name no
 * team on a project's generic page. Beside each, the counter-case where
 * the message is right and stays. Every page here is written for the test.
 */

import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkRunbookFix from 'remark-runbook-fix'
import {lintRunbook} from 'remark-preset-runbook/api'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {describeMessage} from './helpers.js'

async function lintPage(path: string, text: string) {
  const file = await lintRunbook(text, {path})
  return {layout: file.data.runbookLayout?.template, messages: file.messages.map(describeMessage), file}
}

const body = '## Meaning\n\nA disk fills up; writes fail once it is full.\n\n## Diagnosis\n\nRun `df -h`.\n\n## Mitigation\n\nDelete old logs.\n'

describe('the alert quoted as it pages keeps its variables', () => {
  const quotes: Array<[string, string]> = [
    ['DiskFillingUp.md', 'The page you get looks like this:\n\n> [FIRING:1] DiskFillingUp on <hostname>: filesystem <mountpoint> is 95% full'],
    ['KafkaLagHigh.md', '> KafkaLagHigh: consumer group <group> lags <count> messages behind on <topic>'],
    ['disk-usage.md', 'Opsgenie sends:\n\n> Disk usage on <instance> is above <threshold> percent'],
    ['ApiDown.md', '> Labels: alertname=ApiDown, severity=critical\n> Summary: <service> answers no health checks in <region>'],
    ['ApiDown.md', '```\n[FIRING] ApiDown: <service> in <region> answers no health checks\n```\n\nThe alert reads `ApiDown: <service> is down`.']
  ]
  for (const [name, quote] of quotes) {
    it(`${name}: ${quote.split('\n')[0]}`, async () => {
      const title = name.replace(/\.md$/, '')
      const {layout, messages} = await lintPage(name, `# ${title}\n\n${quote}\n\n${body}`)
      expect(layout).toBe('alert')
      expect(messages).toEqual([])
    })
  }

  it('a quote in the lead that is the team’s to fill is still reported, and so is a stand-in in the page’s own instructions', async () => {
    const lead = '# ApiDown\n\n> This runbook covers <service> in <environment>.\n\n' + body + '\n## Escalation\n\nPage <team name> on Opsgenie.\n'
    const {messages} = await lintPage('ApiDown.md', lead)
    expect(messages).toEqual([
      '3:23-3:32 runbook-no-placeholders Unexpected placeholder `<service>` in `ApiDown`, expected your own text',
      '3:36-3:49 runbook-no-placeholders Unexpected placeholder `<environment>` in `ApiDown`, expected your own text',
      '19:6-19:17 runbook-no-placeholders Unexpected placeholder `<team name>` in `Escalation`, expected who to call when the mitigation does not help, and how to reach them'
    ])
  })
})

const family = (title: string, overview: string, match: string, steps: string) => `---
title: "${title}"
---

## Overview {#overview}

${overview}

## Check RunBook Match {#check-runbook-match}

${match}

## Initial Steps Overview {#initial-steps-overview}

1) [Look at the state](#step-1)

2) [Apply the fix](#step-2)

## Detailed Steps {#detailed-steps}

${steps}

## Further Information {#further-information}

- [Upstream documentation](https://docs.acme.io/troubleshooting)

## Owner {#owner}

platform@acme.io
`

describe('a troubleshooting family for errors and symptoms, whose template has no impact', () => {
  const pages: Array<[string, string]> = [
    [
      'module-missing.md',
      family(
        'Module Missing',
        'The interpreter stops when a script imports a package that is not installed in the active environment.',
        'You see `ModuleNotFoundError: No module named x` when you run the script.',
        '### 1) Look at the state {#step-1}\n\nRun `which python` and `pip list`.\n\n### 2) Apply the fix {#step-2}\n\nRun `pip install x` in the same environment.'
      )
    ],
    [
      'slow-name-lookups.md',
      family(
        'Slow Name Lookups',
        'Every outgoing connection waits five seconds before it starts.',
        'You time `getent hosts db.internal` and it takes five seconds or more.',
        '### 1) Look at the state {#step-1}\n\nRead `/etc/resolv.conf` for a nameserver that is gone.\n\n### 2) Apply the fix {#step-2}\n\nRemove the dead nameserver and retry the lookup.'
      )
    ]
  ]
  for (const [name, page] of pages) {
    it(`${name}: no impact asked`, async () => {
      const {layout, messages} = await lintPage(name, page)
      expect(layout).toBe('alert')
      expect(messages).toEqual([])
    })
  }

  it('a family page whose steps mention names like alerts’ (`CoreDNS`, `KubeDNS`) is no service runbook with an alerts chapter', async () => {
    const steps =
      '### 1) Look at the state {#step-1}\n\nRun `kubectl -n kube-system get pods`.\n\n### 2) Check the health of the CoreDNS pods {#step-2}\n\nRead their logs.\n\n### 3) Restart the KubeDNS autoscaler pods {#step-3}\n\nRun `kubectl -n kube-system rollout restart ds/kube-proxy`.'
    const page = family('Name Lookups Fail', 'Pods cannot resolve service names.', 'You run `nslookup kubernetes.default` in a pod and it fails.', steps)
    const {layout, messages} = await lintPage('name-lookups-fail.md', page)
    expect(layout).toBe('alert')
    expect(messages).toEqual([])
  })

  it('an unfilled page of the family is told so once, not what it lacks nor each section', async () => {
    const stub = `---
title: "Disk Pressure"
---

## Overview {#overview}

This problem shows up when...

## Check RunBook Match {#check-runbook-match}

If you run ... you should see ...

## Initial Steps Overview {#initial-steps-overview}

1) [First step](#first-step)

2) [Next step](#next-step)

## Detailed Steps {#detailed-steps}

### 1) First step {#first-step}

### 2) Next step {#next-step}

[See solution A](#solution-a)

## Solutions List {#solutions-list}

A) [Solution](#solution-a)

## Solutions Detail {#solutions-detail}

### Solution A {#solution-a}

## Check Resolution {#check-resolution}

## Further Information {#further-information}

None

## Owner {#owner}

email
`
    const {file} = await lintPage('disk-pressure.md', stub)
    expect(file.messages.map((message) => [describeMessage(message), message.fatal])).toEqual([
      ['5:1-5:24 runbook-required-headings Unexpected unfilled page: its 12 sections are empty or hold only template text or placeholders, expected the team\'s own text', true]
    ])
  })

  it('once part of it is written, each unfilled section is told, the guidance left to finish included', async () => {
    const page = family('Disk Pressure', 'This problem shows up when...', 'The node’s condition `DiskPressure` is `True` in `kubectl describe node`.', '### 1) Look at the state {#step-1}\n\nRun `df -h` on the node.\n\n### 2) Apply the fix {#step-2}\n\nPrune images: `crictl rmi --prune`.')
    const {messages} = await lintPage('disk-pressure.md', page)
    expect(messages).toEqual([
      '7:1-7:30 runbook-no-placeholders Unexpected text copied from the template in `Overview` (only template text), expected what the alert means: what it measures and when it fires'
    ])
  })

  it('an alert page in the alert convention that says nowhere what breaks still lacks its impact', async () => {
    const page = '# Cache hit ratio low\n\n## Symptoms\n\nThe cache answers fewer than half of the lookups.\n\n## Possible checks\n\n1. Compare the key count: `redis-cli info keyspace`.\n\n## Resolution\n\nWarm the cache: `bin/warm-cache`.\n'
    const {messages} = await lintPage('cache-hit-ratio.md', page)
    expect(messages).toEqual(['5:50 runbook-required-headings Missing required heading `## Impact`, expected it after `Symptoms`'])
  })
})

describe('alert pages of other shapes', () => {
  it('a title that says what breaks says what the alert means and what it does: only the steps are asked for, and the fix inserts nothing', async () => {
    const page = '# Search is down\n\n## Step 1: confirm\n\nOpen the search page and try a query.\n\n## Step 2: restart\n\nRestart the search pods: `kubectl rollout restart deploy/search`.\n'
    const {layout, messages} = await lintPage('search-down.md', page)
    expect(layout).toBe('alert')
    expect(messages).toEqual([])
    const fixed = await unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkRunbookFix).process(new VFile({value: page, path: 'search-down.md'}))
    expect(String(fixed)).toBe(page)
  })

  it('a title of nouns (`Payment errors`) names a subject, not what breaks: the meaning is still asked for', async () => {
    const page = '# Payment errors\n\n## Impact\n\nCheckout fails.\n\n## Diagnosis\n\nRead the logs: `kubectl logs deploy/pay`.\n\n## Mitigation\n\nRoll back: `kubectl rollout undo deploy/pay`.\n'
    expect((await lintPage('pay.md', page)).messages).toEqual(['3:1 runbook-required-headings Missing required heading `## Meaning`, expected it before `Impact`'])
  })

  it('a troubleshooting page for one alert under the layout’s own aliases still gets the layout’s real gaps', async () => {
    const page = '# Queue backlog\n\n## Symptoms\n\nJobs wait longer than ten minutes; reports reach customers late.\n\n## Possible checks\n\n1. Look at the worker count: `kubectl get deploy/worker`.\n'
    const {layout, messages} = await lintPage('queue-backlog.md', page)
    expect(layout).toBe('alert')
    expect(messages).toEqual(['10:1 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Possible checks`'])
  })
})
