/**
 * ## What is this?
 *
 * This rule checks the template's owner section (`Service owner`, found
 * through the sections model, so its aliases count). It must name an owner (a
 * team or a person) and at least one real way to reach them:
 *
 * * an email address (valid syntax, and not a reserved or template domain such
 *   as `example.com`, `company.com` or `domain.com`);
 * * a chat channel (`#payments`, a Slack or Microsoft Teams link);
 * * a phone number or an extension (`ext. 4411`);
 * * an on-call or paging link (PagerDuty, Opsgenie, incident.io, Grafana
 *   OnCall ...).
 *
 * The template's own example values and anything inside a placeholder do not
 * count. YAML front matter naming the owner and a contact (`owner:` with
 * `email:`, `slack:`, `contact:` or `oncall:`) also satisfies the rule.
 *
 * An owner section the layout makes optional (an alert page's `Escalation`)
 * names roles more often than teams (`the on-call engineer`, `the team
 * lead`): there, only a way to reach them is asked for, as a warning
 * whatever the rule's severity, and one given anywhere on the page counts
 * (`Page the on-call engineer through PagerDuty` under `Mitigation`). A
 * paging service or the on-call rotation named in words (`PagerDuty`,
 * `Opsgenie`, `the on-call rotation`, `page the on-call`), a channel named
 * in words (`the platform-oncall Slack channel`) and a chat handle
 * (`@team-devops`) are ways to reach someone, as everywhere. An escalation
 * that names no team at all (`contact your cluster administrator`, `the
 * on-call engineer, then the team lead`) is generic guidance, as on an
 * upstream project's page: it gets one note, not a warning.
 *
 * Messages say exactly what is missing (“names no team or person”, “gives no
 * contact channel”), or which value is not real, at that value's position.
 * A missing owner section is left to `runbook-required-headings`, and one
 * with nothing of the author's own to `runbook-no-placeholders` (template
 * text only) or `runbook-no-empty-sections` (nothing at all): one message for
 * one cause. So are blanks left where the owner or a contact goes (`TBD`
 * cells of a contact table, `<email address>`): each is reported by
 * `runbook-no-placeholders`, which says the section needs a way to reach the
 * team, and the section is not told again that it gives none.
 *
 * ## When should I use this?
 *
 * On every runbook: during an incident, the owner is the first thing people
 * look for. It is part of `remark-preset-runbook`, with severity `error`.
 *
 * ## API
 *
 * ### `unified().use(remarkLintRunbookOwnerContact)`
 *
 * Warn when the owner section does not say who owns the service and how to
 * reach them. There are no options.
 *
 * ## Recommendation
 *
 * Name the team, one chat channel and the paging route, so that people can
 * reach the owner in and out of hours.
 *
 * @example
 *   {"name":"ok.md"}
 *
 *   ## Service or system overview
 *
 *   ### Service owner
 *
 *   The Payments team runs this service: payments@acme.io, #payments on Slack,
 *   or page [Payments primary](https://acme.pagerduty.com/schedules/P0AB12C).
 *
 * @example
 *   {"name":"ok-table.md"}
 *
 *   ## Service or system overview
 *
 *   ### Service owner
 *
 *   | Role | Who | Contact |
 *   | --- | --- | --- |
 *   | Product owner | Dana Reyes | dana.reyes@acme.io |
 *   | On call | Payments | [#payments-oncall](https://acme.slack.com/archives/C01) |
 *
 * @example
 *   {"name":"ok-front-matter.md"}
 *
 *   ---
 *   owner:
 *     team: Payments
 *     slack: "#payments"
 *   ---
 *
 *   ## Service or system overview
 *
 *   ### Service owner
 *
 *   See the front matter.
 *
 * @example
 *   {"name":"ok-unfilled.md"}
 *
 *   ## Service or system overview
 *
 *   ### Service owner
 *
 *   > Who owns this service?
 *
 * @example
 *   {"name":"DiskFull.md"}
 *
 *   # DiskFull
 *
 *   ## Meaning
 *
 *   The data volume of a node is more than 95% full.
 *
 *   ## Impact
 *
 *   Writes fail once it is full.
 *
 *   ## Diagnosis
 *
 *   Find the largest directories: `du -xh / | sort -h | tail`.
 *
 *   ## Mitigation
 *
 *   Delete old logs, or grow the volume.
 *
 *   ## Escalation
 *
 *   Page the storage team's on-call engineer through PagerDuty.
 *
 * @example
 *   {"name":"DiskFilling.md","label":"input"}
 *
 *   # DiskFilling
 *
 *   ## Meaning
 *
 *   The data volume of a node will be full within a day.
 *
 *   ## Impact
 *
 *   None yet.
 *
 *   ## Diagnosis
 *
 *   Find the largest directories: `du -xh / | sort -h | tail`.
 *
 *   ## Mitigation
 *
 *   Delete old logs, or grow the volume.
 *
 *   ## Escalation
 *
 *   Ask the storage team's lead.
 *
 * @example
 *   {"name":"DiskFilling.md","label":"output"}
 *
 *   19:1-19:14: Unexpected `Escalation` section that gives no contact channel, expected an email address, a chat channel, a phone number or an on-call link
 *
 * @example
 *   {"name":"DiskSlow.md","label":"input"}
 *
 *   # DiskSlow
 *
 *   ## Meaning
 *
 *   Writes to the data volume take over a second.
 *
 *   ## Impact
 *
 *   Uploads time out.
 *
 *   ## Diagnosis
 *
 *   Watch the device: `iostat -x 5`.
 *
 *   ## Mitigation
 *
 *   Move the busiest tenant to another node.
 *
 *   ## Escalation
 *
 *   Contact your cluster administrator.
 *
 * @example
 *   {"name":"DiskSlow.md","label":"output"}
 *
 *   19:1-19:14: Unexpected `Escalation` section that names no team and no contact channel, expected the team to escalate to and a way to reach them
 *
 * @example
 *   {"name":"not-ok-contact.md","label":"input"}
 *
 *   ## Service or system overview
 *
 *   ### Service owner
 *
 *   The Payments team: payments@example.com, or call ext. 0000000.
 *
 * @example
 *   {"name":"not-ok-contact.md","label":"output"}
 *
 *   5:20-5:40: Unexpected email address `payments@example.com` in `Service owner`: a reserved example domain (`example.com`), expected a real email address
 *   5:55-5:62: Unexpected phone number `0000000` in `Service owner`: a made-up number, expected a real phone number
 *   3:1-3:18: Unexpected `Service owner` section that gives no contact channel, expected an email address, a chat channel, a phone number or an on-call link
 *
 * @example
 *   {"name":"not-ok-name.md","label":"input"}
 *
 *   ## Service or system overview
 *
 *   ### Service owner
 *
 *   Ask in #payments on Slack.
 *
 * @example
 *   {"name":"not-ok-name.md","label":"output"}
 *
 *   3:1-3:18: Unexpected `Service owner` section that names no team or person, expected the team that owns this service
 *
 * @example
 *   {"name":"not-ok-placeholder.md","label":"input"}
 *
 *   ## Service or system overview
 *
 *   ### Service owner
 *
 *   Owned by Xyz Team.
 *
 * @example
 *   {"name":"not-ok-placeholder.md","label":"output"}
 *
 *   5:1-5:19: Unexpected owner `Xyz Team` in `Service owner`: a placeholder name, expected the real team's name
 *   3:1-3:18: Unexpected `Service owner` section that gives no contact channel, expected an email address, a chat channel, a phone number or an on-call link
 */

import type {Root, RootContent} from 'mdast'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {
  asNote,
  atMostWarning,
  checkOptionKeys,
  findContacts,
  getContent,
  isAscii,
  normalizeText,
  runbookOf,
  runbookRule,
  readYaml,
  type Contact,
  type Placeholder,
  type Runbook,
  type Section,
  type Template
} from 'runbook-model'

export type Options = Record<string, never>

const id = 'owner-contact'

// Words that say how to reach someone, or that any sentence has: not a name.
const notNames = new Set(
  (
    'a an and are as at be by call contact contacts e-mail email emails ext extension for from in is it its mail ' +
    'microsoft n/a of on on-call oncall or our owner owners owned page pager pagerduty opsgenie phone please ' +
    'primary rota run runs secondary see slack support team teams tel the their this to us use via we who with ' +
    'channel channels develops develop maintained maintains responsible escalation escalate hours office ' +
    'service system business technical product delivery manager lead engineering contributors ask reach'
  ).split(' ')
)
const teamWord = /\b(?:team|squad|tribe|guild|group|department|division|unit|crew|chapter|platform|ops|sre|devops)\b/i
// Written as a name (`Xyz Team`, `YOUR_TEAM`, `team-name`): `your team` in
// running text (`if this is your team, ask a colleague`) is not one.
const dummyOwner = /\b(?:[Xx]yz|XYZ|[Aa]bc|ABC|[Ff]oo|FOO|[Bb]ar|BAR|[Aa]cme|ACME|[Ee]xample|EXAMPLE|[Pp]laceholder|PLACEHOLDER|Your|YOUR|My|MY|Some|SOME)[\s_-]{1,3}(?:Team|TEAM|team|Squad|SQUAD|squad|Group|GROUP|group|Org|ORG|org)\b|\b[Tt]eam[\s_-][Nn]ame\b|\bTEAM[\s_-]NAME\b/
const mention = /(?:^|\s)@[\w-]{2,39}(?:\/[\w.-]{1,100})?/
const word = /[\p{L}][\p{L}\p{N}'’-]{0,60}/gu
// The same on ASCII text, without compiling the Unicode tables.
const asciiWord = /[A-Za-z][A-Za-z\d'’-]{0,60}/g

const remarkLintRunbookOwnerContact = runbookRule<Options>(
  {id, description: 'Check that the service owner section names an owner and a real way to reach them'},
  (tree, file, options) => {
    checkOptionKeys(file, id, options, [])
    const runbook = runbookOf(tree, file)
    const entry = runbook.template.ownerSection
    if (!entry || frontMatterNamesOwner(tree)) return
    const match = runbook.find(entry)
    // A missing owner section is reported by `runbook-required-headings`.
    if (!match) return

    const section = match.section
    const heading = section.heading!
    const nodes = contentOf(runbook, file, section)
    const title = `\`${section.title}\``

    // Nothing of the author's own: `runbook-no-placeholders` (template text
    // only) or `runbook-no-empty-sections` (nothing at all) says so, with the
    // section's purpose; one message for one cause.
    if (nodes.length === 0) return

    const source = String(file.value ?? '')
    const place = location(file)
    const template = runbook.template
    let reachable = false
    let named = false
    let namedPlaceholder = false
    let team = false
    // Bracketed stand-ins (`[Team name]`, `<#channel>`) are reported by
    // `runbook-no-placeholders` at their range: not again as a bad name or
    // channel here (the section still reaches no one).
    const leftovers = leftoversIn(runbook, file, section, ['instruction'])
    const covered = (from: number, to: number) => leftovers.some((range) => range.start <= from && to <= range.end)

    for (const node of nodes) {
      const start = node.position!.start.offset!
      const raw = source.slice(start, node.position!.end.offset!).slice(0, 100_000)
      const contacts = findContacts(raw)

      for (const contact of contacts) {
        const problem = template.textKind(contact.value) === 'owner-value' ? "the template's example" : contact.problem
        if (!problem) {
          reachable = true
          continue
        }
        if (covered(start + contact.start, start + contact.end)) continue
        const from = place.toPoint(start + contact.start)
        const to = place.toPoint(start + contact.end)
        file.message(
          `Unexpected ${describe(contact)} \`${contact.value}\` in ${title}: ${problem}, expected a real ${describe(contact)}`,
          {ancestors: [tree, node], place: from && to ? {start: from, end: to} : node.position}
        )
      }

      const prose = withoutContacts(raw, contacts)
      const copied = templateName(prose, template)
      const dummy = dummyOwner.exec(prose)
      if (copied || dummy) {
        const value = copied ?? dummy![0]
        namedPlaceholder = true
        if (!copied && leftovers.some((range) => range.start >= start && range.text.includes(value))) continue
        file.message(
          `Unexpected owner \`${value}\` in ${title}: ${copied ? "the template's example" : 'a placeholder name'}, expected the real team's name`,
          {ancestors: [tree, node], place: node.position}
        )
      } else if (namesSomeone(prose)) {
        named = true
      }
      team ||= namesTeam(prose)
    }

    // A section the layout makes optional (an alert page's `Escalation`)
    // names roles more than teams (`the on-call engineer`, `the team
    // lead`): only how to reach them is asked, as a warning, and a paging
    // route or channel named anywhere on the page reaches them.
    const optional = entry.optional
    // Blanks left where the owner or a channel goes (`| On call | TBD |`,
    // `Contact: <email>`) are each reported by `runbook-no-placeholders`,
    // with what the section must hold: the section is not told again.
    if (leftoversIn(runbook, file, section, ['instruction', 'marker', 'field', 'stub']).length > 0) return
    if (!named && !namedPlaceholder && !optional) {
      file.message(`Unexpected ${title} section that names no team or person, expected the team that owns this service`, {
        ancestors: [tree, heading],
        place: heading.position
      })
    }
    if (!reachable && !(optional && pageGivesContact(tree, source))) {
      // An optional escalation that names no team (`contact your cluster
      // administrator`, `the on-call engineer, then the team lead`) is
      // generic guidance, as on an upstream project's page: one note.
      if (optional && !team) {
        asNote(
          file.message(
            `Unexpected ${title} section that names no team and no contact channel, expected the team to escalate to and a way to reach them`,
            {ancestors: [tree, heading], place: heading.position}
          )
        )
        return
      }
      const message = file.message(
        `Unexpected ${title} section that gives no contact channel, expected an email address, a chat channel, a phone number or an on-call link`,
        {ancestors: [tree, heading], place: heading.position}
      )
      if (optional) atMostWarning(message)
    }
  }
)

export default remarkLintRunbookOwnerContact

/** The ranges and texts of the leftovers of `kinds` in the owner section and its subsections. */
function leftoversIn(
  runbook: Runbook,
  file: VFile,
  section: Section,
  kinds: ReadonlyArray<Placeholder['kind']>
): Array<{start: number; end: number; text: string}> {
  const content = getContent(runbook, file)
  const ranges: Array<{start: number; end: number; text: string}> = []
  const stack: Section[] = [section]
  while (stack.length > 0) {
    const current = stack.shift()!
    for (const placeholder of content.of(current).placeholders) {
      const start = placeholder.position.start.offset
      const end = placeholder.position.end.offset
      if (kinds.includes(placeholder.kind) && start !== undefined && end !== undefined) ranges.push({start, end, text: placeholder.text})
    }
    stack.push(...current.children)
  }
  return ranges
}

/** Real content of the owner section and its subsections, code excluded. */
function contentOf(runbook: Runbook, file: VFile, section: Section): RootContent[] {
  const content = getContent(runbook, file)
  const nodes: RootContent[] = []
  const stack: Section[] = [section]
  while (stack.length > 0) {
    const current = stack.shift()!
    for (const node of content.of(current).content) {
      if (node.type !== 'code' && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
        nodes.push(node)
      }
    }
    stack.push(...current.children)
  }
  return nodes
}

function describe(contact: Contact): string {
  switch (contact.kind) {
    case 'email': {
      return 'email address'
    }
    case 'chat': {
      return 'chat channel'
    }
    case 'phone': {
      return 'phone number'
    }
    default: {
      return 'on-call link'
    }
  }
}

function withoutContacts(raw: string, contacts: ReadonlyArray<Contact>): string {
  let text = raw
  for (const contact of contacts) {
    text = text.slice(0, contact.start) + ' '.repeat(contact.end - contact.start) + text.slice(contact.end)
  }
  // Link destinations and HTML tags are not names.
  return withoutDestinations(text).replace(/<[^<>\n]{0,200}>/g, ' ')
}

/**
 * A text without the `(destination)` after each `]`, up to the first `)` on
 * its line. Scanned once: a pattern such as `\]\([^)\n]*\)` reads the rest
 * of the line again from every `](` of a line that has no `)`.
 */
function withoutDestinations(text: string): string {
  let kept = ''
  let from = 0
  // The first `)` or line ending at or after where it was last looked for.
  let stop = -1
  for (let open = text.indexOf('](', from); open !== -1; open = text.indexOf('](', from)) {
    if (stop < open + 2) {
      stop = open + 2
      while (stop < text.length && text[stop] !== ')' && text[stop] !== '\n') stop++
    }
    kept += text.slice(from, open + 1)
    from = text[stop] === ')' ? stop + 1 : open + 1
  }
  return kept + text.slice(from)
}

/** A run of one to four words that is the template's example owner. */
function templateName(prose: string, template: Template): string | undefined {
  const words = normalizeText(prose).split(' ').slice(0, 2000)
  for (let size = 1; size <= 4; size++) {
    for (let index = 0; index + size <= words.length; index++) {
      const phrase = words.slice(index, index + size).join(' ')
      if (template.normalizedKind(phrase, 'owner-value')) return phrase
    }
  }
  return undefined
}

/** A team word, a mention, or a capitalised word that is not a contact word. */
function namesSomeone(prose: string): boolean {
  if (teamWord.test(prose) || mention.test(prose)) return true
  for (const match of prose.matchAll(isAscii(prose) ? asciiWord : word)) {
    const value = match[0]
    const first = value.charAt(0)
    if (first !== first.toLowerCase() && !notNames.has(value.toLowerCase())) return true
  }
  return false
}

// Words before `team` that name no team: `your team`, `the on-call team`,
// `the support team`, `the team lead` (a role).
const genericTeams = new Set(
  (
    'the a an your our their this that same other relevant appropriate responsible owning owner owners service ' +
    'application app support on-call oncall engineering development dev operations ops admin admins ' +
    'administrator administrators cluster internal external vendor security whole entire every any'
  ).split(' ')
)
const teamBefore = /([\p{L}\p{N}][\p{L}\p{N}&.-]{0,40})['’]?s?\s{1,3}(?:team|squad|tribe|guild|department|division|crew)s?(?![\p{L}\p{N}])/giu
const teamAfter = /(?<![\p{L}\p{N}])(?:[Tt]eam|TEAM)[\s:-]{1,3}\p{Lu}[\p{L}\p{N}-]{1,40}/u

/**
 * Whether the prose names a team: a team word after a name (`the storage
 * team`, `Payments squad`), `Team Phoenix`, or a handle (`@sre-core`);
 * not a role (`the team lead`) or a team by its function alone (`your
 * team`, `the support team`).
 */
function namesTeam(prose: string): boolean {
  if (mention.test(prose) || teamAfter.test(prose)) return true
  for (const match of prose.slice(0, 100_000).matchAll(teamBefore)) {
    if (!genericTeams.has(match[1]!.toLowerCase())) return true
  }
  return false
}

/** Whether the page's text (code aside) gives a real contact anywhere. */
function pageGivesContact(tree: Root, source: string): boolean {
  for (const node of tree.children) {
    if (node.type === 'code' || node.position?.start.offset === undefined || node.position.end.offset === undefined) continue
    const raw = source.slice(node.position.start.offset, node.position.end.offset).slice(0, 100_000)
    if (findContacts(raw).some((contact) => !contact.problem)) return true
  }
  return false
}

/** YAML front matter naming the owner and a way to reach them. */
function frontMatterNamesOwner(tree: Root): boolean {
  const first = tree.children[0]
  if (first?.type !== 'yaml') return false
  // Read once for every rule that reads it.
  const {error, data} = readYaml(first)
  if (error) return false
  if (!data || typeof data !== 'object') return false
  const record = data as Record<string, unknown>
  const contactKeys = ['email', 'slack', 'contact', 'oncall', 'on_call', 'channel', 'pagerduty', 'phone']
  const has = (object: Record<string, unknown>, keys: string[]) =>
    keys.some((key) => typeof object[key] === 'string' && (object[key] as string).trim() !== '')

  if (has(record, ['owner_slack', 'owner_email', 'owner_contact'])) return true
  const owner = record.owner ?? record.team
  if (owner && typeof owner === 'object') {
    return has(owner as Record<string, unknown>, contactKeys) || has(record, contactKeys)
  }
  return typeof owner === 'string' && owner.trim() !== '' && has(record, contactKeys)
}
