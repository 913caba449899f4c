/**
 * Alert pages as teams write them: the `alert` layout is chosen for them
 * and not for a service's operations manual, their sections are read under
 * the titles teams give them, and what they say elsewhere on the page (an
 * `Alert:` field, an `**Impact:**` field, the lead paragraph, the symptoms)
 * answers a section. Every page here is written for the test.
 */

import fs from 'node:fs'
import path from 'node:path'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {builtinTemplate, getRunbook, isAlertCatalogue} from 'runbook-model'
import {lintRunbook} from 'remark-preset-runbook/api'
import {describe, expect, it} from 'vitest'
import {describeMessage, fixtures} from './helpers.js'

async function lintPage(path: string, text: string) {
  const file = await lintRunbook(text, {path})
  return {layout: file.data.runbookLayout?.template, messages: file.messages.map(describeMessage), file}
}

const alert = builtinTemplate('alert')

/** The alert layout's section each of the page's headings stands for (`-` for none). */
function sectionsOf(markdown: string): string[] {
  const runbook = getRunbook(fromMarkdown(markdown), alert)
  return runbook.sections.filter((section) => section.depth === 2).map((section) => `${section.title}: ${runbook.matchOf(section)?.entry.title ?? '-'}`)
}

const operationsManual = `# Ledger service: operations manual

## Table of contents

1. Overview
2. Architecture

## Overview

The ledger service records every movement of money between accounts.

## Architecture

Two stateless API nodes in front of a PostgreSQL primary and one replica.

## Deployment

Merges to \`main\` deploy through the pipeline.

## Configuration

Settings live in \`config/ledger.yaml\`.

## Monitoring

The Ledger dashboard shows request rate, errors and replication lag.

## Backup

The database is backed up every night.

## Failure and recovery

If the primary fails, promote the replica with \`bin/promote-replica\`.

## Scaling

Add API nodes when CPU stays above 70% for an hour.

## Troubleshooting

Slow writes usually mean the replica is lagging.

## Contacts

The Ledger team, ledger@acme.io, #ledger on Slack.
`

describe('the alert layout is chosen', () => {
  it('not for an operations manual that shares a few titles with alert pages among many of its own', async () => {
    expect((await lintPage('docs/ledger.md', operationsManual)).layout).not.toBe('alert')
  })

  it('not for a service’s runbook whose sections a few alert words name', async () => {
    const page = `# Orders service runbook

## Service overview

The orders service takes orders from the shop and hands them to billing.

## Common issues and resolutions

### Orders stuck in pending

Restart the consumer: \`kubectl rollout restart deploy/orders-consumer\`.

## Maintenance procedures

Vacuum the database every month.

## Debugging commands

\`kubectl logs deploy/orders\`

## Recovery procedures

Restore the last backup with \`bin/restore\`.

## Escalation matrix

The Orders team, #orders on Slack.
`
    expect((await lintPage('docs/orders-runbook.md', page)).layout).not.toBe('alert')
  })

  it('not for a page titled `Runbook`, `Backups` or an acronym, nor an index of alert runbooks', async () => {
    for (const title of ['# Runbook', '# Backups', '# HUB Run Book', '# Kubernetes Alert Runbooks']) {
      const {layout} = await lintPage('docs/page.md', `${title}\n\n## Pods restart\n\nLook at the events: \`kubectl get events\`.\n`)
      expect(layout, title).not.toBe('alert')
    }
  })

  it('for a page whose title names its alert after `Runbook:`, whatever its file is called', async () => {
    const page = `# Runbook: OrdersMemoryHigh

## Symptoms

Pods of the orders API restart with \`OOMKilled\`.

## Immediate Steps

1. Raise the memory limit: \`kubectl set resources deploy/orders --limits=memory=2Gi\`.

## Root Cause Analysis

Compare heap dumps before and after the last release.
`
    const {layout, messages} = await lintPage('runbooks/OrdersMemoryHigh-orders-api.md', page)
    expect(layout).toBe('alert')
    expect(messages).toEqual(['5:49 runbook-required-headings Missing required heading `## Impact`, expected it after `Symptoms`'])
  })

  it('for a page of symptoms, checks and a resolution (two titles of the diagnosis once)', async () => {
    const {layout} = await lintPage('docs/cache.md', '# Cache misses\n\n## Symptoms\n\nThe hit ratio is below half.\n\n## Possible checks\n\nRun `redis-cli info`.\n\n## Resolution\n\nRun `bin/warm-cache`.\n')
    expect(layout).toBe('alert')
  })

  it('for a page titled as an alert, whatever else its sections are', async () => {
    const page = `# Alert: ledger replication is behind

## Table of contents

- Summary

## Summary

The replica is more than a minute behind the primary.

## Impact

Reports read stale balances.

## Troubleshooting steps

1. Check the lag: \`SELECT now() - pg_last_xact_replay_timestamp();\`
2. Restart the replica if it is stuck: \`systemctl restart postgresql\`.

## Common causes

A long transaction on the primary.

## Post-recovery verification

The lag is back under a second.

## Related alerts

- LedgerPrimaryDown
`
    const {layout, messages} = await lintPage('alerts/replication.md', page)
    expect(layout).toBe('alert')
    expect(messages).toEqual([])
  })
})

describe('`Symptoms` is what the on-call engineer sees', () => {
  it('the meaning, when nothing else says what the alert means', () => {
    expect(sectionsOf('# X\n\n## Symptoms\n\nA.\n\n## Possible checks\n\nB.\n\n## Resolution\n\nC.\n')).toEqual([
      'Symptoms: Meaning',
      'Possible checks: Diagnosis',
      'Resolution: Mitigation'
    ])
  })

  it('the first of the checks, after a description', () => {
    expect(sectionsOf('# X\n\n## Description\n\nA.\n\n## Symptoms\n\nB.\n\n## Procedure\n\nC.\n')).toEqual([
      'Description: Meaning',
      'Symptoms: Diagnosis',
      'Procedure: Mitigation'
    ])
  })
})

describe('titles are read by the words that say what a section is', () => {
  const cases: Array<[string, string | undefined]> = [
    ['Resolution Procedures', 'Mitigation'],
    ['Immediate Actions (0-5 minutes)', 'Mitigation'],
    ['Immediate Steps', 'Mitigation'],
    ['Remediation', 'Mitigation'],
    ['Root Cause Analysis', 'Diagnosis'],
    ['Common Causes', 'Diagnosis'],
    ['Investigation Steps', 'Diagnosis'],
    ['Quick Diagnosis (2 min)', 'Diagnosis'],
    ['Business Impact', 'Impact'],
    ['Impact Assessment', 'Impact'],
    ['Alert Information', 'Meaning'],
    ['Escalation Criteria', 'Escalation'],
    ['Diagnóstico', 'Diagnosis'],
    ['Mitigación', 'Mitigation'],
    ['Post-incident actions', undefined],
    ['Prevention', undefined],
    ['Related alerts', undefined],
    ['Maintenance procedures', undefined],
    ['Common issues and resolutions', undefined],
    ['Alert name', undefined],
    ['What it looks like', 'Meaning']
  ]
  for (const [title, expected] of cases) {
    it(`\`${title}\` is ${expected ? `\`${expected}\`` : 'none of them'}`, () => {
      expect(alert.classify(title)?.title).toBe(expected)
    })
  }

  it('a title with the words of two sections stands for both: one section, one message when it says nothing to do', async () => {
    const page = '# Queue backlog\n\n## Overview\n\nThe queue holds too many messages.\n\n## Impact\n\nOrders are late.\n\n## Troubleshooting\n\nThe backlog usually comes from a slow consumer.\n'
    expect(sectionsOf(page)).toEqual(['Overview: Meaning', 'Impact: Impact', 'Troubleshooting: Diagnosis'])
    const {messages} = await lintPage('queue.md', page)
    expect(messages).toEqual([
      '11:1-11:19 runbook-alert-page Unexpected `Troubleshooting` without an action, expected what the on-call engineer does: a step, a command, a query, a link or a decision'
    ])
  })

  it('`Troubleshooting` is the mitigation beside an investigation', () => {
    expect(sectionsOf('# X\n\n## Meaning\n\nA.\n\n## Investigation\n\nB.\n\n## Troubleshooting\n\nC.\n')).toEqual([
      'Meaning: Meaning',
      'Investigation: Diagnosis',
      'Troubleshooting: Mitigation'
    ])
  })

  it('`Severity` is the impact when it says what breaks, not when it is a bare level', async () => {
    const base = '# Disk filling\n\n## Description\n\nThe data disk will be full within a day.\n\n## Severity\n\n{severity}\n\n## Diagnosis\n\nRun `df -h`.\n\n## Mitigation\n\nDelete old logs.\n'
    const explained = base.replace('{severity}', '- SEV2 while writes still succeed\n- SEV1 once the database stops accepting writes')
    const bare = base.replace('{severity}', '**Critical**')
    expect((await lintPage('disk.md', explained)).messages).toEqual([])
    expect((await lintPage('disk.md', bare)).messages).toEqual([
      '5:41 runbook-required-headings Missing required heading `## Impact`, expected it after `Description`'
    ])
  })
})

describe('a section kept under another', () => {
  it('is where the team keeps it: `### Impact` in the alert’s details, the checks and the fix under `Response`', async () => {
    const nested = '# Runbook: DiskFull\n\n## Alert Details\n\nThe disk of a node is 95% full.\n\n### Impact\n\nWrites fail.\n\n## Response\n\n### Diagnosis\n\nRun `df -h`.\n\n### Mitigation\n\nDelete old logs: `journalctl --vacuum-size=500M`.\n'
    const {layout, messages} = await lintPage('DiskFull.md', nested)
    expect(layout).toBe('alert')
    expect(messages).toEqual([])
  })
})

describe('what a page says elsewhere answers a section', () => {
  const page = (details: string, symptoms = 'The error rate of `POST /pay` is above 5%.') => `# Payment errors

## Alert Details

${details}

## Symptoms

${symptoms}

## Investigation Steps

Read the payment logs: \`kubectl logs deploy/pay\`.

## Resolution Steps

Roll back the last release: \`kubectl rollout undo deploy/pay\`.
`

  it('an impact field in the alert details', async () => {
    expect((await lintPage('pay.md', page('**Alert:** PaymentErrors\n**SLO Impact:** checkout availability'))).messages).toEqual([])
    expect((await lintPage('pay.md', page('**Alert:** PaymentErrors\n**Severity:** critical'))).messages).toEqual([
      '6:23 runbook-required-headings Missing required heading `## Impact`, expected it after `Alert Details`'
    ])
  })

  it('symptoms that say what users lose', async () => {
    expect((await lintPage('pay.md', page('Fires on 5xx answers.', 'Customers see "payment failed" at checkout.'))).messages).toEqual([])
  })

  it('a description that says what users lose, and not one of errors that are not the users’', async () => {
    const page = (description: string) =>
      `# Policy errors\n\n## Description\n\n${description}\n\n## Diagnosis\n\nRead the logs: \`kubectl logs deploy/policy\`.\n\n## Mitigation\n\nRestart it: \`kubectl rollout restart deploy/policy\`.\n`
    expect((await lintPage('policy.md', page('Fires when users cannot save a policy.'))).messages).toEqual([])
    expect((await lintPage('policy.md', page('Fires on non-user errors of the policy controller.'))).messages).toEqual([
      '5:51 runbook-required-headings Missing required heading `## Impact`, expected it after `Description`'
    ])
  })

  it('the lead paragraph under the title, for the meaning', async () => {
    const lead = '# Payment errors\n\nThis alert fires when more than 5% of payments fail for ten minutes.\n\n## Impact\n\nCheckout fails.\n\n## Diagnosis\n\nRead the logs: `kubectl logs deploy/pay`.\n\n## Mitigation\n\nRoll back: `kubectl rollout undo deploy/pay`.\n'
    expect((await lintPage('pay.md', lead)).messages).toEqual([])
    expect((await lintPage('pay.md', lead.replace(/\nThis alert[^\n]*\n/, ''))).messages).toEqual([
      '3:1 runbook-required-headings Missing required heading `## Meaning`, expected it before `Impact`'
    ])
  })
})

describe('a title names its alert', () => {
  const body = '\n\n## Meaning\n\nCPU is high.\n\n## Impact\n\nRequests slow down.\n\n## Diagnosis\n\nRun `top`.\n\n## Mitigation\n\nAdd a node.\n'
  const named: Array<[string, string]> = [
    ['HighCPUUsage.md', '# High CPU Usage Runbook'],
    ['HighCPUUsage.md', '# Runbook: HighCPUUsage'],
    ['HighCPUUsage.md', '# 🔥 High CPU Usage Alert'],
    ['TerraFusionAPIDown.md', '# TerraFusion API Down - Runbook'],
    ['ServiceUnavailable.md', '# Service Unavailable'],
    ['HighCPUUsage.md', '# CPU saturation on a node\n\n**Alert:** `HighCPUUsage`'],
    ['HighCPUUsage.md', '# CPU saturation on a node\n\n## Alert: HighCPUUsage\n\nFires above 90% for ten minutes.'],
    // In words, the service's name left out, small words and endings aside.
    ['CheckoutHighLatency.md', '# High latency'],
    ['CheckoutHighLatency.md', '# Checkout: latency is high'],
    ['BrokerPartitionsOffline.md', '# Broker partition offline']
  ]
  for (const [path, title] of named) {
    it(`\`${title.split('\n')[0]}\` in ${path}`, async () => {
      expect((await lintPage(path, title + body)).messages).toEqual([])
    })
  }

  it('a title naming another alert is still reported', async () => {
    expect((await lintPage('HighCPUUsage.md', '# High Memory Usage Runbook' + body)).messages).toEqual([
      '1:1-1:28 runbook-alert-page Unexpected title `High Memory Usage Runbook` on a page named after `HighCPUUsage`, expected the name of one alert in both'
    ])
  })

  it('a title in words of another condition, or a copied alert name, is still reported', async () => {
    expect((await lintPage('CheckoutHighLatency.md', '# High error rate' + body)).messages).toEqual([
      '1:1-1:18 runbook-alert-page Unexpected title `High error rate` on a page named after `CheckoutHighLatency`, expected the name of one alert in both'
    ])
    expect((await lintPage('BrokerPartitionsOffline.md', '# BrokerPartitions' + body)).messages).toEqual([
      '1:1-1:19 runbook-alert-page Unexpected title `BrokerPartitions` on a page named after `BrokerPartitionsOffline`, expected the name of one alert in both'
    ])
  })
})

describe('an alert page’s escalation', () => {
  const page = (escalation: string, mitigation = 'Add a node: `bin/add-node`.') =>
    `# NodeCpuHigh\n\n## Meaning\n\nCPU is above 90%.\n\n## Impact\n\nRequests slow down.\n\n## Diagnosis\n\nRun \`top\`.\n\n## Mitigation\n\n${mitigation}\n\n## Escalation\n\n${escalation}\n`

  it('naming a team asks for a way to reach it, as a warning under the preset’s error severity', async () => {
    const {messages, file} = await lintPage('NodeCpuHigh.md', page('Escalate to the compute team, then to its lead.'))
    expect(messages).toEqual([
      '19:1-19:14 runbook-owner-contact Unexpected `Escalation` section that gives no contact channel, expected an email address, a chat channel, a phone number or an on-call link'
    ])
    expect(file.messages[0]!.fatal).toBe(false)
  })

  it('naming no team (roles, your administrator: generic guidance) is one note', async () => {
    for (const escalation of ['Escalate to the on-call engineer, then to the team lead.', 'Contact your cluster administrator or the support team.']) {
      const {messages, file} = await lintPage('NodeCpuHigh.md', page(escalation))
      expect(messages, escalation).toEqual([
        '19:1-19:14 runbook-owner-contact Unexpected `Escalation` section that names no team and no contact channel, expected the team to escalate to and a way to reach them'
      ])
      expect(file.messages[0]!.fatal, escalation).toBeUndefined()
    }
    const fixture = fs.readFileSync(path.join(fixtures, 'broken', 'alert-generic-escalation.md'), 'utf8')
    const {file} = await lintPage('ObjectStoreSlow.md', fixture)
    expect(file.messages.map((message) => [describeMessage(message), message.fatal])).toEqual([
      [
        '22:1-22:14 runbook-owner-contact Unexpected `Escalation` section that names no team and no contact channel, expected the team to escalate to and a way to reach them',
        undefined
      ]
    ])
  })

  it('reaches someone through a paging service or rotation named in words, a channel named in words, or a chat handle', async () => {
    for (const escalation of [
      'On-call platform engineer (PagerDuty).',
      'Page the on-call engineer.',
      'Escalate through the database on-call rotation.',
      'Ask @platform-team.',
      'Open an alert in Opsgenie for the storage team.',
      'Post in the platform-oncall Slack channel.'
    ]) {
      expect((await lintPage('NodeCpuHigh.md', page(escalation))).messages, escalation).toEqual([])
    }
  })

  it('reaches someone through a channel named elsewhere on the page', async () => {
    const {messages} = await lintPage('NodeCpuHigh.md', page('The team lead.', 'Add a node, and say so in #platform-ops.'))
    expect(messages).toEqual([])
  })

  it('in running text, `your team` is no placeholder owner', async () => {
    const {messages} = await lintPage('NodeCpuHigh.md', page('If this is your team, ask in #platform-ops.'))
    expect(messages).toEqual([])
  })
})

describe('pages in other languages', () => {
  it('are read by their words', async () => {
    const page = '# ColaRetrasada\n\n## Descripción\n\nLa cola tiene más de mil mensajes.\n\n## Impacto\n\nLos pedidos llegan tarde.\n\n## Diagnóstico\n\nMira el panel: `kubectl top pods`.\n\n## Mitigación\n\nAñade consumidores: `kubectl scale deploy/worker --replicas=6`.\n'
    const {layout, messages} = await lintPage('ColaRetrasada.md', page)
    expect(layout).toBe('alert')
    expect(messages).toEqual([])
  })
})

describe('a section that does the job under other words counts (fixtures/valid/alert-*.md)', () => {
  const read = (name: string) => fs.readFileSync(path.join(fixtures, 'valid', name), 'utf8')

  it('the impact in Background, Context or Summary; the fix among the checks; the checks in a check-and-act list', async () => {
    for (const name of ['alert-jobs-in-other-words.md', 'alert-check-and-act.md', 'alert-causes-and-remedies.md']) {
      const {layout, messages} = await lintPage(name, read(name))
      expect(layout, name).toBe('alert')
      expect(messages, name).toEqual([])
    }
  })

  it('checks with no fix among them still lack the mitigation, and a context that names no consequence the impact', async () => {
    const page = read('alert-jobs-in-other-words.md')
      .replace('customers then see order histories without their latest orders', 'the dashboard turns red')
      .replace(/3\. If the disk[\s\S]*$/, '')
    const {file} = await lintPage('OrdersReplicaLagging.md', page)
    expect(file.messages.map((message) => [describeMessage(message), message.fatal])).toEqual([
      ['7:25 runbook-required-headings Missing required heading `## Impact`, expected it after `Background`', true],
      ['13:1 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Debug the replica`', true]
    ])
  })

  it('a fix list with no check in it still lacks the diagnosis', async () => {
    const page = read('alert-check-and-act.md').replace(/1\. Check[^\n]*\n/, '').replace('3. If the ratio is fine, find the client', '3. Otherwise block the client')
    const {messages} = await lintPage('CacheEvictionsHigh.md', page)
    expect(messages).toEqual(['6:47 runbook-required-headings Missing required heading `## Diagnosis`, expected it after `Context`'])
  })
})

describe('pages that say nothing yet, and pages of a family without an impact', () => {
  const read = (folder: string, name: string) => fs.readFileSync(path.join(fixtures, folder, name), 'utf8')

  it('a page whose sections are all unfilled is told so once, not each section nor what it lacks (fixtures/broken/alert-unfilled-stub.md)', async () => {
    const {layout, file} = await lintPage('QueueConsumerStalled.md', read('broken', 'alert-unfilled-stub.md'))
    expect(layout).toBe('alert')
    expect(file.messages.map((message) => [describeMessage(message), message.fatal])).toEqual([
      ['3:1-3:11 runbook-required-headings Unexpected unfilled page: its 3 sections are empty or hold only template text or placeholders, expected the team\'s own text', true]
    ])
  })

  it('once one section is written, what the page lacks is told', async () => {
    const page = read('broken', 'alert-unfilled-stub.md').replace(
      '_Describe what the alert measures and when it fires._',
      'The consumer of the billing queue has taken no message for ten minutes.'
    )
    const {messages} = await lintPage('QueueConsumerStalled.md', page)
    expect(messages[0]).toBe('5:72 runbook-required-headings Missing required heading `## Impact`, expected it after `Meaning`')
  })

  it('a troubleshooting page for one error message needs no impact, and its cause no checks (fixtures/valid/alert-error-message-page.md)', async () => {
    const {layout, messages} = await lintPage('x509-unknown-authority.md', read('valid', 'alert-error-message-page.md'))
    expect(layout).toBe('alert')
    expect(messages).toEqual([])
  })

  it('an alert page with a cause and a solution still needs its impact, and checks in its cause', async () => {
    const page = '# GatewayCertUntrusted\n\n## Meaning\n\nThe gateway serves a certificate chain without the internal CA.\n\n## Cause\n\nThe chain lacks the internal CA.\n\n## Solution\n\nServe the full chain: `bin/gateway-cert --full-chain`.\n'
    const {file} = await lintPage('GatewayCertUntrusted.md', page)
    expect(file.messages.map((message) => [describeMessage(message), message.fatal])).toEqual([
      ['5:64 runbook-required-headings Missing required heading `## Impact`, expected it after `Meaning`', true],
      ['7:1-7:9 runbook-alert-page Unexpected `Cause` without an action, expected what the on-call engineer does: a step, a command, a query, a link or a decision', false]
    ])
  })
})

describe('a catalogue of alert playbooks (fixtures/valid/alert-catalogue.md)', () => {
  it('is read as one playbook per alert: no impact asked of the file, no duplicate mitigation', async () => {
    const {layout, messages} = await lintPage('storage-alerts.md', fs.readFileSync(path.join(fixtures, 'valid', 'alert-catalogue.md'), 'utf8'))
    expect(layout).toBe('alert')
    expect(messages).toEqual([])
  })

  it('is not a page of one alert that names others under Related alerts, nor one that keeps its checks and fix under Response', () => {
    const related = '# DiskFull\n\n## Meaning\n\nThe disk is full.\n\n## Related alerts\n\n### DiskFillingUp\n\nFires a day earlier.\n\n### InodesExhausted\n\nFires when inodes run out.\n'
    const response = '# DiskFull\n\n## Response\n\n### Diagnosis\n\nRun `df -h`.\n\n### Mitigation\n\nDelete old logs.\n'
    for (const page of [related, response]) expect(isAlertCatalogue(getRunbook(fromMarkdown(page), alert).root, alert), page).toBe(false)
  })

  it('one alert page with its mitigation twice is still told', async () => {
    const page = '# DiskFull\n\n## Meaning\n\nThe disk is over 95%.\n\n## Diagnosis\n\nRun `df -h`.\n\n## Mitigation\n\nDelete old logs.\n\n## Mitigation\n\nGrow the disk.\n'
    const {file} = await lintPage('DiskFull.md', page)
    expect(file.messages.map((message) => [describeMessage(message), message.fatal])).toEqual([
      ['15:1-15:14 runbook-required-headings Unexpected duplicate heading `Mitigation` in `DiskFull`, expected one `Mitigation` (first on line 11): merge them', true],
      ['5:22 runbook-required-headings Missing required heading `## Impact`, expected it after `Meaning`', true]
    ])
  })
})
