/**
 * ## What is this?
 *
 * This rule checks that the template's labelled fields have a value: by
 * default `**Service or system name:**` in `Service or system overview`.
 * The value is what follows the label on the same line (or, when the label
 * ends its line, the next line of the same paragraph), or what follows the
 * colon inside the bold label (`**Service or system name: Billing API**`).
 * An empty value, or one that only stands in for a value (`TBD`, `_`,
 * `<name>`, `(e.g. ...)`), is reported at the label.
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
 * Warn for each labelled field left empty. There are no options.
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
 * @example
 *   {"name":"not-ok-placeholder.md","label":"output"}
 *
 *   3:1-3:18: Unexpected placeholder `TBD` in field `Service name`, expected the name of the service or system
 *   5:1-5:17: Unexpected placeholder `<name of the system>` in field `System name`, expected the name of the service or system
 */

import type {Paragraph, PhrasingContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {
  checkOptionKeys,
  fieldLabel,
  isExampleText,
  runbookOf,
  runbookRule,
  titleKey,
  type TemplateField
} from 'runbook-model'

export type Options = Record<string, never>

const id = 'filled-fields'

// A value that only stands in for one.
const placeholderValue =
  /^(?:_+|-+|\?+|\.{3}|…|(?:TODO|TBD|TBC|FIXME|XXX|TKTK)\b.*|<[^<>]{0,80}>|\[[^[\]]{0,80}\]|n\/?a)$/i

const remarkLintRunbookFilledFields = runbookRule<Options>(
  {id, description: "Check that the template's labelled fields have a value"},
  (tree, file, options) => {
    checkOptionKeys(file, id, options, [])
    const runbook = runbookOf(tree, file)

    for (const entry of runbook.template.all) {
      if (entry.fields.length === 0) continue
      const section = runbook.find(entry)?.section
      if (!section) continue

      for (const node of section.body) {
        if (node.type !== 'paragraph' || !node.position) continue
        const label = fieldLabel(node)
        if (label === undefined) continue
        const field = entry.fields.find((field) => field.keys.has(titleKey(label)))
        if (!field) continue

        const value = valueOf(node)
        if (value === '' || placeholderValue.test(value) || isExampleText(value)) {
          const labelNode = node.children[0]!
          const reason = value === '' ? 'empty field' : `placeholder \`${value}\` in field`
          file.message(`Unexpected ${reason} \`${label}\`, expected ${describe(field)}`, {
            ancestors: [tree, node, labelNode],
            place: labelNode.position
          })
        }
      }
    }
  }
)

export default remarkLintRunbookFilledFields

/**
 * The value of a `**Label:** value` paragraph: after the label on the same
 * line, or inside the bold label after its colon (`**Label: value**`).
 */
function valueOf(paragraph: Paragraph): string {
  const [label, ...rest] = paragraph.children
  const labelText = toString(label)
  const colon = labelText.indexOf(':')
  let value = colon === -1 ? '' : labelText.slice(colon + 1)
  const after = rest.map((child: PhrasingContent) => (child.type === 'break' ? '\n' : toString(child))).join('')
  value += after.replace(/^:/, '')
  // The label's own line, or the next line of the same paragraph when the
  // label ends its line.
  const lines = value.split('\n').map((line) => line.trim())
  return (lines[0] === '' ? lines[1] : lines[0]) ?? ''
}

function describe(field: TemplateField): string {
  return field.purpose
}
