/**
 * Every regular expression of the packages is safe from catastrophic
 * backtracking: fed 100,000 repetitions of what it repeats or looks for
 * (`_(e.g. `, `a@a@`, `[[[[`, `<<<<`, `####`, digits and spaces, …), each
 * finishes. Nothing here asserts a time: the timeout only guards against an
 * exponential or quadratic blow-up, which would take minutes.
 */

import {describe, expect, it} from 'vitest'
import {patterns as passwordPatterns} from 'remark-lint-runbook-password-storage'
import {patterns as secretPatterns, secretAnchorPatterns} from 'remark-lint-runbook-no-secrets'
import {attack, attackUnits, exercise, sourcePatterns} from './regex-patterns.js'

const repetitions = 100_000
const all = sourcePatterns()

describe('regular expressions', () => {
  it('are found in the sources, the exported ones included', () => {
    const sources = new Set(all.map(({pattern}) => pattern.source))
    expect(all.length).toBeGreaterThan(100)
    for (const pattern of [...Object.values(passwordPatterns), ...secretPatterns.map((entry) => entry.pattern)]) {
      expect(sources).toContain(pattern.source)
    }
  })

  it('of the secret pre-filter (built from strings) finish on long runs too', () => {
    const extra = ['=', ' =', 'key =', 'Key ', 'password ', '://', 'a:', 'SECRET_ACCESS_KEY ', '~', 'Q~', '_x']
    for (const unit of [...attackUnits, ...extra]) {
      const text = attack(unit, repetitions)
      for (const pattern of Object.values(secretAnchorPatterns)) {
        expect(() => exercise(pattern, text), `${String(pattern).slice(0, 40)}… on ${JSON.stringify(unit)}`).not.toThrow()
      }
    }
  }, 20_000)

  // One test per source file, so that a slow pattern is named by its file.
  const byFile = new Map<string, typeof all>()
  for (const entry of all) {
    const file = entry.where.replace(/:\d+$/, '')
    byFile.set(file, [...(byFile.get(file) ?? []), entry])
  }
  for (const [file, patterns] of byFile) {
    it(`of ${file} finish on long runs of what they repeat`, () => {
      for (const unit of attackUnits) {
        const text = attack(unit, repetitions)
        for (const {where, pattern} of patterns) {
          expect(() => exercise(pattern, text), `${where} ${String(pattern)} on ${JSON.stringify(unit)}`).not.toThrow()
        }
      }
    }, 20_000)
  }
})
