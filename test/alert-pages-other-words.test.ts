/**
 * Alert pages that do a section's job under other words, as teams of
 * different habits write them: the impact said in the symptoms, the
 * context or the summary (what breaks, not only who suffers), and the fix
 * given among the checks (as advice, with `-ing`, under a `Fix:` label).
 * Beside each shape, the counter-case where the message is right and
 * stays: a page that says nowhere what breaks, checks with no fix. Every
 * page here is written for the test.
 */

import {lintRunbook} from 'remark-preset-runbook/api'
import {describe, expect, it} from 'vitest'
import {describeMessage} from './helpers.js'

async function lintPage(path: string, text: string) {
  const file = await lintRunbook(text, {path})
  return {layout: file.data.runbookLayout?.template, messages: file.messages.map(describeMessage)}
}

const checks = '## Diagnosis\n\nRead the service log: `journalctl -u app --since -1h`.\n\n## Mitigation\n\nRestart the service: `systemctl restart app`.\n'

describe('the impact said in the first section, whatever it is called', () => {
  const pages: Array<[string, string]> = [
    [
      'GitStorageReadOnly.md',
      '# GitStorageReadOnly\n\n## Symptoms\n\nThe storage node switched its repositories to read-only. Pushes are refused and merge requests stay open.\n\n'
    ],
    ['SyncBacklog.md', '# SyncBacklog\n\n## Context\n\nThe sync worker copies uploads to the archive. While the backlog grows, new photos do not show up in the gallery.\n\n'],
    ['home-disk.md', '# Disk almost full on the home server\n\n## Summary\n\nThe root disk is over 90%. Once it is full, Nextcloud stops syncing and Postgres goes read-only.\n\n'],
    ['CertExpiring.md', '# CertExpiring\n\n## Background\n\nThe API certificate expires within 14 days. When it expires, the mobile app can’t connect and partner integrations break.\n\n'],
    ['RunnerManagerDown.md', '# RunnerManagerDown\n\n## Symptoms\n\nBuilds are not picked up because the runner manager is down.\n\n'],
    ['MailQueueStuck.md', '# MailQueueStuck\n\n## Description\n\nOver 500 mails wait in the queue. Password reset mails are delayed until it drains.\n\n'],
    ['ExportMissed.md', '# ExportMissed\n\n## Overview\n\nThe nightly export did not run, so finance gets no report in the morning.\n\n'],
    ['ApiTimeouts.md', '# ApiTimeouts\n\nCalls to the pricing API time out; the shop shows no prices.\n\n']
  ]
  for (const [name, start] of pages) {
    it(`${name}: no missing impact`, async () => {
      const {layout, messages} = await lintPage(name, start + checks)
      expect(layout).toBe('alert')
      expect(messages).toEqual([])
    })
  }
})

describe('a page that says nowhere what breaks still lacks its impact', () => {
  const pages: Array<[string, string, string]> = [
    ['QueueDepthHigh.md', '# QueueDepthHigh\n\n## Meaning\n\nThis alert fires when the `jobs` queue stays above 10,000 for 10 minutes.\n\n', '5:74'],
    ['BackupJobFailed.md', '# BackupJobFailed\n\n## Meaning\n\nThis alert fires when the nightly backup job fails.\n\n', '5:52'],
    ['ErrorRateHigh.md', '# ErrorRateHigh\n\n## Summary\n\nThe error rate of the ingest service is above 5% for 10 minutes.\n\n', '5:65'],
    [
      'OperatorWithoutConfig.md',
      '# OperatorWithoutConfig\n\n## Meaning\n\nThe operator runs without its configuration object. You did not create it after installing the operator.\n\n',
      '5:105'
    ]
  ]
  for (const [name, start, place] of pages) {
    it(name, async () => {
      const {layout, messages} = await lintPage(name, start + checks)
      expect(layout).toBe('alert')
      const section = /## (\w+)/.exec(start)![1]
      expect(messages).toEqual([`${place} runbook-required-headings Missing required heading \`## Impact\`, expected it after \`${section}\``])
    })
  }
})

describe('the fix given among the checks', () => {
  const page = (checksText: string) =>
    `# WorkerDown\n\n## Symptoms\n\nUploaded videos are not transcoded.\n\n## Possible checks\n\n${checksText}\n`
  const fixes = [
    '1. Run `systemctl status transcoder`.\n   If the service is not running, consider restarting it.',
    '- Look at free memory with `free -m`; when it is low, you may need to stop the thumbnail job first.',
    '- The sync log, `/var/log/sync.log`, for bind errors.\n  **Fix:** `sudo systemctl restart sync`.',
    '- The relay’s certificate: `openssl s_client -connect relay:465`.\n  Solution: renew it through the PKI portal.',
    '* Is a long transaction holding the replay? `SELECT pid FROM pg_stat_activity`\n  * Found one → terminate it with `SELECT pg_terminate_backend(pid)`.',
    '- Check the cron’s last run. If it missed its slot, trigger a manual run: `kubectl create job --from=cronjob/nightly manual`.'
  ]
  for (const fix of fixes) {
    it(`${fix.split('\n')[0]}`, async () => {
      const {layout, messages} = await lintPage('WorkerDown.md', page(fix))
      expect(layout).toBe('alert')
      expect(messages).toEqual([])
    })
  }

  it('checks with no fix among them still lack the mitigation', async () => {
    const {messages} = await lintPage('WorkerDown.md', page('- Check the sensor on the dashboard.\n- Check whether the unit reports a fault.'))
    expect(messages).toEqual(['11:1 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Possible checks`'])
  })
})

describe('a page titled with its alert’s name is read as an alert page', () => {
  it('even when a service layout knows all its titles (`Description`, `Debugging`)', async () => {
    const {layout, messages} = await lintPage(
      'CronMissed.md',
      '# CronMissed\n\n## Description\n\nThe nightly export cron did not run: finance gets no report.\n\n## Debugging\n\nRead the last run: `kubectl -n export get cronjob nightly`.\n'
    )
    expect(layout).toBe('alert')
    expect(messages).toEqual(['10:1 runbook-required-headings Missing required heading `## Mitigation`, expected it after `Debugging`'])
  })
})
