/**
 * Alert pages of shapes the alert layout does not describe, as teams write
 * them: the alert quoted as it pages, with its variables; pages of a
 * troubleshooting family whose template has no impact, filled or not;
 * alert pages of other shapes (checks and a resolution, a failure's
 * recovery steps, a few alerts on one page); escalations that name no
 * team on a project's generic page. Beside each, the counter-case where
 * the message is right and stays. Every page here is written for the test.
 */

import {lintRunbook} from 'remark-preset-runbook/api'
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
