/**
 * Every regular expression that runs over a runbook's text, as
 * `regex-collect.mjs` finds them in a process of its own: the literals of
 * the packages' built modules, the patterns the packages make from strings
 * (when they load, and from a team's configuration as they lint), and the
 * patterns dependencies run while they lint (secretlint's recommended
 * preset, which runs its own over every text that may hold a secret, and
 * micromark's).
 */

import {execFileSync} from 'node:child_process'
import path from 'node:path'

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
  /** What each lint found: the team's runbook, each built-in layout's configured and chosen, the fake secrets. */
  readonly runs: ReadonlyArray<{
    readonly layout: string | undefined
    readonly messages: ReadonlyArray<{readonly ruleId: string | undefined; readonly fatal: boolean | undefined; readonly text: string}>
  }>
}

/** The team's own words for unfinished text; two share a start, one has a character a pattern escapes. */
export const teamMarkers = ['WIP', 'WIP-LATER', 'DRAFT', 'C++']

export function collectPatterns(): CollectedPatterns {
  const output = execFileSync(process.execPath, [path.join(import.meta.dirname, 'regex-collect.mjs'), JSON.stringify(teamMarkers)], {
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  return JSON.parse(output.toString('utf8')) as CollectedPatterns
}
