/**
 * An owner or escalation section whose contacts were left blank (`TBD`
 * cells of a contact table, `<email>`): each blank is one message of
 * runbook-no-placeholders, which says the section needs a way to reach the
 * team; runbook-owner-contact does not say it again for the section. A
 * section with no contact and no blank is still told it gives none.
 */

import {describe, expect, it} from 'vitest'
import {lint, messagesOf} from './helpers.js'

async function contactMessages(text: string): Promise<string[]> {
  const found = async (gfm: boolean) =>
    messagesOf(await lint(text, {gfm})).filter((message) => / runbook-(?:owner-contact|no-placeholders) /.test(message))
  const plain = await found(false)
  expect(await found(true), 'the same with remark-gfm').toEqual(plain)
  return plain
}

const alertPage = (contacts: string) =>
  '# DiskFull\n\n## Meaning\n\nThe data volume of a node is more than 95% full.\n\n## Impact\n\nWrites fail once it is full.\n\n' +
  '## Diagnosis\n\nFind the largest directories: `du -xh / | sort -h | tail`.\n\n## Mitigation\n\nDelete old logs, or grow the volume.\n\n' +
  `## Contacts\n\n${contacts}\n`

const serviceRunbook = (owner: string) =>
  '# Payments API runbook\n\n## Service or system overview\n\nPayments API takes card payments.\n\n' +
  `### Service owner\n\n${owner}\n\n### Technology stack\n\nNode.js on Kubernetes.\n`

describe('contacts left blank', () => {
  it('are told once per blank cell, not again for the section, on an alert page and a service runbook', async () => {
    const table = '| Role | Team | Channel |\n| --- | --- | --- |\n| Owner | Storage | TBD |\n| Escalation | TBD | TBD |'
    const escalation = 'expected who to call when the mitigation does not help, and how to reach them'
    expect(await contactMessages(alertPage(table))).toEqual([
      `23:21-23:24 runbook-no-placeholders Unexpected placeholder \`TBD\` in \`Contacts\`, ${escalation}`,
      `24:16-24:19 runbook-no-placeholders Unexpected placeholder \`TBD\` in \`Contacts\`, ${escalation}`,
      `24:22-24:25 runbook-no-placeholders Unexpected placeholder \`TBD\` in \`Contacts\`, ${escalation}`
    ])
    const owner = 'expected the team that owns this service and how to reach it'
    expect(await contactMessages(serviceRunbook(table.replace('Storage', 'Payments')))).toEqual([
      `11:22-11:25 runbook-no-placeholders Unexpected placeholder \`TBD\` in \`Service owner\`, ${owner}`,
      `12:16-12:19 runbook-no-placeholders Unexpected placeholder \`TBD\` in \`Service owner\`, ${owner}`,
      `12:22-12:25 runbook-no-placeholders Unexpected placeholder \`TBD\` in \`Service owner\`, ${owner}`
    ])
    expect(await contactMessages(serviceRunbook('The Payments team. Email: <email address>'))).toEqual([
      `9:27-9:42 runbook-no-placeholders Unexpected placeholder \`<email address>\` in \`Service owner\`, ${owner}`
    ])
  })

  it('leave the messages of a section that gives no contact and leaves no blank, and of a made-up contact', async () => {
    expect(await contactMessages(serviceRunbook('| Role | Team |\n| --- | --- |\n| Owner | Payments |'))).toEqual([
      '7:1-7:18 runbook-owner-contact Unexpected `Service owner` section that gives no contact channel, expected an email address, a chat channel, a phone number or an on-call link'
    ])
    expect(await contactMessages(alertPage('Ask the storage team’s lead.'))).toEqual([
      '19:1-19:12 runbook-owner-contact Unexpected `Contacts` section that gives no contact channel, expected an email address, a chat channel, a phone number or an on-call link'
    ])
    expect(await contactMessages(serviceRunbook('The Payments team: payments@example.com, on call TBD.'))).toEqual([
      `9:50-9:53 runbook-no-placeholders Unexpected placeholder \`TBD\` in \`Service owner\`, expected the team that owns this service and how to reach it`,
      '9:20-9:40 runbook-owner-contact Unexpected email address `payments@example.com` in `Service owner`: a reserved example domain (`example.com`), expected a real email address'
    ])
  })
})
