/**
 * Every regular expression that runs over a runbook's text: the literals of
 * the packages' built modules, the patterns the packages make from strings
 * (when they load, and from a team's configuration as they lint), and the
 * patterns dependencies run while they lint (secretlint's recommended
 * preset, which runs its own over every text that may hold a secret, and
 * micromark's). Import this module before anything that loads a package:
 * the recorder must replace `RegExp` first.
 */

import {recorded, run, watchRuns} from './regex-recorder.js'
import fs from 'node:fs'
import path from 'node:path'
import type {VFile} from 'vfile'
import {fixtures, root} from './helpers.js'
import {sourcePatterns} from './regex-patterns.js'

export interface Pattern {
  /** `package/dist/file.js:line`, or `node_modules/name/file.js:line` for a dependency's. */
  readonly where: string
  readonly source: string
  /** Without `d`, which only adds indices to a match and recheck does not take. */
  readonly flags: string
}

export interface CollectedPatterns {
  /** The literals of the packages' built modules. */
  readonly literals: ReadonlyArray<Pattern>
  /** What the packages made with `RegExp` while loading and linting. */
  readonly made: ReadonlyArray<Pattern>
  /** What dependencies ran while linting, each once. */
  readonly thirdParty: ReadonlyArray<Pattern>
  /** The runs that made them, to check none stopped. */
  readonly runs: ReadonlyArray<VFile>
}

/** The team's own words for unfinished text; two share a start, one has a character a pattern escapes. */
export const teamMarkers = ['WIP', 'WIP-LATER', 'DRAFT', 'C++']

/**
 * Loads every package, then lints: the team's runbook with its own
 * template, markers, ignore patterns and secret allow-list; a runbook of
 * each built-in layout, with that layout configured and with none (the
 * closest is chosen); and a text with a fake secret of several kinds, so
 * that secretlint's rules run.
 */
export async function collectPatterns(): Promise<CollectedPatterns> {
  for (const name of fs.readdirSync(path.join(root, 'packages')).sort()) {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'packages', name, 'package.json'), 'utf8')) as {
      exports?: string | Record<string, unknown>
    }
    if (typeof manifest.exports === 'string' || manifest.exports?.['.']) await import(name)
  }
  const {lintRunbook} = await import('remark-preset-runbook/api')
  const {builtinLayouts} = await import('runbook-model')
  const {default: noPlaceholders} = await import('remark-lint-runbook-no-placeholders')
  const {default: noSecrets} = await import('remark-lint-runbook-no-secrets')
  const read = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8')

  const runs: VFile[] = []
  await watchRuns(async () => {
    runs.push(
      await lintRunbook(read('templates/team-filled.md'), {
        path: 'runbook.md',
        template: path.join(fixtures, 'templates', 'team-template.md'),
        plugins: [
          [noPlaceholders, {markers: teamMarkers, ignore: ['^TBD']}],
          [noSecrets, {allow: ['/^fake-/', 'hunter2']}]
        ]
      })
    )
    const byLayout: Record<string, string> = {default: 'valid/complete.md', full: 'valid/upstream-layout.md', alert: 'valid/alert-page.md'}
    for (const layout of builtinLayouts) {
      const example = byLayout[layout]
      if (!example) throw new Error(`No runbook of the built-in layout \`${layout}\` to lint: add one to \`byLayout\``)
      runs.push(await lintRunbook(read(example), {path: path.basename(example), template: layout}))
      runs.push(await lintRunbook(read(example), {path: path.basename(example)}))
    }
    const secrets = [
      'Deploy key: AKIA' + 'Q3EGRIT7ZK5XN4PB',
      'Token: ghp_' + 'x'.repeat(36),
      'Database: postgres://billing:' + 'Xq7vR2mPz9Lw@db.internal:5432/billing',
      'Web hook: https://hooks.slack.com/services/T0000/B0000/' + 'x'.repeat(24),
      'password: correct-horse-battery'
    ]
    runs.push(await lintRunbook(read('valid/complete.md') + '\n' + secrets.join('\n\n') + '\n', {path: 'secrets.md'}))
  })

  return {
    literals: sourcePatterns().map(({where, pattern}) => withoutIndices({where, source: pattern.source, flags: pattern.flags})),
    made: recorded.filter(({where}) => !where.startsWith('(') && !where.startsWith('node_modules/')).map(withoutIndices),
    thirdParty: run.filter(({where}) => where.startsWith('node_modules/')).map(withoutIndices),
    runs
  }
}

function withoutIndices(pattern: Pattern): Pattern {
  return {where: pattern.where, source: pattern.source, flags: pattern.flags.replace('d', '')}
}
