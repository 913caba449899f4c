/**
 * vfile reporter that writes a runbook health report: one self-contained
 * HTML page for a whole folder of runbooks. `remark-runbook --report html`
 * prints it; `--report 'html=output:"runbooks.html"'` writes it to a file,
 * for a CI artifact or to open from disk.
 */

import fs from 'node:fs'
import path from 'node:path'
import {sanitizeFiles} from 'remark-lint-runbook-no-secrets/mask'
import {writeFileAtomic} from 'runbook-model'
import type {VFile} from 'vfile'
import {coverageSection} from './coverage.js'
import {factsOf} from './facts.js'
import {detailHash, pageData, renderPage} from './page.js'

export {factsOf, kindOf, relativePath, secretsRule} from './facts.js'
export type {ContactState, Finding, Kind, OwnerState, ReviewState, RunbookFacts, SectionState, SectionSummary} from './facts.js'
export {columns, detailHash, labels, misplacedCount, pageData, problems, problemsOf, renderPage} from './page.js'
export type {Labels, PageData, PageOptions, RunbookData} from './page.js'

export interface Options {
  /** File to write the page to (relative to the current folder); without it the page is the report `remark` prints on standard error. */
  readonly output?: string | undefined
  /** Paths are shown relative to this folder; default `$GITHUB_WORKSPACE`, else the current folder. */
  readonly workspace?: string | undefined
  /** The page's heading; default `Runbook health`. */
  readonly title?: string | undefined
  /** Only report fatal messages (`remark --silent`). */
  readonly silent?: boolean | undefined
  // remark-cli also passes `color`, `quiet` and `verbose`: every runbook is
  // on the page, with findings or not, and the page has no terminal colours.
  readonly [key: string]: unknown
}

const version = (
  JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}
).version

/**
 * The reporter: writes the page to `output` and returns nothing, or returns
 * the page, which `remark` prints on standard error as it prints every
 * report (SARIF, JSON, the terminal's), so that standard output stays the
 * document's.
 */
export default function reporterRunbookHtml(files: ReadonlyArray<VFile>, options: Options = {}): string {
  const html = toHtml(files, options)
  if (typeof options.output !== 'string' || options.output === '') return html
  // Through a temporary file: a full disk leaves the last report whole.
  writeFileAtomic(path.resolve(options.output), html)
  return ''
}

/** The page, as a string: one row per file, in path order. */
export function toHtml(files: ReadonlyArray<VFile>, options: Options = {}): string {
  // No secret and no control character in any text or path.
  sanitizeFiles(files)
  const workspace = path.resolve(options.workspace || process.env['GITHUB_WORKSPACE'] || process.cwd())
  // The alerting rule files of `runbook-alert-coverage` are no runbooks: the
  // section on alerts lists their findings.
  const coverage = coverageSection(files, workspace, detailHash)
  const facts = files
    .filter((file) => !coverage.ruleFiles.has(file))
    .map((file) => factsOf(file, workspace, {silent: options.silent === true}))
  // The order the page's script sorts paths in.
  const collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'})
  facts.sort((left, right) => collator.compare(left.file, right.file))
  return renderPage(pageData(facts), {
    title: typeof options.title === 'string' && options.title !== '' ? options.title : 'Runbook health',
    version,
    generated: new Date(),
    coverage: coverage.html
  })
}
