/**
 * ## What is this?
 *
 * This rule reports credentials written into a runbook: anywhere in the
 * file, code blocks, inline code, links, HTML and front matter included,
 * because a runbook is copied, pasted, rendered and indexed everywhere.
 *
 * It runs the rules of [secretlint][secretlint]’s maintained recommended
 * preset once over the whole file, plus a few patterns of its own, and
 * reports each finding at the exact place of the secret:
 *
 * * cloud keys: AWS access key IDs and secret access keys, private keys of
 *   GCP service accounts (and every other PEM private key), Google API keys,
 *   Azure storage account keys, shared access signatures and client secrets;
 * * tokens: GitHub, GitLab, Slack (and Slack webhook URLs), npm, Stripe,
 *   SendGrid, Shopify, OpenAI, Anthropic, Hugging Face, HashiCorp Vault,
 *   Docker, Grafana, Vercel, Linear, Notion, Databricks, Figma, Groq and
 *   1Password service account tokens, and JSON Web Tokens;
 * * passwords in URLs of any scheme (`postgres://`, `mongodb://`,
 *   `amqp://`, `redis://`, `https://user:password@host`), with any character
 *   a URL allows in them (`.`, `!`, `%`);
 * * `password: …` and `password = …` lines (also `PGPASSWORD=…`,
 *   `--password=…`, `db_password: "…"`), in prose as in code: `the package
 *   password = pass, then …`, and `Password=…;` or `Pwd=…;` in a connection
 *   string (the `;` ends the value).
 *
 * A secret written with character references or backslash escapes
 * (`ghp&#95;…`, `ghp\_…`) is found too: Markdown shows it decoded. So is a
 * secret in the file’s own path, reported at the start of the file. A file
 * of more than 500 secrets gets the first 500 one by one and one message for
 * the rest.
 *
 * The message never prints the secret: it names the kind of credential and
 * shows at most the first four characters of a long token (the part that
 * tells its kind, such as `ghp_` or `AKIA`), the header line of a private
 * key, or a URL with its password left out (`postgres://app:…@db`). No
 * secret text is put in the message's `actual`, `expected`, `note` or
 * `source`, nor in `ancestors`, so no reporter (the default, JSON, SARIF,
 * GitHub annotations) can print it. The secrets this rule finds are masked,
 * with the same detector, in the messages of every other plugin too, before
 * any reporter runs: by `remark-preset-runbook`, and by this rule named
 * without it.
 *
 * Placeholders are not secrets and are not reported: variables
 * (`$DB_PASSWORD`, `${DB_PASSWORD}`, `%DB_PASSWORD%`, `{{ password }}`,
 * `DB_PASSWORD`), `<password>`, `[password]`, `****`, `xxxx`, `...`, words
 * such as `password`, `changeme`, `redacted`, `none`, the names of secret
 * stores (`Vault`, `1Password`), a password equal to its user name (a local
 * default such as `postgres:postgres`), and tokens made of a few repeated
 * characters (`ghp_xxxx…`) or containing `EXAMPLE`. Nor is a password a
 * snippet reads when it runs (`export DB_PASSWORD=$(vault kv get …)`,
 * `$(aws secretsmanager …)`, `$(kubectl get secret …)`, PowerShell's
 * `$env:PGPASSWORD=(az keyvault secret show …)`), or code builds when it
 * runs (`print("export PGPASSWORD=" + shlex.quote(v["PW"]))`, `getpass()`,
 * `os.environ["PW"]`): the text holds the command, not the credential; a value it writes out (`$(echo 'hunter2' |
 * base64)`) is one, and is reported. A password found once is reported
 * wherever else the text writes it out, as a token of its own (`log in with
 * \`Tr0ub4dor-lemon-77\``, then `PGPASSWORD=Tr0ub4dor-lemon-77`): each copy
 * is the same leak. A `password:` line is
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
 *   6:13-6:20: Unexpected password, expected no credentials in a runbook: store it in a secret manager and refer to it by name
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
 *   1:43-1:47: Unexpected password, expected no credentials in a runbook: store it in a secret manager and refer to it by name
 *   3:63-3:71: Unexpected password, expected no credentials in a runbook: store it in a secret manager and refer to it by name
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

import type {VFile} from 'vfile'
import {checkOptionKeys, failOption, runbookRule} from 'runbook-model'
import {detectSecrets, type Secret} from './detect.js'
import {rememberSecrets, sanitizeWhenDone, type DoneFileSet} from './mask.js'

export {decodeEscapes, detectSecrets, mayHoldSecret, mayHoldSecretInAnyCase, patterns, scan, secretAnchorPatterns, secretAnchors, type Secret} from './detect.js'
export {knownSecrets, knownSecretsOf, maskText, printable, safeText, sanitizeFile, sanitizeFiles, sanitizeMessage, sanitizeMessages, splitCodeSpans, type KnownSecrets} from './mask.js'

export interface Options {
  /**
   * Known fake values to ignore: strings compared with the secret, or
   * regular expression literals (`"/^fake-/i"`) tested against it.
   */
  readonly allow?: ReadonlyArray<string> | null | undefined
}

const id = 'no-secrets'

/**
 * The most secrets reported one by one in a file; the rest are counted in
 * one more message. A file of nothing but tokens would otherwise cost a
 * message (and a line of every report) per 40 bytes.
 */
export const mostReported = 500

const expectation = 'expected no credentials in a runbook: store it in a secret manager and refer to it by name'

const rule = runbookRule<Options>(
  {id, description: 'Check that a runbook holds no credentials: keys, tokens, private keys or passwords'},
  (_tree, file, options) => {
    const allow = allowList(file, options)
    const content = String(file)
    const secrets = content === '' ? [] : detectSecrets(content)
    rememberSecrets(file, content, secrets)
    reportFileName(file, allow)
    if (secrets.length > 0) report(file, content, secrets, allow)
  }
)

/**
 * The rule, which under unified-engine also has every plugin's messages
 * masked before any reporter runs (`sanitizeWhenDone`), as the preset does:
 * a configuration may name this rule without the preset.
 */
const remarkLintRunbookNoSecrets = Object.defineProperty(
  Object.assign(
    function (this: unknown, ...parameters: unknown[]) {
      sanitizeWhenDone(parameters[1] as DoneFileSet | undefined)
      return (rule as (...parameters: unknown[]) => unknown).apply(this, parameters)
    },
    {info: rule.info}
  ),
  'name',
  {value: rule.name}
) as unknown as typeof rule

export default remarkLintRunbookNoSecrets

/** Report each secret but allowed values: at most `mostReported`, then one message for the rest. */
function report(file: VFile, content: string, secrets: ReadonlyArray<Secret>, allow: Allowed[]): void {
  const toPoint = pointsOf(content)
  let reported = 0
  let rest = 0
  let firstUnlisted: {line: number; column: number; offset: number} | undefined
  for (const secret of secrets) {
    if (allow.some((allowed) => allowed(secret.secret) || allowed(secret.match))) continue
    const start = toPoint(secret.start)
    if (reported === mostReported) {
      rest++
      firstUnlisted ??= start
      continue
    }
    reported++
    const shown = secret.preview ? ` \`${secret.preview}\`` : ''
    const message = file.message(`Unexpected ${secret.kind}${shown}, ${expectation}`, {
      place: {start, end: toPoint(secret.end)}
    })
    message.note = 'Removing it from the file does not remove it from the Git history: rotate it as well.'
  }
  if (firstUnlisted) {
    const message = file.message(
      `Unexpected ${rest} more ${rest === 1 ? 'credential' : 'credentials'} from line ${firstUnlisted.line} on, not listed one by one (the first ${mostReported} are), ${expectation}`,
      {place: firstUnlisted}
    )
    message.note = 'Removing them from the file does not remove them from the Git history: rotate them as well.'
  }
}

/** A secret in the file's own name or folder reaches every report, whatever masks them: say so, at the start of the file. */
function reportFileName(file: VFile, allow: Allowed[]): void {
  const name = file.path
  if (!name) return
  for (const secret of detectSecrets(name)) {
    if (allow.some((allowed) => allowed(secret.secret) || allowed(secret.match))) continue
    const shown = secret.preview ? ` \`${secret.preview}\`` : ''
    const message = file.message(
      `Unexpected ${secret.kind}${shown} in the file’s path, expected no credentials in a file or folder name: rename it`,
      {place: {line: 1, column: 1}}
    )
    message.note = 'Renaming it does not remove it from the Git history: rotate it as well.'
  }
}

/**
 * Offsets to points, lines ending at `\n`, `\r\n` or `\r` as in
 * `vfile-location`, by binary search: `vfile-location` walks every line
 * before the offset, once per point.
 */
function pointsOf(content: string): (offset: number) => {line: number; column: number; offset: number} {
  const starts = [0]
  const eol = /\r?\n|\r/g
  let match: RegExpExecArray | null
  while ((match = eol.exec(content))) starts.push(match.index + match[0].length)
  return (offset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - starts[low]! + 1, offset}
  }
}

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
