/**
 * ## What is this?
 *
 * This rule reports credentials written into a runbook: anywhere in the
 * file, code blocks, inline code, links, HTML and front matter included,
 * because a runbook is copied, pasted, rendered and indexed everywhere.
 *
 * It runs [secretlint][secretlint] with its maintained recommended preset
 * once over the whole file, plus a few patterns of its own, and reports each
 * finding at the exact place of the secret:
 *
 * * cloud keys: AWS access key IDs and secret access keys, private keys of
 *   GCP service accounts (and every other PEM private key), Google API keys,
 *   Azure storage account keys, shared access signatures and client secrets;
 * * tokens: GitHub, GitLab, Slack (and Slack webhook URLs), npm, Stripe,
 *   SendGrid, Shopify, OpenAI, Anthropic, Hugging Face, HashiCorp Vault,
 *   Docker, Grafana, Vercel, Linear, Notion, Databricks, Figma, Groq and
 *   1Password service account tokens;
 * * passwords in connection strings (`postgres://`, `mysql://`,
 *   `mongodb://`) and in basic-auth URLs (`https://user:password@host`);
 * * `password: …` and `password = …` lines (also `PGPASSWORD=…`,
 *   `--password=…`, `db_password: "…"`), in prose as in code: `the package
 *   password = pass, then …`, and `Password=…;` or `Pwd=…;` in a connection
 *   string (the `;` ends the value).
 *
 * The message never prints the secret: it names the kind of credential and
 * shows at most the first four characters of a long token (the part that
 * tells its kind, such as `ghp_` or `AKIA`), the header line of a private
 * key, or a URL with its password left out (`postgres://app:…@db`). No
 * secret text is put in the message's `actual`, `expected`, `note` or
 * `source`, nor in `ancestors`, so no reporter (the default, JSON, SARIF,
 * GitHub annotations) can print it.
 *
 * Placeholders are not secrets and are not reported: variables
 * (`$DB_PASSWORD`, `${DB_PASSWORD}`, `%DB_PASSWORD%`, `{{ password }}`,
 * `DB_PASSWORD`), `<password>`, `[password]`, `****`, `xxxx`, `...`, words
 * such as `password`, `changeme`, `redacted`, `none`, the names of secret
 * stores (`Vault`, `1Password`), a password equal to its user name (a local
 * default such as `postgres:postgres`), and tokens made of a few repeated
 * characters (`ghp_xxxx…`) or containing `EXAMPLE`. A `password:` line is
 * only read as a credential when the value ends the line (or is assigned
 * with `=` and no space, as on a command line) and looks like a password
 * rather than a word: `Password: ask the on-call lead` and `Password: Vault`
 * are prose. A plain word is a password when it is assigned with `=`
 * (`package password = pass`) or is the value of a configuration key at the
 * start of a line (`db_password: hunter`), unless it is one of the words
 * above (`password = none`, `--password=prompt`); and “the password is
 * stored in Vault” has no value at all.
 *
 * ## When should I use this?
 *
 * Always. It is part of `remark-preset-runbook`, with severity `error`.
 * A finding means the credential has leaked already: removing it from the
 * file does not remove it from the Git history, so rotate it too.
 *
 * ## API
 *
 * ### `unified().use(remarkLintRunbookNoSecrets[, options])`
 *
 * Warn when a runbook holds a credential.
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
 * * `allow` (`Array<string>`, optional): known fake values to ignore. A
 *   string is compared with the secret (or the whole match, such as the
 *   whole connection string); a string written as a regular expression
 *   literal, `"/^fake-/i"`, is tested against them.
 *
 * An unknown option or a value of the wrong type stops the file with a fatal
 * message naming the option, the value and what is allowed.
 *
 * secretlint's own comments work too:
 * `<!-- secretlint-disable-next-line -->` before a line, or
 * `<!-- lint disable runbook-no-secrets -->`.
 *
 * ## Recommendation
 *
 * Write where a credential lives, never the credential: “the database
 * password is `payments/db` in Vault”, and use variables in commands
 * (`psql "postgres://app:${DB_PASSWORD}@db"`).
 *
 * The failing examples below use a short made-up password on purpose: real
 * looking keys and tokens would make this repository itself trip secret
 * scanners, so the tests build those at run time.
 *
 * [secretlint]: https://github.com/secretlint/secretlint
 *
 * @example
 *   {"name":"ok.md"}
 *
 *   ### Secrets management
 *
 *   The database password is `payments/db` in Vault. Connect with:
 *
 *   ```sh
 *   PGPASSWORD="$DB_PASSWORD" psql "postgres://app:${DB_PASSWORD}@db/billing"
 *   ```
 *
 *   Password: ask the on-call lead.
 *
 *   AWS keys look like `AKIA...`; ours are in the `billing` profile.
 *
 * @example
 *   {"name":"not-ok.md","label":"input"}
 *
 *   ### Secrets management
 *
 *   ```yaml
 *   database:
 *     user: billing
 *     password: hunter2
 *   ```
 *
 * @example
 *   {"name":"not-ok.md","label":"output"}
 *
 *   6:13-6:20: Unexpected password on line 6, expected no credentials in a runbook: store it in a secret manager and refer to it by name
 *
 * @example
 *   {"name":"not-ok-prose.md","label":"input"}
 *
 *   Install the agent; the package password = pass, then restart it.
 *
 *   Connect with `Server=db;Database=billing;User Id=app;Password=bluebird;`.
 *
 * @example
 *   {"name":"not-ok-prose.md","label":"output"}
 *
 *   1:43-1:47: Unexpected password on line 1, expected no credentials in a runbook: store it in a secret manager and refer to it by name
 *   3:63-3:71: Unexpected password on line 3, expected no credentials in a runbook: store it in a secret manager and refer to it by name
 *
 * @example
 *   {"name":"ok-prose.md"}
 *
 *   The password is stored in Vault, under `billing/db`.
 *
 *   ```yaml
 *   password: ${DB_PASSWORD}
 *   admin_password: <password>
 *   ```
 *
 *   Set `--password=prompt` to be asked for it; `OLDPWD=/srv/app` is a directory.
 *
 * @example
 *   {"name":"ok-allow.md","config":{"allow":["hunter2"]}}
 *
 *   Staging: `password = hunter2`
 *
 * @example
 *   {"name":"not-ok-options.md","config":{"allow":"hunter2"},"label":"input"}
 *
 *   # Billing API
 *
 * @example
 *   {"name":"not-ok-options.md","label":"output"}
 *
 *   1:1: Unexpected value `"hunter2"` for option `allow` of `runbook-no-secrets`, expected a list of strings or regular expression literals such as `"/^fake-/"`
 */

import {createRequire} from 'node:module'
import type * as SecretlintCore from '@secretlint/core'
import type * as SecretlintProfiler from '@secretlint/profiler'
import type * as SecretlintPreset from '@secretlint/secretlint-rule-preset-recommend'
import type {SecretLintCoreConfig, SecretLintCoreResultMessage, SecretLintRuleCreator} from '@secretlint/types'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {checkOptionKeys, failOption, runbookRule} from 'runbook-model'

export interface Options {
  /**
   * Known fake values to ignore: strings compared with the secret, or
   * regular expression literals (`"/^fake-/i"`) tested against it.
   */
  readonly allow?: ReadonlyArray<string> | null | undefined
}

const id = 'no-secrets'

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
    // `password: …`, `db_password = …`, `Pwd=…;` in a connection string (a
    // `;` ends the value there); not `OLDPWD=`.
    name: 'password',
    pattern:
      /(?:pass(?:word|wd)|(?<![a-z])pwd)["'*_]{0,2}[ \t]{0,3}[:=][ \t]{0,3}["'`*]{0,2}(?<secret>[^\s"'`*<>;]{3,200})/dgi
  }
]

/**
 * Our patterns as a secretlint rule, so that secretlint's own comments
 * (`secretlint-disable`) apply to them too. A rule of our own rather than
 * `@secretlint/secretlint-rule-pattern`, which loads a glob library in every
 * process for a feature (file globs) a runbook linter does not use.
 */
const patternRule: SecretLintRuleCreator = {
  messages: {PATTERN: {en: (props: {PATTERN_NAME: string; CREDENTIAL: string}) => `found ${props.PATTERN_NAME}`}},
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
            const group = match.indices?.groups?.['secret']
            const [start, end] = group ?? [match.index, match.index + match[0].length]
            // The context before a secret may overlap an earlier match, as it
            // could with a lookbehind (`password: \`password: …`): look again
            // from just after where this match started.
            if (group) pattern.lastIndex = match.index + 1
            if (end === start || start < lastEnd) continue
            lastEnd = end
            context.report({
              message: t('PATTERN', {PATTERN_NAME: name, CREDENTIAL: content.slice(start, end)}),
              range: [start, end]
            })
          }
        }
      }
    }
  }
}

interface Secretlint {
  readonly lintSource: typeof SecretlintCore.lintSource
  readonly config: SecretLintCoreConfig
}

/**
 * secretlint is loaded when a runbook first has a secret's literal part
 * (most never do): it costs a process 10 to 30 ms to load. Synchronously,
 * with `require`, which loads ES modules from Node.js 20.19 on: a rule that
 * awaits a dynamic `import()` lets unified-engine flush its file set early
 * when a file already has an error, and `remark` then exits without a word
 * on the other files. Older Node.js 20 releases load it up front instead.
 */
function load(): Secretlint {
  const require = createRequire(import.meta.url)
  return configure(
    require('@secretlint/core') as typeof SecretlintCore,
    require('@secretlint/profiler') as typeof SecretlintProfiler,
    require('@secretlint/secretlint-rule-preset-recommend') as typeof SecretlintPreset
  )
}

function configure(
  core: typeof SecretlintCore,
  profiler: typeof SecretlintProfiler,
  preset: typeof SecretlintPreset
): Secretlint {
  // secretlint 12 marks the start and end of every rule on every file in the
  // global performance timeline, and its observer scans every mark seen so far
  // on each new one: linting 1,000 runbooks in one process took 10 times as
  // long as parsing them, most of it in the profiler. Nothing reads those
  // marks; turn them off, as secretlint 13 does unless asked
  // (secretlint/secretlint#1633; secretlint 13 needs Node.js 22).
  profiler.secretLintProfiler.mark = () => {}
  return {
    lintSource: core.lintSource,
    config: {
      rules: [
        {
          id: '@secretlint/secretlint-rule-preset-recommend',
          rule: preset.creator,
          rules: [
            // Access key IDs are off by default in secretlint; account IDs are
            // not credentials and appear in every ARN.
            {id: '@secretlint/secretlint-rule-aws', options: {enableIDScanRule: true}, allowMessageIds: ['AWSAccountID']}
          ]
        },
        {id: patternRule.meta.id, rule: patternRule}
      ]
    }
  }
}

let secretlint: Secretlint | undefined =
  (process.features as {require_module?: boolean}).require_module === true
    ? undefined
    : configure(
        await import('@secretlint/core'),
        await import('@secretlint/profiler'),
        await import('@secretlint/secretlint-rule-preset-recommend')
      )

/**
 * What each rule needs to find before it can report anything: a literal part
 * of each of its patterns, by rule id, as a pattern. A runbook with none of
 * them cannot hold a secret any rule would report, and skips secretlint,
 * which otherwise costs a quarter of a millisecond per runbook even when it
 * finds nothing (it registers its 25 rules again for every file).
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
 * secretlint on random text.
 */
export const secretAnchors: Readonly<Record<string, string | null>> = {
  // Access key IDs; `aws_secret_access_key = …`. Account IDs are allowed (see `configure`).
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
  // client secret, and `password:` in any case.
  [patternRule.meta.id]: [
    String.raw`_(?<=[rs]k_)(?:live|test)_`,
    'AIza',
    String.raw`=(?<=AccountKey=)`,
    String.raw`=(?<=[?&]sig=)`,
    String.raw`~(?<=\dQ~)`,
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

/** The two patterns, for tests. */
export const secretAnchorPatterns = {rareStart, letterStart}

/** Whether `content` has the literal part of any secret pattern; when not, it holds none. */
export function mayHoldSecret(content: string): boolean {
  return rareStart.test(content) || letterStart.test(content)
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

/** Which value of a secretlint message's data is the secret, in order of preference. */
const dataKeys = ['KEY', 'TOKEN', 'URI', 'URL', 'CREDENTIAL', 'ID']

interface Finding {
  start: number
  end: number
  kind: string
  /** The whole matched text, for `allow` (never printed). */
  match: string
  /** The secret itself, for `allow` and placeholder checks (never printed). */
  secret: string
  /** What the message may show: no more than the secret's first four characters. */
  preview: string | undefined
  /** The user name of a URL's credentials. */
  user?: string
}

const remarkLintRunbookNoSecrets = runbookRule<Options>(
  {id, description: 'Check that a runbook holds no credentials: keys, tokens, private keys or passwords'},
  (_tree, file, options) => {
    const allow = allowList(file, options)
    const content = String(file)
    // Synchronous when there is nothing to scan (most runbooks): a promise
    // for every file would put every file's remaining plugins on a later tick.
    if (content === '' || !mayHoldSecret(content)) return
    return scan(content, file.path).then((messages) => report(file, content, messages, allow))
  }
)

/** Report what secretlint found, but for allowed values and placeholders. */
function report(file: VFile, content: string, messages: ReadonlyArray<SecretLintCoreResultMessage>, allow: Allowed[]): void {
  const place = location(file)

  for (const finding of findings(content, messages)) {
    if (allow.some((allowed) => allowed(finding.secret) || allowed(finding.match))) continue
    const start = place.toPoint(finding.start)
    const end = place.toPoint(finding.end)
    if (!start || !end) continue
    const shown = finding.preview ? ` \`${finding.preview}\`` : ''
    const message = file.message(
      `Unexpected ${finding.kind}${shown} on line ${start.line}, expected no credentials in a runbook: store it in a secret manager and refer to it by name`,
      {place: {start, end}}
    )
    message.note = 'Removing it from the file does not remove it from the Git history: rotate it as well.'
  }
}

export default remarkLintRunbookNoSecrets

/**
 * What secretlint (the recommended preset and our patterns) reports on a
 * text, without the short cut of `mayHoldSecret`: for tests that compare the two.
 */
export async function scan(content: string, path?: string): Promise<ReadonlyArray<SecretLintCoreResultMessage>> {
  secretlint ??= load()
  const result = await secretlint.lintSource({
    source: {content, filePath: path || 'runbook.md', ext: '.md', contentType: 'text'},
    options: {config: secretlint.config, maskSecrets: false, noPhysicFilePath: !path}
  })
  return result.messages
}

/** secretlint's messages as findings: exact ranges, placeholders dropped, overlaps merged. */
function findings(content: string, messages: ReadonlyArray<SecretLintCoreResultMessage>): Finding[] {
  const all: Finding[] = []
  for (const message of messages) {
    const finding = toFinding(content, message)
    if (finding && !isPlaceholder(content, finding)) all.push(finding)
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Finding[] = []
  for (const finding of all) {
    const last = kept.at(-1)
    if (last && finding.start < last.end) continue
    kept.push(finding)
  }
  return kept
}

function toFinding(content: string, message: SecretLintCoreResultMessage): Finding | undefined {
  const data = (message.data ?? {}) as Record<string, unknown>
  let [start, end] = message.range
  // Some secretlint rules report the start of the whole match with the
  // length of the secret: find the secret itself from there.
  for (const key of dataKeys) {
    const value = data[key]
    if (typeof value !== 'string' || value.length < 4) continue
    const index = content.indexOf(value, start)
    if (index !== -1 && index <= end) {
      start = index
      end = index + value.length
      break
    }
  }
  const match = content.slice(start, end)
  const patternName = typeof data['PATTERN_NAME'] === 'string' ? data['PATTERN_NAME'] : undefined
  let kind = patternName ?? kinds[message.messageId] ?? 'credential'

  if (message.messageId === 'PrivateKey' || message.messageId === 'PrivateKeyP12') {
    if (/"private_key"\s*:\s*"$/.test(content.slice(Math.max(0, start - 40), start))) {
      kind = 'GCP service account private key'
    }
    const header = /^-----BEGIN[A-Z ]*-----/.exec(match)
    return {start, end, kind, match, secret: match, preview: header?.[0]}
  }

  if (kind.startsWith('password in a')) {
    const url = /^([a-z][a-z0-9+.-]*:\/\/)([^:@/\s]*):([^@\s]*)@([^/?#\s]*)/i.exec(match)
    if (!url) return undefined
    const [, scheme, user, password, host] = url as unknown as [string, string, string, string, string]
    const passwordStart = start + scheme.length + user.length + 1
    return {
      start: passwordStart,
      end: passwordStart + password.length,
      kind,
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

/** Whether a finding is a placeholder, a variable or an example rather than a credential. */
function isPlaceholder(content: string, finding: Finding): boolean {
  const value = finding.secret
  if (value === '' || /[$%{}<>…]|\.\.\./.test(value)) return true
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

/**
 * A `password:` value is a credential when it ends its line, is assigned
 * with `=` and no space (a command line, a connection string), or is
 * assigned with `=` at the end of a clause (`the package password = pass,
 * then …`); and when it looks like one (a digit, a symbol or an inner
 * capital) or, a plain word, is assigned with `=` or is the value of a
 * configuration key (`db_password: hunter`). `Password: Vault` and
 * `Password: ask the on-call lead` are prose.
 */
function looksLikePasswordLine(content: string, finding: Finding): boolean {
  const value = finding.secret
  const lineStart = content.lastIndexOf('\n', finding.start - 1) + 1
  const lineEnd = content.indexOf('\n', finding.end)
  const before = content.slice(lineStart, finding.start)
  const rest = content.slice(finding.end, lineEnd === -1 ? content.length : lineEnd)
  const assigned = /=[ \t"'`*]*$/.test(before)
  const tight = content.charAt(finding.start - 1) === '=' || /=["']$/.test(content.slice(finding.start - 2, finding.start))
  const endsLine = /^["'`*,;.)]*\s*(?:#.*)?$/.test(rest)
  const endsClause = assigned && /^["'`*]*[,;.)](?:\s|$)/.test(rest)
  if (!endsLine && !tight && !endsClause) return false
  if (!/^[A-Za-z][a-z]*$|^[A-Z]+$/.test(value)) return true
  return assigned || configKey.test(before)
}

// `db_password: `, `  PASSWORD: ` or `- password: ` starting a line (YAML,
// properties); not `Password: `, a label in prose.
const configKey = /^[ \t]*(?:-[ \t]+)?(?![A-Z][a-z])[A-Za-z0-9_.-]*:[ \t"'`*]*$/

type Allowed = (value: string) => boolean

function allowList(file: VFile, options: Options | null | undefined): Allowed[] {
  const given = checkOptionKeys(file, id, options, ['allow'])
  if (given.allow === undefined || given.allow === null) return []
  const expected = 'a list of strings or regular expression literals such as `"/^fake-/"`'
  if (!Array.isArray(given.allow)) failOption(file, id, 'allow', given.allow, expected)
  return (given.allow as unknown[]).map((entry): Allowed => {
    if (typeof entry !== 'string' || entry === '') failOption(file, id, 'allow', entry, expected)
    const literal = /^\/(.+)\/([dgimsuy]*)$/.exec(entry)
    if (!literal) return (value) => value === entry
    let expression: RegExp
    try {
      expression = new RegExp(literal[1]!, literal[2]!.replace('g', ''))
    } catch {
      failOption(file, id, 'allow', entry, 'a valid regular expression literal')
    }
    return (value) => expression.test(value)
  })
}
