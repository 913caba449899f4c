/**
 * ## What is this?
 *
 * This rule reports template text left in a runbook, at the exact node and
 * range:
 *
 * * the template's prompts: a blockquote of questions directly under a
 *   template heading (`> Who owns this service?`), or any blockquote whose
 *   text is one of the template's own prompts (recognised by fingerprint,
 *   whatever the line wrapping, spacing or case), also when the next line
 *   continues the blockquote without a blank line: with the example (both
 *   are reported), or with your own text (only the prompt's lines are);
 * * examples: paragraphs that open with `(e.g.`, with or without emphasis,
 *   even when rewritten with your own names;
 * * the template's own example and guidance sentences copied without their
 *   wrapper (by fingerprint, tolerant of whitespace and markup);
 * * prompts in any template's own words: a paragraph, an italic line or a
 *   blockquote of questions only (`Which dashboards show its health?`) or
 *   asking the writer to describe, list, explain, provide or include
 *   something (`List the alarms that page.`, `This section should list
 *   ...`), with an example line below it (`For example: ...`). Known by
 *   their wording alone, they are reported in a section that holds nothing
 *   else: beside the team's text they may be its own questions (an FAQ) or
 *   instructions, and a command in them (`List the pods with \`kubectl get
 *   pods\``) makes them the operator's; a short blockquote directly under
 *   a heading, in any words, is a prompt too when an example or a lone `_`
 *   is all that follows it, or when it stands alone in a file where other
 *   sections hold only prompts (a quoted note, warning, link or command is
 *   the team's own);
 * * lines made of a lone `_`;
 * * generic markers in prose: `TODO`, `TBD`, `TBC`, `TBA`, `FIXME`, `XXX`,
 *   `TKTK`, `lorem ipsum`, a paragraph that opens with a promise such as
 *   `To be completed once ...` or `To be confirmed`, and bracketed
 *   instructions such as `<insert team name>`, `<your team>`,
 *   `[placeholder]`, `[fill in]`, `[Team name]`, `[#channel]`, `[links]` or
 *   `[brief]`, and stand-ins such as `[...]`, `[..]` or `[YYYY-MM-DD]`
 *   (on a review date's line they are left to `runbook-review-date`);
 * * names in angle brackets that are no HTML element (`<System>`,
 *   `<service-name>`, `<Insert site specific measures>`): a renderer drops
 *   an unknown tag, so the placeholder does not even show; and question
 *   marks standing for a name or a value (`Owner: ???`);
 * * stand-ins of other shapes: a number written with X for its digits, one
 *   finding whatever its groups (`+1-XXX-XXX-XXXX`, `555-XXXX`,
 *   `10.0.XXX.XXX`); template variables (`${service_name}`, `{{ team_name
 *   }}`); choice lists (`[critical | warning | info]`); decisions left open
 *   (`[DECISION REQUIRED: …]`); a bracketed name (`[AlertName]`,
 *   `[ALERT_NAME]`); a date's format as a label's value (`Created:
 *   YYYY-MM-DD`); and links and addresses on the domains reserved for
 *   examples (`https://grafana.example.com/d/api`, `oncall@example.org`,
 *   RFC 2606) or on a host named "your app" in a few languages
 *   (`https://your-app.herokuapp.com`, `votre-app.fr`, `seu-dominio.com.br`,
 *   `tu-empresa.com`, `ihre-firma.de`; not `tu-berlin.de`): a runbook's own
 *   links lead somewhere real (an email address in the owner section is
 *   left to `runbook-owner-contact`, which says what it should be); and a
 *   link with no target (`[Dashboard](#)`, `[Logs]()`) beside an HTML
 *   comment that asks for it (`<!-- TODO: add link -->`, in its line or
 *   just before or after its block), at the link;
 * * the same in headings (`## <System> overview`, `# ${service_name}`).
 *
 * Never reported: code blocks and inline code (`<user_name>` in a command is
 * real; but a bracketed stand-in in inline code as the whole value of a bold
 * label, `` **Owner:** `<team-name>` ``, is one, unless the label names a
 * format, a syntax or an example), HTML elements (`<br>`, `<details>`) and tags closed elsewhere in the
 * file (`<Tabs>` … `</Tabs>`), autolinks (`<https://…>`, `<ops@acme.io>`),
 * URLs and link destinations (but for the hosts above), an
 * address on them given as an example (`e.g. ops@example.com`), a docs
 * site's mark after a link (`[Grafana](…) [external link]`, `[↗]`), a
 * template variable that is real syntax (in a path or on a command line, in
 * quoted alert text, an expression such as `{{ $labels.instance }}`, `{{
 * .Values.image }}`, `{{ site.data.team.channel }}` or `{{ value | quote
 * }}`, every `{{ … }}` on a page a site generator renders (one with Liquid or
 * Jinja tags such as `{% capture %}`), a sentence about the variable), a date's format explained (`in the format YYYY-MM-DD`), an
 * ordinary “e.g.” inside a sentence, a
 * question that ends in `???`, real content written in italics, blockquotes
 * with real content (a warning, a command), HTML comments, and an
 * instruction to the on-call engineer for after the incident worded as a
 * request (`Document the actions taken in the incident ticket.`, or beside
 * `Prioritise the fixes.`, `File a ticket.`). A name in
 * angle or square brackets is a parameter, not a placeholder, where it is part of a
 * path, an address or an assignment (`/var/log/ceph/<cluster-id>`,
 * `<user>@<host>:<port>`, `OSD_ID=<osd-id>`), inside a quoted sample (`"OSD
 * down on <host-name>"`, in single quotes, wrapped over lines, after
 * `Message:` or `the page says:`, a block quote), in a format explained
 * (`entries have the form <timestamp>: <message>`, a tag `written as
 * <a name="">`) or on a command line written in
 * prose (`restart --force <pod>`); a request to fill in (`<insert team>`)
 * is reported wherever it is, and so is a stand-in in a block quote that is
 * the team's to fill: a bold field's value (`> **Owner:** [Team name]`) or
 * the runbook's lead above its first section (`> Scope: [..]`), unless it
 * quotes the alert as it pages (it names the page's alert, says `[FIRING]`
 * or `alertname=`, or follows `The page looks like this:`). A link's text in brackets whose reference is
 * not defined (`[here]`, `[the guide][guide]`) is a broken link, not a
 * placeholder.
 *
 * The template's prompts and examples kept above the team's own answer are
 * guidance the team chose to keep: the section is filled, and they are not
 * reported. The answer is a block of the section's own text with nothing
 * left to fill in it, or subsections that say something; a section with no
 * such answer (its prompt alone, or beside `TODO`, or beside a table of
 * `TBD` values) is reported, its prompt and example with the rest. A
 * group's prompt above subsections is guidance for them: each subsection is
 * reported when it is unfilled, never the group's prompt as well, unless
 * the group's prompt has an example of its own (`_(e.g. 300 readings a
 * minute)_`): it asks for text of the group's own and is reported.
 *
 * One problem, one message:
 *
 * * a section whose own text is leftovers and nothing else (its prompt,
 *   its example, a `TODO` line) gets one message, over all of that text;
 *   when the section has no subsections either, the message ends in
 *   “(only template text)” if all of it is the template's prompts, examples
 *   and guidance, else in “(nothing else in the section)” (a `TODO` or `TBA`
 *   line is the team's note, not the template's text);
 *   `runbook-no-empty-sections` does not report it again;
 * * a leftover in a section that also has real content gets a message of
 *   its own, at its own range;
 * * a template field without a value (`**Service or system name:** TODO`)
 *   is left to `runbook-filled-fields`, whose message names the field.
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
 *   ### Technical overview
 *
 *   > What is it built with? Where does it run?
 *
 *   Go on Kubernetes. Logs are in `/var/log/billing/<pod>` on each node, and
 *   in /var/log/billing/<pod>/app.log too; connect with ssh <user>@<host>:<port>
 *   or set `POD=<pod>`, and <br> see the alert text "Billing down on <host-name>".
 *   Release notes are [here].
 *
 * @example
 *   {"name":"not-ok.md","label":"input"}
 *
 *   ## Service or system overview
 *
 *   **Service or system name:** TODO
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
 *   The API runs on Node.js 20 in the `billing` namespace.
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
 *   7:1-9:45: Unexpected template prompt and example in `Service owner` (only template text), expected the team that owns this service and how to reach it
 *   18:1-18:2: Unexpected placeholder `_` in `Technical overview`, expected what kind of system this is and what it is built with
 *   20:1-20:5: Unexpected placeholder `TODO` in `Technical overview`, expected what kind of system this is and what it is built with
 *   20:41-20:61: Unexpected placeholder `<insert worker name>` in `Technical overview`, expected what kind of system this is and what it is built with
 *   20:67-20:76: Unexpected placeholder `[fill in]` in `Technical overview`, expected what kind of system this is and what it is built with
 *   22:1-22:12: Unexpected placeholder `Lorem ipsum` in `Technical overview`, expected what kind of system this is and what it is built with
 *
 * @example
 *   {"name":"not-ok-nothing-else.md","label":"input"}
 *
 *   ## Monitoring and alerting
 *
 *   ### Metrics
 *
 *   TBA
 *
 *   ### Health checks
 *
 *   _To be completed once the new probes are live._
 *
 *   ## Operational tasks
 *
 *   ### Deployment
 *
 *   > How is it deployed? How is it rolled back?
 *   We deploy with Argo CD from `main` and roll back by reverting the commit.
 *
 *   ### Troubleshooting
 *
 *   TBC, see [fill in].
 *
 * @example
 *   {"name":"not-ok-nothing-else.md","label":"output"}
 *
 *   5:1-5:4: Unexpected placeholder `TBA` in `Metrics` (nothing else in the section), expected the metrics the service emits and where to see them
 *   9:2-9:17: Unexpected placeholder `To be completed` in `Health checks` (nothing else in the section), expected how the health of the service and its dependencies is checked
 *   20:1-20:19: Unexpected placeholders `TBC` and `[fill in]` in `Troubleshooting` (nothing else in the section), expected how to diagnose common problems and which tools to use
 *
 * @example
 *   {"name":"not-ok-house-prompts.md","label":"input"}
 *
 *   ## Monitoring and alerting
 *
 *   > Which signals tell you the service is unwell?
 *
 *   ### Alerts that page
 *
 *   List each alert that pages and what it means.
 *
 *   _(e.g. QueueStuck: nothing consumed for 10 minutes)_
 *
 *   ### Synthetic checks
 *
 *   > Describe the probes that call the service from outside.
 *
 *   ### Dashboards
 *
 *   Which boards show its health?
 *
 *   The Grafana board `orders-health`, linked from the team page.
 *
 * @example
 *   {"name":"not-ok-house-prompts.md","label":"output"}
 *
 *   7:1-9:53: Unexpected template prompt and example in `Alerts that page` (only template text), expected your own text
 *   13:1-13:58: Unexpected template prompt in `Synthetic checks` (only template text), expected how the health of the service and its dependencies is checked
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
 *   {"name":"not-ok-angle-brackets.md","label":"input"}
 *
 *   # <System> runbook
 *
 *   ## Deployment
 *
 *   Deploy with `ship <service-name>`, then check
 *   <Insert site specific measures>.<br>Ask ??? for access. Is it still slow???
 *
 *   Logs: <https://logs.acme.io>, or mail <ops@acme.io>.
 *
 * @example
 *   {"name":"not-ok-angle-brackets.md","label":"output"}
 *
 *   1:3-1:11: Unexpected placeholder `<System>` in the heading `# <System> runbook`, expected your own text
 *   6:1-6:32: Unexpected placeholder `<Insert site specific measures>` in `Deployment`, expected how the software is deployed and rolled back
 *   6:41-6:44: Unexpected placeholder `???` in `Deployment`, expected how the software is deployed and rolled back
 *
 * @example
 *   {"name":"not-ok-stand-ins.md","label":"input"}
 *
 *   # ${service_name} runbook
 *
 *   > Created: YYYY-MM-DD
 *
 *   ## Escalation
 *
 *   Page the lead on +1-XXX-XXX-XXXX, severity [critical | warning], and see
 *   the [board](https://grafana.example.com/d/api) [external link].
 *
 *   Logs are in /var/log/${service}/; the alert reads "{{ $labels.instance }} down".
 *
 * @example
 *   {"name":"not-ok-stand-ins.md","label":"output"}
 *
 *   1:3-1:18: Unexpected placeholder `${service_name}` in the heading `# ${service_name} runbook`, expected your own text
 *   3:12-3:22: Unexpected placeholder `YYYY-MM-DD` in `${service_name} runbook`, expected your own text
 *   7:18-7:33: Unexpected placeholder `+1-XXX-XXX-XXXX` in `Escalation`, expected your own text
 *   7:44-7:64: Unexpected placeholder `[critical | warning]` in `Escalation`, expected your own text
 *   8:13-8:46: Unexpected placeholder `https://grafana.example.com/d/api` in `Escalation`, expected your own text
 *
 * @example
 *   {"name":"not-ok-links.md","label":"input"}
 *
 *   # DiskFull
 *
 *   ## Diagnosis
 *
 *   Open the [disk board](#) <!-- TODO: add link --> and
 *   https://votre-app.fr/admin, then [the panel](#panel) below.
 *
 * @example
 *   {"name":"not-ok-links.md","label":"output"}
 *
 *   5:10-5:25: Unexpected link `[disk board](#)` without a target in `Diagnosis`, expected the address it should lead to
 *   6:1-6:27: Unexpected placeholder `https://votre-app.fr/admin` in `Diagnosis`, expected how to find the cause: the checks, commands, queries and dashboards to look at
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
  unfilledPage,
  maskUrls,
  purposeOf,
  runbookOf,
  runbookRule,
  sectionName,
  type LeftoverReport,
  type Placeholder,
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

const remarkLintRunbookNoPlaceholders = runbookRule<Options>(
  {id, description: 'Report template prompts, examples and placeholder markers left in a runbook'},
  (tree, file, options) => {
    const {markers, ignore} = settings(file, options)
    const runbook = runbookOf(tree, file)
    const content = getContent(runbook, file)
    // A page with nothing written yet is told so once, by runbook-required-headings.
    if (unfilledPage(runbook, content)) return

    const reports = [...content.leftoverReports]
    if (markers) {
      for (const placeholder of extraMarkers(runbook, file, markers)) {
        reports.push({section: placeholder.section, placeholders: [placeholder], only: false, position: placeholder.position})
      }
      reports.sort((a, b) => (a.position.start.offset ?? 0) - (b.position.start.offset ?? 0))
    }

    for (const report of reports) {
      const kept = report.placeholders.filter(
        (placeholder) => !ignore.some((pattern) => pattern.test(placeholder.text || toString(placeholder.node)))
      )
      if (kept.length === 0) continue
      const only = report.only ? ' ' + whatElse(report) : ''
      const place = kept.length === report.placeholders.length ? report.position : span(kept)
      const where = inHeading(report.section, place, file) ?? sectionName(report.section)
      // Links left without a target, where a comment asks for one: what is missing is where they lead.
      const links = kept.every((placeholder) => placeholder.node.type === 'link' && (placeholder.node.url === '' || placeholder.node.url === '#'))
      file.message(
        links
          ? `Unexpected link${kept.length > 1 ? 's' : ''} ${list(kept.map((placeholder) => `\`${shorten(placeholder.text)}\``))} without a target in ${where}${only}, expected the address ${kept.length > 1 ? 'each' : 'it'} should lead to`
          : `Unexpected ${describe(kept)} in ${where}${only}, expected ${purposeOf(runbook, report.section)}`,
        {ancestors: [tree, kept[0]!.node], place}
      )
    }
  }
)

export default remarkLintRunbookNoPlaceholders

/** The kinds of leftover that are the template's own text, not a marker or a blank the team left. */
const templateKinds: ReadonlySet<Placeholder['kind']> = new Set(['prompt', 'example', 'template-text', 'guidance'])

/** What else a section holds, said of a section that holds its leftovers and nothing more. */
function whatElse(report: LeftoverReport): string {
  if (report.placeholders.every((placeholder) => templateKinds.has(placeholder.kind))) return '(only template text)'
  return report.section.heading ? '(nothing else in the section)' : '(nothing else there)'
}

/**
 * What was left, in words: `template prompt`, `template prompt and
 * example`, `placeholders \`TBC\` and \`[fill in]\``.
 */
function describe(placeholders: ReadonlyArray<Placeholder>): string {
  // A list of the template's sample steps: how many, not each by name.
  const samples = placeholders[0]!.samples
  if (samples && placeholders.length > 1 && placeholders.every((placeholder) => placeholder.samples === samples)) {
    const between = placeholders.length === 2 ? 'and' : 'to'
    return `placeholders \`${placeholders[0]!.text}\` ${between} \`${placeholders.at(-1)!.text}\` (${placeholders.length} sample steps)`
  }
  const template: string[] = []
  const copied: string[] = []
  const stand: string[] = []
  const order: string[][] = []
  for (const placeholder of placeholders) {
    const [group, word] =
      placeholder.kind === 'marker' || placeholder.kind === 'instruction' || placeholder.kind === 'stub'
        ? [stand, `\`${shorten(placeholder.text || '_')}\``]
        : placeholder.kind === 'template-text'
          ? [copied, 'text copied from the template']
          : [template, placeholder.kind]
    if (!group.includes(word)) group.push(word)
    if (!order.includes(group)) order.push(group)
  }
  const parts = order.map((group) =>
    group === template
      ? `template ${list(group)}`
      : group === stand
        ? `placeholder${group.length > 1 ? 's' : ''} ${list(group)}`
        : group[0]!
  )
  // "template prompt and example, and placeholder `_`".
  return parts.length > 1 && parts.some((part) => part.includes(' and '))
    ? `${parts.slice(0, -1).join(', ')}, and ${parts.at(-1)}`
    : list(parts)
}

/** `the heading `## <System> overview`` for a leftover in a section's heading, as written (its title drops what is not text). */
function inHeading(section: Section, place: Position, file: VFile): string | undefined {
  const heading = section.heading?.position
  const start = heading?.start.offset
  const end = heading?.end.offset
  const at = place.start.offset
  if (start === undefined || end === undefined || at === undefined || at < start || at >= end) return undefined
  const written = String(file.value ?? '').slice(start, end).replace(/\s+/g, ' ').trim()
  return `the heading \`${written.length > 80 ? written.slice(0, 79) + '…' : written}\``
}

/** A long stand-in (`[DECISION REQUIRED: …]`, a URL) by its start. */
function shorten(text: string): string {
  return text.length > 60 ? text.slice(0, 59).trimEnd() + '…' : text
}

/** `a`, `a and b`, `a, b and c`. */
function list(words: ReadonlyArray<string>): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

function span(placeholders: ReadonlyArray<Placeholder>): Position {
  const first = placeholders[0]!
  const last = placeholders.at(-1)!
  return {start: first.position.start, end: last.position.end}
}

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
