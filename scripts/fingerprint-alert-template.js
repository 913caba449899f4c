/**
 * Compute fingerprints of the alert runbook template's own sentences (see
 * `fingerprint-templates.js`): the prompt to fill (`<Insert site specific
 * measures, …>`) and the guidance inside its `<details>` block. Its example
 * text is an alert's real runbook (the template is a copy of one page), so
 * it is not fingerprinted: that page would be taken for a copy of itself.
 *
 * Usage (from the repository root, after `npm run build`), with a copy of
 * the template: prometheus-operator/runbooks' `content/docs/add-runbook.md`
 * (the template is its first code block) or openshift/runbooks'
 * `example.md`, both Apache-2.0:
 *
 *   node scripts/fingerprint-alert-template.js add-runbook.md example.md
 *
 * Writes `packages/runbook-model/src/alert-fingerprints.ts`; `--check` only
 * compares. Only hashes are written, never the sentences.
 */

import fs from 'node:fs'
import path from 'node:path'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {toString} from 'mdast-util-to-string'
import {fingerprint} from 'runbook-model'
import {writeFingerprints} from './fingerprints-file.js'

const target = path.resolve(import.meta.dirname, '../packages/runbook-model/src/alert-fingerprints.ts')
const check = process.argv.includes('--check')
const inputs = process.argv.slice(2).filter((argument) => !argument.startsWith('--'))
if (inputs.length === 0) {
  console.error('Give the alert template files to fingerprint, e.g. add-runbook.md example.md')
  process.exit(2)
}

/** @type {Map<string, import('runbook-model').FingerprintKind>} */
const entries = new Map()
for (const input of inputs) {
  let tree = fromMarkdown(fs.readFileSync(input, 'utf8'))
  // A page that shows the template in a code block: the template is the block.
  const block = tree.children.find((node) => node.type === 'code' && /^# /m.test(node.value))
  if (block && block.type === 'code') tree = fromMarkdown(block.value)
  let details = false
  for (const node of tree.children) {
    if (node.type === 'html') {
      if (/<details\b/i.test(node.value)) details = true
      if (/<\/details>/i.test(node.value)) details = false
      continue
    }
    if (node.type !== 'paragraph' && node.type !== 'blockquote') continue
    const text = toString(node).trim()
    const kind = details ? 'guidance' : /^<[^<>]+>$/.test(text) ? 'prompt' : undefined
    const hash = kind && fingerprint(text)
    if (hash && !entries.has(hash)) entries.set(hash, kind)
  }
}

writeFingerprints({
  target,
  script: 'fingerprint-alert-template.js',
  comment: "Fingerprints (see `fingerprint` in text.ts) of the alert template's prompt\nand guidance; the sentences themselves are not stored.",
  exportName: 'alertFingerprints',
  entries,
  check
})
