/**
 * @DOCS@
 */

import type {VFile} from 'vfile'
import {
  checkOptionKeys,
  failOption,
  getContent,
  purposeOf,
  runbookOf,
  runbookRule
} from 'runbook-model'

export interface Options {
  /** Check every section, not only the template's (default: `false`). */
  readonly all?: boolean | null | undefined
}

const id = 'no-empty-sections'

const remarkLintRunbookNoEmptySections = runbookRule<Options>(
  {id, description: 'Report template sections with nothing in them but template text'},
  (tree, file, options) => {
    const all = settings(file, options)
    const runbook = runbookOf(tree)
    const content = getContent(runbook, file)

    for (const section of runbook.sections) {
      const heading = section.heading!
      if (!all && !runbook.matchOf(section)) continue
      // A parent whose content is its subsections is not empty.
      if (section.children.length > 0) continue

      const body = content.of(section)
      const purpose = purposeOf(runbook, section)

      if (body.content.length === 0) {
        const leftovers = body.placeholders.length > 0 ? ' (only template text)' : ''
        file.message(`Unexpected empty section \`${section.title}\`${leftovers}, expected ${purpose}`, {
          ancestors: [tree, heading],
          place: heading.position
        })
      } else if (body.bare) {
        file.message(
          `Unexpected bare \`${body.bare.value}\` in \`${section.title}\`, expected the reason it does not apply (such as \`N/A: this service stores no data\`) or ${purpose}`,
          {ancestors: [tree, body.bare.node], place: body.bare.node.position}
        )
      }
    }
  }
)

export default remarkLintRunbookNoEmptySections

function settings(file: VFile, options: Options | null | undefined): boolean {
  const given = checkOptionKeys(file, id, options, ['all'])
  if (given.all !== undefined && given.all !== null && typeof given.all !== 'boolean') {
    failOption(file, id, 'all', given.all, '`true` or `false`')
  }
  return given.all === true
}
