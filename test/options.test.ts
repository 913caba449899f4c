/**
 * Invalid options, for every rule of the preset and for the template
 * setting: the file stops with one sentence that names the option, the
 * value and what is allowed; no stack trace, no other finding.
 */

import fs from 'node:fs'
import path from 'node:path'
import remarkRunbookTemplate from 'remark-runbook-template'
import {ruleInfo, rules} from 'remark-preset-runbook'
import {lintRunbook} from 'remark-preset-runbook/api'
import type {Pluggable, Plugin} from 'unified'
import {describe, expect, it} from 'vitest'
import {fixtures} from './helpers.js'

const complete = fs.readFileSync(path.join(fixtures, 'valid', 'complete.md'), 'utf8')

/** A wrong value for one real option of each rule (rules without options get an unknown key). */
const wrongOption: Record<string, {options: unknown; reason: string}> = {
  'runbook-required-headings': {
    options: {order: 'yes'},
    reason: 'Unexpected value `"yes"` for option `order` of `runbook-required-headings`, expected `true` or `false`'
  },
  'runbook-no-placeholders': {
    options: {markers: 5},
    reason: 'Unexpected value `5` for option `markers` of `runbook-no-placeholders`, expected a list of words, such as `["WIP"]`'
  },
  'runbook-no-empty-sections': {
    options: {all: 'yes'},
    reason: 'Unexpected value `"yes"` for option `all` of `runbook-no-empty-sections`, expected `true` or `false`'
  },
  'runbook-owner-contact': {
    options: {team: 'Payments'},
    reason: 'Unexpected option `team` for `runbook-owner-contact`, expected no options'
  },
  'runbook-filled-fields': {
    options: {fields: []},
    reason: 'Unexpected option `fields` for `runbook-filled-fields`, expected no options'
  },
  'runbook-no-secrets': {
    options: {allow: 'fake'},
    reason:
      'Unexpected value `"fake"` for option `allow` of `runbook-no-secrets`, expected a list of strings or regular expression literals such as `"/^fake-/"`'
  },
  'runbook-password-storage': {
    options: {strict: true},
    reason: 'Unexpected option `strict` for `runbook-password-storage`, expected no options'
  },
  'runbook-alert-coverage': {
    options: {alertRules: 5},
    reason: 'Unexpected value `5` for option `alertRules` of `runbook-alert-coverage`, expected a glob of Prometheus rule files, or a list of them'
  },
  'runbook-alert-page': {
    options: {sections: ['Mitigation']},
    reason: 'Unexpected option `sections` for `runbook-alert-page`, expected no options'
  },
  'runbook-review-date': {
    options: {maxAge: -1},
    reason: 'Unexpected value `-1` for option `maxAge` of `runbook-review-date`, expected a whole number of days, such as `180`'
  }
}

async function reasons(plugin: Pluggable): Promise<Array<{reason: string; fatal: boolean | undefined}>> {
  const file = await lintRunbook(complete, {path: 'runbook.md', plugins: [plugin]})
  return file.messages.map((message) => ({reason: message.reason, fatal: message.fatal}))
}

function expectOneSentence(found: Array<{reason: string; fatal: boolean | undefined}>, reason: string | RegExp): void {
  expect(found).toHaveLength(1)
  expect(found[0]?.fatal).toBe(true)
  if (typeof reason === 'string') expect(found[0]?.reason).toBe(reason)
  else expect(found[0]?.reason).toMatch(reason)
  expect(found[0]?.reason).not.toMatch(/\n|^\s+at /m)
}

describe('invalid options', () => {
  it('has a case for every rule of the preset', () => {
    expect(Object.keys(wrongOption).sort()).toEqual(ruleInfo.map((rule) => rule.ruleId).sort())
  })

  for (const [index, info] of ruleInfo.entries()) {
    const rule = (rules[index] as [Plugin, unknown])[0]
    const id = info.ruleId

    for (const severity of ['warn', 'error'] as const) {
      it(`stop \`${id}\` with one sentence (${severity})`, async () => {
        const wrong = wrongOption[id]!
        expectOneSentence(await reasons([rule, [severity, wrong.options]]), wrong.reason)

        for (const options of ['nonsense', 42, [1, 2]]) {
          expectOneSentence(
            await reasons([rule, [severity, options]]),
            `Unexpected value \`${JSON.stringify(options)}\` for option \`options\` of \`${id}\`, expected an object`
          )
        }

        // `[rule, "warn"]`: unified-lint-rule reads a severity only as the first item of a list.
        for (const word of ['warn', 'off', 2]) {
          const list = JSON.stringify([word])
          expectOneSentence(
            await reasons([rule, word]),
            `Unexpected value \`${JSON.stringify(word)}\` for option \`options\` of \`${id}\`, expected an object; to set the rule's severity, write \`${list}\`, as in \`["remark-lint-${id}", ${list}]\` (with options: \`[${JSON.stringify(word)}, {…}]\`)`
          )
        }

        expectOneSentence(
          await reasons([rule, [severity, {bogus: true}]]),
          new RegExp(`^Unexpected option \`bogus\` for \`${id}\`, expected (?:no options|one of \`)`)
        )
      })
    }

    it(`accept no options for \`${id}\`: null, undefined and {} mean the defaults`, async () => {
      for (const options of [null, undefined, {}]) {
        expect(await reasons([rule, ['error', options]])).toEqual([])
      }
    })
  }
})

describe('invalid template setting', () => {
  const cases: Array<[unknown, string | RegExp]> = [
    [{template: 5}, /^Unexpected runbook template setting `5`, expected `auto`, `default`, `full`, `alert`, a path to a Markdown template, or an object$/],
    [{template: {bogus: true}}, /^Unexpected key `bogus` of the runbook template setting, expected one of `/],
    [{template: {remove: ['No such section']}}, /^Unexpected heading `No such section` in `remove` of the runbook template setting/],
    [{template: './no-such-template.md'}, /^Cannot read runbook template `\.\/no-such-template\.md`: no such file/],
    [{templates: 'full'}, 'Unexpected option `templates` for `runbook-template`, expected one of `template`']
  ]

  for (const [options, reason] of cases) {
    it(`stops with one sentence on ${JSON.stringify(options)}`, async () => {
      expectOneSentence(await reasons([remarkRunbookTemplate, options]), reason)
    })
  }
})
