/**
 * Records, on each file, the state of every template section: filled,
 * placeholder (only template text), empty, or missing; and whether a section
 * present is out of place, or a missing one is not required here. Reporters
 * (the GitHub Actions step summary, the HTML health report) show it.
 */

import type {Root} from 'mdast'
import {getContent, isRunbookFile, runbookOf, type TemplateSection} from 'runbook-model'
import type {VFile} from 'vfile'

export type SectionState = 'filled' | 'placeholder' | 'empty' | 'missing'

export interface SectionSummary {
  readonly title: string
  readonly depth: number
  readonly state: SectionState
  /** Only on a section present at another depth or under another parent than the template's. */
  readonly placed?: false
  /** Only on a missing section the runbook need not have (optional, or a section above says it does not apply). */
  readonly required?: false
  /** Only on the template's owner section. */
  readonly owner?: true
}

export interface RunbookSummary {
  readonly sections: ReadonlyArray<SectionSummary>
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
 * A code is the state's index, plus 4 for a section out of place (present)
 * or not required (missing).
 */
class Summary implements RunbookSummary {
  readonly #entries: ReadonlyArray<TemplateSection>
  readonly #codes: string

  constructor(entries: ReadonlyArray<TemplateSection>, codes: string) {
    this.#entries = entries
    this.#codes = codes
  }

  get sections(): RunbookSummary['sections'] {
    return this.#entries.map((entry, index) => {
      const code = Number(this.#codes.charAt(index))
      const state = states[code % 4]!
      const section: SectionSummary = {title: entry.title, depth: entry.depth, state, ...(entry.owner ? {owner: true} : {})}
      if (code < 4) return section
      return state === 'missing' ? {...section, required: false} : {...section, placed: false}
    })
  }

  toJSON(): RunbookSummary {
    return {sections: this.sections}
  }
}

export default function remarkRunbookSummary() {
  return function (tree: Root, file: VFile) {
    if (!isRunbookFile(file)) return
    const runbook = runbookOf(tree, file)
    const content = getContent(runbook, file)
    let codes = ''
    for (const entry of runbook.template.all) {
      const match = runbook.find(entry)
      const section = match?.section
      let state: SectionState = 'missing'
      if (section) {
        const own = content.of(section)
        if (own.content.length > 0 || section.children.length > 0) state = 'filled'
        else state = own.placeholders.length > 0 ? 'placeholder' : 'empty'
      }
      const flagged = match ? !match.placed : !runbook.required(entry)
      codes += states.indexOf(state) + (flagged ? 4 : 0)
    }
    file.data.runbookSummary = new Summary(runbook.template.all, codes)
  }
}
