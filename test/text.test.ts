/**
 * Text normalisation and its short cuts agree with it.
 */

import fc from 'fast-check'
import {asciiNormalizedLength, cleanTitle, isPlaceholderValue, normalizeText, titleKey} from 'runbook-model'
import {describe, expect, it} from 'vitest'

const runs = Number(process.env['FC_RUNS'] ?? 500)

describe('asciiNormalizedLength', () => {
  it('is the length normalizeText gives ASCII text, and -1 for any other', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({unit: 'binary-ascii', maxLength: 60}), fc.string({maxLength: 60}), fc.string({unit: 'grapheme', maxLength: 10})), (text) => {
        const ascii = !/[^\x00-\x7F]/.test(text)
        expect(asciiNormalizedLength(text)).toBe(ascii ? normalizeText(text).length : -1)
      }),
      {numRuns: runs, seed: Number(process.env['FC_SEED'] ?? 20_261_207)}
    )
  })

  it('counts words and the spaces between them', () => {
    expect(asciiNormalizedLength('  What is the *service*?  ')).toBe('what is the service'.length)
    expect(asciiNormalizedLength('--- ...')).toBe(0)
    expect(asciiNormalizedLength('Café')).toBe(-1)
  })
})

describe('heading keys of ASCII text', () => {
  // What the Unicode patterns give; ASCII text takes plain patterns instead.
  const emoji = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}]/gu
  const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
  const ascii = fc.string({unit: fc.constantFrom(...'aZ09 _-:.&()#{}*`!?\t'.split('')), maxLength: 40})

  it('splits words as the Unicode pattern does', () => {
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({unit: 'binary-ascii', maxLength: 40})), (text) => {
        expect(titleKey(text)).toBe(
          words(text)
            .split(' ')
            .filter((word) => word !== 'and' && word !== 'or')
            .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word))
            .join(' ')
        )
      }),
      {numRuns: runs, seed: Number(process.env['FC_SEED'] ?? 20_261_207)}
    )
  })

  it('cleans a title as with the emoji pattern, which no ASCII text matches', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary-ascii', maxLength: 40}), (text) => {
        expect(text.replace(emoji, ' ')).toBe(text)
      }),
      {numRuns: runs, seed: Number(process.env['FC_SEED'] ?? 20_261_207)}
    )
    expect(cleanTitle('🚀 1. Service owner:')).toBe('Service owner')
    expect(cleanTitle(':rocket: Service owner')).toBe('Service owner')
  })
})

describe('isPlaceholderValue', () => {
  it('knows the values that stand in for one', () => {
    for (const value of ['TODO', 'TBD', 'TBA: after the migration', 'tbc', '_', '...', '<service name>', '[name]', 'n/a', 'To be confirmed', '(e.g. Billing API)']) {
      expect(isPlaceholderValue(value), value).toBe(true)
    }
  })

  it('takes real values for values', () => {
    for (const value of ['Billing API', 'Todoist sync', 'TBAC gateway', 'Payments (to be renamed)', 'The tool to be used']) {
      expect(isPlaceholderValue(value), value).toBe(false)
    }
  })
})
