/**
 * The guard's count of lists and blockquotes, read from the text before it
 * is parsed, against the parser's own: on random documents of markers,
 * indentation, empty items and every line ending, it never says a line is
 * less deep than the parser makes it.
 */

import fc from 'fast-check'
import {fromMarkdown} from 'mdast-util-from-markdown'
import type {Nodes} from 'mdast'
import {parseCost} from 'runbook-model'
import {describe, expect, it} from 'vitest'

const runs = Number(process.env['FC_RUNS'] ?? 300)

/** The deepest list item or blockquote of the tree, counted as the guard counts: one level each. */
function parsedDepth(node: Nodes, depth = 0): number {
  const here = node.type === 'listItem' || node.type === 'blockquote' ? depth + 1 : depth
  if (!('children' in node)) return here
  let deepest = here
  for (const child of node.children) deepest = Math.max(deepest, parsedDepth(child, here))
  return deepest
}

const line = fc
  .tuple(
    fc.array(fc.constantFrom(' ', '  ', '   ', '    ', '\t', '> ', '>', '- ', '* ', '+ ', '1. ', '2. ', '10) ', '-', '1.'), {maxLength: 10}),
    fc.constantFrom('', 'item', 'text *a*', '```', '~~~', '- ', '---', '<div>', '# heading', '    code', '[a]: b')
  )
  .map(([prefix, content]) => prefix.join('') + content)
const document = fc
  .tuple(fc.array(line, {minLength: 1, maxLength: 40}), fc.constantFrom('\n', '\r', '\r\n'))
  .map(([lines, ending]) => lines.join(ending) + ending)

describe('parseCost', () => {
  it('never counts a document less deep than the parser makes it', () => {
    fc.assert(
      fc.property(document, (text) => {
        expect(parseCost(text).deepest.depth, JSON.stringify(text)).toBeGreaterThanOrEqual(parsedDepth(fromMarkdown(text)))
      }),
      {numRuns: runs, seed: Number(process.env['FC_SEED'] ?? 20_261_207)}
    )
  })

  it('counts lines as the parser does: a carriage return, a line feed or both end one', () => {
    for (const ending of ['\n', '\r', '\r\n']) {
      const text = ['- a', '  - b', '    - c', '', '> d'].join(ending)
      expect(parseCost(text)).toMatchObject({lines: 5, deepest: {depth: 3, line: 3}})
    }
  })

  it('reads no inline markers in front matter, and reads them when the front matter is never closed', () => {
    const closed = parseCost('---\nkey: [x, `y`]\n---\n\nText [a] b.\n')
    expect([closed.inlineMarkers, closed.busiest]).toEqual([2, {markers: 2, line: 5}])
    const unclosed = parseCost('---\nkey: [x, `y`]\n\nText [a] b.\n')
    expect([unclosed.inlineMarkers, unclosed.busiest]).toEqual([6, {markers: 4, line: 1}])
  })

  it('counts a list item and a heading as inline content of their own', () => {
    const cost = parseCost('# A *b*\n- c _d_\n- e\n  f `g`\ntext [h]\n')
    // Only the closing `*` and `_` count: an opener costs nothing until a closer.
    expect([cost.inlineWork, cost.inlineMarkers, cost.busiest]).toEqual([1 * 1 + 1 * 1 + 4 * 4, 6, {markers: 4, line: 3}])
  })

  it('counts `*` and `_` that may close emphasis, once a run, and no `_` inside a word', () => {
    expect(parseCost('*a* **b** _c_ snake_case_name a_ _a __d__ *').inlineMarkers).toBe(5)
  })
})
