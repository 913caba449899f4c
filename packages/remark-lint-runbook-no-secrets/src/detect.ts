/**
 * The secret detector that `runbook-no-secrets` reports from and that every
 * report masks with: the rules of secretlint's maintained recommended preset
 * plus a few patterns of our own, run synchronously over a text.
 *
 * secretlint's rules are run here through their public rule API
 * (`create(context, options).file(source)`, as `@secretlint/types` defines
 * it), not through `@secretlint/core`'s `lintSource`:
 *
 * * `lintSource` is asynchronous, and masking has to be synchronous: it
 *   runs on every message of every file when unified-engine's file set is
 *   done (an event, not a promise) and inside reporters;
 * * its clean-up of the reports is quadratic (`filterDuplicatedMessages`
 *   compares every report with every later one, `filterIgnoredMessages`
 *   every report with every `secretlint-disable` range): 200 KB of
 *   `password: ` took 51 s. Here duplicates go through a set and ignored
 *   ranges through a sorted index, so a text costs time linear in its size;
 * * it registered the 25 rules again for every file; here each rule is
 *   created once per process.
 *
 * secretlint 12.0.0 is the last release for Node.js 20 (12.1 and later
 * need Node.js 22). What later presets add that a runbook needs is among our
 * own patterns (Stripe keys), and so is what the preset misses: JSON Web
 * Tokens, passwords in URLs of any scheme (`amqp://`, `redis://`) and with
 * any character RFC 3986 allows in them (`.`, `!`, `%`), and secrets written
 * with character references or backslash escapes (`ghp&#95;…`, `ghp\_…`),
 * which Markdown renders, and other rules then quote, decoded.
 */

import {createRequire} from 'node:module'
import type * as DecodeNamed from 'decode-named-character-reference'
import type * as SecretlintPreset from '@secretlint/secretlint-rule-preset-recommend'
import type {SecretLintRuleContext, SecretLintRuleCreator, SecretLintRuleReportHandler, SecretLintSourceCode} from '@secretlint/types'
import {decodeNumericCharacterReference} from 'micromark-util-decode-numeric-character-reference'

/**
 * Patterns secretlint's recommended preset does not have. Each is linear:
 * bounded repetitions of a character class. Where context comes before the
 * secret, the secret is the group `secret` (a lookbehind instead would be
 * tried at every position of every file).
 */
export const patterns: ReadonlyArray<{readonly name: string; readonly pattern: RegExp}> = [
  {name: 'Stripe secret key', pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/dg},
  {name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg},
  {name: 'Azure storage account key', pattern: /AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/dg},
  {name: 'Azure shared access signature', pattern: /[?&]sig=(?<secret>[A-Za-z0-9%+/=]{40,120})/dg},
  {
    name: 'Azure client secret',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/dg
  },
  {
    // Header and payload are base64url JSON (`eyJ` is `{"`); the signature
    // may be empty (`alg: none`), and the token is a credential all the same.
    // As gitleaks' `jwt` rule, with bounded parts.
    name: 'JSON Web Token',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{0,2000}(?![A-Za-z0-9_-])/dg
  },
  {
    // `scheme://user:password@host`, for any scheme: RFC 3986's user
    // information allows unreserved characters, percent-encodings and
    // sub-delimiters (`.`, `!`, `%`, `$`, …); the password ends at the `@`.
    name: 'password in a URL',
    pattern:
      /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[A-Za-z0-9._~%!$&'()*+,;=-]{0,128}:(?<secret>[^\s/?#@[\]<>"'`\\]{1,256})@(?:[A-Za-z0-9._~%-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?/dg
  },
  {
    // `password: …`, `db_password = …`, `Pwd=…;` in a connection string (a
    // `;` ends the value there); not `OLDPWD=`.
    name: 'password',
    pattern:
      /(?:pass(?:word|wd)|(?<![a-z])pwd)["'*_]{0,2}[ \t]{0,3}[:=][ \t]{0,3}["'`*]{0,2}(?<secret>[^\s"'`*<>;]{3,200})/dgi
  }
]

/** What each report carries: secretlint's, or ours. */
interface Report {
  readonly ruleId: string
  readonly messageId: string
  readonly start: number
  readonly end: number
  readonly data: Record<string, unknown>
}

/** Our patterns as a secretlint rule, so that secretlint's own comments (`secretlint-disable`) apply to them too. */
const patternRule: SecretLintRuleCreator = {
  messages: {PATTERN: {en: (props: {PATTERN_NAME: string}) => `found ${props.PATTERN_NAME}`}},
  meta: {id: 'remark-lint-runbook-no-secrets/patterns', recommended: false, type: 'scanner', supportedContentTypes: ['text']},
  create(context) {
    const t = context.createTranslator(patternRule.messages)
    return {
      file(source) {
        const content = source.content
        for (const {name, pattern} of patterns) {
          let lastEnd = 0
          pattern.lastIndex = 0
          let match: RegExpExecArray | null
          while ((match = pattern.exec(content))) {
            // A URL is reported whole, as secretlint's rules report theirs.
            const group = name === 'password in a URL' ? undefined : match.indices?.groups?.['secret']
            const [start, end] = group ?? [match.index, match.index + match[0].length]
            // The context before a secret may overlap an earlier match, as it
            // could with a lookbehind (`password: \`password: …`): look again
            // from just after where this match started.
            if (group) pattern.lastIndex = match.index + 1
            if (end === start || start < lastEnd) continue
            if (name === 'JSON Web Token' && !isJwt(match[0])) continue
            lastEnd = end
            context.report({message: t('PATTERN', {PATTERN_NAME: name, CREDENTIAL: content.slice(start, end)}), range: [start, end]})
          }
        }
      }
    }
  }
}

/** Whether a token's header decodes to a JSON object naming an algorithm or a type, as a JWT's does. */
function isJwt(token: string): boolean {
  const header = token.slice(0, token.indexOf('.'))
  try {
    const value = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown
    return typeof value === 'object' && value !== null && ('alg' in value || 'typ' in value)
  } catch {
    return false
  }
}

/**
 * What each rule needs to find before it can report anything: a literal part
 * of each of its patterns, by rule id, as a pattern. A text with none of
 * them cannot hold a secret any rule would report, and skips the rules.
 *
 * Each part starts at a character prose seldom has (`_`, `-`, `.`, `~`, `=`,
 * `:`) and looks back for the rest, or is a literal that starts with a
 * capital: the engine then skips through text quickly, four times faster
 * than an alternation of the literals as written. Case-insensitive parts
 * spell out both cases.
 *
 * Derived from the patterns of `@secretlint/secretlint-rule-preset-recommend`
 * 12.0.0 and of our rule. A test checks that every rule of the preset has an
 * entry, so a secretlint upgrade that adds a rule fails until it has one; it
 * runs a fake secret of each kind alone through the rule, and compares with
 * the detector on random text.
 */
export const secretAnchors: Readonly<Record<string, string | null>> = {
  // Access key IDs; `aws_secret_access_key = …`. Account IDs are allowed (see `scannerOptions`).
  '@secretlint/secretlint-rule-aws': String.raw`A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA|[:=](?<=(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*[:=])`,
  // Only `.json` and `.p12` files; a runbook is linted as `.md`.
  '@secretlint/secretlint-rule-gcp': null,
  '@secretlint/secretlint-rule-npm': String.raw`-(?<=x-)oauth-basic@|_authToken=|_(?<=npm_)`,
  '@secretlint/secretlint-rule-slack': String.raw`-(?<=xox[bparo]-|xapp-)|\.(?<=[Hh][Oo][Oo][Kk][Ss]\.)[Ss][Ll][Aa][Cc][Kk]\.[Cc][Oo][Mm]`,
  // `https://user:password@host`.
  '@secretlint/secretlint-rule-basicauth': String.raw`:\/\/[-\w]+:[-\w]+@`,
  '@secretlint/secretlint-rule-openai': 'T3BlbkFJ',
  '@secretlint/secretlint-rule-anthropic': String.raw`-(?<=sk-)ant-api0`,
  '@secretlint/secretlint-rule-groq': String.raw`_(?<=gsk_)`,
  '@secretlint/secretlint-rule-huggingface': String.raw`_(?<=hf_)`,
  '@secretlint/secretlint-rule-linear': String.raw`_(?<=lin_)api_`,
  '@secretlint/secretlint-rule-notion': String.raw`_(?<=ntn_)`,
  '@secretlint/secretlint-rule-privatekey': 'PRIVATE KEY',
  '@secretlint/secretlint-rule-sendgrid': String.raw`\.(?<=SG\.)`,
  '@secretlint/secretlint-rule-shopify': String.raw`_(?<=shp(?:pa|ca|at|ss)_)`,
  '@secretlint/secretlint-rule-github': String.raw`_(?<=gh[pousr]_)|_(?<=github_)pat_`,
  '@secretlint/secretlint-rule-gitlab': String.raw`-(?<=glpat-)`,
  '@secretlint/secretlint-rule-grafana': String.raw`_(?<=glc_|glsa_)`,
  '@secretlint/secretlint-rule-1password': String.raw`_(?<=ops_)ey`,
  // `mongodb://`, `mongodb+srv://`, `mysql://`, `mysqlx://`, `postgres://`, `postgresql://`, in any case.
  '@secretlint/secretlint-rule-database-connection-string': String.raw`:\/\/(?<=(?:[Mm][Oo][Nn][Gg][Oo][Dd][Bb](?:\+[Ss][Rr][Vv])?|[Mm][Yy][Ss][Qq][Ll][Xx]?|[Pp][Oo][Ss][Tt][Gg][Rr][Ee][Ss](?:[Qq][Ll])?):\/\/)`,
  '@secretlint/secretlint-rule-hashicorp-vault': String.raw`\.(?<=hv[sbr]\.)`,
  '@secretlint/secretlint-rule-vercel': String.raw`_(?<=vc[piark]_)`,
  '@secretlint/secretlint-rule-databricks': 'dapi',
  '@secretlint/secretlint-rule-docker': String.raw`_(?<=dckr_)pat_`,
  '@secretlint/secretlint-rule-figma': String.raw`_(?<=figd_)`,
  // Filters the other rules' findings; reports nothing itself.
  '@secretlint/secretlint-rule-filter-comments': null,
  // Ours, in the order of `patterns`: Stripe, Google, Azure key, signature,
  // client secret, JWT (`.eyJ` between header and payload), a password in a
  // URL (the `:` before it and the `@` after it: `:…@` with no space or `/`
  // between; the user before it has no `:`, as in the pattern that finds it,
  // so that a run of `:` is not split every way between the two), and
  // `password:` in any case.
  [patternRule.meta.id]: [
    String.raw`_(?<=[rs]k_)(?:live|test)_`,
    'AIza',
    String.raw`=(?<=AccountKey=)`,
    String.raw`=(?<=[?&]sig=)`,
    String.raw`~(?<=\dQ~)`,
    String.raw`\.eyJ`,
    String.raw`:\/\/[^\s/?#@:]{0,128}:[^\s/?#@]{1,256}@`,
    String.raw`[:=](?<=(?:[Pp][Aa][Ss][Ss](?:[Ww][Oo][Rr][Dd]|[Ww][Dd])|[Pp][Ww][Dd])["'*_]{0,2}[ \t]{0,3}[:=])`
  ].join('|')
}

const anchorParts = Object.values(secretAnchors).flatMap((source) => (source === null ? [] : source.split(/\|(?![^(]*\))/)))
// Two patterns: the parts that start at a rare character, and the literals
// that start with a letter. Each is one alternation the engine can skip
// through; mixed, it could not.
const startsRare = /^(?:[-_~=:[]|\\\.)/
const rareStart = new RegExp(anchorParts.filter((part) => startsRare.test(part)).join('|'))
const letterStart = new RegExp(anchorParts.filter((part) => !startsRare.test(part)).join('|'))
/** Both, in any case: for text that may have been lower- or upper-cased (a message quoting a label). */
const anyCase = new RegExp(anchorParts.join('|'), 'i')

/** The two patterns, for tests. */
export const secretAnchorPatterns = {rareStart, letterStart, anyCase}

/** Whether `content` has the literal part of any secret pattern; when not, it holds none. */
export function mayHoldSecret(content: string): boolean {
  return rareStart.test(content) || letterStart.test(content)
}

/** Whether `text`, or its lower- or upper-cased form, may hold a secret. */
export function mayHoldSecretInAnyCase(text: string): boolean {
  return anyCase.test(text)
}

/** A secret found in a text. */
export interface Secret {
  /** Where the secret is, as UTF-16 offsets into the text scanned. */
  readonly start: number
  readonly end: number
  /** What it is: `GitHub token`, `password in a URL`, … */
  readonly kind: string
  /** The whole matched text (a whole URL), decoded: for `allow` and masking (never printed). */
  readonly match: string
  /** The secret itself, decoded: for `allow` and masking (never printed). */
  readonly secret: string
  /** What a message may show: no more than the secret's first four characters, a URL without its password. */
  readonly preview: string | undefined
  /** The user name of a URL's credentials. */
  readonly user?: string | undefined
}

/** What to call each finding, by secretlint message id. */
const kinds: Record<string, string> = {
  AWSAccessKeyID: 'AWS access key ID',
  AWSSecretAccessKey: 'AWS secret access key',
  GITHUB_TOKEN: 'GitHub token',
  PackageJSON_xOauthToken: 'GitHub token',
  GITLAB_PERSONAL_ACCESS_TOKEN: 'GitLab token',
  SLACK_TOKEN: 'Slack token',
  IncomingWebhook: 'Slack webhook URL',
  NPM_ACCESS_TOKEN: 'npm token',
  Npmrc_authToken: 'npm token',
  SENDGRID_KEY: 'SendGrid API key',
  SHOPIFY_KEY: 'Shopify token',
  OPENAI_TOKEN: 'OpenAI API key',
  ANTHROPIC_API_KEY: 'Anthropic API key',
  LINEAR_API_TOKEN: 'Linear API key',
  OPS_TOKEN: '1Password service account token',
  PrivateKey: 'private key',
  PrivateKeyJSON: 'GCP service account private key',
  PrivateKeyP12: 'private key',
  BasicAuth: 'password in a URL',
  PostgreSQLConnection: 'password in a connection string',
  MySQLConnection: 'password in a connection string',
  MongoDBConnection: 'password in a connection string'
}

/** URL schemes whose credentials are a web or file-transfer login rather than a service's connection string. */
const webSchemes = new Set(['http', 'https', 'ftp', 'ftps', 'sftp', 'ws', 'wss', 'git', 'ssh', 'svn', 'webdav', 'davs'])

/** Which value of a secretlint report's data is the secret, in order of preference. */
const dataKeys = ['KEY', 'TOKEN', 'URI', 'URL', 'CREDENTIAL', 'ID']

// ---------------------------------------------------------------------------
// secretlint's rules, run synchronously.

interface Scanner {
  readonly id: string
  readonly handler: SecretLintRuleReportHandler
  readonly supports: boolean
  readonly allowMessageIds: ReadonlySet<string>
}

/** The reports and ignored ranges of the text being scanned (scanning is synchronous: one at a time). */
let sink: {reports: Report[]; ignores: Array<{start: number; end: number; target: string}>} | undefined

/** Options of the preset's rules, by id. */
const scannerOptions: Record<string, {options?: object; allowMessageIds?: string[]}> = {
  // Access key IDs are off by default in secretlint; account IDs are not
  // credentials and appear in every ARN.
  '@secretlint/secretlint-rule-aws': {options: {enableIDScanRule: true}, allowMessageIds: ['AWSAccountID']}
}

type Messages = Record<string, ((props: Record<string, unknown>) => string) | Record<string, (props: Record<string, unknown>) => string>>

function contextFor(ruleId: string): SecretLintRuleContext {
  return {
    sharedOptions: {},
    createTranslator: ((messages: Messages) =>
      (messageId: string, props?: Record<string, unknown>) => {
        const handler = messages[messageId]
        const format = typeof handler === 'function' ? handler : handler?.['en']
        return {message: format ? format(props ?? {}) : messageId, messageId, data: props}
      }) as unknown as SecretLintRuleContext['createTranslator'],
    report(descriptor) {
      const [start, end] = descriptor.range
      const message = descriptor.message as {messageId: string; data?: Record<string, unknown>}
      sink?.reports.push({ruleId, messageId: message.messageId, start, end, data: message.data ?? {}})
    },
    ignore(descriptor) {
      const [start, end] = descriptor.range
      sink?.ignores.push({start, end, target: descriptor.targetRuleId || '*'})
    }
  }
}

let scanners: Scanner[] | undefined

/**
 * The preset's rules and ours, each created once. The preset (600 KB of
 * JavaScript) loads when a text first has a secret's literal part (most
 * never do), synchronously: `require` loads ES modules from Node.js 20.19
 * on, and a rule that awaited a dynamic `import()` would let unified-engine
 * flush its file set early when a file already has an error. Older Node.js
 * 20 releases load it up front.
 */
function loadScanners(preset: typeof SecretlintPreset): Scanner[] {
  return [...(preset.rules as unknown as SecretLintRuleCreator[]), patternRule].map((rule) => {
    const id = rule.meta.id
    const settings = scannerOptions[id] ?? {}
    const types = rule.meta.supportedContentTypes as string[]
    return {
      id,
      handler: rule.create(contextFor(id), (settings.options ?? {}) as never),
      supports: types.includes('text') || types.includes('all'),
      allowMessageIds: new Set(settings.allowMessageIds ?? [])
    }
  })
}

const requireModule = (process.features as {require_module?: boolean}).require_module === true
if (!requireModule) scanners = loadScanners(await import('@secretlint/secretlint-rule-preset-recommend'))

/**
 * A text as secretlint's rules read it (`SecretLintSourceCode`): lines are
 * counted from 1 and columns from 0, as secretlint's `structured-source`.
 */
class Source implements SecretLintSourceCode {
  readonly hasBOM = false
  readonly filePath = 'runbook.md'
  readonly physicalFilePath = undefined
  readonly contentType = 'text' as const
  readonly ext = '.md'
  readonly content: string
  #lineStarts: number[] | undefined

  constructor(content: string) {
    this.content = content
  }

  get lineStarts(): number[] {
    if (!this.#lineStarts) {
      const starts = [0]
      for (let index = this.content.indexOf('\n'); index !== -1; index = this.content.indexOf('\n', index + 1)) starts.push(index + 1)
      this.#lineStarts = starts
    }
    return this.#lineStarts
  }

  getFilePath() {
    return this.filePath
  }

  getPhysicalFilePath() {
    return undefined
  }

  indexToPosition(index: number) {
    const starts = this.lineStarts
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle]! <= index) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: index - starts[low]!}
  }

  positionToIndex(position: {line: number; column: number}) {
    const start = this.lineStarts[position.line - 1]
    return start === undefined ? this.content.length : Math.min(this.content.length, start + position.column)
  }

  locationToRange(location: {start: {line: number; column: number}; end: {line: number; column: number}}) {
    return [this.positionToIndex(location.start), this.positionToIndex(location.end)] as const
  }

  rangeToLocation(range: readonly [number, number]) {
    return {start: this.indexToPosition(range[0]), end: this.indexToPosition(range[1])}
  }
}

/**
 * What secretlint's recommended preset and our patterns report on a text,
 * with `secretlint-disable` comments, allowed message ids and duplicates
 * applied as secretlint applies them, in time linear in the reports.
 */
export function scan(content: string): Report[] {
  scanners ??= loadScanners(
    createRequire(import.meta.url)('@secretlint/secretlint-rule-preset-recommend') as typeof SecretlintPreset
  )
  const source = new Source(content)
  const run = {reports: [] as Report[], ignores: [] as Array<{start: number; end: number; target: string}>}
  const allowed = new Map<string, ReadonlySet<string>>()
  sink = run
  try {
    for (const scanner of scanners) {
      if (!scanner.supports || !scanner.handler.file) continue
      if (scanner.allowMessageIds.size > 0) allowed.set(scanner.id, scanner.allowMessageIds)
      void scanner.handler.file(source)
    }
  } finally {
    sink = undefined
  }

  const ignored = ignoredBy(run.ignores)
  const seen = new Set<string>()
  const kept: Report[] = []
  for (const report of run.reports) {
    if (allowed.get(report.ruleId)?.has(report.messageId)) continue
    if (ignored(report)) continue
    const key = `${report.start}:${report.end}:${report.messageId}`
    if (seen.has(key)) continue
    seen.add(key)
    kept.push(report)
  }
  return kept
}

/**
 * secretlint drops a report whose range lies inside an ignored range for its
 * rule (or for `*`). By target, the ranges sorted by start with the largest
 * end so far: a report is inside one when the last range starting at or
 * before it reaches its end.
 */
function ignoredBy(ignores: ReadonlyArray<{start: number; end: number; target: string}>): (report: Report) => boolean {
  if (ignores.length === 0) return () => false
  const byTarget = new Map<string, {starts: number[]; reach: number[]}>()
  const groups = new Map<string, Array<{start: number; end: number}>>()
  for (const ignore of ignores) {
    const list = groups.get(ignore.target) ?? []
    list.push(ignore)
    groups.set(ignore.target, list)
  }
  for (const [target, list] of groups) {
    list.sort((a, b) => a.start - b.start)
    const reach: number[] = []
    let most = -1
    for (const range of list) reach.push((most = Math.max(most, range.end)))
    byTarget.set(target, {starts: list.map((range) => range.start), reach})
  }
  const inside = (target: string, report: Report): boolean => {
    const index = byTarget.get(target)
    if (!index) return false
    let low = -1
    let high = index.starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (index.starts[middle]! <= report.start) low = middle
      else high = middle - 1
    }
    return low >= 0 && index.reach[low]! >= report.end
  }
  return (report) => inside('*', report) || inside(report.ruleId, report)
}

// ---------------------------------------------------------------------------
// From reports to secrets.

/**
 * The secrets in a text: every report of `scan` as an exact range, but
 * placeholders, variables and examples; overlapping findings merged. Also
 * the secrets the text holds once its character references and backslash
 * escapes are decoded, as Markdown renders it, at their place in the text.
 * Linear in the text.
 */
export function detectSecrets(content: string): Secret[] {
  const found = mayHoldSecret(content) ? secretsIn(content) : []
  const decoded = decodeEscapes(content)
  if (decoded && mayHoldSecret(decoded.text)) {
    for (const secret of secretsIn(decoded.text)) {
      found.push({...secret, start: decoded.offsets[secret.start]!, end: decoded.offsets[secret.end]!})
    }
  }
  const secrets = merge(found)
  return secrets.length === 0 ? secrets : merge([...secrets, ...repeats(content, secrets)])
}

/** How many different secrets are looked for again elsewhere in a text. */
const repeatedSecrets = 50
// What may continue a token on either side: a match inside a longer word is not the secret again.
const tokenCharacter = /[\p{L}\p{N}_\-+/=]/u

/**
 * The other places of each secret found: a password written out in a step
 * (`log in with the password \`Tr0ub4dor-lemon-77\``) is the same leak as the
 * `PGPASSWORD=Tr0ub4dor-lemon-77` a pattern finds, and is reported too. Only
 * values that cannot be a word of prose (eight characters or more, with a
 * digit or a symbol) nor code (no brackets or quotes), where they stand as a token of their own, on a line
 * with no finding yet (`$(echo 'Tr0ub4dor…' | base64)` is found at its
 * `$(echo`). Linear in the text for each secret looked for.
 */
function repeats(content: string, secrets: ReadonlyArray<Secret>): Secret[] {
  const found: Secret[] = []
  const looked = new Set<string>()
  const lines = new Set(secrets.map((secret) => lineOf(content, secret.start)))
  for (const secret of secrets) {
    const value = secret.secret
    if (looked.has(value) || value.length < 8 || !/[\d\W_]/.test(value) || /[\s()[\]{}"'`<>]/.test(value) || content.indexOf(value) === -1) continue
    looked.add(value)
    if (looked.size > repeatedSecrets) break
    // The start of the line of `at` and the line break after it, moved forward with it.
    let line = 0
    let lineEnd = content.indexOf('\n')
    for (let at = content.indexOf(value); at !== -1; at = content.indexOf(value, at + value.length)) {
      while (lineEnd !== -1 && lineEnd < at) {
        line = lineEnd + 1
        lineEnd = content.indexOf('\n', line)
      }
      const end = at + value.length
      const after = content.charAt(end)
      const continued = tokenCharacter.test(after) || (after === '.' && tokenCharacter.test(content.charAt(end + 1)))
      if (tokenCharacter.test(content.charAt(at - 1)) || continued || lines.has(line)) continue
      found.push({...secret, start: at, end})
    }
  }
  return found
}

/** The offset where the line of `offset` starts. */
function lineOf(content: string, offset: number): number {
  return content.lastIndexOf('\n', offset - 1) + 1
}

function secretsIn(content: string): Secret[] {
  const found: Secret[] = []
  for (const report of scan(content)) {
    const secret = toSecret(content, report)
    if (secret && !isPlaceholder(content, secret)) found.push(secret)
  }
  return found
}

function merge(all: Secret[]): Secret[] {
  all.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Secret[] = []
  for (const secret of all) {
    const last = kept.at(-1)
    if (last && secret.start < last.end) continue
    kept.push(secret)
  }
  return kept
}

function toSecret(content: string, report: Report): Secret | undefined {
  let {start, end} = report
  // Some secretlint rules report the start of the whole match with the
  // length of the secret: find the secret itself from there.
  for (const key of dataKeys) {
    const value = report.data[key]
    if (typeof value !== 'string' || value.length < 4) continue
    const index = content.slice(start, end + value.length).indexOf(value)
    if (index !== -1) {
      start += index
      end = start + value.length
      break
    }
  }
  const match = content.slice(start, end)
  const patternName = typeof report.data['PATTERN_NAME'] === 'string' ? report.data['PATTERN_NAME'] : undefined
  let kind = patternName ?? kinds[report.messageId] ?? 'credential'

  if (report.messageId === 'PrivateKey' || report.messageId === 'PrivateKeyP12') {
    if (/"private_key"\s*:\s*"$/.test(content.slice(Math.max(0, start - 40), start))) kind = 'GCP service account private key'
    const header = /^-----BEGIN[A-Z ]*-----/.exec(match)
    return {start, end, kind, match, secret: match, preview: header?.[0]}
  }

  if (kind.startsWith('password in a')) {
    const url = /^([A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/)([^:@/\s]{0,128}):([^@\s]{0,256})@((?:[A-Za-z0-9._~%-]{0,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?)/.exec(match)
    if (!url) return undefined
    const [, scheme, user, password, host] = url as unknown as [string, string, string, string, string]
    const passwordStart = start + scheme.length + user.length + 1
    return {
      start: passwordStart,
      end: passwordStart + password.length,
      kind: webSchemes.has(scheme.slice(0, -3).toLowerCase()) ? 'password in a URL' : 'password in a connection string',
      match,
      secret: password,
      preview: `${scheme}${user}:…@${host}`,
      user
    }
  }

  if (patternName === 'password') {
    // Punctuation that ends the sentence or clause is not part of it: `= pass, then`.
    let secretEnd = end
    if (/^\s|^$/.test(content.charAt(end))) while (secretEnd - start > 3 && '.,)'.includes(content.charAt(secretEnd - 1))) secretEnd--
    return {start, end: secretEnd, kind, match, secret: content.slice(start, secretEnd), preview: undefined}
  }

  // A secret URL (a webhook) shows its public host, not its secret path.
  const origin = /^https?:\/\/[^/\s]+\//.exec(match)
  const preview = origin ? origin[0] + '…' : match.length >= 20 ? match.slice(0, 4) + '…' : undefined
  return {start, end, kind, match, secret: match, preview}
}

const placeholderWords = new Set([
  '1password',
  'bitwarden',
  'changeit',
  'changeme',
  'dummy',
  'empty',
  'example',
  'false',
  'fake',
  'hidden',
  'keepass',
  'lastpass',
  'mypassword',
  'na',
  'nil',
  'none',
  'null',
  'off',
  'omitted',
  'on',
  'optional',
  'passwd',
  'password',
  'placeholder',
  'prompt',
  'pwd',
  'random',
  'redacted',
  'removed',
  'required',
  'sample',
  'secret',
  'string',
  'tbd',
  'todo',
  'true',
  'vault',
  'yes',
  'yourpassword'
])

// In a URL's credentials (`https://user:pass@host`), also a stand-in; in
// `package password = pass` it is the password.
const urlPlaceholderWords = new Set(['pass', 'pw', 'user', 'username'])

/**
 * Variables and stand-ins: `$DB_PASSWORD`, `${…}`, `%DB_PASSWORD%`,
 * `{{ … }}`, `<password>`, `…`, `...`. A `%` followed by two hex digits is a
 * percent-encoding, part of a real password. A command substitution
 * (`DB_PASSWORD=$(vault kv get …)`, `$(aws secretsmanager …)`) reads the
 * password when the snippet runs: the text holds the command, not the
 * credential; one that echoes a value written out (`$(echo 'hunter2' |
 * base64)`, not `$(echo -n "$PASSWORD" | base64)`) has it in the text, and is
 * still reported.
 */
const variable = /\$\{?[A-Za-z_]|\$\(|%[A-Za-z_][A-Za-z0-9_]*%|[{}<>…]|\.\.\./
// `$(echo 'value'`, `$(printf -- value`: a value written out, not a variable (`"$X"`) or a format (`'%s'`).
const echoedValue = /^\$\([ \t]{0,4}(?:echo|printf)(?:[ \t]{1,4}-[A-Za-z]{1,3}){0,3}[ \t]{1,4}["']?[^\s"'$%-]/

// PowerShell's and fish's substitution, `$env:PGPASSWORD=(az keyvault secret show …)`: a command with
// its arguments, not a value written out (`(echo hunter2)`).
const groupedCommand = /^\([ \t]{0,4}(?!(?:echo|printf|Write-Output|Write-Host)[ \t])[A-Za-z][\w.-]{0,40}[ \t]/

// Code that builds the value when it runs: a string joined to a call (`"PGPASSWORD=" + shlex.quote(v["PW"])`,
// `.. os.getenv("PW")`), a call or an index (`getpass()`, `os.environ["PW"]`).
const expression = /^(?:\+|&|\.\.?|\|\|)[ \t]*[A-Za-z_$]|^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*[([]/

/** Whether a finding is a placeholder, a variable or an example rather than a credential. */
function isPlaceholder(content: string, finding: Secret): boolean {
  const value = finding.secret
  if (value === '') return true
  const substitution = value.indexOf('$(')
  const at = finding.start + substitution
  const echoed = substitution !== -1 && echoedValue.test(content.slice(at, at + 80))
  if (!echoed && variable.test(value)) return true
  if (value.startsWith('(') && groupedCommand.test(content.slice(finding.start, finding.start + 60))) return true
  if (expression.test(value)) return true
  if (/^\[.*\]$|^\(.*\)$/.test(value) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true
  if (/example/i.test(value)) return true
  const bare = value.toLowerCase().replace(/[^a-z0-9]/g, '')
  if (placeholderWords.has(bare) || /password|passwd|secret|redacted|changeme/.test(bare)) return true
  if (finding.user !== undefined && urlPlaceholderWords.has(bare)) return true
  // A few characters repeated (`xxxx`, `****`, `ghp_xxxx…`) is no secret.
  if (new Set(value.length > 8 ? value.slice(4) : value).size < (value.length >= 16 ? 6 : 2)) return true
  if (finding.user === value) return true
  if (finding.kind === 'password') return !looksLikePasswordLine(content, finding)
  return false
}

/** How far around a `password:` value its line is read: far enough for any key or comment, bounded so that a long line costs no more per candidate. */
const context = 256

/**
 * A `password:` value is a credential when it ends its line, is assigned
 * with `=` and no space (a command line, a connection string), or is
 * assigned with `=` at the end of a clause (`the package password = pass,
 * then …`); and when it looks like one (a digit, a symbol or an inner
 * capital) or, a plain word, is assigned with `=` or is the value of a
 * configuration key (`db_password: hunter`). `Password: Vault` and
 * `Password: ask the on-call lead` are prose.
 */
function looksLikePasswordLine(content: string, finding: Secret): boolean {
  const value = finding.secret
  const head = content.slice(Math.max(0, finding.start - context), finding.start)
  const newline = head.lastIndexOf('\n')
  const before = newline === -1 ? head : head.slice(newline + 1)
  // A key further from the start of its line than `context` is no configuration key.
  const wholeLine = newline !== -1 || finding.start <= context
  const after = content.slice(finding.end, finding.end + context)
  const lineEnd = after.indexOf('\n')
  const rest = lineEnd === -1 ? after : after.slice(0, lineEnd)
  const assigned = /=[ \t"'`*]*$/.test(before)
  const tight = content.charAt(finding.start - 1) === '=' || /=["']$/.test(content.slice(finding.start - 2, finding.start))
  const comment = /^["'`*,;.)]*[ \t\r]*#/.test(rest)
  const endsLine = comment || ((lineEnd !== -1 || rest.length < context) && /^["'`*,;.)]*\s*$/.test(rest))
  const endsClause = assigned && /^["'`*]*[,;.)](?:\s|$)/.test(rest)
  if (!endsLine && !tight && !endsClause) return false
  if (!/^[A-Za-z][a-z]*$|^[A-Z]+$/.test(value)) return true
  return assigned || (wholeLine && configKey.test(before))
}

// `db_password: `, `  PASSWORD: ` or `- password: ` starting a line (YAML,
// properties); not `Password: `, a label in prose.
const configKey = /^[ \t]*(?:-[ \t]+)?(?![A-Z][a-z])[A-Za-z0-9_.-]*:[ \t"'`*]*$/

// ---------------------------------------------------------------------------
// Character references and backslash escapes.

/** A character reference or a backslash escape, as CommonMark reads them. */
const escapes = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});|\\[!-/:-@[-`{-~]/g

let decodeNamed: typeof DecodeNamed.decodeNamedCharacterReference | undefined = requireModule
  ? undefined
  : (await import('decode-named-character-reference')).decodeNamedCharacterReference

/**
 * The text with its character references (`&#95;`, `&lowbar;`) and
 * backslash escapes (`\_`) decoded, and for each character of it the offset
 * of its source in `content` (one more entry, for the end); `undefined` when
 * nothing is escaped.
 */
export function decodeEscapes(content: string): {text: string; offsets: Int32Array} | undefined {
  escapes.lastIndex = 0
  if (!escapes.test(content)) return undefined
  escapes.lastIndex = 0
  // Pieces of the decoded text: source start, source end, decoded value (undefined: as in the source).
  const pieces: Array<[number, number, string | undefined]> = []
  let last = 0
  let length = 0
  let match: RegExpExecArray | null
  while ((match = escapes.exec(content))) {
    const raw = match[0]
    let value: string | false
    if (raw.charAt(0) === '\\') value = raw.charAt(1)
    else if (raw.charAt(1) === '#') {
      const hex = raw.charAt(2) === 'x' || raw.charAt(2) === 'X'
      value = decodeNumericCharacterReference(raw.slice(hex ? 3 : 2, -1), hex ? 16 : 10)
    } else {
      decodeNamed ??= (
        createRequire(import.meta.url)('decode-named-character-reference') as typeof DecodeNamed
      ).decodeNamedCharacterReference
      value = decodeNamed(raw.slice(1, -1))
    }
    if (value === false) continue
    if (match.index > last) pieces.push([last, match.index, undefined])
    pieces.push([match.index, match.index + raw.length, value])
    length += match.index - last + value.length
    last = match.index + raw.length
  }
  if (pieces.length === 0) return undefined
  if (last < content.length) pieces.push([last, content.length, undefined])
  length += content.length - last
  const offsets = new Int32Array(length + 1)
  let text = ''
  let at = 0
  for (const [start, end, value] of pieces) {
    if (value === undefined) {
      for (let offset = start; offset < end; offset++) offsets[at++] = offset
      text += content.slice(start, end)
    } else {
      offsets.fill(start, at, at + value.length)
      at += value.length
      text += value
    }
  }
  offsets[at] = content.length
  return {text, offsets}
}
