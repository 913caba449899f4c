/**
 * @DOCS@
 */

import type {Nodes, Text} from 'mdast'
import type {Position} from 'unist'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {
  checkOptionKeys,
  failOption,
  getContent,
  maskUrls,
  purposeOf,
  runbookOf,
  runbookRule,
  sectionName,
  type Placeholder,
  type PlaceholderKind,
  type Runbook,
  type Section
} from 'runbook-model'

export interface Options {
  /** More words that mark unfinished text (matched as whole words, case-insensitive): `["WIP", "???"]`. */
  readonly markers?: ReadonlyArray<string> | null | undefined
  /** Regular expressions (as strings); a leftover whose text matches one is not reported. */
  readonly ignore?: ReadonlyArray<string> | null | undefined
}

const id = 'no-placeholders'

const names: Record<PlaceholderKind, string> = {
  prompt: 'template prompt',
  example: 'template example',
  'template-text': 'text copied from the template',
  guidance: 'template guidance',
  stub: 'placeholder `_`',
  marker: 'placeholder',
  instruction: 'placeholder'
}

const remarkLintRunbookNoPlaceholders = runbookRule<Options>(
  {id, description: 'Report template prompts, examples and placeholder markers left in a runbook'},
  (tree, file, options) => {
    const {markers, ignore} = settings(file, options)
    const runbook = runbookOf(tree)
    const content = getContent(runbook, file)

    const found = [...content.placeholders]
    if (markers) found.push(...extraMarkers(runbook, file, markers))

    for (const placeholder of found) {
      if (ignore.some((pattern) => pattern.test(placeholder.text || toString(placeholder.node)))) continue
      const what =
        placeholder.kind === 'marker' || placeholder.kind === 'instruction'
          ? `placeholder \`${placeholder.text}\``
          : names[placeholder.kind]
      file.message(
        `Unexpected ${what} in ${sectionName(placeholder.section)}, expected ${purposeOf(runbook, placeholder.section)}`,
        {ancestors: [tree, placeholder.node], place: placeholder.position}
      )
    }
  }
)

export default remarkLintRunbookNoPlaceholders

/** The user's own markers, in the prose of every section's real content. */
function extraMarkers(runbook: Runbook, file: VFile, pattern: RegExp): Placeholder[] {
  const content = getContent(runbook, file)
  const place = location(file)
  const source = String(file.value ?? '')
  const found: Placeholder[] = []

  for (const section of [runbook.root, ...runbook.sections]) {
    for (const node of content.of(section).content) {
      if (node.type === 'code') continue
      const stack: Nodes[] = [node]
      while (stack.length > 0) {
        const current = stack.pop()!
        if (current.type === 'text') found.push(...inText(current, section))
        else if ('children' in current) stack.push(...(current.children as Nodes[]))
      }
    }
  }
  return found

  function inText(node: Text, section: Section): Placeholder[] {
    const start = node.position?.start.offset
    if (start === undefined) return []
    const exact = source.slice(start, start + node.value.length) === node.value
    return [...maskUrls(node.value).matchAll(pattern)].map((match) => {
      const from = exact ? place.toPoint(start + match.index) : undefined
      const to = exact ? place.toPoint(start + match.index + match[0].length) : undefined
      const position: Position = from && to ? {start: from, end: to} : node.position!
      return {kind: 'marker', section, node, position, text: match[0]}
    })
  }
}

function settings(file: VFile, options: Options | null | undefined): {markers: RegExp | undefined; ignore: RegExp[]} {
  const given = checkOptionKeys(file, id, options, ['markers', 'ignore'])

  let markers: RegExp | undefined
  if (given.markers !== undefined && given.markers !== null) {
    if (!Array.isArray(given.markers) || given.markers.some((word) => typeof word !== 'string' || word.trim() === '')) {
      failOption(file, id, 'markers', given.markers, 'a list of words, such as `["WIP"]`')
    }
    const words = (given.markers as string[]).map((word) => word.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    // Whole words, where the marker starts or ends with a word character.
    markers = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${words.join('|')})(?![\\p{L}\\p{N}_])`, 'giu')
  }

  const ignore: RegExp[] = []
  if (given.ignore !== undefined && given.ignore !== null) {
    if (!Array.isArray(given.ignore) || given.ignore.some((pattern) => typeof pattern !== 'string')) {
      failOption(file, id, 'ignore', given.ignore, 'a list of regular expressions, as strings')
    }
    for (const pattern of given.ignore as string[]) {
      try {
        ignore.push(new RegExp(pattern, 'u'))
      } catch {
        failOption(file, id, 'ignore', pattern, 'a valid regular expression')
      }
    }
  }

  return {markers, ignore}
}
