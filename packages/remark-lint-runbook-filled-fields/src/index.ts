/**
 * ## What is this?
 *
 * This rule checks that the template's labelled fields have a value: by
 * default `**Service or system name:**` in `Service or system overview`.
 * The value is what follows the label on the same line (or, when the label
 * ends its line, the next line of the same paragraph), or what follows the
 * colon inside the bold label (`**Service or system name: Billing API**`).
 * An empty value, or one that only stands in for a value (`TODO`, `TBD`,
 * `TBA`, `To be confirmed`, `_`, `<name>`, `(e.g. ...)`), is reported at the
 * label, naming the field.
 *
 * This rule alone reports such a field: `runbook-no-placeholders` does not
 * report the `TODO` after the label again, and `runbook-no-empty-sections`
 * does not count a section holding only an unfilled field as empty. A marker
 * after a real value (`**Service name:** Billing API (TODO: rename)`) is
 * a leftover in real content, for `runbook-no-placeholders`.
 *
 * Other labelled values, in any section of any runbook whatever its layout,
 * are checked for a value too, as teams keep house variants of the template
 * as fields under each heading: a bold label with a colon
 * (`**Slack:**`, `- **Pager:**`) with nothing after it, and no block after
 * it to hold its value (a list under `**Steps:**` is its value), and a row of
 * a table of two columns (`| On-call rota | |`) whose second cell is empty,
 * with or without `remark-gfm`. A placeholder in them (`**Slack:** TBD`) is a
 * leftover that `runbook-no-placeholders` reports.
 *
 * Real runbooks vary, and this rule follows their authors:
 *
 * * other labels for the same field count as the field (`**Service name:**`,
 *   `**System name:**`);
 * * a label that is absent is not reported: runbooks often replace the label
 *   with the value itself (`**Billing API:** takes card payments`) or name the
 *   service in the overview's prose, and the section's other text says what
 *   the service is.
 *
 * ## When should I use this?
 *
 * On runbooks copied from the template. It is part of `remark-preset-runbook`,
 * with severity `warn`.
 *
 * ## API
 *
 * ### `unified().use(remarkLintRunbookFilledFields)`
 *
 * Warn for each labelled field or table row left empty. There are no options.
 *
 * ## Recommendation
 *
 * Fill the name in: tools that index runbooks read it.
 *
 * @example
 *   {"name":"ok.md"}
 *
 *   ## Service or system overview
 *
 *   **Service or system name:** Billing API
 *
 * @example
 *   {"name":"ok-inside.md"}
 *
 *   ## Service or system overview
 *
 *   **Service or system name: Billing API**
 *
 *   **Service name:**
 *   Billing API (the same field under another label, value on the next line)
 *
 * @example
 *   {"name":"not-ok.md","label":"input"}
 *
 *   ## Service or system overview
 *
 *   **Service or system name:**
 *
 *   Takes card payments for the web shop.
 *
 * @example
 *   {"name":"not-ok.md","label":"output"}
 *
 *   3:1-3:28: Unexpected empty field `Service or system name`, expected the name of the service or system
 *
 * @example
 *   {"name":"not-ok-placeholder.md","label":"input"}
 *
 *   ## Service or system overview
 *
 *   **Service name:** TBD
 *
 *   **System name:** <name of the system>
 *
 *   **Service or system name:** _To be confirmed_
 *
 * @example
 *   {"name":"not-ok-placeholder.md","label":"output"}
 *
 *   3:1-3:18: Unexpected placeholder `TBD` in field `Service name`, expected the name of the service or system
 *   5:1-5:17: Unexpected placeholder `<name of the system>` in field `System name`, expected the name of the service or system
 *   7:1-7:28: Unexpected placeholder `To be confirmed` in field `Service or system name`, expected the name of the service or system
 *
 * @example
 *   {"name":"not-ok-house-fields.md","label":"input"}
 *
 *   # Billing API
 *
 *   ## Who runs it
 *
 *   | Item         | Detail          |
 *   | ------------ | --------------- |
 *   | Team         | Payments        |
 *   | On-call rota |                 |
 *
 *   **Slack:**
 *   **Escalation:** the duty manager
 *
 *   **Steps to page:**
 *
 *   1. Open the rota.
 *   2. Call the first name.
 *
 * @example
 *   {"name":"not-ok-house-fields.md","label":"output"}
 *
 *   8:3-8:15: Unexpected empty field `On-call rota`, expected a value for `On-call rota`
 *   10:1-10:11: Unexpected empty field `Slack`, expected a value for `Slack`
 */

import {checkOptionKeys, getContent, runbookOf, runbookRule} from 'runbook-model'

export type Options = Record<string, never>

const id = 'filled-fields'

const remarkLintRunbookFilledFields = runbookRule<Options>(
  {id, description: "Check that the template's labelled fields, and other labelled values, have a value"},
  (tree, file, options) => {
    checkOptionKeys(file, id, options, [])
    const runbook = runbookOf(tree, file)
    const content = getContent(runbook, file)

    for (const section of [runbook.root, ...runbook.sections]) {
      for (const {field, label, node, place, value, state} of content.of(section).fields) {
        if (state === 'filled') continue
        const reason = state === 'empty' ? 'empty field' : `placeholder \`${value}\` in field`
        file.message(`Unexpected ${reason} \`${label}\`, expected ${field.purpose}`, {ancestors: [tree, node], place})
      }
    }
  }
)

export default remarkLintRunbookFilledFields
