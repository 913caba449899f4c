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

const states: ReadonlyArray<SectionState> = ['filled', 'placeholder', 'empty', 'missing']

/**
 * A file's summary as one string of state codes beside the template's own
 * entries; the list of sections is made when a reporter reads it. It lives
 * as long as the file (unified-engine keeps every file until the last is
 * done): one object and one string, not an object per template section.
 */
class Summary implements RunbookSummary {
  readonly #entries: ReadonlyArray<{readonly title: string; readonly depth: number}>
  readonly #codes: string

  constructor(entries: ReadonlyArray<{readonly title: string; readonly depth: number}>, codes: string) {
    this.#entries = entries
    this.#codes = codes
  }

  get sections(): RunbookSummary['sections'] {
    return this.#entries.map((entry, index) => ({
      title: entry.title,
      depth: entry.depth,
      state: states[Number(this.#codes.charAt(index))]!
    }))
  }

  toJSON(): RunbookSummary {
    return {sections: this.sections}
  }
}

export default function remarkRunbookSummary() {
  return function (tree: Root, file: VFile) {
    const runbook = runbookOf(tree, file)
    const content = getContent(runbook, file)
    let codes = ''
    for (const entry of runbook.template.all) {
      const section = runbook.find(entry)?.section
      let state: SectionState = 'missing'
      if (section) {
        const own = content.of(section)
        if (own.content.length > 0 || section.children.length > 0) state = 'filled'
        else state = own.placeholders.length > 0 ? 'placeholder' : 'empty'
      }
      codes += states.indexOf(state)
    }
    file.data.runbookSummary = new Summary(runbook.template.all, codes)
  }
}
