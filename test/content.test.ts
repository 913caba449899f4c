/**
 * The content model with a template of our own: its sentences are
 * fingerprinted the way the built-in template's are, so recognition by
 * fingerprint is tested without the built-in template's text in the repo.
 */

import {fromMarkdown} from 'mdast-util-from-markdown'
import {
  compileTemplate,
  fingerprint,
  fingerprintTemplate,
  getContent,
  getRunbook,
  type TemplateDefinition
} from 'runbook-model'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'

const templateText = `## Service owner

> Which crew keeps the lights on for this thing, and where do they hang out?

_(e.g. The Night Owls crew: owls@night.example / #night-owls)_

## Recovery

> How do we bring it back?

_Usually a redeploy is enough: say which pipeline._

> Redeploy with the standard pipeline, then restore data from the latest backup.
`

function ownTemplate(): TemplateDefinition {
  return {
    name: 'own',
    sections: [{title: 'Service owner', owner: true}, {title: 'Recovery'}],
    fingerprints: [...fingerprintTemplate(fromMarkdown(templateText))]
  }
}

const template = compileTemplate(ownTemplate())

function analyse(markdown: string) {
  const file = new VFile(markdown)
  const runbook = getRunbook(fromMarkdown(markdown), template)
  return {runbook, content: getContent(runbook, file)}
}

describe('template text recognised by fingerprint', () => {
  it('finds a prompt whatever its wrapping, case and markup, even away from the heading', () => {
    const {content} = analyse(
      '## Notes\n\nSomething first.\n\n> which CREW keeps the *lights* on\n> for this thing, and   where do they hang out?\n'
    )
    expect(content.placeholders.map((placeholder) => placeholder.kind)).toEqual(['prompt'])
  })

  it('splits a prompt from the example pulled into it by lazy continuation', () => {
    const {content} = analyse(
      '## Service owner\n\n> Which crew keeps the lights on for this thing, and where do they hang out?\n_(e.g. anything at all)_\n'
    )
    expect(
      content.placeholders.map((placeholder) => [
        placeholder.kind,
        placeholder.position.start.line,
        placeholder.position.end.line
      ])
    ).toEqual([
      ['prompt', 3, 3],
      ['example', 4, 4]
    ])
  })

  it('finds an example copied without its wrapper, and template guidance', () => {
    const {content} = analyse(
      '## Service owner\n\nThe   Night Owls crew: owls@night.example / #night-owls\n\n## Recovery\n\n*Usually a redeploy is enough: say which pipeline.*\n'
    )
    expect(content.placeholders.map((placeholder) => placeholder.kind)).toEqual(['template-text', 'guidance'])
  })

  it('keeps boilerplate out of both the leftovers and the content', () => {
    const {runbook, content} = analyse(
      '## Recovery\n\n> Redeploy with the standard pipeline, then restore data from the latest backup.\n'
    )
    const recovery = runbook.sections[0]!
    expect(content.placeholders).toEqual([])
    expect(content.of(recovery).content).toEqual([])
  })

  it("knows the owner example's values", () => {
    expect(template.fingerprints.get(fingerprint('#night-owls'))).toBe('owner-value')
    expect(template.fingerprints.get(fingerprint('Night Owls'))).toBe('owner-value')
    expect(template.fingerprints.get(fingerprint('owls@night.example'))).toBe('owner-value')
  })
})

describe('content and leftovers by pattern', () => {
  it('takes a questions-only blockquote under a template heading for a prompt, but not elsewhere', () => {
    const under = analyse('## Recovery\n\n> Is there a plan? Who runs it?\n')
    expect(under.content.placeholders.map((placeholder) => placeholder.kind)).toEqual(['prompt'])
    const elsewhere = analyse('## FAQ\n\n> Why is the queue slow?\n\nBecause of the batch job.\n')
    expect(elsewhere.content.placeholders).toEqual([])
  })

  it('takes a questions-only blockquote above a real answer for the runbook\'s own question', () => {
    const faq = analyse('## Recovery\n\n> Is the queue backing up?\n\nCheck the consumer lag first.\n')
    expect(faq.content.placeholders).toEqual([])
    expect(faq.content.of(faq.runbook.sections[0]!).content.map((node) => node.type)).toEqual(['blockquote', 'paragraph'])
  })

  it('reports markers at their exact range, never inside URLs, link text or code', () => {
    const {content} = analyse(
      '## Recovery\n\nRestart it. TODO check the [TODO list](https://wiki.example/TODO) and `TODO`.\n\n```\nTODO\n```\n'
    )
    expect(
      content.placeholders.map((placeholder) => [placeholder.text, placeholder.position.start.column, placeholder.position.end.column])
    ).toEqual([['TODO', 13, 17]])
  })

  it('takes "N/A" with a reason for content and a bare "N/A" for a bare value', () => {
    const {runbook, content} = analyse('## Recovery\n\nN/A: nothing is stored.\n\n## Service owner\n\nN/A\n')
    expect(content.of(runbook.sections[0]!).bare).toBeUndefined()
    expect(content.of(runbook.sections[1]!).bare?.value).toBe('N/A')
  })
})

describe('lists', () => {
  const bodyOf = (markdown: string) => {
    const {runbook, content} = analyse(markdown)
    const section = runbook.sections.find((each) => each.title === 'Recovery')!
    return content.of(section).content.map((node) => node.type)
  }

  it('treats a list of empty items as saying nothing', () => {
    expect(bodyOf('## Recovery\n\n- \n- \n\n1. \n')).toEqual([])
  })

  it('keeps a list with one real item, even among empty ones', () => {
    expect(bodyOf('## Recovery\n\n- \n-\n- Redeploy\n')).toEqual(['list'])
  })

  it('counts code, inline code and image text in a list as content', () => {
    expect(bodyOf('## Recovery\n\n- `make restore`\n')).toEqual(['list'])
    expect(bodyOf('## Recovery\n\n- ![restore steps](steps.png)\n')).toEqual(['list'])
    expect(bodyOf('## Recovery\n\n-\n  ```\n  make restore\n  ```\n')).toEqual(['list'])
  })
})

describe('one finding per problem', () => {
  const reportsOf = (markdown: string) =>
    analyse(markdown).content.leftoverReports.map((report) => [
      report.section.title,
      report.placeholders.map((placeholder) => placeholder.kind).join('+'),
      report.only,
      `${report.position.start.line}:${report.position.start.column}-${report.position.end.line}:${report.position.end.column}`
    ])

  it('reports the template text of a section with nothing else once, over all of it', () => {
    expect(reportsOf('## Recovery\n\n> Is there a plan? Who runs it?\n\n_(e.g. redeploy)_\n\n_\n')).toEqual([
      ['Recovery', 'prompt+example+stub', true, '3:1-7:2']
    ])
  })

  it('reports each leftover among real content at its own range', () => {
    expect(reportsOf('## Recovery\n\n> How do we bring it back?\n\nRedeploy with `make deploy`. TODO check the queue.\n')).toEqual([
      ['Recovery', 'prompt', false, '3:1-3:27'],
      ['Recovery', 'marker', false, '5:30-5:34']
    ])
  })

  it('keeps a parent’s prompt as guidance for its subsections: they answer it or are reported, never the parent as well; a prompt with its own example is the parent’s to answer', () => {
    expect(reportsOf('## Recovery\n\n> How do we bring it back?\n\n### Database\n\nTBD\n')).toEqual([
      ['Database', 'marker', true, '7:1-7:4']
    ])
    expect(reportsOf('## Recovery\n\n> How do we bring it back?\n\n_(e.g. redeploy)_\n\n### Database\n\nTBD\n')).toEqual([
      ['Recovery', 'prompt+example', false, '3:1-5:18'],
      ['Database', 'marker', true, '9:1-9:4']
    ])
    expect(reportsOf('## Recovery\n\nTODO\n\n> How do we bring it back?\n\n### Database\n\nTBD\n')).toEqual([
      ['Recovery', 'marker', false, '3:1-3:5'],
      ['Database', 'marker', true, '9:1-9:4']
    ])
    expect(reportsOf('## Recovery\n\n> How do we bring it back?\n\n### Database\n\nRestore the latest snapshot.\n')).toEqual([])
    expect(reportsOf('## Recovery\n\n> How do we bring it back?\n\n_(e.g. redeploy)_\n\n### Database\n\nRestore the latest snapshot.\n')).toEqual([
      ['Recovery', 'prompt+example', false, '3:1-5:18']
    ])
  })

  it('takes TBA, TBC and “To be completed …” for the only text of a section', () => {
    for (const text of ['TBA', 'TBC.', '_TBC_', 'To be completed once the migration is done.', '*To be confirmed* with the DBA team.']) {
      const {runbook, content} = analyse(`## Recovery\n\n${text}\n`)
      const recovery = content.of(runbook.sections[0]!)
      expect(recovery.content, text).toEqual([])
      expect(recovery.onlyTemplateText, text).toBe(true)
    }
    const phrase = analyse('## Recovery\n\nTo be completed once the migration is done.\n').content.placeholders[0]!
    expect([phrase.kind, phrase.text, phrase.position.start.column, phrase.position.end.column]).toEqual(['marker', 'To be completed', 1, 16])
  })

  it('reads “to be completed” inside a sentence as prose', () => {
    const {runbook, content} = analyse('## Recovery\n\nThe restore has to be completed before noon.\n')
    expect(content.placeholders).toEqual([])
    expect(content.of(runbook.sections[0]!).content).toHaveLength(1)
  })

  it('reports only the prompt line when the author’s text continues its blockquote', () => {
    const known = analyse(
      '## Service owner\n\n> Which crew keeps the lights on for this thing, and where do they hang out?\nThe Payments team, #payments on Slack.\n'
    )
    expect(known.content.placeholders.map((placeholder) => [placeholder.kind, placeholder.position.start.line, placeholder.position.end.line, placeholder.position.end.column])).toEqual([
      ['prompt', 3, 3, 77]
    ])
    expect(known.content.of(known.runbook.sections[0]!).content.map((node) => node.type)).toEqual(['blockquote'])
    // Questions no fingerprint knows, directly under a template heading.
    const questions = analyse('## Recovery\r\n\r\n> Is there a plan? Who runs it?\r\nThe on-call engineer redeploys from the last tag.\r\n')
    expect(questions.content.placeholders.map((placeholder) => [placeholder.position.start.line, placeholder.position.end.column])).toEqual([
      [3, 32]
    ])
    expect(questions.content.of(questions.runbook.sections[0]!).onlyTemplateText).toBe(false)
  })

  it('keeps a quoted question and its quoted answer in a section of the runbook’s own', () => {
    expect(analyse('## FAQ\n\n> Why is the queue slow?\n> Because of the nightly batch job.\n').content.placeholders).toEqual([])
  })

  it('says a section with nothing at all is empty, and one with template text is not', () => {
    const {runbook, content} = analyse('## Recovery\n\n<!-- later -->\n\n## Service owner\n\nTBD\n')
    expect(runbook.sections.map((section) => content.of(section).empty)).toEqual([true, false])
  })
})

describe('template fields', () => {
  const withField = compileTemplate({
    name: 'fields',
    sections: [{title: 'Overview', fields: [{label: 'Service name', purpose: 'the name of the service'}], sections: [{title: 'Business'}]}]
  })
  const fieldsOf = (markdown: string) => {
    const file = new VFile(markdown)
    const runbook = getRunbook(fromMarkdown(markdown), withField)
    return {runbook, content: getContent(runbook, file)}
  }

  it('reads each field’s value and leaves an unfilled one to its own rule', () => {
    const {runbook, content} = fieldsOf(
      '## Overview\n\n**Service name:** TODO\n\n**Service name:**\n\n**Service name:** _To be confirmed_\n\n**Service name:** Billing API (TODO: rename)\n\n### Business\n\nCard payments.\n'
    )
    const overview = content.of(runbook.sections[0]!)
    expect(overview.fields.map((field) => [field.value, field.state])).toEqual([
      ['TODO', 'placeholder'],
      ['', 'empty'],
      ['To be confirmed', 'placeholder'],
      ['Billing API (TODO: rename)', 'filled']
    ])
    // Only the marker after a real value is a leftover to report.
    expect(content.leftoverReports.map((report) => report.placeholders.map((placeholder) => placeholder.text))).toEqual([['TODO']])
    expect(content.leftoverReports[0]!.position.start.column).toBe(32)
  })
})

describe('template text kept as guidance, and names that are parameters', () => {
  const reported = (markdown: string) =>
    analyse(markdown).content.leftoverReports.flatMap((report) => report.placeholders.map((placeholder) => placeholder.text || placeholder.kind))

  it('keeps the template’s prompt and example above the team’s own answer: the section is filled', () => {
    const kept = '## Service owner\n\n> Which crew keeps the lights on for this thing, and where do they hang out?\n\n_(e.g. The Night Owls crew: owls@night.example / #night-owls)_\n\nThe Payments team, payments@acme.io.\n'
    const {runbook, content} = analyse(kept)
    expect(content.leftoverReports).toEqual([])
    // Still known for what they are (the section summary counts it filled).
    expect(content.placeholders.map((placeholder) => placeholder.kind)).toEqual(['prompt', 'example'])
    expect(content.of(runbook.sections[0]!).content).toHaveLength(1)
    // Alone, or beside a marker of the team's own, they are reported.
    expect(reported('## Service owner\n\n> Which crew keeps the lights on for this thing, and where do they hang out?\n')).toEqual(['prompt'])
    expect(reported(kept.replace('The Payments team', 'TODO: the Payments team'))).toEqual(['prompt', 'example', 'TODO'])
  })

  it('reports a name in angle brackets standing in prose, a heading or a field, and a request to fill in anywhere', () => {
    for (const [text, name] of [
      ['Block storage for <System>.', '<System>'],
      ['Ask <Insert site specific measures> first.', '<Insert site specific measures>'],
      ['Escalate to <service-name> on call.', '<service-name>'],
      ['(<System>)', '<System>'],
      ['Logs are in /var/log/<insert path here>.', '<insert path here>'],
      ['Mail [team name] first.', '[team name]']
    ]) {
      expect(reported(`## Recovery\n\n${text}\n`), text).toEqual([name])
    }
    expect(reported('## <System> recovery\n\nRedeploy.\n')).toEqual(['<System>'])
  })

  it('leaves parameters alone: paths, addresses, assignments, quoted samples, commands, code, HTML and links', () => {
    for (const text of [
      'Logs are in /var/log/ceph/<cluster-id> on each host.',
      'Logs are in /var/log/ceph/<cluster-id>/osd.log on each host.',
      'Connect with ssh <user>@<host>:<port> first.',
      'Set OSD_ID=<osd-id> before the restart.',
      'The alert reads "OSD down on <host-name>, check the disk".',
      'The alert reads “OSD down on <host-name>” when a disk dies.',
      '> Sample page: OSD 12 on <host-name> is down',
      'Drain it with ceph osd out --force <osd-id> first.',
      'Run `restart <bento>` as needed.',
      'Two lines<br>here, and <https://docs.ceph.com/> or <mailto:ops@ceph-team.io>.',
      'The notes are [here] and in the [runbook index][idx].'
    ]) {
      expect(reported(`## Recovery\n\n${text}\n`), text).toEqual([])
    }
  })
})
