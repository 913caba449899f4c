/**
 * A service's runbook that is no copy of the template, written in a layout
 * of the team's own, is asked only for what it really lacks, once each: an
 * owner that no heading and no labelled line gives, monitoring and the
 * operational tasks that no heading speaks of, backup and restore when it
 * keeps data in a database; never the template's subsections under a
 * section it has, nor security or configuration, nor a place for its
 * sections. Copies of the template are asked for every section they lack,
 * as before. Every runbook here is written for the test.
 */

import {lintRunbook} from 'remark-preset-runbook/api'
import {describe, expect, it} from 'vitest'
import {describeMessage} from './helpers.js'

async function headingMessages(text: string, path = 'runbook.md') {
  const file = await lintRunbook(text, {path})
  return file.messages.filter((message) => message.ruleId === 'runbook-required-headings').map(describeMessage)
}

describe('a runbook of its own layout covers things in its own words', () => {
  it('an owner in a header line, incidents and rollback sections, access prerequisites and secret rotation', async () => {
    const text =
      '# Ledger service runbook\n\n**Owner:** Finance Platform team · **Slack:** #fin-platform · **Tier:** 1\n\n' +
      '## Overview\n\nRecords every payment and refund in PostgreSQL and serves balances over gRPC.\n\n' +
      '## Prerequisites and access\n\nYou need the `ledger-operator` role in AWS; ask in #fin-platform.\n\n' +
      '## Monitoring\n\nThe Ledger dashboard shows request rate, errors and replication lag.\n\n' +
      '## Incidents\n\n1. Check the error rate.\n2. Restart a stuck pod: `kubectl -n ledger delete pod "$POD"`.\n\n' +
      '## Rollback\n\nRoll back in Argo CD: `argocd app rollback ledger`.\n\n' +
      '## Secret rotation\n\nThe database password rotates monthly through Vault.\n\n' +
      '## Backups\n\nNightly RDS snapshots; restore to a point in time with the AWS CLI.\n'
    expect(await headingMessages(text)).toEqual([])
  })

  it('an owner in a plain line, a table row or a bold line in a list', async () => {
    const body =
      '## What it does\n\nReads product changes from Kafka and writes them to the search index.\n\n' +
      '## Dashboards\n\nThe Search Indexer board in Grafana.\n\n## Common problems\n\n### Index lag\n\nScale the consumers up.\n\n' +
      '### Mapping errors\n\nReindex: `./bin/reindex --alias products`.\n'
    for (const owner of [
      'Owner: Discovery team (discovery@acme.io)',
      '| Field | Value |\n| --- | --- |\n| Team | Discovery |\n| On call | #discovery-oncall |',
      '- **Maintained by**: Discovery\n- **Repository**: acme/search-indexer'
    ]) {
      expect(await headingMessages(`# Search indexer\n\n${owner}\n\n${body}`), owner).toEqual([])
    }
  })
})

describe('what it really lacks is still asked, once each', () => {
  it('a backend keeping data in a database, with no owner, no monitoring and no backups', async () => {
    const text =
      '# Accounts API\n\n## Overview\n\nStores user profiles in a MySQL database and serves them to the apps.\n\n' +
      '## Architecture\n\nThree pods behind the internal load balancer.\n\n## Deployment\n\nTag a release; the pipeline deploys it.\n\n' +
      '## Troubleshooting\n\nRead the logs in Kibana.\n\n## Configuration\n\nEnvironment variables in the Helm chart.\n'
    expect(await headingMessages(text)).toEqual([
      '5:70 runbook-required-headings Missing required heading `### Service owner`, expected it at the end of `Overview`',
      '22:1 runbook-required-headings Missing required heading `## System backup and restore (Backup Management)`, expected it after `Configuration`',
      '22:1 runbook-required-headings Missing required heading `## Monitoring and alerting`, expected it after `Configuration`'
    ])
  })

  it('an integration keeping no data: monitoring, not backups, security or configuration', async () => {
    const text =
      '# Webhook bridge\n\nForwards events from the payment provider to the event bus.\n\nOwner: integrations team (integrations@acme.io)\n\n' +
      '## How it works\n\nThe provider posts to `/hooks`; the bridge checks the signature and publishes the event.\n\n' +
      '## When it breaks\n\n- Signature errors: update the provider key in the secret and restart.\n- Publish errors: check the event bus.\n\n' +
      '## Deploying\n\nMerge to `main`; the pipeline deploys.\n'
    expect(await headingMessages(text)).toEqual([
      '9:89 runbook-required-headings Missing required heading `## Monitoring and alerting`, expected it after `How it works`'
    ])
  })
})

describe('copies of the template are asked for what they lack, as before', () => {
  it('a copy with the template’s titles, renamed in places, is asked for its missing subsections and groups', async () => {
    const text =
      '# Billing API\n\n## Service or system overview\n\n### Business overview\n\nTakes card payments.\n\n### Technical overview\n\nA Node.js API.\n\n' +
      '## Monitoring and alerting\n\n### Metrics\n\nThe Billing dashboard.\n\n## Operations\n\n### Deployment\n\nMerging deploys.\n\n### Troubleshooting\n\nRead the logs.\n'
    const messages = await headingMessages(text)
    expect(messages).toContain(
      '11:15 runbook-required-headings Missing required heading `### Service owner` in `Service or system overview`, expected it after `Technical overview`'
    )
    expect(messages.some((message) => message.includes('`## Security and access control`'))).toBe(true)
    expect(messages.some((message) => message.includes('`### Health checks`'))).toBe(true)
  })
})

describe('a runbook of its own layout with few of the template’s sections by name', () => {
  const body =
    '## CI and releases\n\nEvery merge to `main` is deployed by the pipeline.\n\n## Logs\n\nIn Kibana, index `claims-*`.\n\n' +
    '## Dashboards\n\nThe Claims board in Grafana.\n\n## Environment variables\n\nSet with `cf set-env`, then restage.\n\n' +
    '## Restoring the database\n\nRestore the nightly PostgreSQL snapshot from the console.\n\n## Shuttering the site\n\nSwitch the route to the maintenance page.\n'

  it('that says it is a runbook is asked for what it lacks, not told it is of another shape', async () => {
    expect(await headingMessages(`# Claims service run book\n\n${body}`)).toEqual([
      '26:1 runbook-required-headings Missing required heading `### Service owner`, expected it in the document'
    ])
    expect(await headingMessages(`# Claims service run book\n\n**Team:** Claims, #claims on Slack\n\n${body}`)).toEqual([])
  })

  it('that does not say so is still a document of another shape, and a readme gets nothing', async () => {
    expect(await headingMessages(`# Claims service\n\n${body}`, 'notes.md')).toEqual([
      expect.stringMatching(/^3:1-3:\d+ runbook-required-headings Unexpected document with \d of the 21 sections/)
    ])
    expect(await headingMessages(`# Claims service runbook\n\n${body}`, 'README.md')).toEqual([])
  })
})

describe('a runbook about one of the service’s topics, in any of our languages, is of its own layout', () => {
  const backups =
    '# Runbook de respaldos de la base de pedidos\n\n## Respaldos\n\nCada noche a las 02:00 se vuelca la base con `pg_dump`.\n\n' +
    '## Verificación\n\nCada lunes se restaura el último volcado en staging.\n\n## Restauración\n\n1. Descargar el volcado.\n2. Cargarlo con `psql pedidos`.\n\n' +
    '## Evidencia\n\nLa salida se guarda en la carpeta de auditoría.\n'
  const monitoring =
    '# Runbook de monitoreo del portal\n\n## Checks\n\n- La página principal responde 200.\n\n## Alertas mínimas\n\n- Portal caído dos minutos: aviso al turno.\n\n' +
    '## Frecuencia\n\nCada minuto.\n\n## Herramientas\n\nUptime Kuma y Blackbox Exporter.\n'

  it('a Spanish backup and restore runbook is asked only for its owner, and nothing once a line names it', async () => {
    expect(await headingMessages(backups)).toEqual(['19:1 runbook-required-headings Missing required heading `### Service owner`, expected it in the document'])
    expect(await headingMessages(`${backups}\n**Responsable:** equipo de pedidos, #pedidos en Slack\n`)).toEqual([])
  })

  it('a Spanish monitoring runbook is asked only for its owner', async () => {
    expect(await headingMessages(monitoring)).toEqual(['18:1 runbook-required-headings Missing required heading `### Service owner`, expected it in the document'])
  })

  it('look-alikes keep their messages: backup notes that do not say they are a runbook, a whole service’s operations runbook', async () => {
    expect(await headingMessages(backups.replace('Runbook de respaldos de la base de pedidos', 'Notas sobre respaldos'), 'notas.md')).toEqual([
      expect.stringMatching(/^3:1-3:\d+ runbook-required-headings Unexpected document with \d of the 21 sections/)
    ])
    const operations =
      '# Payments operations runbook\n\n## Backups\n\nNightly snapshots of the ledger.\n\n## Restoring\n\nFrom the console.\n\n' +
      '## Deploying\n\nMerging deploys.\n\n## Secrets\n\nIn Vault.\n\n## Scaling\n\nThe HPA adds pods.\n'
    expect(await headingMessages(operations)).toEqual([
      '22:1 runbook-required-headings Missing required heading `### Service owner`, expected it in the document',
      '5:33 runbook-required-headings Missing required heading `## Monitoring and alerting`, expected it after `Backups`'
    ])
  })
})
