/**
 * Text normalisation and its short cuts agree with it.
 */

import fc from 'fast-check'
import {asciiNormalizedLength, normalizeText} from 'runbook-model'
import {describe, expect, it} from 'vitest'

const runs = Number(process.env['FC_RUNS'] ?? 500)

describe('asciiNormalizedLength', () => {
  it('is the length normalizeText gives ASCII text, and -1 for any other', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({unit: 'binary-ascii', maxLength: 60}), fc.string({maxLength: 60}), fc.string({unit: 'grapheme', maxLength: 10})), (text) => {
        const ascii = !/[^\x00-\x7F]/.test(text)
        expect(asciiNormalizedLength(text)).toBe(ascii ? normalizeText(text).length : -1)
      }),
      {numRuns: runs}
    )
  })

  it('counts words and the spaces between them', () => {
    expect(asciiNormalizedLength('  What is the *service*?  ')).toBe('what is the service'.length)
    expect(asciiNormalizedLength('--- ...')).toBe(0)
    expect(asciiNormalizedLength('Café')).toBe(-1)
  })
})
