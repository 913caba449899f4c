/**
 * Which layout `auto` picks for a page, by what the page does rather than
 * by its headings alone, and what a page that follows too little of it is
 * told. Alert pages come in shapes without the alert layout's headings (two
 * `###` headings about this alert and no title, a title and no sections,
 * section labels written as bold lines or `What to do:` paragraphs, a
 * checklist), and pages of many alerts (one heading per alert, alerts as
 * headings in list items); an index of runbooks, a guide to handling
 * alerts and a service's runbook with an alerts chapter are no alert page.
 * Each shape is written here several ways, as different teams would, beside
 * the counter-cases whose messages are right and stay. Every page is
 * written for the test.
 */

import remarkGfm from 'remark-gfm'
import {lintRunbook} from 'remark-preset-runbook/api'
import {describe, expect, it} from 'vitest'
import {describeMessage} from './helpers.js'

async function lintPage(path: string, text: string, gfm = false) {
  const file = await lintRunbook(text, {path, plugins: gfm ? [remarkGfm] : []})
  return {layout: file.data.runbookLayout?.template, messages: file.messages.map(describeMessage)}
}

const structure = (messages: ReadonlyArray<string>) => messages.filter((message) => message.includes('runbook-required-headings'))

describe('alert pages of other shapes get the alert layout and no "another shape" message', () => {
  const pages: Array<[string, string]> = [
    [
      'queue-lag.md',
      '### Understanding this alert\n\nThe consumers of the orders queue are more than ten minutes behind. Customers get their order confirmations late.\n\n' +
        '### Troubleshooting this alert\n\n1. Check the consumer count on the Orders dashboard.\n2. Restart the consumers: `kubectl rollout restart deploy/orders-consumer`.\n'
    ],
    [
      'replica-lag.md',
      '### About the alert\n\nThe read replica trails the primary by more than five minutes, so reports show old numbers.\n\n' +
        '### Fixing the alert\n\n- Look at the replica’s I/O wait.\n- Move the nightly export off the replica.\n'
    ],
    [
      'build-disk.md',
      'Disk almost full on build agents\n================================\n\nThis alert fires when a build agent’s root volume is more than 90% full. Builds on it then fail.\n\n' +
        '1. Log in to the agent named in the alert.\n2. Run `docker system prune -af`.\n3. If it is still above 90%, drain the agent.\n'
    ],
    [
      'mail-queue.md',
      'Outgoing mail queue\n===================\n\nIt fires when more than 500 mails wait in the relay’s queue for ten minutes; invoices then reach customers late.\n\n' +
        '- Check the relay’s connection to the provider: `postqueue -p | tail`.\n- Flush the queue once the provider answers: `postqueue -f`.\n'
    ],
    [
      'cert-expiry.md',
      '# Certificate expiry checklist\n\nUse this when the certificate expiry alert fires for an ingress host.\n\n' +
        '- [ ] Find the host in the alert’s labels.\n- [ ] Check the dates: `openssl x509 -noout -dates -in cert.pem`.\n- [ ] Renew it: `certbot renew --cert-name host`.\n'
    ],
    [
      'backup-failed.md',
      'Nightly backup failed\n---------------------\n\nThe alert is triggered when the nightly dump has not reached the bucket by 06:00.\n\n' +
        '* [ ] Read the job’s log in the scheduler.\n* [ ] Run the dump again by hand: `./bin/dump --now`.\n'
    ]
  ]
  for (const [path, text] of pages) {
    it(`${path}: the alert layout, nothing about its structure`, async () => {
      const {layout, messages} = await lintPage(path, text)
      expect(layout).toBe('alert')
      expect(structure(messages)).toEqual([])
    })
  }
})

describe('section labels written as text are said once to be no headings', () => {
  it('bold labels above lists', async () => {
    const {layout, messages} = await lintPage(
      'webhooks.md',
      '# Payment webhook failures\n\n**Symptoms**\n\n- Merchants report missing payment notifications.\n\n**Possible causes**\n\n- The merchant endpoint is down.\n\n' +
        '**Resolution**\n\n1. Check the proxy log for the merchant host.\n2. Retry the deliveries: `./bin/webhooks retry --since 1h`.\n'
    )
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([
      '3:1-3:13 runbook-required-headings Unexpected section labels written as text (`Symptoms`, `Possible causes`, `Resolution`), expected headings such as `## Symptoms`: these look like the sections of the `alert` layout but are not headings'
    ])
  })

  it('short paragraphs ending in a colon, and italic labels with their colon inside', async () => {
    const colons = await lintPage(
      'replication.md',
      '# Replication lag on the reporting replica\n\nWhat you see:\n\n- Reports show yesterday’s numbers.\n\nWhat to check:\n\n1. The replay delay: `SELECT now() - pg_last_xact_replay_timestamp();`\n\n' +
        'What to do:\n\n1. If the lag is over an hour, rebuild the replica from the latest snapshot.\n'
    )
    expect(colons.layout).toBe('alert')
    expect(structure(colons.messages)).toEqual([
      '7:1-7:15 runbook-required-headings Unexpected section labels written as text (`What to check`, `What to do`), expected headings such as `## What to check`: these look like the sections of the `alert` layout but are not headings'
    ])
    const italic = await lintPage(
      'cache.md',
      '# Cache hit ratio low\n\n*Description:*\n\nFewer than half the reads hit the cache; pages load slowly.\n\n*Remediation:*\n\n- Warm the cache: `./bin/warm`.\n'
    )
    expect(structure(italic.messages)).toEqual([
      '3:1-3:15 runbook-required-headings Unexpected section labels written as text (`Description`, `Remediation`), expected headings such as `## Description`: these look like the sections of the `alert` layout but are not headings'
    ])
  })

  it('a bold field with its value is no label', async () => {
    const {messages} = await lintPage(
      'HighLatency.md',
      '# HighLatency\n\n**Severity:** page\n\n## Meaning\n\nThe p99 latency is over 2 s.\n\n## Impact\n\nCheckout is slow.\n\n## Diagnosis\n\nCheck the traces.\n\n## Mitigation\n\nScale up: `kubectl scale deploy/api --replicas=6`.\n'
    )
    expect(messages).toEqual([])
  })
})

describe('pages of many alerts are catalogues: nothing about the whole page’s structure', () => {
  it('one heading per alert', async () => {
    const {layout, messages} = await lintPage(
      'storage-alerts.md',
      '# Storage alerts\n\n## VolumeFillingUp\n\nThe volume will be full within four days. Grow it, or delete old data.\n\n' +
        '## VolumeInodesLow\n\nFewer than 5% of inodes are free. Clean up the directory of small files.\n\n## VolumeReadOnly\n\nRemounted read-only after I/O errors. Cordon the node.\n'
    )
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('alerts as headings inside list items, and `Alert name:` headings', async () => {
    const listed = await lintPage(
      'messaging.md',
      '# Messaging alerts\n\n- ### BrokerDown\n\n  One broker does not answer. Restart it: `systemctl restart kafka`.\n\n- ### PartitionUnderReplicated\n\n  Check the broker’s disk and network.\n'
    )
    expect(listed.layout).toBe('alert')
    expect(structure(listed.messages)).toEqual([])
    const named = await lintPage(
      'kube.md',
      '# Cluster alert notes\n\n### Group: apps\n\n##### Alert name: "PodRestartingOften"\n\n- *Severity*: warning\n\n##### Alert name: DeploymentStuck\n\n- *Severity*: critical\n'
    )
    expect(structure(named.messages)).toEqual([])
  })
})

describe('no alert layout for pages that are not about one alert', () => {
  it('a runbooks folder’s readme with an alert-to-runbook table', async () => {
    const text =
      '# Runbooks\n\nEvery alert rule links to its page here.\n\n| Alert | Runbook |\n| --- | --- |\n| HighErrorRate | [high-error-rate.md](high-error-rate.md) |\n' +
      '| DiskFull | [disk-full.md](disk-full.md) |\n| CertificateExpiry | [cert.md](cert.md) |\n\n## Overview\n\nPages are named after their alert.\n\n## Troubleshooting\n\nA page is missing? Ask in #platform.\n'
    for (const gfm of [true, false]) {
      for (const path of ['README.md', 'alert-index.md']) {
        const {layout, messages} = await lintPage(path, text, gfm)
        expect(layout).not.toBe('alert')
        expect(messages).toEqual([])
      }
    }
  })

  it('guides to handling alerts, whatever their sections', async () => {
    for (const [path, text] of [
      ['silence.md', '# How to silence an alert\n\n## Overview\n\nSilence an alert while you work on its cause.\n\n## Steps\n\n1. Open Alertmanager.\n2. Match the alert’s labels.\n\n## Troubleshooting\n\nIf the alert still pages, check the matchers.\n'],
      ['handling.md', '# Handling an alert\n\n## Summary\n\nWhat to do when you are paged.\n\n## Actions\n\n1. Acknowledge it in PagerDuty.\n2. Open the alert’s runbook.\n'],
      ['respond.md', '# Responding to alerts\n\n## Description\n\nHow on-call answers alerts.\n\n## Resolution\n\nWrite down what you did in the incident channel.\n']
    ] as const) {
      const {layout, messages} = await lintPage(path, text)
      expect(layout, path).not.toBe('alert')
      expect(messages.join('\n'), path).not.toMatch(/Missing required heading `## (?:Impact|Diagnosis|Meaning|Mitigation)`/)
    }
  })

  it('a service runbook with an alerts chapter', async () => {
    const {layout, messages} = await lintPage(
      'orders.md',
      '# Orders service\n\n## Overview\n\nTakes orders from the shop.\n\n## Alerts\n\n### OrdersHighLatency\n\n**Meaning:** p99 latency above 2 s.\n\n**Mitigation:** scale up.\n\n' +
        '### OrdersQueueBacklog\n\n**Meaning:** over 1000 orders wait.\n\n**Mitigation:** restart the consumers.\n\n## Contacts\n\nThe Orders team, #orders on Slack.\n'
    )
    expect(layout).not.toBe('alert')
    expect(messages.join('\n')).not.toMatch(/`## (?:Impact|Diagnosis)`/)
  })
})

describe('a short page that points elsewhere gets nothing', () => {
  for (const [path, text] of [
    ['database.md', '# Database runbooks\n\nThe database runbooks moved to the [DBA handbook](https://wiki.example.org/dba).\n'],
    ['OldAlert.md', '# OldAlert\n\nThis alert was replaced: see [NewAlert](NewAlert.md).\n'],
    ['network.md', 'Network\n=======\n\nSee [the network team’s runbooks](../network/README.md) for every network alert.\n']
  ]) {
    it(path, async () => {
      const {messages} = await lintPage(path, text)
      expect(structure(messages)).toEqual([])
    })
  }
})

describe('messages that are right stay', () => {
  it('an alert page lacking its Mitigation is told so', async () => {
    const {layout, messages} = await lintPage(
      'KafkaLagHigh.md',
      '# KafkaLagHigh\n\n## Meaning\n\nA consumer group is behind by more than 10000 messages.\n\n## Impact\n\nEvents reach the search index late.\n\n## Diagnosis\n\nLook at the lag per partition on the Kafka dashboard.\n'
    )
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual(['14:1 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Diagnosis`'])
  })

  it('an on-call handbook is still a document of another shape', async () => {
    const {layout, messages} = await lintPage(
      'handbook.md',
      '# On-call handbook\n\n## Before your shift\n\nCheck that the pager reaches your phone.\n\n## Handing over\n\nWrite what is open in the shift log.\n\n## Time off\n\nTake the morning off after a night page.\n'
    )
    expect(layout).toBe('default')
    expect(structure(messages)).toEqual([
      '3:1-3:21 runbook-required-headings Unexpected document with 0 of the 21 sections the `default` runbook layout requires, expected a runbook, or the file in `.remarkignore`'
    ])
  })

  it('a paragraph that speaks of the alert manager is no alert page', async () => {
    const {layout} = await lintPage(
      'ceph-helper.md',
      '# Troubleshooting Ceph\n\n## Checks\n\n1. Look in the alert manager for read-only alerts.\n2. Run `ceph health detail`.\n\n## Notes\n\nThe cluster heals itself after a while.\n\n## Links\n\nThe Ceph docs.\n'
    )
    expect(layout).not.toBe('alert')
  })
})

describe('a site’s alert page, titled in front matter, its sections `###`', () => {
  it('checks and fixes under `###` are the diagnosis and the mitigation: only the real gaps are named', async () => {
    const page =
      '---\ntitle: Search index lagging\nsection: Nagios alerts\n---\n\n### Investigating the lag\n\nCompare the last indexed document with the newest row:\n\n```\n./bin/index-status --env production\n```\n\n' +
      '### Possible fixes\n\n- Restart the indexer: `systemctl restart indexer`.\n- If it is still behind, reindex the last day: `./bin/reindex --since 24h`.\n'
    const {layout, messages} = await lintPage('search-index-lag.html.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([
      '6:1 runbook-required-headings Missing required heading `### Meaning`, expected it before `Investigating the lag`',
      '6:1 runbook-required-headings Missing required heading `### Impact`, expected it before `Investigating the lag`'
    ])
  })

  it('a page filed under alerts that gives its steps in prose and code gets nothing about its structure', async () => {
    const page =
      '---\ntitle: Nightly export\nsection: Icinga alerts\n---\n\nThe nightly export copies the reports bucket to the archive. When it has not finished by 07:00 the check goes critical.\n\n' +
      'Look at the job’s last run first:\n\n```\nsudo -u exporter ./export status\n```\n\nRun it again by hand if it failed:\n\n```\nsudo -u exporter ./export run --now\n```\n'
    const {layout, messages} = await lintPage('nightly-export.html.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('a handbook page whose headings are all `###` is still a document of another shape, and so is one filed under alerts that gives no step', async () => {
    const handbook = await lintPage(
      'shift.md',
      '---\ntitle: On-call shifts\n---\n\n### Before your shift\n\nCheck that the pager reaches your phone.\n\n### Handing over\n\nWrite what is open in the shift log.\n'
    )
    expect(handbook.layout).toBe('default')
    expect(structure(handbook.messages)).toEqual([
      '5:1-5:22 runbook-required-headings Unexpected document with 0 of the 21 sections the `default` runbook layout requires, expected a runbook, or the file in `.remarkignore`'
    ])
    const noSteps = await lintPage(
      'alerting-history.md',
      '---\ntitle: Why we moved off Nagios\nsection: Alerting\n---\n\nIn 2019 we replaced the old checks with Prometheus rules. The dashboards moved with them.\n\nThe team chose it for its query language.\n'
    )
    expect(noSteps.layout).not.toBe('alert')
  })
})

describe('service runbooks, how-tos and guides to alerts are no alert pages', () => {
  const service = (title: string) =>
    `# ${title}\n\n## Overview\n\nThe ledger records every payment movement and serves balances to the app.\n\n## Day-to-day operations\n\n- Read the reconciliation report each morning.\n\n` +
    '## Monitoring alerts\n\n| Alert | Severity | Meaning |\n| --- | --- | --- |\n| Ledger API down | critical | No node answers its health check |\n| Reconciliation late | warning | The nightly job is still running at 06:00 |\n\n' +
    '## Incident procedures\n\n### Ledger API down\n\n1. Check the pods: `kubectl -n ledger get pods`.\n2. Restart them: `kubectl -n ledger rollout restart deploy/ledger-api`.\n\n' +
    '## Maintenance\n\nPatch the nodes monthly, draining each first.\n\n## Escalation matrix\n\n| Level | Who | Reach |\n| --- | --- | --- |\n| 1 | On-call engineer | #ledger-oncall on Slack |\n| 2 | Ledger lead | +44 20 7946 0000 |\n\n' +
    '## Contacts\n\n| Team | Channel |\n| --- | --- |\n| Ledger | #ledger on Slack |\n'

  it('a service named in one word (`LedgerCore Runbook`) with chapters about the service gets a service layout: no Impact asked', async () => {
    for (const title of ['LedgerCore Runbook', 'Ledger Service Runbook']) {
      const {layout, messages} = await lintPage('runbook.md', service(title), true)
      expect(layout, title).not.toBe('alert')
      expect(messages.join('\n'), title).not.toMatch(/`## (?:Impact|Meaning|Diagnosis|Mitigation)`|another shape|sections the/)
    }
  })

  it('an `Alert:` field still names the alert of a page whose chapters speak of monitoring and maintenance', async () => {
    const page =
      '# DiskFillingUp\n\n**Alert:** DiskFillingUp\n\n## Meaning\n\nThe data volume will be full within a day.\n\n## Impact\n\nWrites fail once it is full.\n\n## Diagnosis\n\nRun `df -h`.\n\n## Mitigation\n\nDelete old logs: `find /var/log -mtime +7 -delete`.\n\n' +
      '## Monitoring\n\nThe rule lives in `disk.rules.yaml`.\n\n## Maintenance\n\nGrow the volume in the next window.\n'
    const {layout, messages} = await lintPage('DiskFillingUp.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('a how-to (prerequisites, steps, a troubleshooting section of `Issue:` subsections) gets nothing about its structure', async () => {
    const page =
      '# Setting up a build agent\n\nThis page brings a new agent into the pool.\n\n## Prerequisites\n\n- An account in the build project.\n\n## Step 1 - Create the machine\n\n```\nagentctl create --size large agent-07\n```\n\n' +
      '## Step 2 - Register it\n\n```\nagentctl register agent-07 --pool linux\n```\n\n## Troubleshooting\n\n### Issue: registration times out\n\nOpen port 8443 and register again.\n\n### Issue: jobs stay queued\n\nFix the label: `agentctl label agent-07 linux`.\n'
    for (const [path, text] of [
      ['build-agent.md', page],
      ['agente.md', page.replace('## Prerequisites', '## Pré-requisitos')],
      ['agent.md', page.replace('## Prerequisites', '## Before you begin')]
    ]) {
      const {layout, messages} = await lintPage(path, text)
      expect(layout, path).not.toBe('alert')
      expect(structure(messages), path).toEqual([])
    }
  })

  it('a guide to alerts in general gets nothing about its structure, in any of its titles', async () => {
    const body =
      '## Overview\n\nHow the team answers a page, for every service.\n\n## Steps\n\n1. Acknowledge the page.\n2. Open the runbook linked from it.\n\n## Troubleshooting\n\nNo runbook linked? Write one after the incident.\n\n## Escalation\n\nPage the secondary after 15 minutes.\n'
    for (const title of ['Alert handling guide', 'Alert triage', 'Handling alerts on call', 'Guidelines for alert runbooks', 'Guía de alertas', 'Alerts']) {
      const {layout, messages} = await lintPage('alerts-guide.md', `# ${title}\n\n${body}`)
      expect(layout, title).not.toBe('alert')
      expect(structure(messages), title).toEqual([])
    }
  })

  it('an alert page with a step list and a `Prerequisites` under its diagnosis keeps the alert layout', async () => {
    const page =
      '# VolumeNearFull\n\n## Meaning\n\nA volume is over 85% full.\n\n## Impact\n\nWrites fail once it is full.\n\n## Diagnosis\n\n### Prerequisites\n\nA shell on the toolbox pod.\n\n### Steps\n\nRun `ceph df`.\n\n## Mitigation\n\nDelete old snapshots: `rbd snap purge pool/img`.\n'
    const {layout, messages} = await lintPage('VolumeNearFull.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('a page for a family of alerts (`Node memory alerts`) with one alert’s playbook so far is an alert page, not another document', async () => {
    const page =
      '# Node memory alerts\n\n## NodeMemoryPressure\n\nThe node is short of memory: under 5% free and many major page faults.\n\nPossible causes:\n\n- A runaway job.\n\nPossible actions:\n\n- Kill the job, or give the node more memory.\n'
    const {layout, messages} = await lintPage('node-memory.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('a family page with no alert heading is read by its sections: the alert layout’s real gaps', async () => {
    const page = '# Session proxy alerts\n\n## Symptoms\n\nClones wait for minutes; users see timeouts.\n\n## Possible checks\n\n- Is the proxy tier saturated? Look at its connection graph.\n'
    const {layout, messages} = await lintPage('session-proxy.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual(['10:1 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Possible checks`'])
  })
})

describe('alert pages of shapes still told they were another document', () => {
  it('a security finding’s page, titled with the finding type (underlined, or in front matter), gets nothing about its structure', async () => {
    const underlined =
      'Recon:VPC/PortScanOutbound\n--------------------------\n\n### An instance in the network scans ports of many outside hosts.\n\n**Default severity: Medium**\n\n' +
      'The instance sends connection attempts to thousands of addresses on one port.\n\n**Remediation:** stop the instance, snapshot its disk for forensics, and rotate the credentials it holds.\n'
    const framed =
      '---\ntitle: "Exfiltration:Bucket/UnusualReadVolume"\n---\n\nThis finding means a principal read far more objects than usual from one bucket.\n\n**Remediation**\n\n1. Find the principal in the audit log.\n2. Revoke its keys: `cloudctl keys revoke <principal>`.\n'
    for (const [path, text] of [
      ['recon-vpc-portscanoutbound.md', underlined],
      ['exfiltration-bucket-unusualreadvolume.md', framed]
    ]) {
      const {layout, messages} = await lintPage(path, text)
      expect(layout, path).toBe('alert')
      expect(structure(messages), path).toEqual([])
    }
  })

  it('a finding type that starts with a section’s word (`Impact:Instance/…`) is the page’s name, not its impact', async () => {
    const page =
      'Impact:Instance/OutboundFlood\n-----------------------------\n\n### An instance sends an unusual volume of traffic to one host.\n\nThe instance may be part of a denial of service.\n\n**Remediation:** isolate the instance in a quarantine security group.\n'
    const {layout, messages} = await lintPage('impact-instance-outboundflood.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('an alert page whose sections are bold fields with their text gets nothing about its structure; a readme with `Description` and `Owner` fields is no alert page', async () => {
    const fields =
      '# Login failures spike\n\n**Description:** more than 5% of logins fail for 10 minutes.\n\n**Impact:** users cannot sign in.\n\n' +
      '**Investigation:** read the auth service log: `kubectl -n auth logs deploy/auth`.\n\n**Resolution:** restart the auth pods; if the identity provider is down, switch to the fallback one.\n'
    const alert = await lintPage('login-failures.md', fields)
    expect(alert.layout).toBe('alert')
    expect(structure(alert.messages)).toEqual([])
    const readme = await lintPage('tooling.md', '# Release tooling\n\n**Description:** scripts that tag and publish releases.\n\n**Owner:** the build team.\n\n## Usage\n\nRun `./release.sh 1.2.3`.\n')
    expect(readme.layout).not.toBe('alert')
  })

  it('one page for several alerts, each under a heading with its own labelled checks and actions, gets nothing about its structure', async () => {
    const page =
      '# Worker fleet\n\nWhat to do for each alert of the worker fleet.\n\n### Worker queue backlog\n\n**Checks**\n\n- Queue depth on the Workers dashboard.\n\n**Actions**\n\n- Add workers: `kubectl scale deploy/worker --replicas=12`.\n\n' +
      '### Worker crash loop\n\n**Checks**\n\n- `kubectl logs deploy/worker --previous`\n\n**Actions**\n\n- Roll back: `kubectl rollout undo deploy/worker`.\n'
    const {layout, messages} = await lintPage('workers.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('repeated labels that are no section of an alert page (`Files touched`, `Acceptance criteria`) make no catalogue', async () => {
    const page =
      '# Data export specification\n\n## Scope\n\nWhat the export covers.\n\n### Chunk 1\n\n**Files touched**\n\n- `export.py`\n\n**Acceptance criteria**\n\n- The file is written.\n\n' +
      '### Chunk 2\n\n**Files touched**\n\n- `upload.py`\n\n**Acceptance criteria**\n\n- The file is uploaded.\n'
    const {layout} = await lintPage('export-spec.md', page)
    expect(layout).not.toBe('alert')
  })

  it('a checklist for one alert, or a page of steps with no sections that speaks of the alert, is an alert page', async () => {
    const page =
      '# Redis memory checklist\n\n1. Is the alert for the cache or the session store? Its `instance` label says.\n2. Check memory: `redis-cli info memory`.\n3. Delete the temporary keys: `redis-cli --scan --pattern "tmp:*" | xargs redis-cli del`.\n'
    const {layout, messages} = await lintPage('redis-memory.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })
})

describe('labels are section labels only where they are the page’s structure', () => {
  // A long alert page written with bold labels: most of its text is under them.
  const longAlertPage = (() => {
    let page = '# Ledger export stalled\n\nThe nightly ledger export has not written a file for two hours.\n\n**Síntomas**\n\n'
    for (const hour of [1, 2, 3, 4, 5, 6]) {
      page += `- Hour ${hour} of the run: the export table shows no new rows, the finance dashboard keeps yesterday’s totals and the accountants ask on the support channel why.\n`
    }
    page += '\n**Mitigación**\n\n'
    for (const step of ['Read the exporter log for the last error and note the batch it stopped at.', 'Restart the exporter from that batch: `./bin/ledger-export --from-batch N`.', 'Tell the finance channel when the file has arrived.']) {
      page += `1. ${step} Keep the incident channel posted while the export catches up, and write down what the error said.\n`
    }
    return page
  })()

  it('a long alert page whose text is under its bold labels is still told once', async () => {
    const {layout, messages} = await lintPage('ledger-export.md', longAlertPage)
    expect(longAlertPage.split(/\s+/).length).toBeGreaterThan(150)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([
      '5:1-5:13 runbook-required-headings Unexpected section labels written as text (`Síntomas`, `Mitigación`), expected headings such as `## Síntomas`: these look like the sections of the `alert` layout but are not headings'
    ])
  })

  it('two bold words chapters apart in a long document are its emphasis, not an alert page’s sections', async () => {
    let page = '# Estrategia de datos para el próximo año\n\nQué queremos cambiar en la forma de cargar y publicar los datos, y por qué.\n\n'
    page += '**Qué hacer**\n\nMover los informes antiguos al almacén nuevo y dejar de copiar hojas a mano.\n\n'
    for (const part of ['Costes', 'Personas', 'Calendario', 'Riesgos', 'Medición', 'Proveedores']) {
      page += `## ${part}\n\nAquí razonamos sobre ${part.toLowerCase()}: lo que cuesta hoy, lo que costaría con el almacén nuevo, quién participa y cómo sabremos a final de trimestre si ha merecido la pena.\n\n`
      page += 'Otro párrafo con cifras del año pasado, dudas que siguen abiertas y las decisiones que tomará el comité en su próxima reunión.\n\n'
    }
    page += '**Consecuencias**\n\nSi no cambiamos nada, los informes seguirán llegando tarde.\n\n## Próximos pasos\n\nRevisamos el plan en marzo.\n'
    const {layout, messages} = await lintPage('estrategia-datos.md', page)
    expect(layout).not.toBe('alert')
    expect(messages.join('\n')).not.toMatch(/labels written as text/)
  })
})

describe('section labels written as plain lines', () => {
  it('a line of its own naming a section (`Symptoms`, `Diagnosis`, `Resolution`) is a label: the alert layout, told once', async () => {
    const page =
      '# Certificate renewal failed\n\nSymptoms\n\nThe renewal job exits with an ACME error; the certificate expires within a week.\n\nDiagnosis\n\nRead the job log: `kubectl -n certs logs job/renew`.\n\nResolution\n\nFix the DNS challenge record and run the job again.\n'
    const {layout, messages} = await lintPage('cert-renewal.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([
      '3:1-3:9 runbook-required-headings Unexpected section labels written as text (`Symptoms`, `Diagnosis`, `Resolution`), expected headings such as `## Symptoms`: these look like the sections of the `alert` layout but are not headings'
    ])
  })

  it('short lines that name no section are text', async () => {
    const {layout, messages} = await lintPage(
      'notes.md',
      '# Team notes\n\nMonday\n\nWe moved the stand-up to ten.\n\nTuesday\n\nThe new laptop arrived.\n'
    )
    expect(layout).not.toBe('alert')
    expect(messages.join('\n')).not.toMatch(/labels written as text/)
  })
})

describe('more pages that are no alert page', () => {
  it('a service runbook whose alerts chapter holds playbooks with their own `Meaning` and `Mitigation` does not get the alert layout', async () => {
    const page =
      '# Payments service\n\n## Overview\n\nTakes card payments and settles them nightly.\n\n## Dashboards\n\nThe Payments board.\n\n## Alerts\n\n' +
      '### High error rate\n\n#### Meaning\n\nMore than 2% of payment calls fail.\n\n#### Mitigation\n\nRoll back: `kubectl rollout undo deploy/payments`.\n\n' +
      '### Settlement late\n\n#### Meaning\n\nThe settlement has not finished by 06:00.\n\n#### Mitigation\n\nRerun it: `./bin/settle --date yesterday`.\n\n## Contacts\n\nPayments team, #payments.\n'
    const {layout, messages} = await lintPage('payments.md', page)
    expect(layout).not.toBe('alert')
    expect(messages.join('\n')).not.toMatch(/`## (?:Impact|Diagnosis)`/)
  })

  it('the same playbooks on a page titled after its alerts are a catalogue with the alert layout', async () => {
    const page =
      '# Payments alerts\n\n## Alerts\n\n### High error rate\n\n#### Meaning\n\nMore than 2% of payment calls fail.\n\n#### Mitigation\n\nRoll back: `kubectl rollout undo deploy/payments`.\n\n' +
      '### Settlement late\n\n#### Meaning\n\nThe settlement has not finished by 06:00.\n\n#### Mitigation\n\nRerun it: `./bin/settle --date yesterday`.\n'
    const {layout, messages} = await lintPage('payments-alerts.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('a how-to about alerts (`Writing a runbook for a new alert`, `Adding an alert rule`) is no alert page: nothing about its structure', async () => {
    const body =
      '## Overview\n\nEvery alert links to a page that tells on-call what to do.\n\n## Steps\n\n1. Copy the template.\n2. Say what the alert means and what to do.\n\n## Troubleshooting\n\nIf the link check fails, compare the page name with the alert.\n'
    for (const title of ['Writing a runbook for a new alert', 'Adding an alert rule', 'Setting up alert routing']) {
      const {layout, messages} = await lintPage('howto.md', `# ${title}\n\n${body}`)
      expect(layout, title).not.toBe('alert')
      expect(structure(messages), title).toEqual([])
    }
  })

  it('an alert page whose title starts with a condition in `-ing` (`Failing backups`) keeps the alert layout', async () => {
    const page = '# Failing backups\n\n## Meaning\n\nThe nightly backup failed twice.\n\n## Impact\n\nNo restore point newer than two days.\n\n## Diagnosis\n\nRead the job log.\n\n## Mitigation\n\nRun it again: `./backup --now`.\n'
    const {layout, messages} = await lintPage('failing-backups.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })
})

describe('an alert page of its own sections, a service runbook of numbered chapters, a how-to titled `Runbook:`', () => {
  const portuguese =
    '# Runbook: Gateway de Pedidos — Degradação de Latência\n\n' +
    '## Objetivo\n\nReduzir a latência do gateway de pedidos quando os alertas indicarem degradação.\n\n' +
    '## Critérios de Disparo\n\n- O alerta `pedidos-latencia` disparou: P95 acima de 800 ms durante 5 minutos.\n- Clientes relatam lentidão ao finalizar compras.\n\n' +
    '## Preparação\n\n1. Confirme o alerta no painel de latência do gateway.\n2. Reúna a equipe no canal #incidente-pedidos.\n\n' +
    '## Diagnóstico\n\n1. Verifique os erros do proxy do banco: `kubectl logs deploy/pedidos-db-proxy --tail=200`.\n2. Compare a latência por região no painel.\n\n' +
    '## Ações de Mitigação\n\n1. Aumente as réplicas: `kubectl scale deploy/pedidos-gateway --replicas=8`.\n2. Desative as recomendações se forem a causa.\n\n' +
    '## Comunicação\n\nAtualize a página de status a cada 30 minutos.\n\n' +
    '## Critérios de Recuperação\n\nP95 abaixo de 300 ms durante 15 minutos.\n\n' +
    '## Pós-Incidente\n\nAbra um post-mortem em até dois dias úteis.\n'

  it('headings that say when the alert fires, with a diagnosis and a mitigation of their own, are an alert page in any language', async () => {
    const {layout, messages} = await lintPage('pedidos-latencia.md', portuguese)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('a pipeline’s `Triggers` beside a `Troubleshooting` that stands for checks and fixes is no alert page', async () => {
    const page =
      '# Release pipeline\n\n## Purpose\n\nBuilds, tests and publishes the web app on every merge.\n\n' +
      '## Triggers\n\n- Every push to `main`.\n- A tag matching `v*`.\n\n## Jobs\n\n1. `build` compiles the bundle.\n2. `test` runs the unit tests.\n\n' +
      '## Secrets\n\nThe pipeline reads `NPM_TOKEN` from the repository secrets.\n\n## Troubleshooting\n\n- A red `test` job: run `npm test` locally.\n\n' +
      '## Rollback\n\nRun the publish job of the previous tag again: `gh workflow run publish -f tag=v1.2.3`.\n\n## Contacts\n\nWeb team, #web-dev.\n'
    const {layout, messages} = await lintPage('release-pipeline.md', page)
    expect(layout).toBe('default')
    expect(structure(messages)).toEqual([
      '19:60 runbook-required-headings Missing required heading `## Monitoring and alerting`, expected it after `Secrets`'
    ])
  })

  const operations =
    '# Runbook: Secrets Vault Operations\n\n## 1. Overview\n\nThe vault keeps and rotates the credentials of the payment services.\n\n' +
    '## 2. Quick Reference\n\n| Item | Value |\n|------|-------|\n| Dashboard | Grafana, folder Vault |\n| Chat | #vault-oncall |\n\n' +
    '## 3. Day-to-Day Operations\n\n### 3.1 Health Checks\n\n```bash\nvault status\n```\n\n' +
    '### 3.2 Monitoring Alerts\n\n| Alert | Severity | Meaning |\n|-------|----------|---------|\n| VaultSealed | critical | The vault is sealed |\n| VaultRotationLate | warning | A rotation is overdue |\n\n' +
    '## 4. Incident Response Procedures\n\n### 4.1 Rotation Failure\n\n```bash\nvault read sys/rotate/status\nvault write -f sys/rotate\n```\n\n' +
    '### 4.2 Agent Authentication Failure\n\n```bash\nvault auth list\nkubectl rollout restart deploy/vault-agent\n```\n\n' +
    '### 4.3 Sealed Vault\n\n```bash\nvault operator unseal\n```\n\n' +
    '## 5. Emergency Procedures\n\nBreak glass: the root token is in the safe; two approvers open it.\n\n' +
    '## 6. Maintenance\n\nUpgrade the vault nodes one at a time, followers first.\n\n' +
    '## 7. Escalation Matrix\n\n| Level | Who |\n|-------|-----|\n| 1 | On call |\n| 2 | Platform lead |\n\n' +
    '## 8. Contact Information\n\n- Platform team: #platform in chat\n'

  it('a service runbook with day-to-day operations, maintenance and several incident procedures does not get the alert layout', async () => {
    const {layout, messages} = await lintPage('vault.md', operations, true)
    expect(layout).toBe('default')
    expect(messages.filter((message) => message.includes('Impact'))).toEqual([])
  })

  it('an alert page with a maintenance note keeps the alert layout and its real gap', async () => {
    const page =
      '# VaultSealed\n\n## Meaning\n\nThe vault answers no request: it is sealed.\n\n' +
      '## Diagnosis\n\nRun `vault status` on each node.\n\n## Mitigation\n\nUnseal it: `vault operator unseal`.\n\n' +
      '## Maintenance\n\nDuring an upgrade the alert is silenced for an hour.\n'
    const {layout, messages} = await lintPage('VaultSealed.md', page)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual(['5:44 runbook-required-headings Missing required heading `## Impact`, expected it after `Meaning`'])
  })

  it('a how-to titled `Runbook:` (prerequisites, numbered steps, a troubleshooting of `Issue:` subsections) gets nothing about its structure', async () => {
    const page =
      '# Runbook: Bootstrap New Environment\n\n## Prerequisites\n\n- Admin rights in the cloud console.\n- Terraform 1.6 or newer.\n\n' +
      '## Step 1: Provision Infrastructure\n\n```bash\nterraform apply -var env=staging\n```\n\n## Step 2: Configure DNS\n\nPoint the zone at the new load balancer.\n\n' +
      '## Step 3: Deploy the Platform\n\n```bash\nhelm install platform ./charts/platform\n```\n\n## Step 4: Seed the Database\n\n```bash\n./bin/seed --env staging\n```\n\n' +
      '## Step 5: Set Up Monitoring\n\nImport the dashboards and the alert rules.\n\n## Step 6: Verify\n\nRun the smoke tests: `make smoke ENV=staging`.\n\n' +
      '## Step 7: Hand Over\n\nTell the on-call team that the environment is live.\n\n' +
      '## Troubleshooting\n\n### Issue: Terraform state lock\n\nRelease the lock with `terraform force-unlock`.\n\n### Issue: DNS not resolving\n\nWait for the TTL, then check the delegation.\n'
    const {messages} = await lintPage('bootstrap.md', page)
    expect(structure(messages)).toEqual([])
  })

  it('a service runbook with a `Prerequisites` chapter beside its deployment, monitoring and maintenance is still asked for its owner', async () => {
    const page =
      '# Runbook: Ledger Service\n\n## Prerequisites\n\n- VPN access and the `ledger-admin` role.\n\n## Deployment\n\n```bash\nhelm upgrade ledger ./charts/ledger\n```\n\n' +
      '## Monitoring\n\nThe Ledger dashboard shows the request rate and the error rate.\n\n## Backup and restore\n\nNightly snapshots; restore with `./bin/restore --date 2026-01-31`.\n\n' +
      '## Maintenance\n\nRotate the database password every quarter.\n'
    const {messages} = await lintPage('ledger.md', page)
    expect(structure(messages)).toEqual(['24:1 runbook-required-headings Missing required heading `### Service owner`, expected it in the document'])
  })
})

describe('symptom pages in Spanish, and short pages titled after a failure, are alert pages', () => {
  it('a Spanish symptom page (`Síntoma`, `Revisar`, `Acción segura`, `No hacer`, `Recuperación`) gets the alert layout and nothing about its structure', async () => {
    const {layout, messages} = await lintPage(
      'cola-pagos.md',
      '# Cola de pagos atascada\n\n## Síntoma\n\nLos pagos siguen pendientes después de diez minutos.\n\n' +
        '## Revisar\n\n1. El tamaño de la cola en el panel.\n2. Los registros: `kubectl logs deploy/pagos-consumidor`.\n\n' +
        '## Acción segura\n\nReiniciar el consumidor: `kubectl rollout restart deploy/pagos-consumidor`.\n\n' +
        '## No hacer\n\nNo vaciar la cola a mano.\n\n## Recuperación\n\nComprobar que la cola baja.\n'
    )
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('a numbered symptom page with sections of its own (`1. Symptoms`, `2. Where to look first`, …, `7. Post-incident`) gets the alert layout', async () => {
    const {layout, messages} = await lintPage(
      'checkout-latency.md',
      '# Checkout latency spike\n\n## Why this runbook exists\n\nCheckout slows down a few times a month.\n\n' +
        '## 1. Symptoms\n\n- p99 latency above two seconds.\n\n## 2. Where to look first\n\n- The latency panel of the checkout board.\n\n' +
        '## 3. Immediate mitigation\n\nScale out: `kubectl scale deploy/checkout --replicas=6`.\n\n## 4. Root-cause checklist\n\n- Recent deploys.\n\n' +
        '## 5. Communication\n\nPost in the status channel.\n\n## 6. Post-incident\n\nWrite the review.\n'
    )
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('a Spanish page titled after a failure that is only numbered steps gets the alert layout and nothing about its structure', async () => {
    const {layout, messages} = await lintPage(
      'base-datos.md',
      '# Base de datos no disponible\n\n1. Comprobar que responde: `pg_isready -h db1`.\n2. Mirar el disco: `df -h /var/lib/postgresql`.\n' +
        '3. Reiniciar el servicio: `systemctl restart postgresql`.\n'
    )
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual([])
  })

  it('look-alikes stay documents of another shape: numbered steps under a title that names no failure, meeting notes with a `Revisar` section', async () => {
    const install = await lintPage(
      'instalar.md',
      '# Instalar la base de datos\n\n1. Instalar el paquete: `apt-get install postgresql`.\n2. Crear el usuario.\n3. Abrir el puerto 5432.\n'
    )
    expect(install.layout).toBe('default')
    expect(structure(install.messages)).toEqual([
      '3:1 runbook-required-headings Unexpected document with 0 of the 21 sections the `default` runbook layout requires, expected a runbook, or the file in `.remarkignore`'
    ])
    const notes = await lintPage(
      'notas.md',
      '# Notas de la reunión semanal\n\n## Revisar\n\nEl presupuesto.\n\n## Acuerdos\n\nUna persona más de noche.\n\n## Próxima reunión\n\nEl lunes.\n'
    )
    expect(notes.layout).toBe('default')
    expect(structure(notes.messages)).toEqual([
      '3:1-3:11 runbook-required-headings Unexpected document with 0 of the 21 sections the `default` runbook layout requires, expected a runbook, or the file in `.remarkignore`'
    ])
  })
})

describe('a page about one failure is never asked for a service’s owner, monitoring or backups', () => {
  const sections =
    '## Alert\n\nFires when more than 5% of checkout requests fail for ten minutes.\n\n## Dashboards\n\nThe checkout board.\n\n' +
    '## Troubleshooting\n\n1. Look at the recent deploys.\n2. `kubectl logs deploy/checkout --since=10m`\n\n## Rollback\n\n`helm rollback checkout`\n\n'

  it('a high-error-rate runbook with dashboards and rollback sections gets the alert layout: only its impact is missing', async () => {
    const {layout, messages} = await lintPage('checkout-errors.md', `# High error rate runbook\n\n${sections}## Post-incident\n\nOpen a ticket.\n`)
    expect(layout).toBe('alert')
    expect(structure(messages)).toEqual(['5:67 runbook-required-headings Missing required heading `## Impact`, expected it after `Alert`'])
  })

  it('the same sections in a service’s runbook (with backups) still get the service layout and its owner', async () => {
    const {layout, messages} = await lintPage('checkout.md', `# Checkout service runbook\n\n${sections}## Backups\n\nNightly snapshots.\n`)
    expect(layout).toBe('default')
    expect(structure(messages)).toEqual(['23:1 runbook-required-headings Missing required heading `### Service owner`, expected it in the document'])
  })
})
