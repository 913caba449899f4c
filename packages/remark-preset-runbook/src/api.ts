/**
 * A small programmatic API for tools and bots that embed the linter.
 *
 * ```js
 * import {lintRunbook, reportRunbook} from 'remark-preset-runbook/api'
 * const file = await lintRunbook('# Run book\n', {path: 'runbook.md'})
 * console.error(reportRunbook(file))
 * ```
 */

import type {PluggableList} from 'unified'
import remarkParse from 'remark-parse'
import {sanitizeFile, sanitizeFiles} from 'remark-lint-runbook-no-secrets/mask'
import remarkRunbookTemplate from 'remark-runbook-template'
import type {TemplateSetting} from 'runbook-model'
import {unified} from 'unified'
import {VFile, type Compatible} from 'vfile'
import {reporter} from 'vfile-reporter'
// By name, not `./index.js`: the bundles of both entry points then share
// the one preset module.
import remarkPresetRunbook from 'remark-preset-runbook'

export interface LintRunbookOptions {
  /** File path, used in messages and reports. */
  readonly path?: string | undefined
  /** Extra plugins to run after the preset (for example `remark-gfm`, or a rule with options). */
  readonly plugins?: PluggableList | undefined
  /** The template: `default`, `full`, `alert`, a path to a Markdown template, or an object (see `remark-runbook-template`). */
  readonly template?: TemplateSetting | undefined
}

/**
 * Lint one runbook. Takes Markdown text, a buffer or a `VFile`; resolves to
 * the `VFile` with its `messages`. A rule that stops the file (invalid
 * options) shows as a fatal message instead of a rejection.
 */
export async function lintRunbook(input: Compatible, options: LintRunbookOptions = {}): Promise<VFile> {
  const file = input instanceof VFile ? input : new VFile(isText(input) ? {value: input} : input)
  if (options.path !== undefined) file.path = options.path

  const processor = unified()
    .use(remarkParse)
    .use(remarkPresetRunbook)
    .use(options.template === undefined ? [] : [[remarkRunbookTemplate, {template: options.template}]])
    .use(options.plugins ?? [])

  try {
    await processor.run(processor.parse(file), file)
  } catch (error) {
    if (!file.messages.some((message) => message.fatal)) {
      const message = file.message(String(error instanceof Error ? error.message : error))
      message.fatal = true
    }
  }

  // Whatever stopped the run, no message carries a secret or a control character.
  sanitizeFile(file)
  return file
}

/** A printable report of linted runbooks, as `remark` prints it. */
export function reportRunbook(files: VFile | ReadonlyArray<VFile>): string {
  sanitizeFiles(files)
  return reporter(Array.isArray(files) ? [...files] : [files as VFile])
}

function isText(input: Compatible): input is string | Uint8Array {
  return typeof input === 'string' || input instanceof Uint8Array
}
