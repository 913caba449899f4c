/**
 * runbook-no-secrets on fake credentials of many kinds. Every fake secret is
 * built here at run time by concatenation, so that this repository holds no
 * string a secret scanner would flag.
 */

import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkLintRunbookNoSecrets, {mayHoldSecret, scan, secretAnchors} from 'remark-lint-runbook-no-secrets'
import fc from 'fast-check'
import {rules as secretlintRules} from '@secretlint/secretlint-rule-preset-recommend'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {reporterJson} from 'vfile-reporter-json'
import {describe, expect, it} from 'vitest'
import {describeMessage} from './helpers.js'

/** A deterministic, random-looking string of `length` characters from `alphabet`. */
function noise(length: number, alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789', seed = 7): string {
  let state = seed * 2654435761
  let result = ''
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) % 2147483648
    result += alphabet[Math.floor((state / 2147483648) * alphabet.length)]
  }
  return result
}

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Each fake: what the document says, the secret in it, and the expected kind and preview. */
const fakes = [
  {kind: 'AWS access key ID', secret: 'AK' + 'IA' + noise(16, upper, 1), preview: 'AKIA…'},
  {kind: 'AWS secret access key', secret: noise(40, base64, 2), before: 'aws_secret' + '_access_key = ', preview: ''},
  {kind: 'GitHub token', secret: 'gh' + 'p_' + noise(36, undefined, 3), preview: 'ghp_…'},
  {kind: 'GitLab token', secret: 'glp' + 'at-' + noise(20, undefined, 4), preview: 'glpa…'},
  {kind: 'Slack token', secret: 'xo' + 'xb-' + '1234567890-1234567890123-' + noise(24, undefined, 5), preview: 'xoxb…'},
  {
    kind: 'Slack webhook URL',
    secret: 'https://hooks.slack.com/' + 'services/T0AB1CD2E/B0AB1CD2E/' + noise(24, undefined, 6),
    preview: 'https://hooks.slack.com/…'
  },
  {kind: 'npm token', secret: 'np' + 'm_' + noise(36, undefined, 7), preview: 'npm_…'},
  {kind: 'SendGrid API key', secret: 'S' + 'G.' + noise(22, undefined, 8) + '.' + noise(43, undefined, 9), preview: ''},
  {kind: 'Stripe secret key', secret: 'sk' + '_live_' + noise(24, undefined, 10), preview: 'sk_l…'},
  {kind: 'Google API key', secret: 'AI' + 'za' + noise(35, undefined, 11), preview: 'AIza…'},
  {
    kind: 'Azure storage account key',
    secret: noise(86, base64, 12) + '==',
    before: 'DefaultEndpointsProtocol=https;AccountName=billing;Account' + 'Key=',
    preview: ''
  },
  {
    kind: 'password in a connection string',
    secret: 'Tr0ub4dor' + '-' + noise(8, undefined, 13),
    before: 'postgres://billing:',
    after: '@db.internal:5432/billing',
    preview: 'postgres://billing:…@db.internal:5432'
  },
  {
    kind: 'password in a URL',
    secret: 'Tr0ub4dor' + '-' + noise(8, undefined, 14),
    before: 'https://deploy:',
    after: '@artifacts.acme.io/releases',
    preview: 'https://deploy:…@artifacts.acme.io'
  },
  {kind: 'password', secret: 'Tr0ub4dor' + '&' + noise(6, undefined, 15), before: 'pass' + 'word: ', preview: ''}
]

const pemBody = 'MII' + noise(61, base64, 16) + '\n' + noise(64, base64, 17) + '\n' + noise(40, base64, 18)
const pem = '-----BEGIN RSA ' + 'PRIVATE KEY-----\n' + pemBody + '\n-----END RSA ' + 'PRIVATE KEY-----'

function document(): {text: string; places: Array<{line: number; column: number}>} {
  const lines = ['# Billing API', '', '## Secrets', '']
  const places: Array<{line: number; column: number}> = []
  for (const [index, fake] of fakes.entries()) {
    const prefix = fake.before ?? ''
    const line = `* ${fake.kind}: \`${prefix}${fake.secret}${fake.after ?? ''}\``
    // Alternate prose, inline code and fenced code.
    if (index % 3 === 2) {
      lines.push('```sh', `${prefix}${fake.secret}${fake.after ?? ''}`, '```', '')
      places.push({line: lines.length - 2, column: prefix.length + 1})
    } else {
      lines.push(line, '')
      places.push({line: lines.length - 1, column: line.indexOf(fake.secret) + 1})
    }
  }
  lines.push('```text', pem, '```', '')
  return {text: lines.join('\n'), places}
}

async function lint(text: string, options?: unknown, gfm = false): Promise<VFile> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(gfm ? [remarkGfm] : [])
    .use(remarkLintRunbookNoSecrets, options as never)
  const file = new VFile({path: 'runbook.md', value: text})
  await processor.run(processor.parse(file), file)
  return file
}

/**
 * A fake of each kind secretlint's preset (and our rule) finds that `fakes`
 * does not have: each must get past the pre-filter and be reported alone.
 * (Left out: 1Password's tokens, which must decode to a real token's JSON,
 * and npm's file tokens, which secretlint looks for only in `.npmrc` and
 * `package.json`.)
 */
const alnum = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789'
const hex = '0123456789abcdef'
const more = [
  'sk-' + noise(20, alnum, 31) + 'T3Blbk' + 'FJ' + noise(20, alnum, 32),
  'sk-' + 'ant-api03-' + noise(93, alnum, 33) + 'AA',
  'gs' + 'k_' + noise(52, alnum, 34),
  'h' + 'f_' + noise(34, 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ', 35),
  'lin' + '_api_' + noise(40, alnum, 36),
  'nt' + 'n_' + noise(11, '0123456789', 37) + noise(35, alnum, 38),
  'shp' + 'at_' + noise(32, alnum, 39),
  'gl' + 'c_' + noise(40, alnum, 40),
  'gl' + 'sa_' + noise(32, alnum, 41) + '_' + noise(8, hex, 42),
  'hv' + 's.' + noise(95, alnum, 43),
  'vc' + 'p_' + noise(24, alnum, 44),
  'da' + 'pi' + noise(32, hex, 45),
  'dckr' + '_pat_' + noise(27, alnum, 46),
  'fi' + 'gd_' + noise(45, alnum, 47),
  'gh' + 'o_' + noise(36, alnum, 48),
  'github' + '_pat_' + noise(82, alnum, 49),
  'mongodb://app:' + 'Tr0ub4dor' + noise(6, alnum, 50) + '@db.internal/billing',
  'mysql://app:' + 'Tr0ub4dor' + noise(6, alnum, 51) + '@db.internal/billing',
  'https://billing.blob.core.windows.net/logs?sv=2022-11-02&s' + 'ig=' + noise(44, alnum, 54),
  noise(3, alnum, 55) + '8Q' + '~' + noise(32, alnum, 56),
  'rk' + '_test_' + noise(24, alnum, 57)
]

describe('runbook-no-secrets skips secretlint on text without any secret’s literal part', () => {
  it('has the literal parts of every rule of secretlint’s preset and of its own', () => {
    expect(Object.keys(secretAnchors).sort()).toEqual(
      [...secretlintRules.map((rule) => rule.meta.id), 'remark-lint-runbook-no-secrets/patterns'].sort()
    )
  })

  for (const fake of fakes) {
    it(`finds a ${fake.kind} alone in a runbook`, async () => {
      const file = await lint(`# Billing API\n\n* ${fake.kind}: \`${fake.before ?? ''}${fake.secret}${fake.after ?? ''}\`\n`)
      expect(file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
        expect.stringMatching(new RegExp(`^3:\\d+ Unexpected ${fake.kind}`))
      ])
    })
  }

  it('finds a private key alone in a runbook', async () => {
    const file = await lint('# Billing API\n\n```text\n' + pem + '\n```\n')
    expect(file.messages.map((message) => message.reason)).toEqual([expect.stringContaining('Unexpected private key')])
  })

  for (const [index, secret] of more.entries()) {
    it(`finds fake secret ${index + 1} of ${more.length} (\`${secret.slice(0, 4)}…\`) alone in a runbook`, async () => {
      expect(mayHoldSecret(secret)).toBe(true)
      const file = await lint(`# Billing API\n\nUse \`${secret}\`.\n`)
      expect(file.messages.map((message) => message.ruleId)).toEqual(['runbook-no-secrets'])
    })
  }

  it('never skips text secretlint finds a secret in (random text from secrets, parts of secrets and prose)', async () => {
    const secrets = [...fakes.map((fake) => (fake.before ?? '') + fake.secret + (fake.after ?? '')), ...more, pem]
    const fragment = fc.oneof(
      fc.constantFrom(...secrets),
      // A secret cut short, or with a character changed: near misses on both sides.
      fc.tuple(fc.constantFrom(...secrets), fc.nat(), fc.constantFrom('', 'x', '_', '-', ' ', 'Q')).map(
        ([secret, cut, replacement]) => {
          const at = cut % secret.length
          return secret.slice(0, at) + replacement + secret.slice(at + 1)
        }
      ),
      fc.constantFrom('password', 'Password', 'PASSWD', 'secret', 'access', 'key', 'AWS_SECRET_ACCESS_KEY', '://', 'https://', 'postgres', 'mongodb+srv', ':', '=', '=>', ' ', '\n', '"', "'", '_', '-', '.', '~', '@', '?', '&', 'sig', 'AccountKey'),
      fc.string({unit: fc.constantFrom(...'abcXYZ019_-.:=~@/ \n'), maxLength: 12}),
      fc.string({maxLength: 8})
    )
    let found = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, {maxLength: 8}), async (parts) => {
        const text = parts.join('')
        if ((await scan(text)).length > 0) {
          found++
          expect(mayHoldSecret(text), text).toBe(true)
        }
      }),
      {numRuns: Number(process.env['FC_RUNS'] ?? 300), seed: Number(process.env['FC_SEED'] ?? 20_261_207)}
    )
    // The search must find secrets often enough to test anything.
    expect(found).toBeGreaterThan(20)
  }, 300_000)

  it('lets ordinary runbook text through without secretlint', () => {
    expect(
      mayHoldSecret(
        '# Billing API\n\nRotate the service account secret in Vault, then restart `deploy/billing` with `kubectl`.\n\nThe password policy follows OWASP; see https://wiki.acme.io/billing.\n'
      )
    ).toBe(false)
    expect(mayHoldSecret('The database password: ask #billing-oncall.')).toBe(true)
  })
})

describe('runbook-no-secrets on fake credentials', () => {
  const {text, places} = document()

  for (const gfm of [false, true]) {
    it(`finds each kind at its exact position${gfm ? ' (with remark-gfm)' : ''}`, async () => {
      const file = await lint(text, undefined, gfm)
      const found = file.messages.map((message) => ({
        reason: message.reason,
        line: message.line,
        column: message.column,
        ruleId: message.ruleId,
        source: message.source,
        fatal: message.fatal
      }))
      expect(found).toHaveLength(fakes.length + 1)

      for (const [index, fake] of fakes.entries()) {
        const message = found[index]!
        expect(message.reason).toContain(`Unexpected ${fake.kind}`)
        if (fake.kind === 'password') {
          expect(message.reason).toBe(
            `Unexpected password, expected no credentials in a runbook: store it in a secret manager and refer to it by name`
          )
        } else if (fake.preview !== '') {
          expect(message.reason).toContain(`\`${fake.preview}\``)
        }
        expect({line: message.line, column: message.column}).toEqual(places[index])
        expect(message.ruleId).toBe('runbook-no-secrets')
        expect(message.source).toBe('remark-lint')
        expect(message.fatal).toBe(false)
      }

      const key = found.at(-1)!
      expect(key.reason).toBe(
        `Unexpected private key \`-----BEGIN RSA PRIVATE KEY-----\`, expected no credentials in a runbook: store it in a secret manager and refer to it by name`
      )
      expect(key.column).toBe(1)
    })
  }

  it('ends each message at the end of the secret', async () => {
    const file = await lint(text)
    const github = file.messages.find((message) => message.reason.includes('GitHub'))!
    const place = github.place as {start: {column: number}; end: {column: number}}
    expect(place.end.column - place.start.column).toBe(40)
  })

  it('never prints a secret in the default or JSON reporter', async () => {
    const file = await lint(text)
    const printed = [
      reporter([file], {verbose: true}),
      reporterJson([file]),
      JSON.stringify(file.messages.map((message) => ({...message})))
    ].join('\n')
    // The random part of each secret (past the public prefix the preview
    // may show): no five characters of it may appear anywhere.
    const secrets = [...fakes.map((fake) => fake.secret.slice(fake.secret.lastIndexOf('/') + 5)), pemBody]
    for (const secret of secrets) {
      for (let start = 0; start + 5 <= secret.length; start++) {
        expect(printed).not.toContain(secret.slice(start, start + 5))
      }
    }
    for (const message of file.messages) {
      expect(message.actual).toBeUndefined()
      expect(message.expected).toBeUndefined()
      expect(message.ancestors).toBeUndefined()
    }
  })

  it('ignores placeholders, variables and examples', async () => {
    const file = await lint(
      [
        'PLACENAMES_DB_PASSWORD=<password>',
        'ESRI_PASSWORD=yyyyyyyyy',
        'password: ${DB_PASSWORD}',
        'password: changeme',
        'Password: Vault',
        'Password: stored in 1Password under `billing`',
        'DB password = see the `payments/db` secret',
        '`postgres://app:${DB_PASSWORD}@db/billing`',
        '`postgres://user:' + 'password@localhost/db`',
        '`postgres://postgres:' + 'postgres@localhost:5432/postgres`',
        '`https://user:****@example.com`',
        '`' + 'gh' + 'p_' + 'x'.repeat(36) + '`',
        '`' + 'AK' + 'IA' + 'IOSFODNN7' + 'EXAMPLE' + '`',
        '`' + 'AK' + 'IA' + 'X'.repeat(16) + '`'
      ].join('\n\n')
    )
    expect(file.messages.map(describeMessage)).toEqual([])
  })

  it('reads a password assigned on a command line', async () => {
    const secret = 'Tr0ub4dor' + '&' + noise(6, undefined, 20)
    const file = await lint(`Run \`PGPASS${'WORD'}=${secret} psql -h db\` to connect.\n`)
    expect(file.messages.map(describeMessage)).toEqual([
      `1:17-1:33 runbook-no-secrets Unexpected password, expected no credentials in a runbook: store it in a secret manager and refer to it by name`
    ])
  })

  it('reads passwords in prose and configuration snippets, ending at a `;`', async () => {
    const secret = 'Tr0ub4dor' + noise(6, undefined, 24)
    const word = 'bluebird'
    const places = async (text: string) =>
      (await lint(text)).messages.map((message) => {
        const place = message.place as {start: {line: number; column: number}; end: {column: number}}
        return `${place.start.line}:${place.start.column}-${place.end.column}`
      })
    expect(await places(`Then enter the package pass${'word'} = ${word}.\n`)).toEqual(['1:35-43'])
    expect(await places(`Use \`Server=db;User Id=app;Pass${'word'}=${secret};Encrypt=True;\`\n`)).toEqual(['1:37-52'])
    expect(await places(`    Data Source=db;User ID=app;Pw${'d'}=${secret};\n`)).toEqual(['1:36-51'])
    expect(await places(`\`\`\`yaml\ndatabase:\n  db_pass${'word'}: ${word}\n\`\`\`\n`)).toEqual(['3:16-24'])
  })

  it('reads the same words as prose, stand-ins or no password at all', async () => {
    const file = await lint(
      [
        `The pass${'word'} is stored in Vault.`,
        `Pass${'word'}: ask the on-call lead`,
        `Pass${'word'}: hunter`,
        `pass${'word'} = none`,
        `Run with --pass${'word'}=prompt to be asked.`,
        `Set \`OLDPWD=/srv/app\` first; \`pwd\` prints it.`,
        `pw${'d'}: (see custodian)`,
        '`https://user:' + 'pass@example.com/demo`',
        `DB pass${'word'} = see the \`payments/db\` secret`
      ].join('\n\n')
    )
    expect(file.messages.map(describeMessage)).toEqual([])
  })

  it('reads a password a snippet fetches at run time as no credential, and one it writes out as one', async () => {
    const key = 'PASS' + 'WORD'
    const quiet = await lint(
      [
        '```sh',
        `export DB_${key}=$(vault kv get -field=password secret/billing/db)`,
        `export DB_${key}="$(aws secretsmanager get-secret-value --secret-id billing/db --query SecretString --output text)"`,
        `PG${key}=$(kubectl get secret billing-db -o jsonpath='{.data.password}' | base64 -d) psql -h db`,
        `export REDIS_${key}=$(gcloud secrets versions access latest --secret=redis)`,
        `export ADMIN_${key}=$( openssl rand -base64 24 )`,
        `export B_${key}=$(echo -n "$RAW_${key}" | base64)`,
        `export C_${key}=$(printf '%s' "$RAW")`,
        '```',
        '',
        `Rotate it with \`NEW_${key}=$(pwgen -s 32 1)\`, then restart the pods.`
      ].join('\n')
    )
    expect(quiet.messages.map(describeMessage)).toEqual([])

    const written = 'Tr0ub4dor' + noise(6, undefined, 25)
    const loud = await lint(
      ['```sh', `export DB_${key}=${written}`, `export B_${key}=$(echo '${written}' | base64)`, `export C_${key}=$(echo -n ${written} | base64)`, '```'].join('\n')
    )
    expect(loud.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      '2:20 runbook-no-secrets',
      '3:19 runbook-no-secrets',
      '4:19 runbook-no-secrets'
    ])
  })

  it('reads a value that code builds when it runs as no credential: a string joined to a call, a call, an index', async () => {
    const key = 'PASS' + 'WORD'
    const quiet = await lint(
      [
        '```bash',
        `eval $(railway variables --json | python3 -c '`,
        'import json,sys,shlex',
        'v=json.load(sys.stdin)',
        `print("export PG${key}="+shlex.quote(v["POSTGRES_${key}"]))`,
        `print("export PGHOST="+shlex.quote(v["PGHOST"]))`,
        `print("export PGUSER="+shlex.quote(v["PGUSER"]))`,
        `')`,
        '```',
        '',
        '```python',
        `db_${key.toLowerCase()} = getpass()`,
        `PG${key}=os.environ["DB_${key}"]`,
        '```',
        '',
        '```lua',
        `local line = "PG${key}=" .. os.getenv("DB_${key}")`,
        '```'
      ].join('\n')
    )
    expect(quiet.messages.map(describeMessage)).toEqual([])
  })

  it('reads PowerShell’s substitution as a command, not a credential', async () => {
    const key = 'PASS' + 'WORD'
    const quiet = await lint(
      [
        '```powershell',
        `$env:PG${key}=(az keyvault secret show --name pg --vault-name ops --query value -o tsv)`,
        `$env:DB_${key}=( aws secretsmanager get-secret-value --secret-id pg --query SecretString --output text )`,
        '```'
      ].join('\n')
    )
    expect(quiet.messages.map(describeMessage)).toEqual([])
    const loud = await lint(['```powershell', `$env:PG${key}=(echo Hunter2-lemon)`, `$env:PG${key}=(Hunter2-lemon)x`, '```'].join('\n'))
    expect(loud.messages.map((message) => `${message.line}:${message.column}`)).toEqual(['2:17', '3:17'])
  })

  it('reports a password found once wherever else the text writes it out, as a token of its own', async () => {
    const key = 'PASS' + 'WORD'
    const written = 'Tr0ub4dor-' + noise(6, undefined, 26)
    const file = await lint(
      [
        '# Break glass',
        '',
        `1. Log in as \`admin\` with the password \`${written}\`.`,
        `2. The admin password is ${written} (rotate it afterwards).`,
        '3. Connect:',
        '',
        '   ```sh',
        `   export PG${key}=${written}`,
        '   psql -h db -U admin',
        '   ```',
        '',
        // Inside longer tokens, it is not the password again.
        `Old dumps are named \`x${written}\` and \`${written}-2\`; the sum is ${written}.tar.`
      ].join('\n')
    )
    expect(file.messages.map((message) => `${describeMessage(message)}`)).toEqual([
      `3:41-3:${41 + written.length} runbook-no-secrets Unexpected password, expected no credentials in a runbook: store it in a secret manager and refer to it by name`,
      `4:26-4:${26 + written.length} runbook-no-secrets Unexpected password, expected no credentials in a runbook: store it in a secret manager and refer to it by name`,
      `8:22-8:${22 + written.length} runbook-no-secrets Unexpected password, expected no credentials in a runbook: store it in a secret manager and refer to it by name`
    ])
    // A plain word assigned as a password is not looked for in the prose: `pass` is a word.
    const word = await lint([`package pass${'word'} = hunter, then`, '', 'The hunter waits.'].join('\n'))
    expect(word.messages.map((message) => `${message.line}:${message.column}`)).toEqual(['1:20'])
  })

  it('finds credentials in front matter and HTML too', async () => {
    const token = 'gh' + 'p_' + noise(36, undefined, 21)
    const file = await lint(`---\ntoken: ${token}\n---\n\n<!-- ${token} -->\n`)
    expect(file.messages.map((message) => `${message.line}:${message.column}`)).toEqual(['2:8', '5:6'])
  })

  it('skips values listed in `allow`, as strings or regular expressions', async () => {
    const token = 'gh' + 'p_' + noise(36, undefined, 22)
    const password = 'Tr0ub4dor' + '&' + noise(6, undefined, 23)
    const input = `\`${token}\`\n\n\`postgres://app:${password}@db\`\n`
    expect((await lint(input, {allow: [token, '/^Tr0ub4dor&/']})).messages).toEqual([])
    expect((await lint(input, {allow: [password]})).messages).toHaveLength(1)
  })

  it('stops on an invalid regular expression in `allow`', async () => {
    const file = await lint('# Billing API\n', {allow: ['/(/']})
    expect(file.messages.map((message) => [message.fatal, message.reason])).toEqual([[true, expect.stringMatching(/Unexpected value `"\/\(\/"` for option `allow` of `runbook-no-secrets`, expected a valid regular expression literal/)]])
  })
})

describe('runbook-no-secrets on what secretlint’s preset misses', () => {
  const jwt = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiJiaWxsaW5nIn0', 'c2lnbmF0dXJlLW9mLXRoZS10b2tlbg'].join('.')
  const token = 'gh' + 'p_' + noise(36, undefined, 60)

  it.each([
    ['a JSON Web Token', `Bearer ${jwt}`, 'JSON Web Token `eyJh…`'],
    ['a URL password with `.` and `!`', `https://deploy:Tr0ub.4dor!x9@ci.example.io/hooks`, 'password in a URL `https://deploy:…@ci.example.io`'],
    ['a URL password with `%`', `https://deploy:p%40ss${noise(6, undefined, 61)}@ci.example.io`, 'password in a URL `https://deploy:…@ci.example.io`'],
    ['a URL user with `.`', `https://deploy.bot:${noise(10, undefined, 62)}@ci.example.io`, 'password in a URL `https://deploy.bot:…@ci.example.io`'],
    ['an amqp:// password', `amqp://billing:${noise(12, undefined, 63)}@rabbit.internal:5672/billing`, 'password in a connection string `amqp://billing:…@rabbit.internal:5672`'],
    ['a redis:// password', `redis://:${noise(12, undefined, 64)}@redis.internal:6379/0`, 'password in a connection string `redis://:…@redis.internal:6379`'],
    ['a token with a character reference', token.replace('_', '&#95;'), 'GitHub token `ghp_…`'],
    ['a token with a named character reference', token.replace('_', '&lowbar;'), 'GitHub token `ghp_…`'],
    ['a token with a backslash escape', token.replace('_', '\\_'), 'GitHub token `ghp_…`']
  ])('finds %s', async (_name, written, found) => {
    const file = await lint(`# Billing API\n\nUse ${written} here.\n`)
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      `3:${file.messages[0]?.column} Unexpected ${found}, expected no credentials in a runbook: store it in a secret manager and refer to it by name`
    ])
  })

  it('ignores a JWT-shaped string whose header is no JSON Web Token header, and URL stand-ins', async () => {
    const fake = ['eyJub3RoaW5nIjoiaGVyZSJ9', 'eyJzdWIiOiJiaWxsaW5nIn0', 'c2lnbmF0dXJl'].join('.')
    const file = await lint(`${fake}\n\nredis://:\${REDIS_PASSWORD}@redis\n\namqp://guest:guest@localhost\n\nhttps://user:****@example.com\n`)
    expect(file.messages.map(describeMessage)).toEqual([])
  })

  it('finds a token in the file’s path, at the start of the file', async () => {
    const processor = unified().use(remarkParse).use(remarkLintRunbookNoSecrets)
    const file = new VFile({path: `docs/${token}.md`, value: '# Billing API\n'})
    await processor.run(processor.parse(file), file)
    expect(file.messages.map(describeMessage)).toEqual([
      '1:1 runbook-no-secrets Unexpected GitHub token `ghp_…` in the file’s path, expected no credentials in a file or folder name: rename it'
    ])
  })

  it('lints `password: ` repeated over 200 KB, and 200 KB of real passwords, with at most 500 messages and one for the rest', async () => {
    // Every candidate went to secretlint, whose duplicate filter is
    // quadratic: 51 s. No time is asserted; vitest's timeout catches a hang.
    const repeated = await lint('# X\n\n' + ('pass' + 'word: ').repeat(20_000) + '\n')
    expect(repeated.messages).toEqual([])
    const many = await lint('# X\n\n' + `Pw${'d'}=Xk9-mQ2;`.repeat(20_000) + '\n')
    expect(many.messages).toHaveLength(501)
    expect(many.messages.at(-1)?.reason).toBe(
      'Unexpected 19500 more credentials from line 3 on, not listed one by one (the first 500 are), expected no credentials in a runbook: store it in a secret manager and refer to it by name'
    )
  })

  it('applies secretlint-disable comments as secretlint does, for any number of them', async () => {
    const lines = []
    for (let index = 0; index < 2000; index++) lines.push('<!-- secretlint-disable-next-line -->', `\`${'gh' + 'p_' + noise(36, undefined, 100 + index)}\``, '')
    const file = await lint(lines.join('\n') + `\n\`${token}\`\n`)
    expect(file.messages.map((message) => message.line)).toEqual([lines.length + 1])
  })
})
