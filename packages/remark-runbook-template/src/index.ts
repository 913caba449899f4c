/**
 * The one setting every runbook rule reads: which template runbooks follow.
 *
 * ```js
 * // .remarkrc.js
 * export default {
 *   plugins: [
 *     'remark-preset-runbook',
 *     ['remark-runbook-template', {template: './docs/runbook-template.md'}]
 *   ]
 * }
 * ```
 *
 * or `remark --use preset-runbook --use runbook-template=template:"full" docs/`.
 * `template` is `default`, `full`, `alert`, a path to a Markdown template (relative
 * to the configuration file, else to the working directory), an object
 * (see `runbook-model/template.schema.json`), or `auto`, which is what no
 * setting means: each runbook is checked against the built-in layout
 * (`default`, `full` or `alert`) it follows most closely.
 */

import type {Root} from 'mdast'
import {applyTemplateSetting, checkOptionKeys, type TemplateSetting} from 'runbook-model'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'

export interface Options {
  /**
   * The template: `default`, `full`, `alert`, a path to a Markdown template, or an
   * object; `auto` (or nothing) checks each runbook against the built-in
   * layout it follows most closely.
   */
  readonly template?: TemplateSetting | null | undefined
}

const origin = 'remark-runbook-template:template'

export default function remarkRunbookTemplate(this: Processor, options?: Options | null) {
  const setting = options?.template
  this.data('runbookTemplate', setting ?? null)

  return function (tree: Root, file: VFile) {
    checkOptionKeys(file, 'template', options, ['template'])
    applyTemplateSetting(file, setting, origin, tree)
  }
}
