/**
 * recheck's verdicts on regular expressions, and the file that keeps them
 * (`test/regex-proofs.json`) so that a test run checks only the patterns it
 * has no verdict for. See `regex-safety.test.ts`.
 */

import {createHash} from 'node:crypto'
import fs from 'node:fs'
import {execFileSync} from 'node:child_process'
import path from 'node:path'
import {writeFileAtomic} from 'runbook-model'
import type {Pattern} from './regex-collect.js'
import {root, testTool} from './helpers.js'

/** What recheck says of a pattern (the part of its `Diagnostics` read here). */
export interface Diagnostics {
  readonly status: 'safe' | 'vulnerable' | 'unknown'
  readonly checker?: 'automaton' | 'fuzz'
  readonly complexity?: {readonly type: string; readonly summary: string}
  readonly attack?: {readonly pattern: string}
  readonly error?: {readonly kind: string; readonly message?: string}
  /** What the check took, in CPU seconds. */
  readonly cpuSeconds?: number
}

/** A verdict as the file keeps it. */
export interface Verdict {
  /** The file the pattern is in, without the line: lines move, patterns stay. */
  readonly where: string
  readonly status: 'safe' | 'vulnerable'
  /** `automaton`: proven from the pattern's automaton; `fuzz`: no attack found within the counts of `parameters`. */
  readonly checker: 'automaton' | 'fuzz'
  /** `linear`, `safe`, `2nd degree polynomial`, `exponential`, … */
  readonly complexity: string
  /** A string that makes the pattern backtrack, as recheck writes it (`'a'.repeat(31) + '\x00'`). */
  readonly attack?: string
}

export const recheckVersion = '4.5.0'

/**
 * Every time limit off and a fixed random seed, so that what recheck does is
 * bounded by counts only and its verdict is the same on an idle machine
 * and a loaded one. Two counts differ from recheck's defaults:
 *
 * * `maxRepeatCount`, the sum of the bounds of a pattern's repetitions
 *   (`{0,128}`) up to which recheck proves the pattern from its automaton
 *   rather than fuzzing it, is raised from 30 to 20,000. The automaton
 *   checker proves in a fraction of a second what fuzzing only fails to
 *   disprove in a minute: a bounded run such as `[^}]{1,50}` reads up to 50
 *   characters from each position, which fuzzing took for a hot spot and
 *   attacked again and again (`maxNFASize` still sends a pattern whose
 *   automaton is too large to fuzzing; `fuzzOnly` lists those whose
 *   automaton recheck never finishes building).
 * * `attackLimit`, the characters recheck's matcher may read on an attack
 *   string before calling the pattern vulnerable, is lowered from 1.5
 *   billion to 10 million (the pure JavaScript backend reads about a
 *   million a second): a quadratic pattern still reads more than that on
 *   its attack string of up to 300,000 characters.
 *
 * recheck's recall validation stays off, as by default (a negative
 * `recallTimeout`).
 */
export const parameters = {
  timeout: null,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  attackLimit: 10_000_000,
  maxRepeatCount: 20_000,
  randomSeed: 0
} as const

/** The checker and its settings: verdicts made with others prove nothing here. */
export const checkerName = `recheck ${recheckVersion}, pure JavaScript backend, ${JSON.stringify(parameters)}`

/**
 * Patterns for which recheck's automaton checker builds its automata for
 * minutes and gigabytes without end (a word boundary or other look-around
 * beside long bounded runs, in any case), so that only fuzzing
 * (`checker: 'fuzz'`) checks them: seconds. Their key says so, so that a
 * pattern put on or taken off the list is checked again.
 */
export const fuzzOnly: ReadonlySet<string> = new Set([
  // runbook-model's template text: a template's stand-in of a whole paragraph.
  String.raw`^(?:_+|-+|\?+|\.{3}|…|(?:TODO|TBD|TBC|TBA|FIXME|XXX|TKTK)\b.*|<[^<>]{0,80}>|\[[^[\]]{0,80}\]|n\/?a|to be (?:completed|confirmed|decided|determined|defined|added|written|documented|filled(?: in)?|announced|provided|agreed|updated)\b.*)$`,
  // secretlint's AWS secret access key.
  String.raw`["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/\+=]{40})["']?\b`
])

export const proofsFile = path.join(root, 'test', 'regex-proofs.json')

const regenerate = 'UPDATE_REGEX_PROOFS=1 npx vitest run test/regex-safety.test.ts'

/** A hash of the pattern, its flags, and whether it is only fuzzed. */
export function patternKey(pattern: Pick<Pattern, 'source' | 'flags'>): string {
  const fuzzed = fuzzOnly.has(pattern.source) ? ' fuzz only' : ''
  return createHash('sha256').update(`/${pattern.source}/${pattern.flags}${fuzzed}`).digest('hex').slice(0, 16)
}

/** The verdicts in `file` made with the checker and settings of now; none when it has others'. */
export function readVerdicts(file = proofsFile): Record<string, Verdict> {
  if (!fs.existsSync(file)) return {}
  const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as {checker?: string; verdicts?: Record<string, Verdict>}
  return kept.checker === checkerName ? (kept.verdicts ?? {}) : {}
}

/**
 * Writes the verdicts of `patterns` (a pattern no longer there loses its
 * own), sorted by key so that the file changes only where a verdict does.
 */
export function writeVerdicts(patterns: ReadonlyArray<Pattern>, verdicts: Readonly<Record<string, Verdict>>, file = proofsFile): void {
  const kept: Array<[string, Verdict]> = []
  const seen = new Set<string>()
  for (const pattern of patterns) {
    const key = patternKey(pattern)
    const verdict = verdicts[key]
    if (!verdict || seen.has(key)) continue
    seen.add(key)
    kept.push([key, verdict])
  }
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  writeFileAtomic(file, JSON.stringify({checker: checkerName, verdicts: Object.fromEntries(kept)}, null, 2) + '\n')
}

/** What to keep of recheck's answer on `pattern`, or the one sentence saying why there is nothing to keep. */
export function verdictOf(pattern: Pattern, diagnostics: Diagnostics): Verdict | {readonly problem: string} {
  const where = pattern.where.replace(/:\d+$/, '')
  const shown = `/${pattern.source.length > 200 ? pattern.source.slice(0, 200) + '…' : pattern.source}/${pattern.flags}`
  if (diagnostics.status === 'unknown') {
    const why = [diagnostics.error?.kind, diagnostics.error?.message].filter(Boolean).join(': ') || 'no reason given'
    return {
      problem: `recheck could not decide whether ${shown} at ${pattern.where} backtracks super-linearly (${why}): write it so that recheck can read it, then run \`${regenerate}\` to prove it`
    }
  }
  const checker = diagnostics.checker ?? 'automaton'
  const complexity = diagnostics.complexity?.summary ?? diagnostics.status
  if (diagnostics.status === 'safe') return {where, status: 'safe', checker, complexity}
  return {where, status: 'vulnerable', checker, complexity, attack: diagnostics.attack?.pattern ?? '(none given)'}
}

/** The sentence a vulnerable verdict fails with. */
export function vulnerability(pattern: Pattern, verdict: Verdict): string {
  return `/${pattern.source}/${pattern.flags} at ${pattern.where} backtracks super-linearly (${verdict.complexity}, found by recheck's ${verdict.checker} checker): it reads the attack string ${verdict.attack} in more than linear time`
}

export type Check = (pattern: Pattern) => Diagnostics

/**
 * recheck, installed on first use (see `testTool`), running its pure
 * JavaScript backend in a process of its own for each pattern
 * (`regex-check.mjs`).
 */
export function loadRecheck(): Check {
  const folder = testTool('recheck', recheckVersion, {omitOptional: true})
  return (pattern) => {
    try {
      const output = execFileSync(process.execPath, [path.join(import.meta.dirname, 'regex-check.mjs'), folder], {
        input: JSON.stringify({
          source: pattern.source,
          flags: pattern.flags,
          parameters: fuzzOnly.has(pattern.source) ? {...parameters, checker: 'fuzz'} : parameters
        }),
        env: {...process.env, RECHECK_SYNC_BACKEND: 'pure'},
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['pipe', 'pipe', 'pipe']
      })
      return JSON.parse(output.toString('utf8')) as Diagnostics
    } catch (error) {
      const stderr = (error as {stderr?: Buffer}).stderr?.toString('utf8').trim().split('\n').at(-1)
      return {status: 'unknown', error: {kind: 'error', message: stderr || (error instanceof Error ? error.message : String(error))}}
    }
  }
}

export interface ProofRun {
  /** Every verdict, those kept and those made now. */
  readonly verdicts: Record<string, Verdict>
  /** One sentence per pattern recheck could not decide. */
  readonly undecided: string[]
  /** How many patterns recheck checked now. */
  readonly checked: number
}

/**
 * Checks each pattern that has no verdict in `kept`, smallest first (so
 * that a run stopped halfway has proven the most), and calls `made` after
 * each verdict: the caller writes the file there, so that a run killed at
 * any point keeps what it proved and the next one resumes after it.
 */
export function prove(
  patterns: ReadonlyArray<Pattern>,
  kept: Readonly<Record<string, Verdict>>,
  options: {
    check: () => Check
    checking?: (pattern: Pattern, index: number, count: number) => void
    made?: (verdicts: Record<string, Verdict>, pattern: Pattern, cpuSeconds: number) => void
    gaveUp?: (problem: string) => void
  }
): ProofRun {
  const verdicts: Record<string, Verdict> = {...kept}
  const undecided: string[] = []
  const todo = new Map<string, Pattern>()
  for (const pattern of patterns) if (!verdicts[patternKey(pattern)]) todo.set(patternKey(pattern), pattern)
  let check: Check | undefined
  for (const [index, [key, pattern]] of [...todo].sort(([, a], [, b]) => a.source.length - b.source.length).entries()) {
    check ??= options.check()
    options.checking?.(pattern, index, todo.size)
    const diagnostics = check(pattern)
    const found = verdictOf(pattern, diagnostics)
    if ('problem' in found) {
      undecided.push(found.problem)
      options.gaveUp?.(found.problem)
      continue
    }
    verdicts[key] = found
    options.made?.(verdicts, pattern, diagnostics.cpuSeconds ?? 0)
  }
  return {verdicts, undecided, checked: todo.size}
}
