/**
 * Runbooks written from templates other than the seed, one per shape of
 * unfilled or filled content (fixtures/content/): the content rules'
 * messages, exactly, with their place and severity. Structure is another
 * test's concern: its messages are left out here.
 */

import {describe, expect, it} from 'vitest'
import {lint} from './helpers.js'

const contentRules = new Set([
  'runbook-no-placeholders',
  'runbook-no-empty-sections',
  'runbook-filled-fields',
  'runbook-owner-contact',
  'runbook-review-date'
])

/** `line:column-line:column severity rule-id reason` of the content rules' messages. */
async function contentMessages(fixture: string): Promise<string[]> {
  const file = await lint({fixture: `content/${fixture}`})
  return file.messages
    .filter((message) => contentRules.has(message.ruleId ?? ''))
    .map((message) => {
      const place = message.place && 'start' in message.place ? message.place : undefined
      const where = place
        ? `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column}`
        : `${message.line}:${message.column}`
      return `${where} ${message.fatal ? 'error' : 'warning'} ${message.ruleId} ${message.reason}`
    })
}

describe('prompts in a house template’s own words (C1, C5)', () => {
  it('reports a section holding only a prompt, or a prompt and its example; a prompt above an answer is guidance', async () => {
    expect(await contentMessages('house-prompts.md')).toEqual([
      '23:1-25:49 error runbook-no-placeholders Unexpected template prompt and example in `Alarms associated` (only template text), expected how the health of the service and its dependencies is checked',
      '29:1-31:46 error runbook-no-placeholders Unexpected template prompt and example in `Dashboards` (only template text), expected the metrics the service emits and where to see them',
      '35:1-37:47 error runbook-no-placeholders Unexpected template prompt and example in `Expected traffic` (only template text), expected your own text',
      '41:1-43:23 error runbook-no-placeholders Unexpected template prompt and example in `SLA` (only template text), expected your own text',
      '47:1-49:2 error runbook-no-placeholders Unexpected template prompt and placeholder `_` in `Synthetics` (only template text), expected your own text'
    ])
  })
})

describe('a group’s prompt above its subsections (C2)', () => {
  it('reports the unfilled subsections, not the group’s prompt as well; a group whose subsections answer it is filled', async () => {
    expect(await contentMessages('parent-prompt.md')).toEqual([
      '20:1-20:39 error runbook-no-placeholders Unexpected template example in `Busy season` (only template text), expected your own text',
      '24:1-24:2 error runbook-no-placeholders Unexpected placeholder `_` in `Scaling steps` (only template text), expected your own text'
    ])
  })
})
