/**
 * remark-runbook-fix: inserts every missing required heading, moves and
 * deletes nothing, leaves the rest of the text byte for byte, and is
 * idempotent; required-headings is clean afterwards.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkLintRunbookRequiredHeadings from 'remark-lint-runbook-required-headings'
import remarkParse from 'remark-parse'
import remarkRunbookFix from 'remark-runbook-fix'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {fixtures, root} from './helpers.js'

async function fix(text: string, options?: {rename?: boolean}): Promise<string> {
  const file = await unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkRunbookFix, options)
    .process(new VFile({value: text, path: 'runbook.md'}))
  return String(file)
}

async function headingMessages(text: string): Promise<string[]> {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkLintRunbookRequiredHeadings)
  const file = new VFile(text)
  await processor.run(processor.parse(file), file)
  return file.messages.map((message) => message.reason)
}

/** Whether every line of `original` appears in `fixed`, in the same order. */
function keepsEveryLine(original: string, fixed: string): boolean {
  let from = 0
  for (const line of original.split(/\r?\n/)) {
    if (line.trim() === '') continue
    const at = fixed.indexOf(line, from)
    if (at === -1) return false
    from = at + line.length
  }
  return true
}

const read = (fixture: string) => fs.readFileSync(path.join(fixtures, fixture), 'utf8')

describe('remark-runbook-fix', () => {
  // headings-in-code.md and no-headings.md have text of their own and no
  // template section: documents of another shape, which the fix leaves alone.
  for (const fixture of ['broken/missing-sections.md', 'broken/cascade.md', 'edge/empty.md', 'edge/only-title.md']) {
    it(`fixes ${fixture}: clean afterwards, every line kept, stable`, async () => {
      const original = read(fixture)
      const fixed = await fix(original)
      expect(await headingMessages(fixed)).toEqual([])
      expect(keepsEveryLine(original, fixed)).toBe(true)
      expect(await fix(fixed)).toBe(fixed)
    })
  }

  it('leaves a section under another parent where it is, and inserts no second copy of it', async () => {
    const original = read('broken/misplaced.md')
    const fixed = await fix(original)
    // Nothing is missing but what sits elsewhere: the owner moves it.
    expect(fixed).toBe(original)
    expect(await headingMessages(fixed)).toEqual([
      'Misplaced heading `### Security and access control` under `System characteristics`, expected `## Security and access control` as a top-level section',
      'Misplaced heading `### Backup requirements` under `System configuration`, expected it under `System backup and restore`'
    ])
  })

  it('moves a heading to its level when nothing else moves with it, as the quick fix does', async () => {
    const text = read('valid/complete.md').replace('### Metrics', '#### Metrics')
    expect(await headingMessages(text)).toEqual([
      'Misplaced heading `#### Metrics`, expected `### Metrics` directly under `Monitoring and alerting`'
    ])
    expect(await fix(text)).toBe(read('valid/complete.md'))
    // With a subsection of its own, it is left as it is.
    const deeper = read('valid/complete.md').replace('### Metrics', '#### Metrics').replace('### Health checks', '##### Health checks')
    expect(await fix(deeper)).toBe(deeper)
  })

  it('inserts every subsection of a missing group, though one message names them', async () => {
    const fixed = await fix(read('broken/cascade.md'))
    const headings = fixed.split('\n').filter((line) => line.startsWith('#'))
    for (const heading of ['## System backup and restore (Backup Management)', '### Backup requirements', '### Backup procedures', '### Restore procedures', '## Monitoring and alerting', '### Metrics', '### Health checks', '## Operational tasks', '### Application Recovery Plan', '### Deployment', '### Troubleshooting']) {
      expect(headings.filter((line) => line === heading)).toHaveLength(1)
    }
  })

  it('inserts the heading a runbook left out above the subsections it holds, once', async () => {
    const complete = read('valid/complete.md')
    const text = complete.replace('## Service or system overview\n\n**Service or system name:** Billing API\n\n', '')
    const fixed = await fix(text)
    expect(fixed).toBe(complete.replace('**Service or system name:** Billing API', '**Service or system name:** TODO'))
    expect(await headingMessages(fixed)).toEqual([])
    expect(await fix(fixed)).toBe(fixed)
  })

  it('inserts only what the upstream layout requires of a missing group', async () => {
    const folded = read('valid/folded-sections.md')
    const text = folded.replace(/## Failover and Recovery procedures[^]*$/, '')
    const fixed = await fix(text)
    expect(fixed.slice(text.trimEnd().length)).toBe(
      '\n\n## Failover and Recovery procedures\n\n### Failover\n\nTODO: write how to fail over to another instance or site.\n\n### Recovery\n\nTODO: write how to recover after a failure.\n'
    )
  })

  it('inserts each missing heading at its place, with a TODO line', async () => {
    const fixed = await fix(read('broken/missing-sections.md'))
    expect(fixed).toContain(
      'Helm values in the `deploy` repository.\n\n### Secrets management\n\nTODO: write where secrets are kept and how they reach the service.\n\n## System backup and restore'
    )
    expect(fixed).toContain(
      '## Monitoring and alerting\n\n### Metrics\n\nTODO: write the metrics the service emits and where to see them.\n\n### Health checks\n\nTODO: write how the health of the service and its dependencies is checked.\n\n## Operational tasks'
    )
    expect(fixed.endsWith('### Troubleshooting\n\nTODO: write how to diagnose common problems and which tools to use.\n')).toBe(true)
  })

  it('leaves a document of another shape as it is', async () => {
    for (const fixture of ['broken/headings-in-code.md', 'edge/no-headings.md']) {
      const original = read(fixture)
      expect(await fix(original)).toBe(original)
    }
  })

  it('changes nothing in a complete runbook, byte for byte', async () => {
    for (const fixture of ['valid/complete.md', 'valid/variations.md', 'valid/crlf-no-final-newline.md']) {
      const original = read(fixture)
      expect(await fix(original)).toBe(original)
    }
  })

  it('keeps CRLF line endings and a missing final newline as they are', async () => {
    const original = read('valid/crlf-no-final-newline.md').replace('### Troubleshooting\r\n\r\nStart with the error logs in Kibana.', '')
    const fixed = await fix(original)
    expect(fixed).toContain('### Troubleshooting\r\n\r\nTODO: write how to diagnose common problems and which tools to use.\r\n')
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n')
    expect(await headingMessages(fixed)).toEqual([])
  })

  it('renames near misses and aliases only when asked', async () => {
    const original = read('broken/typos-and-duplicates.md').replace('### Metrics\n\nAlso in Datadog.\n\n', '')
    const renamed = await fix(original, {rename: true})
    expect(renamed).toContain('### Troubleshooting\n')
    expect(renamed).toContain('### Health checks\n')
    expect(await headingMessages(renamed)).toEqual([])
    expect(await fix(original)).toBe(original)
  })

  it('works as `remark --use runbook-fix --output`', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-fix-'))
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir')
    fs.copyFileSync(path.join(fixtures, 'broken/missing-sections.md'), path.join(directory, 'runbook.md'))
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/remark-cli/cli.js'), '--use', 'runbook-fix', '--output', '--no-color', 'runbook.md'],
      {cwd: directory, encoding: 'utf8'}
    )
    expect(result.status).toBe(0)
    expect(result.stderr).toMatch(/runbook\.md: written/)
    expect(fs.readFileSync(path.join(directory, 'runbook.md'), 'utf8')).toContain('### Secrets management\n\nTODO:')
    fs.rmSync(directory, {recursive: true, force: true})
  })
})
