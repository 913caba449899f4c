/**
 * Short alert pages that say when their alert fires on one labelled line
 * above their sections (`- **Signal:** ...`, `Trigger: ...`): that line is
 * the page's meaning, and what is missing is its impact. And an alert
 * page's own `Follow-up` that tells the on-call engineer what to do after
 * the incident (write it down in the ticket, prioritise the fixes): the
 * page's text, not a template's prompt. Each beside its look-alike whose
 * message is right and stays. Every page is written for the test.
 */

import {lintRunbook} from 'remark-preset-runbook/api'
import {describe, expect, it} from 'vitest'
import {describeMessage} from './helpers.js'

async function messages(path: string, text: string) {
  const file = await lintRunbook(text, {path})
  return file.messages.map(describeMessage)
}

const body =
  '## Likely causes\n\n- A deploy left the exporter without its port.\n- The node was drained.\n\n## Triage\n\n1. Open the target page of Prometheus and find the job.\n2. Restart the exporter: `systemctl restart node-exporter`.\n'

describe('a labelled line above the sections says when the alert fires: the meaning', () => {
  for (const line of [
    '- **Signal:** `up{job="node"} == 0` for 2m',
    '- Signal: `up{job="node"} == 0` for 2m',
    '**Trigger:** the exporter has not been scraped for two minutes.',
    'Condition: `up{job="node"} == 0` for 2m',
    '- *Fires when:* no scrape of the job succeeds for 2m',
    '- **Expr:** `up{job="node"} == 0`'
  ]) {
    it(line, async () => {
      const found = await messages('NodeExporterDown.md', `# NodeExporterDown\n\n${line}\n\n${body}`)
      expect(found.filter((message) => message.includes('Meaning'))).toEqual([])
      expect(found).toContainEqual(expect.stringMatching(/runbook-required-headings Missing required heading `## Impact`/))
    })
  }

  it('the same label under the triage is a check, not the meaning', async () => {
    const text = `# NodeExporterDown\n\n${body}3. Condition: the unit is active again.\n`
    expect(await messages('NodeExporterDown.md', text)).toContainEqual(expect.stringMatching(/Missing required heading `## Meaning`/))
  })

  it('a label of another kind above the sections is not the meaning', async () => {
    const text = `# NodeExporterDown\n\n- **Owner:** team-observability\n\n${body}`
    expect(await messages('NodeExporterDown.md', text)).toContainEqual(expect.stringMatching(/Missing required heading `## Meaning`/))
  })

  it('a signal label with nothing after it is not the meaning', async () => {
    const text = `# NodeExporterDown\n\n- **Signal:**\n\n${body}`
    expect(await messages('NodeExporterDown.md', text)).toContainEqual(expect.stringMatching(/Missing required heading `## Meaning`/))
  })
})

describe("a follow-up that tells the on-call engineer what to do after the incident is the page's text", () => {
  const page = (followUp: string) =>
    `# QueueBacklogGrowing\n\n## Meaning\n\nThe orders consumer has been behind for more than 15 minutes.\n\n## Impact\n\nCustomers get their order confirmations late.\n\n## Diagnosis\n\nRead the lag per partition on the consumer dashboard.\n\n## Mitigation\n\nScale the consumer: \`kubectl -n orders scale deploy/consumer --replicas=6\`.\n\n## Follow-up\n\n${followUp}\n`
  for (const followUp of [
    'Document the trigger, the contributing factors and the actions taken. Prioritise the fixes by what they cost the error budget.',
    'Describe what happened in the incident ticket, with the times of each step.',
    'List the fixes in the postmortem. Schedule the first one for the next sprint.',
    'Summarise the outage for the team. File a ticket for every fix it needs.'
  ]) {
    it(followUp, async () => {
      expect(await messages('QueueBacklogGrowing.md', page(followUp))).toEqual([])
    })
  }

  for (const prompt of ['Describe the work that follows an alert of this kind.', 'List the dashboards the responder opens after the page.', 'Document the steps to take once the queue has drained.']) {
    it(`a request to the writer is still a prompt: ${prompt}`, async () => {
      expect(await messages('QueueBacklogGrowing.md', page(prompt))).toEqual([
        `21:1-21:${prompt.length + 1} runbook-no-placeholders Unexpected template prompt in \`Follow-up\` (only template text), expected your own text`
      ])
    })
  }
})
