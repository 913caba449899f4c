/**
 * remark preset to lint operational runbooks.
 *
 * Use it as `remark --use preset-runbook docs/` or in `.remarkrc.js`:
 * `export default {plugins: ['remark-preset-runbook']}`.
 */

import type {RuleInfo} from 'runbook-model'
import type {PluggableList, Preset} from 'unified'
import remarkFrontmatter from 'remark-frontmatter'
import remarkLintRunbookAlertCoverage from 'remark-lint-runbook-alert-coverage'
import remarkLintRunbookAlertPage from 'remark-lint-runbook-alert-page'
import remarkLintRunbookFilledFields from 'remark-lint-runbook-filled-fields'
import remarkLintRunbookNoEmptySections from 'remark-lint-runbook-no-empty-sections'
import remarkLintRunbookNoPlaceholders from 'remark-lint-runbook-no-placeholders'
import remarkLintRunbookNoSecrets from 'remark-lint-runbook-no-secrets'
import remarkLintRunbookPasswordStorage from 'remark-lint-runbook-password-storage'
import remarkLintRunbookReviewDate from 'remark-lint-runbook-review-date'
import remarkLintRunbookOwnerContact from 'remark-lint-runbook-owner-contact'
import remarkLintRunbookRequiredHeadings from 'remark-lint-runbook-required-headings'
import remarkRunbookGuard from './guard.js'
import remarkRunbookLintControl from './lint-control.js'
import remarkRunbookSummary from './summary.js'

/**
 * Every rule of the preset with its default severity. Missing structure is an
 * error (remark exits 1); softer findings are warnings (`--frail` fails on them).
 */
const ruleSettings = [
  [remarkLintRunbookRequiredHeadings, 'error'],
  [remarkLintRunbookNoPlaceholders, 'error'],
  [remarkLintRunbookNoEmptySections, 'warn'],
  [remarkLintRunbookOwnerContact, 'error'],
  [remarkLintRunbookFilledFields, 'warn'],
  [remarkLintRunbookNoSecrets, 'error'],
  [remarkLintRunbookPasswordStorage, 'warn'],
  [remarkLintRunbookReviewDate, 'warn'],
  // Checks nothing until its `alertRules` option names the rule files. Before
  // `runbook-alert-page`, which leaves it the titles of the pages it knows.
  [remarkLintRunbookAlertCoverage, 'error'],
  [remarkLintRunbookAlertPage, 'warn']
] as const

export const rules: PluggableList = ruleSettings.map(([rule, severity]) => [rule, [severity]])

/** Each rule of the preset: id, origin, description, docs URL and default severity. */
export const ruleInfo: ReadonlyArray<RuleInfo & {readonly severity: 'error' | 'warn'}> = ruleSettings.map(
  ([rule, severity]) => ({...rule.info, severity})
)

const remarkPresetRunbook: Preset = {
  plugins: [
    // A binary file or absurdly deep nesting stops with one sentence, before
    // it is parsed.
    remarkRunbookGuard,
    // Front matter is not content: without this, YAML front matter would
    // parse as a thematic break and a setext heading.
    [remarkFrontmatter, ['yaml', 'toml']],
    // No `remark-runbook-template` here: a configuration that sets the
    // template adds it, and adding the preset again (`--use preset-runbook`
    // on top of a `.remarkrc`) then cannot reset it. Without it, each
    // runbook is checked against the built-in layout it follows most closely
    // (`auto`).
    // Message control: `<!-- lint disable runbook-required-headings -->`, as
    // `remark-lint` gives it, at a fraction of its cost (see `lint-control.ts`).
    remarkRunbookLintControl,
    ...rules,
    // `file.data.runbookSummary`: each template section's state, for reporters.
    remarkRunbookSummary
  ]
}

export default remarkPresetRunbook
