/**
 * runbook-password-storage on the sentences people write, and on long
 * worst-case input for every pattern.
 */

import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkLintPasswordStorage from 'remark-lint-runbook-password-storage'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'

async function findings(text: string, gfm = false): Promise<string[]> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(gfm ? [remarkGfm] : [])
    .use(remarkLintPasswordStorage)
  const file = new VFile({path: 'runbook.md', value: `## Security and access control\n\n### Password and PII security\n\n${text}\n`})
  await processor.run(processor.parse(file), file)
  return file.messages.map((message) => {
    const label = /^Unexpected (.+?) `/.exec(message.reason)![1]
    const word = /`([^`]+)`/.exec(message.reason)![1]
    return `${message.line}:${message.column} ${label} ${word}`
  })
}

describe('runbook-password-storage', () => {
  const cases: Array<[string, string[]]> = [
    ['Passwords are hashed with a 10-character salt and SHA265.', ['5:51 unknown hash SHA265']],
    ['Passwords are hashed with SHA-265.', ['5:27 unknown hash SHA-265']],
    ['Passwords: MD-5x.', ['5:12 unknown hash MD-5x']],
    ['Passwords: bcrypt with cost 12.', []],
    ['Passwords: SHA-256 with salt.', ['5:12 fast hash SHA-256']],
    ['Passwords: salted SHA 512.', ['5:19 fast hash SHA 512']],
    ['Passwords: PBKDF2-HMAC-SHA256 with 600,000 iterations.', []],
    ['Passwords: PBKDF2 (HMAC-SHA-512, 210,000 iterations).', []],
    ['Passwords are hashed with Argon2id; PII is encrypted with AES-256.', []],
    ['We never store plaintext passwords.', []],
    ['Passwords are not stored in plain text or as MD5 hashes.', []],
    ['Passwords are hashed with bcrypt, not MD5.', []],
    ['Passwords are hashed with scrypt instead of SHA-1.', []],
    // Encrypted at rest is the storage under the passwords, not how they are stored.
    ['Passwords are stored in plain text, but encrypted at rest.', ['5:25 plaintext storage plain text']],
    ['Passwords are encrypted with AES and sent over TLS.', ['5:15 reversible encryption encrypted']],
    ['We keep passwords, which are encrypted with a key in KMS.', ['5:30 reversible encryption encrypted']],
    ['The database connection uses TLS (`encrypt: true`), so passwords and PII are encrypted in transit.', []],
    ['Connections set `Encrypt=True;TrustServerCertificate=False` for the password store.', []],
    ['Passwords are kept in the accounts database, which is encrypted at rest.', []],
    ['Passwords are sent in clear text over the internal network only.', []],
    ['Passwords are encrypted with AES.', ['5:15 reversible encryption encrypted']],
    ['Passwords are base64 encoded.', ['5:15 reversible encryption base64 encoded']],
    ['Password hashes are unsalted SHA1.', ['5:21 unsalted hash unsalted', '5:30 broken hash SHA1']],
    ['The release checksum is SHA-1. API tokens are stored as SHA-256 hashes.', []],
    ['No passwords or personal information maintained or logged.', []],
    ['This system does not store passwords and instead relies on a third-party IdP.', []],
    ['Passwords are hashed with **MD5**.', ['5:29 broken hash MD5']],
    ['| Kind | Storage |\n| ---- | ------- |\n| Passwords | `sha256` |', ['7:16 fast hash sha256']]
  ]

  for (const [input, expected] of cases) {
    it(input.split('\n')[0]!, async () => {
      expect(await findings(input)).toEqual(expected)
    })
  }

  it('reads tables the same with remark-gfm', async () => {
    expect(await findings('| Kind | Storage |\n| ---- | ------- |\n| Passwords | `sha256` |', true)).toEqual([
      '7:16 fast hash sha256'
    ])
  })

  it('reads subsections and list items after a lead-in', async () => {
    expect(await findings('Password storage:\n\n* Admins: SHA-512.\n* Users: Argon2id.\n\n#### Legacy\n\nOld hashes are MD5.')).toEqual([
      '7:11 fast hash SHA-512',
      '12:16 broken hash MD5'
    ])
  })

  it('skips code blocks and HTML', async () => {
    expect(await findings('```\npassword_encryption = md5\n```\n\n<!-- Passwords are MD5 -->')).toEqual([])
  })

  it('does nothing without the section', async () => {
    const file = new VFile({value: '# Billing API\n\nPasswords are MD5 hashed.\n'})
    const processor = unified().use(remarkParse).use(remarkLintPasswordStorage)
    await processor.run(processor.parse(file), file)
    expect(file.messages).toEqual([])
  })

  // Every pattern is proven linear by recheck (regex-safety.test.ts); this is
  // the rule reading such text to the end, with no time asserted.
  it('reads a section of 100,000-character worst cases to its end', async () => {
    const inputs = ['a'.repeat(100_000), 'a-'.repeat(50_000), 'pass '.repeat(20_000), 'not '.repeat(25_000), ', '.repeat(50_000), 'SHA-'.repeat(25_000)]
    for (const input of inputs) {
      expect(await findings(`${input}\n\nPasswords are hashed with MD5.`), input.slice(0, 8)).toEqual(['7:27 broken hash MD5'])
    }
  })
})
