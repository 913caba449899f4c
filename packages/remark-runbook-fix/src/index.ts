/**
 * Fix a runbook's structure: insert every missing required heading at its
 * place, with a `TODO:` line saying what to write, so that
 * `runbook-required-headings` is satisfied and the placeholder rules point at
 * what is left to fill.
 *
 * ```sh
 * npx remark --use runbook-fix --output docs/runbook.md
 * ```
 *
 * It edits the text, not the tree: everything it does not insert stays byte
 * for byte (no reformatting). It moves nothing and never deletes: a template
 * heading in the wrong place is left where it is and a new one is inserted in
 * its place (move the content across yourself). With `rename: true` it also
 * rewrites near-miss titles (`Trouble shooting`) and aliases (`Service
 * overview`) to the template's title. Running it again changes nothing.
 * The template is the one the `remark-runbook-template` setting names.
 */

import type {Root} from 'mdast'
import {applyFixEdits, checkOptionKeys, failOption, getRunbook, planFixEdits, templateOf} from 'runbook-model'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'

export interface Options {
  /** Also rewrite near-miss and alias titles to the template's (default: `false`). */
  readonly rename?: boolean | null | undefined
}

declare module 'vfile' {
  interface DataMap {
    /** The fixed text of the runbook, when the fix changed anything. */
    runbookFixed: string
  }
}

export default function remarkRunbookFix(this: Processor, options?: Options | null) {
  // Serialise the edited source, not the tree: the rest of the file stays as written.
  this.compiler = (_tree, file) => file.data.runbookFixed ?? String(file.value ?? '')

  return function (tree: Root, file: VFile) {
    const given = checkOptionKeys(file, 'fix', options, ['rename'])
    if (given.rename !== undefined && given.rename !== null && typeof given.rename !== 'boolean') {
      failOption(file, 'fix', 'rename', given.rename, '`true` or `false`')
    }
    const source = String(file.value ?? '')
    const edits = planFixEdits(getRunbook(tree, templateOf(file)), source, given.rename === true)
    if (edits.length === 0) return
    file.data.runbookFixed = applyFixEdits(source, edits)
  }
}

