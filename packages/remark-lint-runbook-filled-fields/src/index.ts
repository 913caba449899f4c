/**
 * @DOCS@
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
    const runbook = runbookOf(tree)

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
