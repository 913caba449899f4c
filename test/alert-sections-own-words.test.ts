/**
 * Alert pages whose sections do their job under other words, and alert
 * pages that give no action: an `Immediate actions` section made of checks
 * beside the page's resolution is its diagnosis; a numbered `Understanding
 * the alert` section, in English or another language, says what the alert
 * means; a mitigation, or a page of no sections, whose only step is to
 * notify someone is told it gives no action. Each beside the counter-case
 * whose message is right and stays. Every page is written for the test.
 */

import {lintRunbook} from 'remark-preset-runbook/api'
import {describe, expect, it} from 'vitest'
import {describeMessage} from './helpers.js'

async function messages(path: string, text: string) {
  const file = await lintRunbook(text, {path})
  return file.messages.map(describeMessage)
}

const meaningImpact = '## Meaning\n\nThe CPU load of a web node is above 90%.\n\n## Impact\n\nPages render slowly.\n\n'

describe('an immediate-actions section made of checks is the diagnosis', () => {
  for (const [title, steps] of [
    ['Immediate actions', '1. Check which process uses the CPU: `top -o %CPU`.\n2. Look at the request rate on the Web dashboard.\n'],
    ['First response', '- Verify that the node is not being drained.\n- Inspect the kubelet log: `journalctl -u kubelet`.\n'],
    ['Initial actions', 'Confirm the load on the node graph, then review the last deployment.\n']
  ]) {
    it(title, async () => {
      const text = `# HighCpuLoad\n\n${meaningImpact}## ${title}\n\n${steps}\n## Resolution\n\nScale the pool up: \`terraform apply -var web_count=6\`.\n`
      expect(await messages('HighCpuLoad.md', text)).toEqual([])
    })
  }

  it('one of fixes only is no diagnosis: the Diagnosis is still asked for', async () => {
    const text = `# HighCpuLoad\n\n${meaningImpact}## Immediate actions\n\nRestart the busiest pod.\n\n## Resolution\n\nScale the pool up: \`terraform apply -var web_count=6\`.\n`
    expect(await messages('HighCpuLoad.md', text)).toEqual([
      '9:21 runbook-required-headings Missing required heading `## Diagnosis`, expected it after `Impact`'
    ])
  })
})

describe('a numbered section about understanding the alert says what it means', () => {
  for (const [path, understanding] of [
    ['ColaMensajesAlta.md', '## 1. Entender la alerta\n\nLa cola tiene más de 10000 mensajes pendientes. Los usuarios reciben sus avisos con retraso.\n\n'],
    ['FileAttenteSaturee.md', "## 1. Comprendre l'alerte\n\nLa file contient plus de 10000 messages. Les utilisateurs reçoivent leurs avis en retard.\n\n"],
    ['QueueBacklogHigh.md', '## 1. Understanding the alert\n\nMore than 10000 messages wait in the queue; users get their notices late.\n\n']
  ]) {
    it(path, async () => {
      const title = path.replace('.md', '')
      const text = `# ${title}\n\n${understanding}## 2. Diagnosis\n\nList the queues: \`rabbitmqctl list_queues\`.\n\n## 3. Mitigation\n\nRestart the consumers: \`kubectl rollout restart deploy/consumer\`.\n`
      expect(await messages(path, text)).toEqual([])
    })
  }
})

describe('a resolution in French is the mitigation', () => {
  for (const title of ['Résolution', 'Correctifs', 'Comment résoudre']) {
    it(title, async () => {
      const text = `# DisqueSature\n\n## Symptômes\n\nLe disque du nœud est plein à 95 %.\n\n## Impact\n\nLes pods ne peuvent plus écrire leurs journaux.\n\n## Diagnostic\n\nListez les volumes : \`kubectl get pvc -A\`.\n\n## ${title}\n\nVidez le journal trop volumineux : \`truncate -s 0 /var/log/app.log\`.\n`
      expect(await messages('DisqueSature.md', text)).toEqual([])
    })
  }

  it('a French section of no action is still told so', async () => {
    const text = `# DisqueSature\n\n## Symptômes\n\nLe disque du nœud est plein à 95 %.\n\n## Impact\n\nLes pods ne peuvent plus écrire leurs journaux.\n\n## Diagnostic\n\nListez les volumes : \`kubectl get pvc -A\`.\n\n## Annexes\n\nVoir aussi le wiki.\n`
    expect(await messages('DisqueSature.md', text)).toContainEqual(expect.stringMatching(/Missing required heading `## Mitigation`/))
  })
})

describe('a step that only notifies someone is no action', () => {
  const page = (mitigation: string) =>
    `# ExportLate\n\n## Meaning\n\nThe nightly export did not finish.\n\n## Impact\n\nReports are a day late.\n\n## Diagnosis\n\nRead the job's log in the scheduler.\n\n## Mitigation\n\n${mitigation}\n`
  for (const mitigation of ['Notify the data team in #data.', '- Escalate to the data engineering on-call.', 'Please inform `@data-oncall` on Slack and post in #incidents.']) {
    it(mitigation, async () => {
      expect(await messages('ExportLate.md', page(mitigation))).toEqual([
        '15:1-15:14 runbook-alert-page Unexpected `Mitigation` that only says whom to notify, expected what the on-call engineer does: a step, a command, a query, a link or a decision'
      ])
    })
  }

  it('beside a step of its own, notifying is fine', async () => {
    expect(await messages('ExportLate.md', page('Run the export again: `./bin/export --date yesterday`. Then notify the data team.'))).toEqual([])
  })

  it('a page of no sections is read as one', async () => {
    const lead = '# Payment provider errors\n\nThis alert fires when more than 5% of card payments fail at the provider. Shoppers cannot pay.\n\n'
    expect(await messages('provider-errors.md', `${lead}- Notify the payments team in #payments-oncall.\n`)).toEqual([
      '1:1-1:26 runbook-alert-page Unexpected alert page that only says whom to notify, expected what the on-call engineer does: a step, a command, a query, a link or a decision'
    ])
    expect(await messages('provider-errors.md', `${lead}- Switch to the backup provider: \`./bin/provider use backup\`.\n- Notify the payments team.\n`)).toEqual([])
  })
})
