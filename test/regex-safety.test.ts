/**
 * Every regular expression the packages run is free of super-linear
 * backtracking, as the ReDoS checker recheck finds it
 * (https://makenowjust-labs.github.io/recheck/): the literals of the built
 * modules, the patterns the packages make from strings when they load and
 * from a team's configuration (its placeholder markers, ignore patterns and
 * secret allow-list, linted with its own template), and those made while
 * each built-in layout is checked (see `regex-collect.ts`).
 *
 * recheck takes from a fraction of a second to a minute a pattern, so its
 * verdicts are kept in `test/regex-proofs.json`, by a hash of the pattern
 * and its flags, with the checker's version and settings (`regex-proofs.ts`):
 * a run checks only the patterns that have none. A pattern recheck finds
 * vulnerable fails with its place and recheck's attack string; one it cannot
 * decide fails saying so. `UPDATE_REGEX_PROOFS=1 npx vitest run
 * test/regex-safety.test.ts` writes each new verdict to the file as soon as
 * it is made (commit it): killed, it keeps what it proved, and run again it
 * goes on from there. Deleting the file, or changing the settings, checks
 * every pattern again.
 *
 * The patterns dependencies run while linting (secretlint's recommended
 * preset, over every text that may hold a secret, and micromark's) are
 * checked and kept too, but they are not ours to rewrite: a vulnerable one
 * is listed in `thirdPartyVulnerable`, with what bounds the text it reads,
 * and the test fails on any other.
 */

import {collectPatterns, teamMarkers, type Pattern} from './regex-collect.js'
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {heavyTimeout} from './helpers.js'
import {
  checkerName,
  fuzzOnly,
  loadRecheck,
  patternKey,
  prove,
  readVerdicts,
  verdictOf,
  vulnerability,
  writeVerdicts,
  type Verdict
} from './regex-proofs.js'

const update = process.env['UPDATE_REGEX_PROOFS'] === '1'
// A hang guard per pattern to check; the slowest took two CPU-minutes.
const perPattern = 1_200_000

const collected = collectPatterns()
const ours = unique([...collected.literals, ...collected.made])
const oursKeys = new Set(ours.map((pattern) => patternKey(pattern)))
const thirdParty = unique(collected.thirdParty).filter((pattern) => !oursKeys.has(patternKey(pattern)))
const all = [...ours, ...thirdParty]
const kept = readVerdicts()
const unproven = all.filter((pattern) => !kept[patternKey(pattern)])

describe('regular expressions', () => {
  it('are found in the built modules, as the packages make them, and as dependencies run them', () => {
    const sources = new Set(collected.literals.map((pattern) => pattern.source))
    expect(sources.size).toBeGreaterThan(300)
    const made = collected.made.map((pattern) => `${moduleOf(pattern.where)} ${pattern.source}`)
    // While loading: the secret pre-filter, not-applicable statements (in the
    // model's bundle); while
    // linting with the team's configuration: its markers and patterns.
    expect(made).toEqual(
      expect.arrayContaining([expect.stringMatching(/^remark-lint-runbook-no-secrets\/detect \[:=\]/), expect.stringMatching(/^runbook-model\/[\w.-]+ \^\(\?:n\\\/\?a\\b\|not /)])
    )
    expect(made).toContain(
      `remark-lint-runbook-no-placeholders/index (?<![\\p{L}\\p{N}_])(?:${teamMarkers.map((marker) => marker.replace(/[+]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}_])`
    )
    expect(made).toContain('remark-lint-runbook-no-placeholders/index ^TBD')
    expect(made).toContain('remark-lint-runbook-no-secrets/index ^fake-')
    const runBy = new Set(thirdParty.map((pattern) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(pattern.where)?.[1]))
    expect(runBy).toContain('@secretlint/secretlint-rule-preset-recommend')
    expect(runBy).toContain('micromark')
    expect(thirdParty.length).toBeGreaterThan(30)
    // Each built-in layout checked, configured and chosen as the closest.
    expect(collected.runs.slice(1, -1).map((file) => file.layout)).toEqual(['default', 'default', 'full', 'full', 'alert', 'alert'])
    // Every run linted to the end (a secret is an error, and fatal too); the
    // last found the fake secrets that make secretlint's rules run.
    expect(collected.runs.flatMap((file) => file.messages.filter((message) => message.fatal && message.ruleId !== 'runbook-no-secrets'))).toEqual([])
    expect(collected.runs.at(-1)!.messages.filter((message) => message.ruleId === 'runbook-no-secrets')).toHaveLength(4)
  })

  it(
    'are proven free of super-linear backtracking by recheck',
    () => {
      const run = prove(all, kept, {
        check: loadRecheck,
        checking: update
          ? (pattern, index, count) => process.stderr.write(`recheck ${index + 1}/${count} ${pattern.where} /${pattern.source.slice(0, 80)}/${pattern.flags}\n`)
          : undefined,
        made: update
          ? (verdicts, pattern, cpuSeconds) => {
              writeVerdicts(all, verdicts)
              const verdict = verdicts[patternKey(pattern)]!
              process.stderr.write(`  ${verdict.status} (${verdict.checker}, ${verdict.complexity}), ${cpuSeconds.toFixed(1)} CPU-s\n`)
            }
          : undefined,
        gaveUp: update ? (problem) => process.stderr.write(`  ${problem}\n`) : undefined
      })
      // Removed patterns lose their verdicts.
      if (update) writeVerdicts(all, run.verdicts)
      else if (run.checked > 0) {
        console.warn(`${run.checked} patterns have no verdict in test/regex-proofs.json: run \`UPDATE_REGEX_PROOFS=1 npx vitest run test/regex-safety.test.ts\` to keep theirs`)
      }
      const problems = [...run.undecided]
      const listed: string[] = []
      for (const pattern of all) {
        const verdict = run.verdicts[patternKey(pattern)]
        if (verdict?.status !== 'vulnerable') continue
        if (thirdParty.includes(pattern) && pattern.source in thirdPartyVulnerable) listed.push(pattern.source)
        else problems.push(vulnerability(pattern, verdict))
      }
      expect(problems).toEqual([])
      // A dependency's pattern listed as vulnerable that is no longer run, or no longer vulnerable, leaves the list.
      expect(listed.sort()).toEqual(Object.keys(thirdPartyVulnerable).sort())
    },
    heavyTimeout + unproven.length * perPattern
  )

  it('fail on a pattern that backtracks, with recheck\'s attack string', () => {
    const pattern = {where: 'example/dist/index.js:3', source: '^(a+)+$', flags: ''}
    const verdict = verdictOf(pattern, loadRecheck()(pattern))
    expect(verdict).toMatchObject({where: 'example/dist/index.js', status: 'vulnerable', checker: 'automaton', complexity: 'exponential'})
    expect(vulnerability(pattern, verdict as Verdict)).toBe(
      "/^(a+)+$/ at example/dist/index.js:3 backtracks super-linearly (exponential, found by recheck's automaton checker): it reads the attack string 'a' + 'a'.repeat(31) + '\\x00' in more than linear time"
    )
  })

  it('fail on a pattern recheck cannot decide, saying how to prove it', () => {
    const pattern = {where: 'example/dist/index.js:3', source: '(?<=a+)b', flags: ''}
    expect(verdictOf(pattern, {status: 'unknown', error: {kind: 'unsupported', message: 'look-behind with a repetition'}})).toEqual({
      problem:
        'recheck could not decide whether /(?<=a+)b/ at example/dist/index.js:3 backtracks super-linearly (unsupported: look-behind with a repetition): write it so that recheck can read it, then run `UPDATE_REGEX_PROOFS=1 npx vitest run test/regex-safety.test.ts` to prove it'
    })
  })

  it('keep verdicts made with these settings only', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'regex-proofs-'))
    try {
      const file = path.join(folder, 'regex-proofs.json')
      const pattern = {where: 'example/dist/index.js:3', source: 'a+b', flags: ''}
      const verdicts = {[patternKey(pattern)]: {where: 'example/dist/index.js', status: 'safe', checker: 'automaton', complexity: 'linear'} as const}
      writeVerdicts([pattern], verdicts, file)
      expect(readVerdicts(file)).toEqual(verdicts)
      // Made with another seed, they prove nothing.
      const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as {checker: string}
      fs.writeFileSync(file, JSON.stringify({...kept, checker: kept.checker.replace('"randomSeed":0', '"randomSeed":1')}))
      expect(readVerdicts(file)).toEqual({})
    } finally {
      fs.rmSync(folder, {recursive: true, force: true})
    }
    expect(checkerName).toBe(
      'recheck 4.5.0, pure JavaScript backend, {"timeout":null,"attackTimeout":null,"incubationTimeout":null,"seedingTimeout":null,"attackLimit":10000000,"maxRepeatCount":20000,"randomSeed":0}'
    )
    // A pattern only fuzzed has a key of its own.
    const fuzzed = [...fuzzOnly][0]!
    expect(patternKey({source: fuzzed, flags: 'i'})).not.toBe(createHash('sha256').update(`/${fuzzed}/i`).digest('hex').slice(0, 16))
    expect(patternKey({source: 'a+b', flags: ''})).toBe(createHash('sha256').update('/a+b/').digest('hex').slice(0, 16))
  })
})

/**
 * The dependencies' patterns recheck finds vulnerable, with what each
 * reads: none reads a runbook's text. Both are lodash's, bundled in
 * secretlint's preset, and run when lodash first checks whether a function
 * is native.
 */
const thirdPartyVulnerable: Record<string, string> = {
  '[^.]+$': "core-js's `IE_PROTO` key once, or an empty string without core-js (lodash's `maskSrcKey`)",
  [String.raw`hasOwnProperty|(function).*?(?=\\\()| for .+?(?=\\\])`]: "the source of `Object.prototype.hasOwnProperty` once, `function hasOwnProperty() { [native code] }` (lodash's `reIsNative`)"
}

function unique(found: ReadonlyArray<Pattern>): Pattern[] {
  const byKey = new Map<string, Pattern>()
  for (const pattern of found) if (!byKey.has(patternKey(pattern))) byKey.set(patternKey(pattern), pattern)
  return [...byKey.values()]
}

/** `package/file` of `package/dist/file.js:12` or `package/src/file.ts:9` (where a source map points). */
function moduleOf(where: string): string {
  return where.replace(/:\d+$/, '').replace(/\/(?:dist|src)\//, '/').replace(/\.(?:js|cjs|ts)$/, '')
}
