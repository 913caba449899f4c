/**
 * Records, on each file, the state of every template section: filled,
 * placeholder (only template text), empty, or missing. Reporters (such as the
 * GitHub Actions step summary) show it as a table.
 */

import type {Root} from 'mdast'
import {getContent, runbookOf} from 'runbook-model'
import type {VFile} from 'vfile'

export type SectionState = 'filled' | 'placeholder' | 'empty' | 'missing'

export interface RunbookSummary {
  readonly sections: ReadonlyArray<{readonly title: string; readonly depth: number; readonly state: SectionState}>
}

declare module 'vfile' {
  interface DataMap {
    runbookSummary: RunbookSummary
  }
}

export default function remarkRunbookSummary() {
  return function (tree: Root, file: VFile) {
    const runbook = runbookOf(tree, file)
    const content = getContent(runbook, file)
    file.data.runbookSummary = {
      sections: runbook.template.all.map((entry) => {
        const section = runbook.find(entry)?.section
        let state: SectionState = 'missing'
        if (section) {
          const own = content.of(section)
          if (own.content.length > 0 || section.children.length > 0) state = 'filled'
          else state = own.placeholders.length > 0 ? 'placeholder' : 'empty'
        }
        return {title: entry.title, depth: entry.depth, state}
      })
    }
  }
}
