import {fromMarkdown} from 'mdast-util-from-markdown'
import {
  buildSections,
  defaultTemplate,
  flatten,
  getRunbook,
  headingKeys,
  resolveTemplate,
  typoDistance,
  wordChanges
} from 'runbook-model'
import {describe, expect, it} from 'vitest'

describe('heading normalisation', () => {
  const same: Array<[string, string]> = [
    ['Service owner', 'SERVICE   OWNER'],
    ['Service owner', 'Service owner:'],
    ['Service owner', 'Service owner.'],
    ['Service owner', '1. Service owner'],
    ['Service owner', '2.3 Service owner'],
    ['Service owner', 'A) Service owner'],
    ['Service owner', 'iv. Service owner'],
    ['Service owner', '👥 Service owner'],
    ['Service owner', ':busts_in_silhouette: Service owner'],
    ['Service owner', 'Service owner ✅'],
    ['Backup procedures', 'Backup procedure'],
    ['Security and access control', 'Security & access control'],
    ['Contributing applications, daemons, services, middleware', 'Contributing applications, daemons, services and middleware'],
    ['Health checks', 'Health – checks']
  ]
  for (const [template, written] of same) {
    it(`${JSON.stringify(written)} matches ${JSON.stringify(template)}`, () => {
      expect(headingKeys(written).key).toBe(headingKeys(template).key)
    })
  }

  it('keeps a parenthesised suffix in the key and drops it from the base key', () => {
    const keys = headingKeys('System backup and restore (Backup Management)')
    expect(keys.baseKey).toBe(headingKeys('System backup and restore').key)
    expect(keys.key).not.toBe(keys.baseKey)
  })

  it('cleans the title for display', () => {
    expect(headingKeys('  3.  :rocket: Deployment:  ').display).toBe('Deployment')
  })

  it('does not take numbers that are part of a title for numbering', () => {
    expect(headingKeys('2FA setup').display).toBe('2FA setup')
    expect(headingKeys('24/7 support').display).toBe('24/7 support')
  })

  it('bounds the work on a huge heading', () => {
    const keys = headingKeys('a'.repeat(1_000_000) + ':')
    expect(keys.display.length).toBeLessThanOrEqual(200)
  })
})

describe('typo distance', () => {
  it('accepts slips within a word and a split or joined word', () => {
    expect(typoDistance('helth check', 'health check')).toBe(1)
    expect(typoDistance('trouble shooting', 'troubleshooting')).toBe(1)
    expect(typoDistance('configuraton managment', 'configuration management')).toBe(2)
  })

  it('rejects a different word', () => {
    expect(typoDistance('operational risk', 'operational task')).toBe(Infinity)
    expect(typoDistance('matrix', 'metric')).toBe(Infinity)
  })
})

describe('sections model', () => {
  it('nests sections by depth and keeps each body', () => {
    const root = buildSections(
      fromMarkdown('Intro\n\n# Title\n\nText\n\n## A\n\nA text\n\n### A.1\n\n## B\n\nSetext\n------\n')
    )
    expect(root.body.map((node) => node.type)).toEqual(['paragraph'])
    const [title] = root.children
    expect(title?.title).toBe('Title')
    // A setext heading underlined with dashes is a depth-2 heading: B's sibling.
    expect(title?.children.map((section) => section.title)).toEqual(['A', 'B', 'Setext'])
    expect(title?.children[0]?.children.map((section) => section.title)).toEqual(['A.1'])
    expect(title?.children[2]?.depth).toBe(2)
    expect(flatten(root).map((section) => section.title)).toEqual(['Title', 'A', 'A.1', 'B', 'Setext'])
  })

  it('does not take headings in code, HTML comments, blockquotes or lists for sections', () => {
    const root = buildSections(
      fromMarkdown('```\n## Code\n```\n\n<!--\n## Comment\n-->\n\n> ## Quote\n\n* ## Item\n\n    ## Indented\n')
    )
    expect(flatten(root)).toEqual([])
  })

  it('ends a section at its last node, and the document at the end of the file', () => {
    const root = buildSections(fromMarkdown('## A\n\ntext\n\n\n'))
    expect(root.children[0]?.end).toMatchObject({line: 3, column: 5})
    expect(root.end).toMatchObject({line: 6, column: 1})
  })
})

describe('matching a runbook to the template', () => {
  it('is built once per tree and template', () => {
    const tree = fromMarkdown('## Service overview\n')
    const template = resolveTemplate()
    expect(getRunbook(tree, template)).toBe(getRunbook(tree, template))
  })

  it('reads an alias anywhere, a chapter named after a group’s section standing for the group', () => {
    const template = resolveTemplate()
    const placed = getRunbook(fromMarkdown('## Monitoring\n\n### Dashboards\n'), template)
    expect(placed.matches.map((match) => [match.section.title, match.entry.title, match.kind])).toEqual([
      ['Monitoring', 'Monitoring and alerting', 'alias'],
      ['Dashboards', 'Metrics', 'alias']
    ])
    const chapter = getRunbook(fromMarkdown('## Dashboards\n'), template)
    expect(chapter.matches.map((match) => [match.section.title, match.entry.title, match.kind, match.placed])).toEqual([['Dashboards', 'Metrics', 'combined', true]])
    expect(chapter.find(template.find('Monitoring and alerting')!)?.section.title).toBe('Dashboards')
    // Under another template section, an alias is not taken (`Dashboards`
    // of the deployments).
    const elsewhere = getRunbook(fromMarkdown('## Deployment\n\n### Dashboards\n'), template)
    expect(elsewhere.matches.map((match) => [match.section.title, match.entry.title, match.placed])).toEqual([['Deployment', 'Deployment', true]])
  })

  it('prefers the title to an alias beside it', () => {
    const runbook = getRunbook(fromMarkdown('## Monitoring and alerting\n\n### Dashboards\n\n### Metrics\n'), resolveTemplate())
    const metrics = runbook.template.find('Metrics')!
    expect(runbook.find(metrics)?.section.title).toBe('Metrics')
    expect(runbook.matches.some((match) => match.duplicate)).toBe(false)
  })

  it('prefers the heading in its place to one elsewhere', () => {
    const runbook = getRunbook(
      fromMarkdown('## Other\n\n### Metrics\n\n## Monitoring and alerting\n\n### Metrics\n'),
      resolveTemplate()
    )
    const metrics = runbook.find(runbook.template.find('Metrics')!)
    expect(metrics?.placed).toBe(true)
    expect(metrics?.section.start.line).toBe(7)
  })

  it('knows the owner section of the default template', () => {
    expect(resolveTemplate().ownerSection?.title).toBe('Service owner')
    expect(defaultTemplate.sections).toHaveLength(6)
  })
})

describe('word changes', () => {
  const words = (text: string) => text.split(' ')
  it('takes the same words in another order, and one word dropped, added or changed in a long title', () => {
    expect(wordChanges(words('required compute resource'), words('required resource compute'))).toBe(0)
    expect(wordChanges(words('infrastructure network overview'), words('infrastructure network design'))).toBe(1)
    expect(wordChanges(words('contributing application service middleware'), words('contributing application daemon service middleware'))).toBe(1)
    expect(wordChanges(words('routine task sanity check'), words('routine sanity check'))).toBe(1)
  })

  it('takes one word added to a short title, but no other change of it', () => {
    expect(wordChanges(words('health check endpoint'), words('health check'))).toBe(1)
    expect(wordChanges(words('deployment pipeline'), words('deployment'))).toBe(1)
    expect(wordChanges(words('restore procedure'), words('backup procedure'))).toBe(Infinity)
    expect(wordChanges(words('health'), words('health check'))).toBe(Infinity)
    expect(wordChanges(words('service level objective slo'), words('service level agreement sla'))).toBe(Infinity)
  })
})
