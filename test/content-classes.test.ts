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
async function contentMessages(fixture: string, gfm = false): Promise<string[]> {
  const file = await lint({fixture: `content/${fixture}`}, {gfm})
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
      '47:1-49:2 error runbook-no-placeholders Unexpected template prompt and placeholder `_` in `Synthetics` (nothing else in the section), expected your own text'
    ])
  })
})

describe('a list of sample steps under the team’s own text', () => {
  it('is one finding at its first item, naming how many items are samples', async () => {
    expect(await contentMessages('sample-steps.md')).toEqual([
      '14:1-17:10 error runbook-no-placeholders Unexpected placeholders `Step 1` to `Step 4` (4 sample steps) in `Troubleshooting`, expected how to find the cause: the checks, commands, queries and dashboards to look at'
    ])
  })
})

describe('stand-ins in a block quote', () => {
  it('reports a quoted lead’s fields and prose stand-ins at their exact range; quoted alert text keeps its names', async () => {
    const expected = [
      '3:16-3:20 error runbook-no-placeholders Unexpected placeholder `[..]` in `Label printer runbook`, expected your own text',
      '4:34-4:45 error runbook-no-placeholders Unexpected placeholder `[Team name]` in `Label printer runbook`, expected your own text',
      '5:19-5:31 error runbook-no-placeholders Unexpected placeholder `[YYYY-MM-DD]` in `Label printer runbook`, expected your own text',
      '5:45-5:50 error runbook-no-placeholders Unexpected placeholder `[...]` in `Label printer runbook`, expected your own text'
    ]
    expect(await contentMessages('quoted-lead.md')).toEqual(expected)
    expect(await contentMessages('quoted-lead.md', true)).toEqual(expected)
  })
})

describe('a group’s prompt above its subsections (C2)', () => {
  it('reports the unfilled subsections, not the group’s prompt as well; a group whose subsections answer it is filled', async () => {
    expect(await contentMessages('parent-prompt.md')).toEqual([
      '20:1-20:39 error runbook-no-placeholders Unexpected template example in `Busy season` (only template text), expected your own text',
      '24:1-24:2 error runbook-no-placeholders Unexpected placeholder `_` in `Scaling steps` (nothing else in the section), expected your own text'
    ])
  })
})

describe('a group’s prompt with an example of its own', () => {
  it('is reported beside its subsections; a prompt that only leads into them is not', async () => {
    expect(await contentMessages('parent-own-example.md')).toEqual([
      '13:1-15:61 error runbook-no-placeholders Unexpected template prompt and example in `Workload`, expected your own text',
      '23:1-23:30 error runbook-no-placeholders Unexpected template prompt in `Growth` (only template text), expected your own text',
      '35:1-35:2 error runbook-no-placeholders Unexpected placeholder `_` in `Firmware` (nothing else in the section), expected your own text'
    ])
  })
})

describe('bracketed stand-ins (C3)', () => {
  it('reports them in prose, headings, fields, table cells and the review date; leaves real bracketed parameters alone', async () => {
    const expected = [
      '1:3-1:17 error runbook-no-placeholders Unexpected placeholder `[Service Name]` in the heading `# [Service Name] runbook`, expected your own text',
      '15:10-15:21 error runbook-no-placeholders Unexpected placeholder `[Team name]` in `Service owner`, expected the team that owns this service and how to reach it',
      '15:31-15:41 error runbook-no-placeholders Unexpected placeholder `[#channel]` in `Service owner`, expected the team that owns this service and how to reach it',
      '19:1-19:8 error runbook-no-placeholders Unexpected placeholder `[brief]` in `Business overview` (nothing else in the section), expected the business need this service meets and what is expected of it',
      // A table whose values are all stand-ins says nothing either: one finding for the section.
      '23:1-28:17 error runbook-no-placeholders Unexpected placeholders `[...]`, `[links]` and `[..]` in `Technical overview` (nothing else in the section), expected what kind of system this is and what it is built with',
      // The stand-ins are reported once, by runbook-no-placeholders, each saying the section needs a way to reach the team:
      // runbook-owner-contact does not say again that the section gives no contact channel.
      '11:1-11:28 warning runbook-filled-fields Unexpected placeholder `[Service Name]` in field `Service or system name`, expected the name of the service or system',
      `3:1-3:31 warning runbook-review-date Unexpected placeholder \`[YYYY-MM-DD]\` for \`Next review date\`, expected a date such as \`${today()}\``
    ]
    expect(await contentMessages('bracket-placeholders.md')).toEqual(expected)
    expect(await contentMessages('bracket-placeholders.md', true)).toEqual(expected)
  })
})

/** Today in UTC, as the review-date rule counts days. */
function today(): string {
  return new Date().toISOString().slice(0, 10)
}

describe('a house template’s quoted prompts (C5)', () => {
  it('reports a section of a short quote under its heading with an example or `_`, or alone among such sections; a quoted note or command is the team’s', async () => {
    const expected = [
      '18:1-18:67 error runbook-no-placeholders Unexpected template prompt in `Hours of service` (only template text), expected your own text',
      '22:1-24:48 error runbook-no-placeholders Unexpected template prompt and example in `Traffic profile` (only template text), expected your own text',
      '28:1-30:2 error runbook-no-placeholders Unexpected template prompt and placeholder `_` in `Data retention` (nothing else in the section), expected your own text',
      '34:1-34:67 error runbook-no-placeholders Unexpected template prompt in `Upstream services` (only template text), expected your own text'
    ]
    expect(await contentMessages('quoted-prompts.md')).toEqual(expected)
    expect(await contentMessages('quoted-prompts.md', true)).toEqual(expected)
  })
})

describe('a copy of another family’s template (C4)', () => {
  it('reports its own title, a facts table of questions and stand-ins, sample steps; a filled table and real steps are the team’s', async () => {
    const shared = [
      '1:1-1:16 error runbook-no-placeholders Unexpected placeholder `Runbook Title` in the heading `# Runbook Title`, expected your own text',
      '21:1-22:10 error runbook-no-placeholders Unexpected placeholders `Step 1` and `Step 2` (2 sample steps) in `Troubleshooting` (nothing else in the section), expected how to diagnose common problems and which tools to use'
    ]
    // Without remark-gfm the table is text: the values' own ranges.
    expect(await contentMessages('other-family.md')).toEqual([
      shared[0],
      '15:11-17:23 error runbook-no-placeholders Unexpected template prompt and placeholder `[links]` in `Facts` (nothing else in the section), expected your own text',
      shared[1],
      '29:16-29:26 error runbook-no-placeholders Unexpected template prompt in `Failover`, expected how to fail over to another instance or site'
    ])
    // With it, the cells' ranges.
    expect(await contentMessages('other-family.md', true)).toEqual([
      shared[0],
      '15:9-17:23 error runbook-no-placeholders Unexpected template prompt and placeholder `[links]` in `Facts` (nothing else in the section), expected your own text',
      shared[1],
      '29:14-29:28 error runbook-no-placeholders Unexpected template prompt in `Failover`, expected how to fail over to another instance or site'
    ])
  })
})

describe('empty sections of the team’s own (C6)', () => {
  it('reports them as empty, a group of empty headings once; a short answer and the title are not', async () => {
    const expected = [
      '14:1-14:9 warning runbook-no-empty-sections Unexpected empty section `CI/CD`, expected your own text',
      '16:1-16:20 warning runbook-no-empty-sections Unexpected empty section `Vendor contracts`, expected your own text',
      '22:1-22:17 warning runbook-no-empty-sections Unexpected empty section `Printer fleet`, with only empty subsections, expected your own text'
    ]
    expect(await contentMessages('empty-house-sections.md')).toEqual(expected)
    expect(await contentMessages('empty-house-sections.md', true)).toEqual(expected)
  })
})

describe('quoted alert text and formats explained (C7)', () => {
  it('leaves variables in a page’s quoted text and tags shown as a format alone, and still reports a name to fill in', async () => {
    const expected = [
      // A page of a Meaning and an Escalation only follows no layout: the name
      // to fill in is still reported, in a section of the team's own.
      '24:6-24:19 error runbook-no-placeholders Unexpected placeholder `<insert team>` in `Escalation`, expected your own text'
    ]
    expect(await contentMessages('sample-text.md')).toEqual(expected)
    expect(await contentMessages('sample-text.md', true)).toEqual(expected)
  })
})
