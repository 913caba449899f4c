/**
 * What each section of a runbook really says: its body split into real
 * content and template leftovers (prompts, examples, guidance, stubs, generic
 * markers such as TODO, unfilled fields). Computed once per runbook and
 * shared by the content rules, so none of them walks the tree again for it.
 *
 * It also decides which rule speaks about what, so that one problem gets one
 * message:
 *
 * * a section whose own body holds template text and nothing else is one
 *   finding of `runbook-no-placeholders` (`leftoverReports`), which says so
 *   when the section has no subsections either (`only`);
 * * a leftover inside real content is one finding each, at its own range;
 * * a template field without a value (`**Service name:** TODO`) belongs to
 *   `runbook-filled-fields` (`fields`), and to no other rule;
 * * a section with nothing at all in it (no template text either) belongs
 *   to `runbook-no-empty-sections` (`empty`).
 */

import type {Blockquote, Definition, Html, InlineCode, Link, List, Nodes, Paragraph, RootContent, Table, Text} from 'mdast'
import type {Point, Position} from 'unist'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {Runbook} from './runbook.js'
import {titleKey} from './normalize.js'
import {fileStem, nameKey, titleCore} from './alert-name.js'
import type {Section} from './sections.js'
// A bare N/A, asking for its reason: one definition with the N/A that gives one.
import {bareNotApplicable as bareValue} from './not-applicable.js'
import type {TemplateField} from './template.js'
import {htmlTagNames} from 'html-tag-names'
import {labelledLines, tableRows, textTableRows, type Labelled} from './fields.js'
import {maskUrls, trimEnd} from './text.js'
import {fieldLabel, fieldValue, isExampleLine, isExampleText, isPlaceholderValue, isPromptText, isQuestionsOnly} from './template-text.js'

export type PlaceholderKind =
  /** A template prompt: the blockquote of questions under a heading. */
  | 'prompt'
  /** A template example: `_(e.g. ...)_`. */
  | 'example'
  /** The template's own example or guidance text, copied without its wrapper. */
  | 'template-text'
  /** The template's guidance for the writer, left in place. */
  | 'guidance'
  /** A line made of a lone `_`. */
  | 'stub'
  /** A generic marker in prose: TODO, TBD, TBA, FIXME, lorem ipsum, "To be completed", `???` ... */
  | 'marker'
  /** A bracketed instruction or name: `<insert team>`, `[fill in]`, `<System>` ... */
  | 'instruction'
  /** A template field without a value: `**Service name:**` or `**Service name:** TODO`. */
  | 'field'

export interface Placeholder {
  readonly kind: PlaceholderKind
  /** The section whose body holds it (the document for text before any heading). */
  readonly section: Section
  /** The node it was found in. */
  readonly node: Nodes
  /** Its exact range. */
  readonly position: Position
  /** The leftover as written, for messages (markers and instructions only). */
  readonly text: string
  /** The list of the template's sample steps it is an item of: the list is one finding. */
  readonly samples?: List
}

/** A labelled field of the template (`**Service or system name:** Billing API`) and its value. */
export interface FieldValue {
  readonly field: TemplateField
  /** The label as written. */
  readonly label: string
  /** The block that holds it: a paragraph, a list, or a table. */
  readonly node: Paragraph | List | Table
  /** The label's range. */
  readonly place: Position
  /** The value as written, `''` when there is none. */
  readonly value: string
  /** `placeholder`: a value that only stands in for one (`TODO`, `_`, `<name>`, `(e.g. ...)`). */
  readonly state: 'filled' | 'empty' | 'placeholder'
  /**
   * Whether the template defines the field (`**Service or system name:**`).
   * Other labelled values (`**Slack:**`, a `| Owner | … |` row) are listed
   * only when empty: a placeholder in them is a leftover of the section.
   */
  readonly template: boolean
}

export interface SectionContent {
  /** Leftovers in the section's own body (not its subsections'), unfilled fields included. */
  readonly placeholders: ReadonlyArray<Placeholder>
  /** Body nodes that carry real content. */
  readonly content: ReadonlyArray<RootContent>
  /** The only content is a bare "N/A", "-", "none" without a reason. */
  readonly bare: {readonly node: RootContent; readonly value: string} | undefined
  /** The template's labelled fields in the section's body, filled or not, and the other labelled values left empty. */
  readonly fields: ReadonlyArray<FieldValue>
  /** Whether a block of the section's own body is the team's answer, with nothing left to fill in it. */
  readonly answered: boolean
  /** Nothing at all in the section's own body: no content and no template text. */
  readonly empty: boolean
  /**
   * The section's own body holds template text and nothing else, and it has
   * no subsections: its leftovers (unfilled fields aside) are one finding.
   */
  readonly onlyTemplateText: boolean
}

/** Leftovers as `runbook-no-placeholders` reports them: one message each. */
export interface LeftoverReport {
  readonly section: Section
  /**
   * Every leftover of a section whose own body holds only template text, or
   * one leftover among real content (a list of sample steps is one).
   */
  readonly placeholders: ReadonlyArray<Placeholder>
  /** Whether these leftovers are all the section holds (it has no subsections either). */
  readonly only: boolean
  /** From the first leftover's start to the last one's end. */
  readonly position: Position
}

export interface RunbookContent {
  /** Every leftover, in document order. */
  readonly placeholders: ReadonlyArray<Placeholder>
  /**
   * The leftovers to report, in document order: one report for a section
   * that holds only template text, one per leftover elsewhere; unfilled
   * template fields are left to `runbook-filled-fields`.
   */
  readonly leftoverReports: ReadonlyArray<LeftoverReport>
  /** The analysis of one section (or of the document's text before any heading). */
  of(section: Section): SectionContent
  /**
   * Whether a section holds nothing at all, in its own body or in any of its
   * subsections: headings and nothing else (a `### Deployment` whose deeper
   * headings are all empty) is an empty section.
   */
  hollow(section: Section): boolean
  /**
   * Whether a section says nothing of its own, in its body or in any of its
   * subsections: empty, or template text and markers only. Its one finding
   * is that (`runbook-no-empty-sections` or `runbook-no-placeholders`), not
   * the subsections it lacks or its place.
   */
  unwritten(section: Section): boolean
}

// The template's own text: kept above the team's answer, it is guidance, not a gap.
// The template's example of what to write: `_(e.g. 1000 requests a second)_`.
const ownExampleText = /\(e\.g\./i
const guidanceKinds: ReadonlySet<PlaceholderKind> = new Set(['prompt', 'example', 'template-text', 'guidance'])
// Upper-case markers only: "todo" or "tbd" in ordinary prose are words.
const marker = /\b(?:TODO|TBD|TBC|TBA|FIXME|XXX|TKTK)\b|\blorem ipsum\b/gi
const upperMarker = /^(?:TODO|TBD|TBC|TBA|FIXME|XXX|TKTK)$/
const leadingMarker = /^[\s_*[(]{0,4}(?:(?:TODO|TBD|TBC|TBA|FIXME|TKTK)\b|[Ll]orem [Ii]psum\b)/
// What any marker or bracketed instruction needs: most text has none of it,
// and skips the patterns below.
const mayHaveLeftover = /[[<]|\?\?|\$\{|\{\{|TODO|TBD|TBC|TBA|FIXME|XX|xxx|TKTK|[Ll][Oo][Rr][Ee][Mm]|YYYY|yyyy|[Ee]xample\./
// A number written with X for its digits (`+1-XXX-XXX-XXXX`, `555-XXXX`,
// `(XXX) XXX-XXXX`, `10.0.XXX.XXX`): one stand-in, however many groups it
// has. Groups and separators are told apart by their characters, so each
// start is read once, and no further than six groups.
const digitGroups =
  /(?<![\p{L}\p{N}+-])(?:\+(?:\d{1,3}|[Xx]{1,3})[ .-]?)?(?:\((?:\d{1,4}|[Xx]{2,4})\)[ .-]?)?(?:(?:\d{1,4}|[Xx]{2,5})[ .-]){1,5}(?:\d{1,8}|[Xx]{2,8})(?:,? ext\.? ?(?:\d{1,6}|[Xx]{2,6}))?(?![\p{L}\p{N}])/gu
const xGroup = /(?:^|[^Xx])[Xx]{2,6}(?:$|[^Xx])/
// A template variable left unfilled: `${service_name}`, `{{ service_name }}`.
const templateVariable = /\$\{[^{}\n]{1,60}\}|\{\{[^{}\n]{1,80}\}\}/g
// A name, not an expression: no `$labels`, `.Values`, `site.data.team`, pipe,
// call or default (`${name:-x}`). A dotted path is an expression a site or a
// template engine fills in when it renders the page.
const variableName = /^[A-Za-z_][\w-]{0,60}(?: [A-Za-z_][\w-]{0,40}){0,5}$/
// A tag of Liquid, Jinja or Nunjucks (`{% capture alert %}`, `{%- if x -%}`):
// the page is rendered by a site generator, and its `{{ name }}` are the
// site's output (a captured block, a variable of its own), not stand-ins.
const renderedTag = /\{%-?[ \t]*[A-Za-z]/
// Go template and Jinja keywords that stand alone between braces.
const templateKeyword = /^(?:end|else|endif|endfor|endblock|endmacro|raw|endraw|break|continue)$/
// A sentence about the variable itself: `the ${SITE} variable`.
const variableWord = /\bvariables?\b|\benv(?:ironment)?\b/i
// A date written as its format, standing in for one: `YYYY-MM-DD`, `DD/MM/YYYY`.
const dateFormat = /(?<![\w/.-])(?:YYYY[-/.]MM[-/.]DD|yyyy[-/.]mm[-/.]dd|DD[-/.]MM[-/.]YYYY|dd[-/.]mm[-/.]yyyy|MM[-/.]DD[-/.]YYYY|mm[-/.]dd[-/.]yyyy)(?![\w/.-])/g
// A value's label (`Created:`, `**Last updated:**`): a date's format after it stands in for the date.
const dateLabel = /^[A-Za-z][A-Za-z0-9 /_-]{0,40}$/
const formatWord = /\b(?:format|pattern|syntax|style|convention)\b/i
// RFC 2606 reserves these names for documentation: a runbook's link or address there has not been filled.
const reservedDomain = /(?<![\w-])example\.(?:com|org|net)(?![\w-])/gi
// A host's label that says "your app" in a few languages (`your-app`, `argocd.yourdomain.com`, `votre-app`,
// `seu-dominio`, `tu-empresa`, `ihre-firma`): the writer's name for the team's own host, left unfilled. A word
// that merely starts so (`tu-berlin`, `your-move`, `suapp`: a short one is followed by `-` or `_`) names nothing to fill in.
const standInLabel =
  '(?:(?:your|votre|ihre|deine)[-_]?|(?:ton|tu|seu|sua|su|uw|je)[-_])' +
  '(?:apps?|applications?|aplica[cç][aã]o|aplicaci[oó]n|applicazione|anwendung|services?|servicio|servi[cç]o|servizio|dienst|' +
  'domain|domaine|dominio|dom[ií]nio|company|empresa|entreprise|soci[eé]t[eé]|firma|unternehmen|azienda|site|sitio|sito|website|' +
  'server|serveur|servidor|host|instance|cluster|org|organi[sz]ation|organiza[cç][aã]o|organizaci[oó]n|project|projet|proyecto|' +
  'projeto|progetto|projekt|team|[eé]quipe|equipo|bucket|account|compte|cuenta|conta|tenant|namespace|db|database|api|shop|store|' +
  'boutique|loja|tienda|url)(?:[-_][a-z\\d]{1,20}){0,2}'
// `votre-app.fr`, `ops@your-company.com`, `argocd.yourdomain.com`.
const standInAddress = new RegExp(`(?<![\\w-])${standInLabel}\\.[a-z][a-z\\d-]{0,62}(?![\\w-])`, 'gi')
// Whether a text may name such a host: read before looking for one.
const standInHostHint = new RegExp(`[Ee]xample\\.|${standInLabel}\\.`, 'i')
// A link's host of either kind.
const reservedHost = new RegExp(`(?:^|\\.)example\\.(?:com|org|net)\\.?$|(?:^|\\.)${standInLabel}\\.`, 'i')
// An example given in the sentence before it: `e.g. ops@example.com`, `for example`, `such as`.
const exampleLead = /\b(?:e\.g\.|for example|for instance|such as|i\.e\.)/i
// What a docs site writes after a link to mark it (`[Grafana](…) [external link]`, `[↗]`).
const linkMarkerWord = /^(?:external(?: (?:link|site|resource|page))?|(?:opens? in (?:a )?)?new (?:window|tab)|off-?site|link|pdf|video|internal(?: link)?)$/i
const nonLetter = /[^\p{L}\p{N}\s-]+/gu
// Question marks standing for a name or a value (`Owner: ???`), not ending a
// question (`Does it still work???`).
const questionMarks = /(?<![\p{L}\p{N}?])\?{2,}(?![\p{L}\p{N}?])/gu
// A paragraph that opens with a promise of text ("To be completed once the
// migration is done"): a note to self, as "TODO:" is. Only at the start of a
// paragraph: "changes need to be completed first" is a sentence.
const leadingPhrase =
  /^[\s_*[(]{0,4}(to be (?:completed|confirmed|decided|determined|defined|added|written|documented|filled(?: in)?|announced|provided|agreed|updated))\b/i
const mayOpenWithPhrase = /^[\s_*[(]{0,4}[Tt]o be /
// Bracketed text: found with a linear pattern (no nesting, bounded length),
// then the inside is checked on its own.
const bracketed = /\[[^[\]\n]{1,300}\]|<[^<>\n]{1,80}>/g
// An instruction: it starts with a request to fill in, or names what goes
// there anywhere on its line. `.*\b(?:name|…)\b.*$` would look for the word
// again after each one it found on a line that does not end the text.
const instructionStart =
  /^(?:placeholder|fill(?: it)? in|tbd|tbc|todo|(?:insert|your|add|enter|describe|replace|put|choose|decide|(?:decision|input) (?:required|needed))\b.*)$/i
const instructionWord = /\b(?:name|team|email|e-mail|address|links?|url|here|owner|channel|phone|number|date|brief|description|summary)\b/i
const lineBreak = /[\n\r\u2028\u2029]/
// Elided or date-shaped stand-ins: `[..]`, `[...]`, `[…]`, `[YYYY-MM-DD]`, `[DD/MM/YYYY]`.
const standIn = /^(?:\.{2,3}|…|(?:yy){1,2}[-/.]mm[-/.]dd|dd[-/.]mm[-/.](?:yy){1,2}|mm[-/.]dd[-/.](?:yy){1,2})$/i
// A line that labels a review date: its value belongs to runbook-review-date.
const reviewLabel = /^[\s>*_-]{0,6}(?:(?:next|last|latest)[ _-])?review(?:ed)?(?:[ _-](?:date|by|due|on))?[\s*_]{0,4}:/i

function isInstruction(text: string): boolean {
  return instructionStart.test(text) || (instructionWord.test(words(text)) && !lineBreak.test(text))
}

/** A name's words: `AlertName`, `ALERT_NAME` and `alert-name` read as `Alert Name`. */
function words(text: string): string {
  return text.replace(/_/g, ' ').replace(/([a-z\d])([A-Z])/g, '$1 $2')
}

/** A number's stand-in: X groups, seven digits or more, joined as a phone number or an address is. */
function isDigitStandIn(text: string): boolean {
  if (!xGroup.test(text)) return false
  let digits = 0
  let groups = 0
  let inGroup = false
  for (const character of text) {
    const symbol = character === 'X' || character === 'x' || (character >= '0' && character <= '9')
    if (symbol) digits++
    if (symbol && !inGroup) groups++
    inGroup = symbol
  }
  // `XXX 2024` is two words; `XXX-XXXX`, `(XXX) XXX XXXX` and `+44 XXXX XXXXXX` are a number.
  return digits >= 7 && (groups >= 3 || /[-.(+]/.test(text))
}

/** Whether a link's URL or address is on a domain reserved for examples (RFC 2606). */
function isReservedUrl(url: string): boolean {
  let host = url.replace(/^[A-Za-z][A-Za-z\d+.-]{0,20}:(?:\/\/)?/, '')
  for (const end of ['/', '?', '#']) if (host.includes(end)) host = host.slice(0, host.indexOf(end))
  host = host.slice(host.lastIndexOf('@') + 1)
  if (host.includes(':')) host = host.slice(0, host.indexOf(':'))
  return reservedHost.test(host)
}

/** The address or URL around a reserved domain's name in a text: from its scheme or user to the end of its path. */
function addressAround(text: string, start: number, end: number): [number, number] {
  let from = start
  while (from > 0 && /[\w.+%@:/~-]/.test(text.charAt(from - 1))) from--
  const lead = text.slice(from, start)
  const scheme = lead.search(/[A-Za-z][A-Za-z\d+.-]{0,20}:\/\//)
  if (scheme !== -1) from += scheme
  else if (lead.includes(':')) from += lead.lastIndexOf(':') + 1
  while (from < start && '/.-'.includes(text.charAt(from))) from++
  let to = end
  while (to < text.length && !/[\s<>"'`)\]*,;]/.test(text.charAt(to))) to++
  while (to > end && '.:!?'.includes(text.charAt(to - 1))) to--
  return [from, to]
}

/** What a docs site writes after a link to mark it: `external link`, `new window`, or a sign alone (`↗`). */
function isLinkMarker(text: string): boolean {
  const plain = text.replace(nonLetter, ' ').replace(/\s+/g, ' ').trim()
  return plain === '' || linkMarkerWord.test(plain)
}

/** A choice left to the writer: `[critical | warning | info]`. */
function isChoiceList(text: string): boolean {
  const options = text.split('|')
  return options.length > 1 && options.every((option) => option.trim() !== '' && option.length <= 40)
}

const htmlTag = /^<([^<>\n]{1,80})>$/
const htmlElements = new Set(htmlTagNames)
// A name in angle brackets: a word or a few (`<System>`, `<service-name>`,
// `<Insert site specific measures>`), no attribute value, no `/`.
const angleName = /^[A-Za-z][\w.-]{0,40}(?: [\w.'’-]{1,40}){0,8}$/
// Words that make bracketed text a request to fill in, wherever it is.
const fillIn = /^(?:insert|your|add|enter|describe|replace|put|fill|placeholder|todo|tbd|tbc|choose|decide|(?:decision|input) (?:required|needed))\b/i
// A link's text in brackets whose reference is not defined (`[here]`): a
// link gone wrong, not a placeholder.
const linkText = /^(?:here|this|link|this link|click here|see here|docs?|documentation|source|more|details|below|above|\d{1,3})$/i
// A character that joins a bracketed name to what is around it: a path, an
// address, an assignment (`/var/log/<cluster-id>`, `<user>@<host>:<port>`,
// `ID=<id>`).
const joinedBefore = /[\p{L}\p{N}_/\\=:@$~.-]/u
const joinedAfter = /[\p{L}\p{N}_/\\=:@]/u
// A sample's label or verb before it on its line: what follows is quoted output.
// A bold field label right before a value, in a block quote (`> **Owner:** `).
const boldLabelBefore = /^[\s>]{0,12}\*\*[^*\n]{1,60}(?::\*\*|\*\*:)\s{0,4}$/
// A template's one-line guidance left for the writer to finish: a short
// sentence that trails off (`This issue happens when...`) or leaves gaps
// (`When you ... you expect to see ...`).
const unfinished = /^[^\n]{0,120}(?:\.\.\.|…)$|^[^\n]{0,60}\s(?:\.\.\.|…)\s[^\n]{0,60}$/

// The alerting system's words in a quoted alert (`[FIRING:1]`, `alertname=`).
const alertWords = /\[(?:FIRING|RESOLVED)\b|\b(?:FIRING|RESOLVED)\b|\b[Aa]lertname\s{0,2}[:=]|\b[Ss]everity\s{0,2}=/
// A paragraph that introduces the alert quoted below it.
const quoteLead = /\b(?:alert|alerts|page|paged|pages|notification|message|incident|pagerduty|opsgenie|alertmanager|slack|looks like|reads|says)\b/i
const sampleLead =
  /\b(?:message|alert text|alert reads|output|error text|log line|sample|says|reads|shows|displays|prints|logs)\s{0,4}:/i
// A format explained in prose: what follows is its syntax, not a value to fill in.
const formatLead = /\b(?:the (?:form|format|syntax|pattern|shape)(?: of)?|written as|formatted as|format is|syntax is|looks like|in the form)\b/i
// A single quote opened before (after a space, colon or bracket, with no
// closing one after it) and one closed after (before a space, punctuation or
// the end): 'Disk full on <host>'. Apostrophes inside words are neither.
const singleOpen = /(?:^|[\s:(])'[^'\n]{0,300}$/
const singleClose = /^[^'\n]{0,300}(?<=\S)'(?![\p{L}\p{N}])/u
// A command line written in prose: a flag, or a shell prompt.
const commandLine = /(?:^|\s)--?[A-Za-z]|^\s*(?:\$|sudo)\s/
// Closing tags: a name closed somewhere in the file is markup (`<Tabs>` …
// `</Tabs>`), not a placeholder.
const closingTag = /<\/([A-Za-z][\w.-]{0,40})\s{0,20}>/g

/**
 * `<insert team name>`, `<your team>` or `<System>` parsed as HTML: a name to
 * fill in, not an element. A renderer drops an unknown tag, so the
 * placeholder would not even show.
 */
function isInstructionHtml(value: string, closed: () => ReadonlySet<string>): boolean {
  const inner = htmlTag.exec(value.trim())?.[1]?.trim()
  if (!inner || inner.includes('=') || inner.startsWith('/') || inner.startsWith('!') || inner.startsWith('?')) return false
  const tag = inner.split(/[\s/]/)[0]!.toLowerCase()
  if (htmlElements.has(tag)) return false
  return (isInstruction(inner) || angleName.test(inner)) && !closed().has(tag)
}

// What an HTML comment says to ask for a link: a request (add, update, fill in; TODO) and a link, in a few languages.
const linkRequest =
  /\b(?:add|update|insert|fill|replace|put|todo|fixme|tbd|tbc|ajoute[rz]?|mettre|agregar|añadir|anadir|actualizar|adicionar|atualizar|inserir|hinzufügen|aktualisieren|einfügen|eintragen)\b/i
const linkWord = /\b(?:links?|urls?|hrefs?|liens?|enlaces?|v[ií]nculos?|liga[cç][aã]o|verweis)\b/i

/** Whether an HTML comment asks for a link to be added or updated (`<!-- TODO: update link -->`, `<!-- ajouter le lien -->`). */
function asksForLink(html: string): boolean {
  const value = html.trim()
  if (!value.startsWith('<!--') || !value.endsWith('-->') || value.length > 400) return false
  return linkRequest.test(value) && linkWord.test(value)
}

const cache = new WeakMap<Runbook, RunbookContent>()

/** The content analysis of a runbook, built once and shared by every rule. */
export function getContent(runbook: Runbook, file: VFile): RunbookContent {
  let content = cache.get(runbook)
  if (!content) {
    content = analyse(runbook, file)
    cache.set(runbook, content)
  }
  return content
}

function analyse(runbook: Runbook, file: VFile): RunbookContent {
  const place = location(file)
  const source = String(file.value ?? '')
  const rendered = source.includes('{%') && renderedTag.test(source)
  const template = runbook.template
  const bySection = new Map<Section, SectionContent>()
  const all: Placeholder[] = []
  const reports: LeftoverReport[] = []
  let closedTags: Set<string> | undefined
  const closed = (): ReadonlySet<string> =>
    (closedTags ??= new Set([...source.matchAll(closingTag)].map((match) => match[1]!.toLowerCase())))
  const verbatim = new WeakMap<Text, boolean>()
  // Where in its text node's value each leftover found there starts (see `rangeIn`).
  const valueIndex = new Map<Position, number>()
  // The owner section and its subsections: an email address on a reserved
  // domain there is `runbook-owner-contact`'s, which names what it should be.
  const ownerSections = new Set<Section>()
  const owner = template.ownerSection && runbook.find(template.ownerSection)?.section
  for (const stack = owner ? [owner] : []; stack.length > 0; ) {
    const current = stack.pop()!
    ownerSections.add(current)
    // One by one: 100,000 subsections overflow the stack as arguments.
    for (const child of current.children) stack.push(child)
  }

  const inHeadings = new Map<Section, Placeholder[]>()
  for (const section of [runbook.root, ...runbook.sections]) {
    // A placeholder in the heading itself (`## <System> overview`): its own
    // finding, whatever the body holds.
    if (section.heading) {
      const found = inlineLeftovers(section.heading, section)
      const title = toString(section.heading).trim()
      // Only as the document's title: `## Service name` above its value is a field of the team's.
      if (found.length === 0 && section.heading.depth === 1 && titleStandIn.test(title) && section.heading.position) {
        found.push(leftover('instruction', section, section.heading, section.heading.position, title))
      }
      if (found.length > 0) inHeadings.set(section, found)
      for (const placeholder of found) all.push(placeholder)
    }
    bySection.set(section, analyseSection(section))
  }
  quotedPrompts()
  for (const section of [runbook.root, ...runbook.sections]) {
    for (const placeholder of bySection.get(section)!.placeholders) all.push(placeholder)
  }

  const hollowSections = new Map<Section, boolean>()
  const hollow = (section: Section): boolean => {
    let result = hollowSections.get(section)
    if (result === undefined) {
      result = (bySection.get(section) ?? emptySection).empty && section.children.every((child) => hollow(child))
      hollowSections.set(section, result)
    }
    return result
  }

  const unwrittenSections = new Map<Section, boolean>()
  const unwritten = (section: Section): boolean => {
    let result = unwrittenSections.get(section)
    if (result === undefined) {
      result = (bySection.get(section) ?? emptySection).content.length === 0 && section.children.every((child) => unwritten(child))
      unwrittenSections.set(section, result)
    }
    return result
  }

  for (const section of [runbook.root, ...runbook.sections]) {
    for (const placeholder of inHeadings.get(section) ?? []) {
      reports.push({section, placeholders: [placeholder], only: false, position: placeholder.position})
    }
    const result = bySection.get(section)!
    const own = result.placeholders.filter((placeholder) => placeholder.kind !== 'field')
    if (own.length === 0) continue
    // The template's prompts and examples kept above the team's own answer
    // (a block of its own with nothing left to fill in it) are guidance the
    // team keeps: the section is filled. Above subsections, they are the
    // group's guidance: the subsections answer it, or are each reported
    // (never the group's prompt as well).
    // A group's prompt with an example of its own asks for text of its own:
    // it is reported beside its subsections.
    const ownExample = own.some(
      (placeholder) =>
        placeholder.kind === 'example' || (placeholder.kind === 'template-text' && ownExampleText.test(toString(placeholder.node)))
    )
    const answered = result.answered || (section.children.length > 0 && !ownExample)
    const left = answered ? own.filter((placeholder) => !guidanceKinds.has(placeholder.kind)) : own
    if (left.length === 0) continue
    if (result.content.length === 0) {
      // The section's own text is the template's: one finding, whether its
      // subsections are filled or not.
      reports.push({section, placeholders: left, only: result.onlyTemplateText, position: span(left)})
    } else {
      for (const placeholder of left) {
        // A list of sample steps is one finding, at its first item.
        const last = reports.at(-1)
        if (placeholder.samples && last?.section === section && last.placeholders[0]!.samples === placeholder.samples) {
          const placeholders = [...last.placeholders, placeholder]
          reports[reports.length - 1] = {section, placeholders, only: false, position: span(placeholders)}
          continue
        }
        reports.push({section, placeholders: [placeholder], only: false, position: placeholder.position})
      }
    }
  }

  return {
    placeholders: all,
    leftoverReports: reports,
    of: (section) => bySection.get(section) ?? emptySection,
    hollow,
    unwritten
  }

  /**
   * A house template's prompts in its own words need not ask or request
   * (`> The hours the service must be up, and its maintenance windows.`):
   * a short blockquote directly under a heading, with nothing else in the
   * section but an example or a lone `_`, is its prompt; so is such a
   * blockquote alone, in a file where two other sections or more hold only
   * a prompt: a template's copy, prompt after prompt.
   */
  function quotedPrompts(): void {
    const alone: Array<[Section, SectionContent, Blockquote]> = []
    let prompted = 0
    for (const [section, result] of bySection) {
      if (result.content.length === 0 && result.placeholders.some((placeholder) => placeholder.kind === 'prompt')) prompted++
      const quote = loneQuote(section, result)
      if (!quote) continue
      if (result.placeholders.some((placeholder) => placeholder.kind === 'example' || placeholder.kind === 'stub')) {
        toPrompt(section, result, quote)
        prompted++
      } else {
        alone.push([section, result, quote])
      }
    }
    if (prompted >= 2) for (const [section, result, quote] of alone) toPrompt(section, result, quote)
  }

  function toPrompt(section: Section, result: SectionContent, quote: Blockquote): void {
    const placeholders = [leftover('prompt', section, quote, quote.position!, ''), ...result.placeholders]
    bySection.set(section, {...result, placeholders, content: [], answered: false, bare: undefined, empty: false, onlyTemplateText: section.children.length === 0})
  }

  /** The section's only content, when it is a short blockquote directly under its heading, with no code, link or leftover of its own. */
  function loneQuote(section: Section, result: SectionContent): Blockquote | undefined {
    const [only] = result.content
    if (result.content.length !== 1 || only?.type !== 'blockquote' || !section.heading) return undefined
    if (section.body.find((node) => !ignorable(node)) !== only) return undefined
    if (lineCount(only) > maxPromptLines || hasCode(only) || hasLink(only)) return undefined
    const text = toString(only).trim()
    if (text.length > 400 || admonition.test(text) || only.children[0]?.type !== 'paragraph') return undefined
    if (only.children[0].children[0]?.type === 'strong' || result.placeholders.some((placeholder) => placeholder.node === only)) return undefined
    return only
  }

  function analyseSection(section: Section): SectionContent {
    const placeholders: Placeholder[] = []
    const content: RootContent[] = []
    const fields: FieldValue[] = []
    const match = runbook.matchOf(section)
    const inTemplateSection = match !== undefined
    const templateFields = match?.entry.fields ?? []
    // A blockquote of questions under the heading that no fingerprint knows:
    // a prompt if nothing real follows it, else the runbook's own question
    // (an FAQ) above its answer.
    let questions: {node: Blockquote; placeholder: Placeholder} | undefined
    // Whether a block is the team's answer with nothing left to fill in it.
    let answered = false
    // Prompts and examples recognised by their wording, not by fingerprint.
    const generic = new Set<Placeholder>()

    const body = section.body
    for (let index = 0; index < body.length; index++) {
      const node = body[index]!
      if (!node.position) continue
      if (node.type === 'definition') {
        const reserved = reservedLink(node, section, false)
        if (reserved) placeholders.push(reserved)
      }
      if (ignorable(node)) continue

      if (node.type === 'blockquote') {
        const firstUnderHeading = inTemplateSection && index === firstQuoteIndex(section)
        const found = blockquoteLeftovers(node, section, firstUnderHeading)
        if (found === 'boilerplate') continue
        if (found.leftovers.length > 0) {
          placeholders.push(...found.leftovers)
          // The runbook's own text, written on in the prompt's blockquote.
          if (found.rest) {
            content.push(node)
            answered = true
          }
          continue
        }
        if (firstUnderHeading && isQuestionsOnly(toString(node))) {
          questions = {node, placeholder: leftover('prompt', section, node, node.position, '')}
          continue
        }
        // A prompt in the team's own wording: questions or a request to
        // describe, list, provide ... a few lines long.
        if (isPromptText(toString(node)) && lineCount(node) <= maxPromptLines && !hasCode(node)) {
          const prompt = leftover('prompt', section, node, node.position, '')
          generic.add(prompt)
          placeholders.push(prompt)
          continue
        }
      }

      // Where the template puts its field, a label of another name is the
      // field's value written as its label (`**Billing API:**` for
      // `**Service or system name:** Billing API`).
      const valueAsLabel = templateFields.length > 0 && fields.length === 0 && content.length === 0
      if ((node.type === 'paragraph' && !valueAsLabel) || node.type === 'list' || node.type === 'table') {
        fields.push(...emptyLabelled(node, body[index + 1], templateFields))
      }

      if (node.type === 'paragraph') {
        const text = toString(node)
        const tableText = text.includes('|') ? textTableLeftovers(node, section) : undefined
        if (tableText) {
          for (const placeholder of tableText.leftovers) placeholders.push(placeholder)
          if (!tableText.real) continue
          content.push(node)
          if (tableText.leftovers.length === 0) answered = true
          continue
        }
        const field = templateFields.length > 0 ? templateField(node, templateFields) : undefined
        if (field) {
          fields.push(field)
          if (field.state !== 'filled') {
            // The field's own rule reports it, naming the field: its `TODO`
            // is not also a leftover of the section.
            const label = node.children[0]!
            placeholders.push(leftover('field', section, node, label.position ?? node.position, field.value))
            continue
          }
        }
        const whole = paragraphLeftover(node, section, text)
        if (whole) {
          placeholders.push(whole)
          continue
        }
        const prompt = genericPrompt(node, section, text, placeholders.at(-1))
        if (prompt) {
          generic.add(prompt)
          placeholders.push(prompt)
          continue
        }
        if (isEmptyField(node, text)) continue
        // "TODO: ...", "TBD", "[fill in]", "To be completed ..." or lorem
        // ipsum: a note to self, not content; its markers are reported where
        // they are. (The paragraph's text holds every text and HTML value in
        // it: without a marker or a bracket, there is nothing to look for.)
        const inline = mayHaveLeftover.test(text) || mayLinkReserved(node) ? inlineLeftovers(node, section) : []
        const phrase = mayOpenWithPhrase.test(text) ? phraseLeftover(node, section) : undefined
        if (phrase) inline.unshift(phrase)
        for (const placeholder of inline) placeholders.push(placeholder)
        if (!phrase && !leadingMarker.test(text) && !onlyLeftovers(node, inline, valueIndex)) {
          content.push(node)
          if (inline.length === 0) answered = true
        }
        continue
      }

      // A list whose items are all empty (`- `) says nothing either.
      if (node.type === 'list' && !hasText(node)) continue

      // A template's sample steps (`1. Step 1`, `2. Step 2`) and nothing else.
      if (node.type === 'list' && node.children.length > 0 && node.children.every((item) => sampleStep.test(toString(item).trim()))) {
        for (const item of node.children) {
          placeholders.push({...leftover('marker', section, item, item.position ?? node.position, toString(item).trim()), samples: node})
        }
        continue
      }

      // A table whose values are the template's questions or stand-ins
      // (`| Owner | Who owns this? |`, `| Logs | [links] |`) says nothing.
      if (node.type === 'table') {
        const found = tableLeftovers(node, section)
        for (const placeholder of found.leftovers) placeholders.push(placeholder)
        if (!found.real) continue
        content.push(node)
        if (found.leftovers.length === 0) answered = true
        continue
      }

      if (node.type === 'html' && isInstructionHtml(node.value, closed)) {
        placeholders.push(leftover('instruction', section, node, node.position, node.value.trim()))
        continue
      }

      content.push(node)
      const inline = node.type === 'code' ? [] : inlineLeftovers(node, section)
      for (const placeholder of inline) placeholders.push(placeholder)
      if (inline.length === 0) answered = true
    }

    if (questions) {
      if (content.length === 0) placeholders.unshift(questions.placeholder)
      else content.unshift(questions.node)
    }
    // Prompts known by their wording alone are template text only where
    // nothing else is written: beside the team's text, they may be its own
    // questions (an FAQ) or its own instructions.
    if (content.length > 0 && generic.size > 0) {
      for (let index = placeholders.length - 1; index >= 0; index--) {
        if (generic.has(placeholders[index]!)) placeholders.splice(index, 1)
      }
    }

    let bare: SectionContent['bare']
    if (content.length === 1 && content[0]!.type === 'paragraph') {
      const value = toString(content[0]!).trim()
      if (bareValue.test(value)) bare = {node: content[0]!, value}
    }

    const empty = content.length === 0 && placeholders.length === 0
    const onlyTemplateText =
      content.length === 0 &&
      section.children.length === 0 &&
      placeholders.some((placeholder) => placeholder.kind !== 'field')

    return {placeholders, content, answered, bare, fields, empty, onlyTemplateText}
  }

  /**
   * The prompt known by fingerprint, and what follows it in the same
   * blockquote by lazy continuation: its example (template text too), or
   * the runbook's own text (`rest`: content, the prompt's lines aside).
   */
  function blockquoteLeftovers(
    node: Blockquote,
    section: Section,
    firstUnderHeading: boolean
  ): {leftovers: Placeholder[]; rest: boolean} | 'boilerplate' {
    const text = toString(node)
    const kind = template.textKind(text)
    if (kind === 'boilerplate') return 'boilerplate'
    if (kind === 'prompt') return {leftovers: [leftover('prompt', section, node, node.position!, '')], rest: false}
    if (kind === 'example' || kind === 'guidance') {
      return {leftovers: [leftover('template-text', section, node, node.position!, '')], rest: false}
    }

    const split = promptSplit(node, firstUnderHeading)
    if (!split) return {leftovers: [], rest: false}
    const prompt = leftover('prompt', section, node, {start: node.position!.start, end: split.promptEnd}, '')
    if (!split.example) return {leftovers: [prompt], rest: true}
    return {leftovers: [prompt, leftover('example', section, node, {start: split.restStart, end: node.position!.end}, '')], rest: false}
  }

  /**
   * Where a prompt ends inside a blockquote and something else starts: its
   * example (`(e.g.`, pulled in by lazy continuation or quoted on purpose:
   * questions and an example together are template text, known or not), or
   * the author's own text written on without a blank line. For the latter,
   * the prompt is the template's (by fingerprint), or questions directly
   * under the heading followed by a lazy line.
   */
  function promptSplit(node: Blockquote, firstUnderHeading: boolean) {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return undefined
    const lines = source.slice(start, end).split('\n')
    let offset = start
    const before: string[] = []
    for (const [index, line] of lines.entries()) {
      const prefix = /^[ \t]{0,3}(?:>[ \t]?){0,8}/.exec(line)![0]
      const content = line.slice(prefix.length)
      if (index > 0 && index <= maxPromptLines) {
        const promptText = before.join('\n')
        const example = isExampleText(content)
        const known = template.textKind(promptText) === 'prompt'
        const lazy = !prefix.includes('>')
        if ((example && (known || isPromptText(promptText))) || (!example && /[\p{L}\p{N}]/u.test(content) && (known || (firstUnderHeading && lazy && isQuestionsOnly(promptText))))) {
          const restStart = place.toPoint(offset + prefix.length)
          const promptEnd = lineEnd(offset - 1)
          if (!restStart || !promptEnd) return undefined
          return {restStart, promptEnd, example}
        }
      }
      before.push(content)
      offset += line.length + 1
    }
    return undefined
  }

  /** The end of the line whose line feed is at `newline`, before a carriage return. */
  function lineEnd(newline: number): Point | undefined {
    return place.toPoint(source.charAt(newline - 1) === '\r' ? newline - 1 : newline)
  }

  /** A template field's label and value, if the paragraph is one. */
  function templateField(node: Paragraph, templateFields: ReadonlyArray<TemplateField>): FieldValue | undefined {
    const label = fieldLabel(node)
    if (label === undefined) return undefined
    const key = titleKey(label)
    const field = templateFields.find((each) => each.keys.has(key))
    if (!field) return undefined
    const value = fieldValue(node)
    const state = value === '' ? 'empty' : isPlaceholderValue(value) ? 'placeholder' : 'filled'
    return {field, label, node, place: node.children[0]!.position ?? node.position!, value, state, template: true}
  }

  /**
   * The labelled values of a block, other than the template's fields, that
   * have no value: a bold label with nothing after it (and no block after it
   * to hold its value, such as a list under `**Steps:**`), or a table row
   * with an empty second cell.
   */
  function emptyLabelled(
    node: Paragraph | List | Table,
    next: RootContent | undefined,
    templateFields: ReadonlyArray<TemplateField>
  ): FieldValue[] {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return []
    let rows: Labelled[]
    if (node.type === 'table') {
      rows = tableRows(node)
    } else {
      rows = (node.type === 'paragraph' ? textTableRows(source, start, end) : undefined) ?? labelledLines(source, start, end)
      // A label on the block's last line takes the next block for its value,
      // unless that is another label.
      const lastLine = source.lastIndexOf('\n', end - 1)
      const nextIsValue = next !== undefined && !ignorable(next) && !startsWithLabel(next)
      if (nextIsValue) rows = rows.filter((row) => row.value !== '' || row.start < lastLine)
    }
    return rows.flatMap((row) => {
      if (row.value !== '' || templateFields.some((field) => field.keys.has(titleKey(row.label)))) return []
      const from = place.toPoint(row.start)
      const to = place.toPoint(row.end)
      if (!from || !to) return []
      const field: TemplateField = {label: row.label, purpose: `a value for \`${row.label}\``, keys: new Set([titleKey(row.label)])}
      return [{field, label: row.label, node, place: {start: from, end: to}, value: '', state: 'empty' as const, template: false}]
    })
  }

  function startsWithLabel(node: RootContent): boolean {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (node.type !== 'paragraph' || start === undefined || end === undefined) return false
    return labelledLines(source, start, Math.min(end, source.indexOf('\n', start) === -1 ? end : source.indexOf('\n', start)))[0]?.start !== undefined
  }

  /** Whether a block's source may link where its text does not say: to a stand-in host, or nowhere (`[Dashboard](#)`). */
  function mayLinkReserved(node: Nodes): boolean {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return false
    const text = source.slice(start, end)
    return standInHostHint.test(text) || text.includes('](#)') || text.includes(']()')
  }

  /** "To be completed ..." opening a paragraph, at the range of its first words. */
  function phraseLeftover(node: Paragraph, section: Section): Placeholder | undefined {
    let first: Nodes | undefined = node
    while (first && first.type !== 'text' && 'children' in first) first = first.children[0] as Nodes | undefined
    if (!first || first.type !== 'text' || !first.position) return undefined
    const match = leadingPhrase.exec(first.value)
    if (!match) return undefined
    const phrase = match[1]!
    const index = match.index + match[0].length - phrase.length
    return leftover('marker', section, first, rangeIn(first, index, phrase.length), phrase)
  }

  /**
   * A paragraph that asks the writer for text in any wording (questions,
   * "Describe ...", "This section should list ..."), or an example line
   * (`For example: ...`) right below such a prompt: template text of a
   * house template. A command in it (`List the pods with \`kubectl get
   * pods\``) makes it the operator's instruction instead.
   */
  function genericPrompt(node: Paragraph, section: Section, text: string, previous: Placeholder | undefined): Placeholder | undefined {
    if (fieldLabel(node) !== undefined || hasCode(node)) return undefined
    if (isPromptText(text)) return leftover('prompt', section, node, node.position!, '')
    if (previous && (previous.kind === 'prompt' || previous.kind === 'example') && isExampleLine(text)) {
      return leftover('example', section, node, node.position!, '')
    }
    return undefined
  }

  function paragraphLeftover(node: Paragraph, section: Section, whole: string): Placeholder | undefined {
    const text = whole.trim()
    if (text === '_' || text === '__' || /^\\?_$/.test(text)) return leftover('stub', section, node, node.position!, '_')
    if (isExampleText(text)) return leftover('example', section, node, node.position!, '')
    const kind = template.textKind(text)
    if (kind === 'guidance') return leftover('guidance', section, node, node.position!, '')
    if (kind === 'example' || kind === 'prompt') return leftover('template-text', section, node, node.position!, '')
    if (unfinished.test(text)) return leftover('template-text', section, node, node.position!, '')
    return undefined
  }

  /** Markers and instructions inside real content, at their exact range. */
  function inlineLeftovers(node: RootContent, section: Section): Placeholder[] {
    const found: Placeholder[] = []
    let blockAsks: boolean | undefined
    // An HTML comment just before or after the block that asks for a link (`<!-- Add the dashboard link -->`).
    const asksAround = (): boolean => {
      if (blockAsks === undefined) {
        const index = section.body.indexOf(node)
        blockAsks = index !== -1 && [section.body[index - 1], section.body[index + 1]].some((block) => block?.type === 'html' && asksForLink(block.value))
      }
      return blockAsks
    }
    visitInline(node, false, false)
    return found

    // A link's destination is never looked at; its text is, for bracketed
    // instructions (`[insert link here](#)`) but not for markers (a link
    // named "TODO list" points at one). Recursive, in document order.
    function visitInline(current: Nodes, inLink: boolean, inQuote: boolean, afterLink?: number): void {
      if (current.type === 'text') {
        textLeftovers(current, section, inLink, inQuote, found, afterLink)
      } else if (current.type === 'html') {
        const start = current.position?.start.offset
        const end = current.position?.end.offset
        if (
          current.position &&
          isInstructionHtml(current.value, closed) &&
          !(start !== undefined && end !== undefined && isParameter(start, end, current.value.trim().slice(1, -1), inQuote && !quoteToFill(start, section)))
        ) {
          found.push(leftover('instruction', section, current, current.position, current.value.trim()))
        }
      } else if ('children' in current) {
        if (current.type === 'link' && !inLink) {
          const reserved = reservedLink(current, section, inQuote)
          if (reserved) found.push(reserved)
        }
        const link = inLink || current.type === 'link' || current.type === 'linkReference'
        const quote = inQuote || current.type === 'blockquote'
        let previous: Nodes | undefined
        for (const [index, child] of current.children.entries()) {
          if (child.type === 'link' && !inLink) {
            const empty = emptyLink(child, current.children as ReadonlyArray<Nodes>, index, asksAround)
            if (empty) found.push(leftover('instruction', section, child, child.position!, empty))
          }
          if (child.type === 'inlineCode' && !inLink && codedFieldValue(child, current.children as ReadonlyArray<Nodes>, index)) {
            found.push(leftover('instruction', section, child, child.position!, child.value.trim()))
          }
          const linkEnd = previous?.type === 'link' || previous?.type === 'linkReference' ? previous.position?.end.offset : undefined
          visitInline(child as Nodes, link, quote, linkEnd)
          previous = child as Nodes
        }
      }
    }
  }

  /**
   * A link or definition to a domain reserved for examples
   * (`https://grafana.example.com/d/api`, `<oncall@example.org>`): the
   * template's, not the team's, unless the sentence gives it as an example
   * or quotes a sample.
   */
  function reservedLink(node: Link | Definition, section: Section, inQuote: boolean): Placeholder | undefined {
    const {url, position} = node
    const start = position?.start.offset
    const end = position?.end.offset
    if (!position || start === undefined || end === undefined || !isReservedUrl(url)) return undefined
    if ((inQuote && !quoteToFill(start, section)) || exampleLead.test(lineBefore(start))) return undefined
    const written = source.slice(start, end)
    const bare = url.replace(/^mailto:/i, '')
    const at = written.indexOf(url) === -1 ? written.indexOf(bare) : written.indexOf(url)
    const shown = written.indexOf(url) === -1 ? bare : url
    if (bare !== url && ownerSections.has(section)) return undefined
    const from = at === -1 ? undefined : place.toPoint(start + at)
    const to = at === -1 ? undefined : place.toPoint(start + at + shown.length)
    return leftover('instruction', section, node, from && to ? {start: from, end: to} : position, at === -1 ? url : shown)
  }

  /**
   * A link with no target (`[Dashboard](#)`, `[Logs]()`) beside an HTML
   * comment that asks for it (`<!-- TODO: add the link -->`), in its line or
   * just before or after its block: the link as written, a stand-in left to
   * fill in. A `#` link alone goes to the top of the page.
   */
  function emptyLink(node: Link, siblings: ReadonlyArray<Nodes>, index: number, asksAround: () => boolean): string | undefined {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined || (node.url !== '' && node.url !== '#')) return undefined
    const written = source.slice(start, end)
    if (!written.endsWith('(#)') && !written.endsWith('()')) return undefined
    const beside = (step: 1 | -1): Nodes | undefined => {
      let at = index + step
      while (siblings[at]?.type === 'text' && /^[\s,;.:–—-]*$/.test((siblings[at] as Text).value)) at += step
      return siblings[at]
    }
    const asks = [beside(1), beside(-1)].some((sibling) => sibling?.type === 'html' && asksForLink(sibling.value))
    return asks || asksAround() ? written : undefined
  }

  /**
   * Whether inline code is a bracketed stand-in written as a field's whole
   * value (`**Owner:** \`<team-name>\``, `**Severity:** \`<critical|warning>\``):
   * after a bold label ending in a colon, and alone up to the end of its
   * line. Code anywhere else is real (`\`kubectl logs <pod>\``).
   */
  function codedFieldValue(node: InlineCode, siblings: ReadonlyArray<Nodes>, index: number): boolean {
    const value = node.value.trim()
    if (!/^<[^<>\n]{1,60}>$|^\[[^[\]"'\n]{1,60}\]$/.test(value) || !node.position) return false
    let before = index - 1
    while (siblings[before]?.type === 'text' && /^[\t :]*$/.test((siblings[before] as Text).value)) before--
    const label = siblings[before]
    if (label?.type !== 'strong' && label?.type !== 'emphasis') return false
    const text = toString(label).trim()
    const colon = text.endsWith(':') || (before < index - 1 && (siblings[before + 1] as Text).value.includes(':'))
    // A format, a syntax or an example described (`**Syntax**: \`[expression for item in list]\``) is real.
    if (!colon || !/^[\p{L}][\p{L}\p{N} /&'’()-]{0,40}:?$/u.test(text) || formatWord.test(text) || /\b(?:examples?|usage|type)\b/i.test(text)) return false
    const end = node.position.end.offset!
    return /^[ \t]*(?:\r?\n|$)/.test(source.slice(end, end + 200))
  }

  /** The text of the line before `offset`, at most 400 characters of it. */
  function lineBefore(offset: number): string {
    let lineStart = offset
    while (lineStart > 0 && source.charAt(lineStart - 1) !== '\n' && offset - lineStart < 400) lineStart--
    return source.slice(lineStart, offset)
  }

  /** The text of the line after `offset`, at most 400 characters of it. */
  function lineAfter(offset: number): string {
    let lineEnd = offset
    while (lineEnd < source.length && source.charAt(lineEnd) !== '\n' && lineEnd - offset < 400) lineEnd++
    return source.slice(offset, lineEnd)
  }

  /** Whether the line before `offset` ends in a value's label (`Created:`, `> **Last updated:**`, `| Date:`), not a format's. */
  function afterLabel(offset: number): boolean {
    const before = trimEnd(lineBefore(offset), ' \t*_')
    if (!before.endsWith(':')) return false
    const segment = before.slice(before.lastIndexOf('|') + 1, -1)
    let from = 0
    while (from < segment.length && ' \t>*_-'.includes(segment.charAt(from))) from++
    const label = trimEnd(segment.slice(from), ' \t*_')
    return dateLabel.test(label) && !formatWord.test(label)
  }

  /**
   * Whether a stand-in at `start`, inside a block quote, is the team's text
   * to fill rather than quoted sample text: the value of a bold field label
   * (`> **Owner:** [Team name]`), or anywhere in the runbook's lead above
   * its first section (`> Purpose: ... [..]`), unless its line introduces a
   * sample (`Message: ...`) or explains a format.
   */
  function quoteToFill(start: number, section: Section): boolean {
    let lineStart = start
    while (lineStart > 0 && source.charAt(lineStart - 1) !== '\n' && start - lineStart < 400) lineStart--
    const before = source.slice(lineStart, start)
    if (sampleLead.test(before) || formatLead.test(before)) return false
    if (boldLabelBefore.test(before)) return true
    return (section === runbook.root || section.heading?.depth === 1) && !quotesAlert(start, section)
  }

  /**
   * Whether the block quote around `start` quotes the alert as it pages
   * (`> [FIRING:1] DiskFull on <hostname>`): it names the page's alert, has
   * the alerting system's words, or the paragraph before it introduces it
   * (`The page you get looks like this:`). Its stand-ins are the alert's
   * format, not values to fill in.
   */
  function quotesAlert(start: number, section: Section): boolean {
    const index = section.body.findIndex(
      (node) => node.type === 'blockquote' && node.position && node.position.start.offset! <= start && start < node.position.end.offset!
    )
    if (index === -1) return false
    const text = toString(section.body[index]!)
    if (alertWords.test(text) || pageNames().some((name) => nameKey(text).includes(name))) return true
    const previous = section.body[index - 1]
    return previous?.type === 'paragraph' && /:\s*$/.test(toString(previous)) && quoteLead.test(toString(previous))
  }

  /** The names the page goes by, compared without case or spaces: its title's and its file's (`KubeletDown`). */
  function pageNames(): string[] {
    const title = runbook.sections.find((section) => section.heading?.depth === 1)
    const names = [title ? titleCore(title.title) : '', fileStem(file) ?? ''].map((name) => nameKey(name))
    return names.filter((name) => name.length >= 6)
  }

  /**
   * Whether a name in brackets at `start` to `end` of the source is a
   * parameter rather than a placeholder to fill in: joined to a path, an
   * address or an assignment, inside a quoted sample (a quoted message, a
   * block quote), or on a command line. A request to fill in (`<insert
   * team>`) is one wherever it is.
   */
  function isParameter(start: number, end: number, inner: string, inQuote: boolean): boolean {
    if (fillIn.test(inner.trim())) return false
    if (inQuote) return true
    if (joinedBefore.test(source.charAt(start - 1))) return true
    const after = source.charAt(end)
    if (joinedAfter.test(after) || ((after === '.' || after === '-') && /[\p{L}\p{N}]/u.test(source.charAt(end + 1)))) return true
    let lineStart = start
    while (lineStart > 0 && source.charAt(lineStart - 1) !== '\n' && start - lineStart < 400) lineStart--
    let lineEnd = end
    while (lineEnd < source.length && source.charAt(lineEnd) !== '\n' && lineEnd - end < 400) lineEnd++
    const before = source.slice(lineStart, start)
    const rest = source.slice(end, lineEnd)
    if (commandLine.test(before + ' ' + rest)) return true
    // A sample introduced on its line (`Message: Disk full on <host>`, `the
    // page says: ...`) or a format explained (`entries have the form
    // <service>: <message>`, `written as <a name="">`).
    if (sampleLead.test(before) || formatLead.test(before)) return true
    // Inside a quotation, within its paragraph (a quote may wrap): an odd
    // number of straight quotes before it and one after, a curly one opened
    // and not closed, or a single quote opened and closed around it.
    let paragraphStart = start
    while (paragraphStart > 0 && start - paragraphStart < 600 && !source.startsWith('\n\n', paragraphStart - 2)) paragraphStart--
    const paragraphEnd = source.indexOf('\n\n', end)
    const quoteBefore = source.slice(paragraphStart, start)
    const quoteAfter = source.slice(end, Math.min(paragraphEnd === -1 ? source.length : paragraphEnd, end + 600))
    const straight = (text: string) => text.split('"').length - 1
    if (straight(quoteBefore) % 2 === 1 && straight(quoteAfter) > 0) return true
    if (quoteBefore.lastIndexOf('“') > quoteBefore.lastIndexOf('”') && quoteAfter.includes('”')) return true
    return singleOpen.test(quoteBefore) && singleClose.test(quoteAfter)
  }

  function textLeftovers(node: Text, section: Section, inLink: boolean, inQuote: boolean, into: Placeholder[], afterLink?: number): void {
    if (!node.position || !(mayHaveLeftover.test(node.value) || standInHostHint.test(node.value))) return
    const value = maskUrls(node.value)
    const found: Placeholder[] = []
    const numbers = inLink || !value.includes('XX') && !value.includes('xx') ? [] : [...value.matchAll(digitGroups)].filter((match) => isDigitStandIn(match[0]))
    for (const match of numbers) found.push(leftover('marker', section, node, rangeIn(node, match.index, match[0].length), match[0]))
    let number = 0
    for (const match of inLink ? [] : value.matchAll(marker)) {
      const word = match[0]
      if (!/^lorem/i.test(word) && !upperMarker.test(word)) continue
      // An X group of a number's stand-in is part of its one finding.
      while (number < numbers.length && numbers[number]!.index + numbers[number]![0].length <= match.index) number++
      if (number < numbers.length && numbers[number]!.index <= match.index) continue
      found.push(leftover('marker', section, node, rangeIn(node, match.index, word.length), word))
    }
    for (const match of value.matchAll(bracketed)) {
      const inner = match[0].slice(1, -1)
      const angle = match[0].startsWith('<')
      // `[critical | warning | info]`, not a wiki link's `[[Page|title]]`.
      const choice = !angle && isChoiceList(inner) && value.charAt(match.index - 1) !== '[' && value.charAt(match.index + match[0].length) !== ']'
      // Past a short name, only a request to fill in or a choice is one (`[DECISION REQUIRED: …]`).
      if (inner.length > 80 && !choice && !fillIn.test(inner.trim())) continue
      // `<System>` written out as text (not parsed as a tag): a name to fill in.
      const name = angle && angleName.test(inner) && !htmlElements.has(inner.split(' ')[0]!.toLowerCase())
      // A tag written out (`\\<a name="">` in a page about anchors): markup shown, not a name to fill in.
      if (angle && !name && (inner.includes('=') || htmlElements.has(inner.split(/[\s/]/)[0]!.toLowerCase()))) continue
      if (!name && !choice && !isInstruction(inner.trim()) && !standIn.test(inner.trim())) continue
      const range = rangeIn(node, match.index, match[0].length)
      const start = range.start.offset
      const end = range.end.offset
      const exact = start !== undefined && end !== undefined && end - start === match[0].length
      if (exact && isParameter(start, end, inner, inQuote && !quoteToFill(start, section))) continue
      if (!angle && isLinkText(inner, exact ? end : undefined)) continue
      // A docs site's mark after a link (`[Grafana](…) [external link]`, `[↗]`): the link's, not a stand-in.
      if (!angle && exact && afterLink !== undefined && source.slice(afterLink, start).trim() === '' && isLinkMarker(inner)) continue
      found.push(leftover('instruction', section, node, range, match[0]))
    }
    for (const match of value.includes('{') ? value.matchAll(templateVariable) : []) {
      if (rendered && match[0].startsWith('{')) continue
      const inner = match[0].startsWith('$') ? match[0].slice(2, -1) : match[0].slice(2, -2).trim()
      if (!variableName.test(inner) || templateKeyword.test(inner)) continue
      const range = rangeIn(node, match.index, match[0].length)
      const start = range.start.offset
      const end = range.end.offset
      const exact = start !== undefined && end !== undefined && end - start === match[0].length
      // Real syntax where it is written as such: a path, a command line, quoted alert text, a sentence about the variable.
      if (exact && (isParameter(start, end, inner, inQuote && !quoteToFill(start, section)) || variableWord.test(lineBefore(start) + ' ' + lineAfter(end)))) continue
      found.push(leftover('instruction', section, node, range, match[0]))
    }
    for (const match of value.includes('YYYY') || value.includes('yyyy') ? value.matchAll(dateFormat) : []) {
      const range = rangeIn(node, match.index, match[0].length)
      const start = range.start.offset
      if (start === undefined || range.end.offset !== start + match[0].length) continue
      if ((inQuote && !quoteToFill(start, section)) || !afterLabel(start)) continue
      found.push(leftover('instruction', section, node, range, match[0]))
    }
    let addressEnd = 0
    const addresses = inLink || !standInHostHint.test(node.value)
      ? []
      : [...node.value.matchAll(reservedDomain), ...node.value.matchAll(standInAddress)].sort((a, b) => a.index - b.index)
    for (const match of addresses) {
      const [from, to] = addressAround(node.value, match.index, match.index + match[0].length)
      if (from < addressEnd) continue
      addressEnd = to
      if (ownerSections.has(section) && node.value.slice(from, to).includes('@') && !node.value.slice(from, to).includes('/')) continue
      const range = rangeIn(node, from, to - from)
      const start = range.start.offset
      if (start !== undefined && ((inQuote && !quoteToFill(start, section)) || exampleLead.test(lineBefore(start)))) continue
      found.push(leftover('instruction', section, node, range, node.value.slice(from, to)))
    }
    for (const match of inLink ? [] : value.matchAll(questionMarks)) {
      found.push(leftover('marker', section, node, rangeIn(node, match.index, match[0].length), match[0]))
    }
    found.sort((a, b) => (a.position.start.offset ?? 0) - (b.position.start.offset ?? 0))
    // One by one: a text of 200,000 markers overflows the stack as arguments.
    for (const placeholder of found) {
      if (placeholder.position !== node.position && onReviewLine(placeholder.position.start)) continue
      into.push(placeholder)
    }
  }

  /**
   * The leftovers of a table's value cells (every column but the first, and
   * the header row aside): a question or a request to the writer in a cell
   * is the template's, as are the stand-ins found in its text. `real`: some
   * value cell says something else.
   */
  function tableLeftovers(node: Table, section: Section): {leftovers: Placeholder[]; real: boolean} {
    const leftovers: Placeholder[] = []
    let real = false
    for (const [rowIndex, row] of node.children.entries()) {
      for (const [cellIndex, cell] of row.children.entries()) {
        const inline = inlineLeftovers(cell as RootContent, section)
        const text = toString(cell).trim()
        if (rowIndex === 0 || cellIndex === 0) {
          for (const placeholder of inline) leftovers.push(placeholder)
          continue
        }
        if (text !== '' && !hasCode(cell) && (isPromptText(text) || sampleStep.test(text)) && cell.position) {
          leftovers.push(leftover('prompt', section, cell, cell.position, ''))
          continue
        }
        for (const placeholder of inline) leftovers.push(placeholder)
        let rest = text
        for (const placeholder of inline) rest = rest.replace(placeholder.text, '')
        if (letterOrDigit.test(rest) || hasCode(cell)) real = true
      }
    }
    if (node.children.length < 2 || (node.children[0]?.children.length ?? 0) < 2) real = real || hasText(node)
    return {leftovers, real}
  }

  /** The same for a two-column table written as text (when the parser reads no tables). */
  function textTableLeftovers(node: Paragraph, section: Section): {leftovers: Placeholder[]; real: boolean} | undefined {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    const rows = start === undefined || end === undefined ? undefined : textTableRows(source, start, end)
    if (!rows || rows.length === 0) return undefined
    const text = source.slice(start, end)
    const inline = mayHaveLeftover.test(text) || standInHostHint.test(text) ? inlineLeftovers(node, section) : []
    const leftovers: Placeholder[] = []
    let real = false
    for (const row of rows) {
      if (row.value === '') continue
      if (isPromptText(row.value) || sampleStep.test(row.value)) {
        const at = source.indexOf(row.value, row.end)
        const from = at === -1 ? undefined : place.toPoint(at)
        const to = at === -1 ? undefined : place.toPoint(at + row.value.length)
        leftovers.push(leftover('prompt', section, node, from && to ? {start: from, end: to} : node.position!, ''))
        continue
      }
      let rest = row.value
      for (const placeholder of inline) rest = rest.replace(placeholder.text, '')
      if (letterOrDigit.test(rest)) real = true
    }
    for (const placeholder of inline) leftovers.push(placeholder)
    leftovers.sort((a, b) => (a.position.start.offset ?? 0) - (b.position.start.offset ?? 0))
    return {leftovers, real}
  }

  /**
   * Whether the source line up to `point` labels a review date (`Next review
   * date: [YYYY-MM-DD]`): runbook-review-date reports it. The line's start
   * comes from the point's column: searching back for it, once per leftover,
   * read a megabyte line 200,000 times.
   */
  function onReviewLine(point: Point): boolean {
    if (point.offset === undefined) return false
    const lineStart = point.offset - (point.column - 1)
    return point.column <= 60 && reviewLabel.test(source.slice(lineStart, point.offset))
  }

  /** Whether bracketed text is a link's text whose reference is not defined: `[here]`, or brackets followed by a reference or a destination. */
  function isLinkText(inner: string, end: number | undefined): boolean {
    if (linkText.test(inner.trim())) return true
    return end !== undefined && (source.charAt(end) === '[' || source.charAt(end) === '(') && !fillIn.test(inner.trim())
  }

  /**
   * The exact range of part of a text node, when the source holds the text
   * as is (else the node's), remembering the part of the value it is for
   * `onlyLeftovers`.
   */
  function rangeIn(node: Text, index: number, length: number): Position {
    const position = node.position!
    const start = position.start.offset
    let range: Position = {start: position.start, end: position.end}
    if (start !== undefined && isVerbatim(node, start)) {
      const from = place.toPoint(start + index)
      const to = place.toPoint(start + index + length)
      if (from && to) range = {start: from, end: to}
    } else if (start !== undefined && position.end.offset !== undefined) {
      // Lines after the first lose their `> ` or indent in the value: the
      // same occurrence of the text on one line is found in the source.
      const text = node.value.slice(index, index + length)
      if (!text.includes('\n')) {
        let nth = 0
        for (let at = node.value.indexOf(text); at !== -1 && at < index; at = node.value.indexOf(text, at + 1)) nth++
        const written = source.slice(start, position.end.offset)
        // A table's cell written without a table parser keeps its `\|`.
        const escaped = written.includes(text) || !text.includes('|') ? text : text.replaceAll('|', '\\|')
        let at = written.indexOf(escaped)
        while (at !== -1 && nth-- > 0) at = written.indexOf(escaped, at + 1)
        const from = at === -1 ? undefined : place.toPoint(start + at)
        const to = at === -1 ? undefined : place.toPoint(start + at + escaped.length)
        if (from && to) range = {start: from, end: to}
      }
    }
    valueIndex.set(range, index)
    return range
  }

  // Compared once per text node, not once per leftover in it: a megabyte
  // of `TODO ` was a megabyte compared 200,000 times.
  function isVerbatim(node: Text, start: number): boolean {
    let result = verbatim.get(node)
    if (result === undefined) {
      result = source.startsWith(node.value, start)
      verbatim.set(node, result)
    }
    return result
  }

  function leftover(kind: PlaceholderKind, section: Section, node: Nodes, position: Position, text: string): Placeholder {
    return {kind, section, node, position, text}
  }
}

// A template's sample step: `Step 1`, `Step 2.`
const sampleStep = /^step \d{1,3}[.:)]?$/i
// A title that is the template's own: `Runbook Title`, `Service Name`,
// `This is the name of the system`.
const titleStandIn =
  /^(?:(?:(?:runbook|service|system|application|app|project|component|product|page|document)[ -])?(?:title|name)(?: here)?|this is the (?:name|title) of (?:the|your|this) (?:system|service|application|runbook|project|component))$/i
// A quoted note, warning or GitHub alert: the team's own words.
const admonition = /^\[?!?(?:note|warning|caution|important|tip|danger|info|attention)\b/i
// A prompt is a few lines: past that, a blockquote is the runbook's own.
const maxPromptLines = 8

function lineCount(node: Nodes): number {
  const position = node.position
  return position ? position.end.line - position.start.line + 1 : 0
}

/** Whether a node holds a link: a reference of the team's, not a prompt. */
function hasLink(node: Nodes): boolean {
  if (node.type === 'link' || node.type === 'linkReference') return true
  if ('children' in node) for (const child of node.children) if (hasLink(child as Nodes)) return true
  return false
}

/** Whether a node holds inline code or a code block: a command, not a prompt. */
function hasCode(node: Nodes): boolean {
  if (node.type === 'inlineCode' || node.type === 'code') return true
  if ('children' in node) for (const child of node.children) if (hasCode(child as Nodes)) return true
  return false
}

const emptySection: SectionContent = {
  placeholders: [],
  content: [],
  answered: false,
  bare: undefined,
  fields: [],
  empty: true,
  onlyTemplateText: false
}

/** The range from the first leftover's start to the last one's end. */
function span(placeholders: ReadonlyArray<Placeholder>): Position {
  const first = placeholders[0]!
  let end = first.position.end
  for (const placeholder of placeholders) {
    if ((placeholder.position.end.offset ?? 0) > (end.offset ?? 0)) end = placeholder.position.end
  }
  return {start: first.position.start, end}
}

/** HTML comments, thematic breaks, front matter and definitions say nothing. */
function ignorable(node: RootContent): boolean {
  if (node.type === 'thematicBreak' || node.type === 'yaml' || node.type === 'definition') return true
  if ((node as {type: string}).type === 'toml') return true
  return node.type === 'html' && isComment(node)
}

/**
 * Whether nothing but leftovers and punctuation remains of a paragraph: no
 * letter or digit of its text (as `toString` reads it: values and image
 * alternatives) lies outside a leftover. One pass over the text, however many
 * leftovers it holds (taking each one's text out of the paragraph's with
 * `replace` made a paragraph of 200,000 of them quadratic).
 */
function onlyLeftovers(
  paragraph: Paragraph,
  leftovers: ReadonlyArray<Placeholder>,
  valueIndex: ReadonlyMap<Position, number>
): boolean {
  if (leftovers.length === 0) return false
  const parts = new Map<Nodes, Array<[number, number]>>()
  for (const leftover of leftovers) {
    const index = valueIndex.get(leftover.position)
    // A leftover found in no text (an HTML instruction) is its whole node.
    const part: [number, number] = index === undefined ? [0, Number.POSITIVE_INFINITY] : [index, index + leftover.text.length]
    const list = parts.get(leftover.node)
    if (list) list.push(part)
    else parts.set(leftover.node, [part])
  }
  return !hasOtherText(paragraph)

  function hasOtherText(node: Nodes): boolean {
    if ('value' in node) return hasLetterOutside(node.value, parts.get(node))
    if ('alt' in node && node.alt) return hasLetterOutside(node.alt, undefined)
    if ('children' in node) for (const child of node.children) if (hasOtherText(child)) return true
    return false
  }
}

function hasLetterOutside(value: string, covered: Array<[number, number]> | undefined): boolean {
  if (!covered) return letterOrDigit.test(value)
  covered.sort((a, b) => a[0] - b[0])
  let from = 0
  for (const [start, end] of covered) {
    if (start > from && letterOrDigit.test(value.slice(from, start))) return true
    from = Math.max(from, end)
  }
  return from < value.length && letterOrDigit.test(value.slice(from))
}
const letterOrDigit = /[\p{L}\p{N}]/u

/**
 * Whether a node holds any text but white space: `toString(node).trim() !== ''`,
 * without building the text of a whole list to find out.
 */
function hasText(node: Nodes): boolean {
  if ('value' in node) return nonSpace.test(node.value)
  if ('alt' in node && node.alt) return nonSpace.test(node.alt)
  if ('children' in node) for (const child of node.children) if (hasText(child)) return true
  return false
}
const nonSpace = /\S/

function isComment(node: Html): boolean {
  const value = node.value.trim()
  return value.startsWith('<!--') && value.endsWith('-->')
}

/** `**Label:**` with no value: a field to fill, not content. */
function isEmptyField(node: Paragraph, whole: string): boolean {
  return whole.trimEnd().endsWith(':') && fieldLabel(node) !== undefined
}

function firstQuoteIndex(section: Section): number {
  // The prompt sits directly under the heading, possibly after a field label.
  for (const [index, node] of section.body.entries()) {
    if (node.type === 'blockquote') return index
    if (!(node.type === 'paragraph' && fieldLabel(node) !== undefined) && !ignorable(node)) return -1
  }
  return -1
}
