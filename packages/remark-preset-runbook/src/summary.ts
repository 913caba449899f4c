/**
 * Records, on each file, the state of every template section: filled (text
 * of the team's own, in it or in a subsection), placeholder (only template
 * text or markers such as `TODO`, subsections included), empty (a section of
 * empty headings too), or missing; and whether a section present is out of place, or why a
 * missing one is not required here (the layout only recommends it, it is
 * answered in its parent's text, its topic does not apply). The model says
 * all of it, so the summary agrees with the rules. Reporters (the GitHub
 * Actions step summary, the HTML health report) show it.
 */

import type {Root} from 'mdast'
import {getContent, isRunbookFile, runbookOf, toldMisplaced, type Absence, type TemplateSection} from 'runbook-model'
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
  /**
   * Only on a missing section the runbook need not have: why (see
   * `Absence` in runbook-model): `recommended` by the layout, `optional` by
   * the configuration, `not-applicable` (a section of its topic says so),
   * `answered` in its parent's own text, or `chapter` (another file of a
   * runbook split into chapters holds it).
   */
  readonly absence?: Absence
  /** Only on the template's owner section. */
  readonly owner?: true
  /** Only on the owner section when it holds no more than markers such as `TODO` (no template text): no owner at all, rather than the template's example. */
  readonly markers?: true
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
// A missing section the runbook need not have, by the reason: one letter.
const absences: ReadonlyArray<[string, Absence]> = [
  ['r', 'recommended'],
  ['o', 'optional'],
  ['n', 'not-applicable'],
  ['a', 'answered'],
  ['c', 'chapter'],
  ['h', 'house']
]

/** Placeholders of the writer's own (`TODO`, a lone `_`, a field left without a value), not the template's text. */
const markerKinds: ReadonlySet<string> = new Set(['marker', 'stub', 'field'])

/**
 * A file's summary as one string of state codes beside the template's own
 * entries; the list of sections is made when a reporter reads it. It lives
 * as long as the file (unified-engine keeps every file until the last is
 * done): one object and one string, not an object per template section.
 * A code is the state's index, plus 4 for a section out of place; a missing
 * section the runbook need not have is a letter saying why.
 */
class Summary implements RunbookSummary {
  readonly #entries: ReadonlyArray<TemplateSection>
  readonly #codes: string
  readonly #ownerMarkers: boolean

  constructor(entries: ReadonlyArray<TemplateSection>, codes: string, ownerMarkers: boolean) {
    this.#entries = entries
    this.#codes = codes
    this.#ownerMarkers = ownerMarkers
  }

  get sections(): RunbookSummary['sections'] {
    return this.#entries.map((entry, index) => {
      const character = this.#codes.charAt(index)
      const absence = absences.find(([letter]) => letter === character)?.[1]
      const owner = entry.owner ? {owner: true as const} : {}
      if (absence) return {title: entry.title, depth: entry.depth, state: 'missing', ...owner, required: false, absence}
      const code = Number(character)
      const state = states[code % 4]!
      const markers = entry.owner && this.#ownerMarkers && state === 'placeholder' ? {markers: true as const} : {}
      const section: SectionSummary = {title: entry.title, depth: entry.depth, state, ...owner, ...markers}
      return code < 4 ? section : {...section, placed: false}
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
    let ownerMarkers = false
    for (const entry of runbook.template.all) {
      const match = runbook.find(entry)
      const section = match?.section
      let state: SectionState = 'missing'
      if (section) {
        const own = content.of(section)
        // A group is filled by what its subsections say, not by having them:
        // subsections that hold only template text or `TODO`s leave it unfilled
        // (the model's `unwritten`, as the rules read it).
        if (!content.unwritten(section)) state = 'filled'
        else state = content.hollow(section) ? 'empty' : 'placeholder'
        if (entry.owner && state === 'placeholder') ownerMarkers = own.placeholders.every((placeholder) => markerKinds.has(placeholder.kind))
      }
      const absence = match ? undefined : runbook.absence(entry)
      if (absence) codes += absences.find(([, each]) => each === absence)![0]
      else codes += states.indexOf(state) + (match && toldMisplaced(runbook, content, match) ? 4 : 0)
    }
    file.data.runbookSummary = new Summary(runbook.template.all, codes, ownerMarkers)
  }
}
