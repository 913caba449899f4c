/**
 * Compute fingerprints of the runbook template's own sentences (prompts,
 * examples, guidance, boilerplate, the owner example's values) so the rules
 * can recognise them without the project holding their text: the template is
 * licensed CC BY-SA 4.0 and its sentences are not copied here, only hashes.
 *
 * Usage (from the repository root, after `npm run build`):
 *
 *   node scripts/fingerprint-templates.js ../shared/seed/runbook-template.md \
 *     ../shared/corpus/SkeltonThatcher__run-book-template__run-book-template.md ...
 *
 * Writes `packages/runbook-model/src/fingerprints.ts`; `--check` only
 * compares. The inputs are a developer's copy of the template: they are not
 * needed to build or test the project.
 */

import fs from 'node:fs'
import path from 'node:path'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {fingerprintTemplate} from 'runbook-model'
import {writeFingerprints} from './fingerprints-file.js'

const target = path.resolve(import.meta.dirname, '../packages/runbook-model/src/fingerprints.ts')
const check = process.argv.includes('--check')
const inputs = process.argv.slice(2).filter((argument) => !argument.startsWith('--'))
if (inputs.length === 0) {
  console.error('Give the template files to fingerprint, e.g. ../shared/seed/runbook-template.md')
  process.exit(2)
}

/** @type {Map<string, import('runbook-model').FingerprintKind>} hash -> kind */
const entries = new Map()
for (const input of inputs) fingerprintTemplate(fromMarkdown(fs.readFileSync(input, 'utf8')), entries)

writeFingerprints({
  target,
  script: 'fingerprint-templates.js',
  comment: 'Fingerprints (see `fingerprint` in text.ts) of the template sentences that\nrunbooks leave in place; the sentences themselves are not stored.',
  exportName: 'templateFingerprints',
  entries,
  check
})
