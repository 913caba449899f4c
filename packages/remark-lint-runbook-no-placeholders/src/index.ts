/**
 * ## What is this?
 *
 * This rule reports template text left in a runbook, at the exact node and
 * range:
 *
 * * the template's prompts: a blockquote of questions directly under a
 *   template heading (`> Who owns this service?`), or any blockquote whose
 *   text is one of the template's own prompts (recognised by fingerprint,
 *   whatever the line wrapping, spacing or case), also when the following
 *   example was pulled into the blockquote by lazy continuation;
 * * examples: paragraphs that open with `(e.g.`, with or without emphasis,
 *   even when rewritten with your own names;
 * * the template's own example and guidance sentences copied without their
 *   wrapper (by fingerprint, tolerant of whitespace and markup);
 * * lines made of a lone `_`;
 * * generic markers in prose: `TODO`, `TBD`, `TBC`, `FIXME`, `XXX`, `TKTK`,
 *   `lorem ipsum`, and bracketed instructions such as `<insert team name>`,
 *   `<your team>`, `[placeholder]` or `[fill in]`.
 *
 * Never reported: code blocks and inline code (`<user_name>` in a command is
 * real), URLs and link destinations, an ordinary “e.g.” inside a sentence,
 * real content written in italics, blockquotes with real content (a warning,
 * a command), and HTML comments.
 *
 * The template's prompt and example sentences are not stored in this project:
 * they are recognised by normalised fingerprints (hashes) computed from the
 * template, and by the patterns above.
 *
 * Each message says what was left and what to write instead, from the
 * section's purpose in the template.
 *
 * ## When should I use this?
 *
 * On every runbook copied from the template. It is part of
 * `remark-preset-runbook`, with severity `error`.
 *
 * ## API
 *
 * ### `unified().use(remarkLintRunbookNoPlaceholders[, options])`
 *
 * Warn for each piece of template text left in place.
 *
 * ###### Parameters
 *
 * * `options` (`Options`, optional): configuration
 *
 * ### `Options`
 *
 * Configuration (TypeScript type). `null`, `undefined` and `{}` mean the
 * defaults.
 *
 * ###### Fields
 *
 * * `markers` (`Array<string>`, optional): more words that mark unfinished
 *   text, matched as whole words, case-insensitive, for example `["WIP"]`
 * * `ignore` (`Array<string>`, optional): regular expressions (as strings);
 *   a leftover whose text matches one is not reported
 *
 * ## Recommendation
 *
 * Replace each prompt and example with your own text; keep a note for a
 * section that does not apply (`N/A: this service stores no data`) rather than
 * the template's example.
 *
 * @example
 *   {"name":"ok.md"}
 *
 *   ## Service or system overview
 *
 *   ### Service owner
 *
 *   The *Payments* team runs this service, e.g. deploys and pages: payments@acme.io.
 *
 *   > **Warning**: never restart both replicas at once.
 *
 *   > `kubectl rollout restart deploy/billing`
 *
 *   Log in with `ssh <user_name>@bastion`, then see the
 *   [guide](https://wiki.acme.io/Debugging-(e.g.-Crash-Loops)).
 *
 *   <!-- TODO: add the escalation policy -->
 *
 * @example
 *   {"name":"not-ok.md","label":"input"}
 *
 *   ## Service or system overview
 *
 *   ### Service owner
 *
 *   > Who owns this service? How do people reach them?
 *
 *   _(e.g. The Payments team, payments@acme.io)_
 *
 *   ### Technical overview
 *
 *   > What is it built with?
 *   _(e.g. Node.js on Kubernetes)_
 *
 *   _
 *
 *   TODO: describe the queue. The worker is <insert worker name>, see [fill in].
 *
 *   Lorem ipsum dolor sit amet.
 *
 * @example
 *   {"name":"not-ok.md","label":"output"}
 *
 *   5:1-5:51: Unexpected template prompt in `Service owner`, expected the team that owns this service and how to reach it
 *   7:1-7:45: Unexpected template example in `Service owner`, expected the team that owns this service and how to reach it
 *   11:1-11:25: Unexpected template prompt in `Technical overview`, expected what kind of system this is and what it is built with
 *   12:1-12:31: Unexpected template example in `Technical overview`, expected what kind of system this is and what it is built with
 *   14:1-14:2: Unexpected placeholder `_` in `Technical overview`, expected what kind of system this is and what it is built with
 *   16:1-16:5: Unexpected placeholder `TODO` in `Technical overview`, expected what kind of system this is and what it is built with
 *   16:41-16:61: Unexpected placeholder `<insert worker name>` in `Technical overview`, expected what kind of system this is and what it is built with
 *   16:67-16:76: Unexpected placeholder `[fill in]` in `Technical overview`, expected what kind of system this is and what it is built with
 *   18:1-18:12: Unexpected placeholder `Lorem ipsum` in `Technical overview`, expected what kind of system this is and what it is built with
 *
 * @example
 *   {"name":"not-ok-markers.md","config":{"markers":["WIP"],"ignore":["^TBD"]},"label":"input"}
 *
 *   ## Monitoring and alerting
 *
 *   ### Metrics
 *
 *   WIP: dashboards are being moved.
 *
 *   TBD after the migration.
 *
 * @example
 *   {"name":"not-ok-markers.md","label":"output"}
 *
 *   5:1-5:4: Unexpected placeholder `WIP` in `Metrics`, expected the metrics the service emits and where to see them
 *
 * @example
 *   {"name":"not-ok-options.md","config":{"ignore":["(unclosed"]},"label":"input"}
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-options.md","label":"output"}
 *
 *   1:1: Unexpected value `"(unclosed"` for option `ignore` of `runbook-no-placeholders`, expected a valid regular expression
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
    const runbook = runbookOf(tree, file)
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

interface Settings {
  readonly markers: RegExp | undefined
  readonly ignore: RegExp[]
}

// The same options object comes with every file: build its patterns once.
const settingsCache = new WeakMap<object, Settings>()

function settings(file: VFile, options: Options | null | undefined): Settings {
  const cached = options ? settingsCache.get(options) : undefined
  if (cached) return cached
  const result = buildSettings(file, options)
  if (options) settingsCache.set(options, result)
  return result
}

function buildSettings(file: VFile, options: Options | null | undefined): Settings {
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
