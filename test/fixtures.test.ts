/**
 * Whole runbooks in `fixtures/`: every file under `valid/` gives no message;
 * every other fixture gives exactly the messages in its `.messages.txt`
 * sidecar (`line:column[-line:column] rule-id reason`), with and without
 * remark-gfm. `UPDATE_FIXTURES=1 npx vitest run test/fixtures.test.ts`
 * rewrites the sidecars: read the diff before committing it.
 */

import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixtures, lint, messagesOf} from './helpers.js'

const update = process.env.UPDATE_FIXTURES === '1'

function markdownFiles(folder: string): string[] {
  return fs
    .readdirSync(path.join(fixtures, folder))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `${folder}/${name}`)
}

describe('valid runbooks give no message', () => {
  for (const fixture of markdownFiles('valid')) {
    for (const gfm of [false, true]) {
      it(`${fixture}${gfm ? ' (with remark-gfm)' : ''}`, async () => {
        const file = await lint({fixture}, {gfm})
        expect(messagesOf(file)).toEqual([])
      })
    }
  }
})

describe('broken runbooks and edge cases give exactly their expected messages', () => {
  for (const fixture of [...markdownFiles('broken'), ...markdownFiles('edge')]) {
    const sidecar = path.join(fixtures, fixture.replace(/\.md$/, '.messages.txt'))
    for (const gfm of [false, true]) {
      it(`${fixture}${gfm ? ' (with remark-gfm)' : ''}`, async () => {
        const actual = messagesOf(await lint({fixture}, {gfm}))
        if (update && !gfm) fs.writeFileSync(sidecar, actual.join('\n') + '\n')
        const expected = fs.readFileSync(sidecar, 'utf8').split('\n').filter(Boolean)
        expect(actual).toEqual(expected)
      })
    }
  }
})
