/**
 * ## What is this?
 *
 * This rule reads the “Password and PII security” section, which says how
 * the service stores passwords, and reports a weak scheme it describes, at
 * the word that names it:
 *
 * * plaintext storage: `plain text`, `cleartext`, `unencrypted`, `unhashed`;
 * * reversible encryption: passwords `encrypted` (with AES or anything
 *   else: whoever holds the key holds every password) or `base64` encoded;
 * * broken hashes: `MD5`, `MD4`, `SHA-1`, `NTLM`, `CRC32`;
 * * fast hashes, salted or not: `SHA-256`, `SHA-512`, `SHA-3`, `BLAKE2`
 *   (a GPU tries billions of guesses a second; a salt does not slow that);
 * * `unsalted` hashes (`without salt`, `no salt`);
 * * unknown hash names, which are often typos hiding a weak choice:
 *   `SHA265`, `SHA-265`, `MD-5x`.
 *
 * It recognises the password hashing functions the
 * [OWASP Password Storage Cheat Sheet][owasp] recommends, Argon2id,
 * scrypt, bcrypt and PBKDF2, and says to use one of them. A fast hash named
 * in the same sentence as one of these is its building block and not
 * reported: `PBKDF2-HMAC-SHA256 with 600,000 iterations` or `bcrypt over a
 * SHA-256 pre-hash` are fine.
 *
 * Common negations are understood, within a clause: `we never store
 * plaintext passwords`, `not MD5`, `bcrypt instead of SHA-1`, `no longer
 * SHA-1` are not reported. Sentences about something other than passwords
 * (checksums, signatures, certificates, TLS, API tokens, PII encrypted at
 * rest) are not reported either: encrypting PII is right, and hashing
 * high-entropy tokens with SHA-256 is fine.
 *
 * Encryption is a claim about how passwords are stored only when it is
 * about the passwords themselves. Not reported: encryption in transit (a
 * clause about TLS, SSL, HTTPS, a connection or the network: `passwords are
 * encrypted in transit`), encryption of the storage under the data (at
 * rest, disks, volumes: `the database, which is encrypted at rest`), and a
 * setting such as `encrypt: true` or `Encrypt=True` in a connection string.
 * Plaintext in transit (`sent in clear text over the internal network`) is
 * not storage either.
 *
 * Prose, lists, tables and inline code are read; code blocks are not, as
 * they hold commands and configuration whose hashes are mostly checksums.
 * Without the section, the rule says nothing (`runbook-required-headings`
 * reports the missing section).
 *
 * ## When should I use this?
 *
 * Use it on runbooks of services that store passwords. It is part of
 * `remark-preset-runbook`, with severity `warn`: the runbook describes the
 * problem, the fix is in the service.
 *
 * ## API
 *
 * ### `unified().use(remarkLintRunbookPasswordStorage)`
 *
 * Warn when the runbook describes weak password storage. There are no
 * options.
 *
 * ## Recommendation
 *
 * Say which function, with which parameters: “Passwords are hashed with
 * Argon2id (19 MiB, 2 iterations, 1 lane)”, “bcrypt, cost 12”, or
 * “PBKDF2-HMAC-SHA256 with 600,000 iterations”. If the service stores no
 * passwords, say so and who does (“Sign-in is delegated to Okta”).
 *
 * [owasp]: https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 *
 * @example
 *   {"name":"ok.md"}
 *
 *   ### Password and PII security
 *
 *   Passwords are hashed with bcrypt with cost 12. We never store
 *   plaintext passwords, and no longer accept SHA-1 hashes from the old
 *   system.
 *
 *   * Service accounts: PBKDF2-HMAC-SHA256 with 600,000 iterations.
 *   * PII is encrypted at rest with AES-256.
 *   * Download checksums are SHA-256.
 *
 *   ```sh
 *   echo "$PASSWORD" | md5sum
 *   ```
 *
 * @example
 *   {"name":"not-ok.md","label":"input"}
 *
 *   ### Password and PII security
 *
 *   Passwords are hashed with a 10-character salt and SHA265.
 *
 *   * Admin passwords: SHA-256 with salt.
 *   * Legacy accounts: unsalted `MD5`.
 *   * API passwords are encrypted with AES and kept in the database.
 *
 *   Passwords are stored in plain text in the audit log.
 *
 * @example
 *   {"name":"not-ok.md","label":"output"}
 *
 *   3:51-3:57: Unexpected unknown hash `SHA265` for passwords, expected a password hashing function such as Argon2id, scrypt, bcrypt or PBKDF2
 *   5:20-5:27: Unexpected fast hash `SHA-256` for passwords, expected a password hashing function such as Argon2id, scrypt, bcrypt or PBKDF2
 *   6:20-6:28: Unexpected unsalted hash `unsalted` for passwords, expected a password hashing function such as Argon2id, scrypt, bcrypt or PBKDF2
 *   6:30-6:33: Unexpected broken hash `MD5` for passwords, expected a password hashing function such as Argon2id, scrypt, bcrypt or PBKDF2
 *   7:21-7:30: Unexpected reversible encryption `encrypted` for passwords, expected a password hashing function such as Argon2id, scrypt, bcrypt or PBKDF2
 *   9:25-9:35: Unexpected plaintext storage `plain text` for passwords, expected a password hashing function such as Argon2id, scrypt, bcrypt or PBKDF2
 *
 * @example
 *   {"name":"ok-transport.md"}
 *
 *   ### Password and PII security
 *
 *   Passwords are hashed with Argon2id. The connection to the user database
 *   uses TLS (`encrypt: true`), so passwords and PII are encrypted in
 *   transit.
 *
 *   User passwords are kept in the accounts database, which is encrypted at
 *   rest.
 *
 * @example
 *   {"name":"ok-elsewhere.md"}
 *
 *   ## Monitoring and alerting
 *
 *   Passwords of the dashboard are MD5 hashed: this section is not about
 *   password storage, so nothing is reported here.
 */

import type {Nodes, PhrasingContent, Root, RootContent} from 'mdast'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {
  checkOptionKeys,
  getContent,
  runbookOf,
  runbookRule,
  trimEnd,
  type RunbookContent,
  type Section
} from 'runbook-model'

export type Options = Record<string, never>

const id = 'password-storage'
const advice = 'a password hashing function such as Argon2id, scrypt, bcrypt or PBKDF2'
const owasp = 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html'

/**
 * Every regular expression of the rule. Each is linear: no quantifier
 * inside another, alternatives of fixed words, so a 100,000-character line
 * takes linear time.
 */
export const patterns = {
  /** A word, or a name such as `PBKDF2-HMAC-SHA256`, `SHA-512/256`, `MD-5x`. */
  token: /[A-Za-z0-9][A-Za-z0-9_/-]*/g,
  /** `SHA 256` written with a space. */
  spacedDigits: /^ \d{1,3}(?![A-Za-z0-9])/,
  plaintext: /\b(?:plain[ -]?text|clear[ -]?text|in the clear|unencrypted|unhashed|not hashed)\b/gi,
  encryption: /\b(?:encrypt(?:s|ed|ion)?|reversibl[ey]|decrypt(?:s|ed|able)?|base64[ -]?encoded|base64)\b/gi,
  unsalted: /\b(?:unsalted|without (?:a |any )?salt|no salt|not salted)\b/gi,
  negation:
    /\b(?:never|not|no|none|nor|neither|without|avoid|avoids|instead of|rather than|no longer|migrated from|replaced|forbidden|prohibited|disallowed|deprecated|don't|doesn't|isn't|aren't|won't|cannot|can't)\b/i,
  /** Where a negation stops applying. */
  clauseBreak: /[,;:()]| but | while | whereas | and then /gi,
  passwords: /\b(?:pass(?:word|phrase|code)s?|credentials?|user secrets?)\b/i,
  otherSubject:
    /\b(?:checksums?|integrity|signatures?|signing|signed|certificates?|fingerprints?|tls|ssl|https|etags?|api (?:keys?|tokens?)|tokens?|sessions?|pii|personal data|card|cards|e-?mails?|addresses|backups?|disks?|volumes?|files?|logs?)\b/i,
  cipher: /\b(?:aes|rsa|3?des|blowfish|rc4|chacha20|kms|gpg|pgp)\b/i,
  /** Where a clause stops, to tell what an encryption word is about. */
  clause: /[,;:()]|\b(?:but|while|whereas|and|so|because|although|though|which|that)\b/gi,
  /** Encryption on the way: TLS, a connection, the network. */
  transport:
    /\b(?:tls|ssl|https|in\s+transit|transport|connections?|connected|wire|network|channel|traffic|tunnel|vpn|ssh|sftp)\b/i,
  /** Encryption of the storage under the data, not of the passwords. */
  atRest:
    /\b(?:at\s+rest|disks?|volumes?|full[\s-]disk|file\s?system|tde|transparent\s+data\s+encryption|storage[\s-]level|server[\s-]side)\b/i,
  /** A setting, `encrypt: true` or `Encrypt=True`, not a claim. */
  setting: /^["'`]?[ \t]*[:=][ \t]*["'`]?(?:true|false|yes|no|on|off|required?|strict|mandatory|optional|disabled?|enabled?|verify-full|verify-ca)\b/i
}

type Label =
  | 'plaintext storage'
  | 'reversible encryption'
  | 'unsalted hash'
  | 'broken hash'
  | 'fast hash'
  | 'unknown hash'

const notes: Record<Label, string> = {
  'plaintext storage': 'Anyone who reads the database, a backup or a log has every password.',
  'reversible encryption': 'Whoever has the key, or the service that holds it, can decrypt every password.',
  'unsalted hash': 'Without a salt, equal passwords have equal hashes and precomputed tables crack them.',
  'broken hash': 'It is fast and broken: a GPU tries billions of guesses a second.',
  'fast hash': 'A general-purpose hash is fast: a GPU tries billions of guesses a second, salted or not.',
  'unknown hash': 'No hash function has this name: a typo may hide a weak choice.'
}

const broken = new Set(['md2', 'md4', 'md5', 'md5crypt', 'sha0', 'sha1', 'ntlm', 'ntlmv1', 'ntlmv2', 'lmhash', 'crc32', 'hmacmd5', 'hmacsha1'])
const fast = new Set([
  'sha',
  'sha2',
  'sha224',
  'sha256',
  'sha384',
  'sha512',
  'sha512224',
  'sha512256',
  'sha2224',
  'sha2256',
  'sha2384',
  'sha2512',
  'sha3',
  'sha3224',
  'sha3256',
  'sha3384',
  'sha3512',
  'hmacsha256',
  'hmacsha384',
  'hmacsha512',
  'blake2',
  'blake2b',
  'blake2s',
  'blake3',
  'ripemd160',
  'whirlpool',
  'shake128',
  'shake256'
])
const strongNames = ['argon2', 'bcrypt', 'scrypt', 'pbkdf2']

interface Finding {
  readonly label: Label
  /** Offsets in the block's text. */
  readonly start: number
  readonly end: number
}

/** The readable text of one block (paragraph, heading, table cell) and where each part of it is in the file. */
interface Block {
  readonly text: string
  readonly parts: ReadonlyArray<{readonly from: number; readonly node: PhrasingContent; readonly value: string}>
}

const remarkLintPasswordStorage = runbookRule<Options>(
  {id, description: 'Check that a runbook does not describe weak password storage, such as plaintext, MD5 or a fast hash'},
  (tree, file, options) => {
    checkOptionKeys(file, id, options, [])
    const runbook = runbookOf(tree, file)
    const entry = runbook.template.find('Password and PII security')
    const section = entry ? runbook.find(entry)?.section : undefined
    if (!section) return
    // Template prompts and `(e.g. ...)` examples left in place are reported by
    // `runbook-no-placeholders`, not read as claims. A template sentence
    // written as the runbook's own (without its wrapper) is a claim.
    const content = getContent(runbook, file)

    const source = String(file)
    const place = location(file)
    const blocks = sectionBlocks(section, content)

    for (const [index, block] of blocks.entries()) {
      const context = block.text + ' ' + (blocks[index - 1]?.text ?? '')
      for (const finding of inspect(block.text, context)) {
        const start = place.toPoint(fileOffset(source, block, finding.start))
        const end = place.toPoint(fileOffset(source, block, finding.end - 1) + 1)
        if (!start || !end) continue
        const word = block.text.slice(finding.start, finding.end)
        const message = file.message(`Unexpected ${finding.label} \`${word}\` for passwords, expected ${advice}`, {
          ancestors: [tree, partAt(block, finding.start).node],
          place: {start, end}
        })
        message.note = `${notes[finding.label]} See ${owasp}`
      }
    }
  }
)

export default remarkLintPasswordStorage

/** The weak schemes a block describes, in order. */
export function inspect(text: string, context: string): Finding[] {
  const findings: Finding[] = []
  for (const sentence of sentences(text)) {
    const body = text.slice(sentence.start, sentence.end)
    const tokens = hashTokens(body)
    const strong = tokens.some((token) => token.kind === 'strong')
    const namesPasswords = patterns.passwords.test(body)
    const aboutOther = !namesPasswords && patterns.otherSubject.test(body)
    if (aboutOther) continue
    // Hashing in this section is about passwords; plaintext and encryption
    // may be about PII, so they need passwords named here or just before.
    const aboutPasswords = namesPasswords || patterns.passwords.test(context)

    const add = (label: Label, start: number, end: number): void => {
      if (negated(body, start)) return
      findings.push({label, start: sentence.start + start, end: sentence.start + end})
    }

    for (const match of aboutPasswords ? body.matchAll(patterns.plaintext) : []) {
      // Sent in clear text is not stored in clear text.
      const clause = clauseAt(body, match.index, match.index + match[0].length)
      if (patterns.transport.test(body.slice(clause.from, clause.to))) continue
      add('plaintext storage', match.index, match.index + match[0].length)
    }
    if (aboutPasswords && !strong) {
      for (const match of body.matchAll(patterns.encryption)) {
        const end = match.index + match[0].length
        if (match[0].toLowerCase() === 'base64' && /^[ -]?encoded/i.test(body.slice(match.index + 6))) continue
        if (!encryptsPasswords(body, match.index, end)) continue
        add('reversible encryption', match.index, end)
      }
    }
    for (const match of body.matchAll(patterns.unsalted)) {
      add('unsalted hash', match.index, match.index + match[0].length)
    }
    for (const token of tokens) {
      if (token.kind === 'strong') continue
      // A fast hash beside a password hashing function is its building block.
      if (strong && token.kind !== 'unknown' && (token.kind === 'fast' || /sha1/.test(token.name))) continue
      const label: Label = token.kind === 'broken' ? 'broken hash' : token.kind === 'fast' ? 'fast hash' : 'unknown hash'
      add(label, token.start, token.end)
    }
  }
  return findings.sort((a, b) => a.start - b.start)
}

/**
 * Whether an encryption word is a claim that passwords are stored encrypted:
 * not a setting (`encrypt: true`), not encryption in transit (TLS, a
 * connection) or of the storage under the data (at rest, disks), and not a
 * relative clause about something else (`the database, which is encrypted`).
 */
function encryptsPasswords(sentence: string, start: number, end: number): boolean {
  if (patterns.setting.test(sentence.slice(end))) return false
  const {from, to} = clauseAt(sentence, start, end)
  const clause = sentence.slice(from, to)
  if (patterns.transport.test(clause) || patterns.atRest.test(clause)) return false
  if (/^(?:which|that)\b/i.test(clause)) {
    // What "which" stands for: the word before it.
    if (!patterns.passwords.test(lastWord(sentence.slice(0, from)))) return false
  }
  return true
}

/** The last word of a text, before spaces and commas (scanned: a pattern anchored at the end would be quadratic). */
function lastWord(text: string): string {
  let end = text.length
  while (end > 0 && ' \t\n,'.includes(text.charAt(end - 1))) end--
  let start = end
  while (start > 0 && /[A-Za-z]/.test(text.charAt(start - 1))) start--
  return text.slice(start, end)
}

/**
 * The clause of a sentence around a word, between the breaks before and
 * after it (a conjunction before it starts the clause).
 */
function clauseAt(sentence: string, start: number, end: number): {from: number; to: number} {
  let from = 0
  let to = sentence.length
  for (const match of sentence.matchAll(patterns.clause)) {
    if (match.index + match[0].length <= start) {
      from = /^[a-z]/i.test(match[0]) ? match.index : match.index + match[0].length
    } else if (match.index >= end) {
      to = match.index
      break
    }
  }
  return {from, to}
}

interface HashToken {
  readonly kind: 'strong' | 'broken' | 'fast' | 'unknown'
  readonly name: string
  readonly start: number
  readonly end: number
}

/** The hash function names in a sentence. */
function hashTokens(text: string): HashToken[] {
  const tokens: HashToken[] = []
  for (const match of text.matchAll(patterns.token)) {
    const raw = trimEnd(match[0], '-_/')
    let end = match.index + raw.length
    let name = raw.toLowerCase().replace(/[-_/]/g, '')
    if (name === 'sha' || name === 'md') {
      const digits = patterns.spacedDigits.exec(text.slice(end, end + 5))
      if (digits) {
        name += digits[0].trim()
        end += digits[0].length
      }
    }
    const kind = classify(name)
    if (kind) tokens.push({kind, name, start: match.index, end})
  }
  return tokens
}

function classify(name: string): HashToken['kind'] | undefined {
  if (strongNames.some((strong) => name.includes(strong))) return 'strong'
  if (broken.has(name)) return 'broken'
  if (fast.has(name)) return 'fast'
  // `md5sum`, `sha256sum`: checksum tools, not storage.
  if (name.endsWith('sum')) return undefined
  if (/^(?:sha|md)\d/.test(name) || /^(?:argon|pbkdf)(?!2)/.test(name) || /^hmac(?:sha|md)\d/.test(name)) return 'unknown'
  return undefined
}

/** Whether a negation earlier in the same clause applies to the word at `index`. */
function negated(sentence: string, index: number): boolean {
  let clauseStart = 0
  for (const match of sentence.slice(0, index).matchAll(patterns.clauseBreak)) {
    clauseStart = match.index + match[0].length
  }
  const clause = sentence.slice(clauseStart, index)
  return patterns.negation.test(clause)
}

/** Sentences of a block: ends at `.`, `!`, `?` or `;` followed by a space or the end. */
function sentences(text: string): Array<{start: number; end: number}> {
  const result: Array<{start: number; end: number}> = []
  let start = 0
  for (let index = 0; index < text.length; index++) {
    const character = text.charAt(index)
    if ((character === '.' || character === '!' || character === '?' || character === ';') && /\s|^$/.test(text.charAt(index + 1))) {
      result.push({start, end: index + 1})
      start = index + 1
    }
  }
  if (start < text.length) result.push({start, end: text.length})
  return result
}

/** The blocks of a section's own content and its subsections', code blocks, HTML and template text left out. */
function sectionBlocks(section: Section, content: RunbookContent): Block[] {
  const blocks: Block[] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'code' || node.type === 'html' || node.type === 'yaml') return
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const parts: Array<{from: number; node: PhrasingContent; value: string}> = []
      let text = ''
      const collect = (child: PhrasingContent): void => {
        if (child.type === 'text' || child.type === 'inlineCode') {
          if (!child.position) return
          parts.push({from: text.length, node: child, value: child.value})
          text += child.value
        } else if (child.type === 'break') {
          text += ' '
        } else if ('children' in child) {
          for (const grandchild of child.children) collect(grandchild)
        }
      }
      for (const child of node.children) collect(child)
      if (text.trim() !== '') blocks.push({text, parts})
      return
    }
    if ('children' in node) for (const child of node.children as RootContent[]) visit(child)
  }
  const walk = (current: Section): void => {
    const skip = new Set<Nodes>(
      content
        .of(current)
        .placeholders.filter((placeholder) => placeholder.kind !== 'template-text')
        .map((placeholder) => placeholder.node)
    )
    for (const node of current.body) if (!skip.has(node)) visit(node)
    for (const child of current.children) {
      if (child.heading) visit(child.heading)
      walk(child)
    }
  }
  walk(section)
  return blocks
}

function partAt(block: Block, index: number): Block['parts'][number] {
  let part = block.parts[0]!
  for (const candidate of block.parts) {
    if (candidate.from <= index) part = candidate
    else break
  }
  return part
}

/** The file offset of a character of a block's text. */
function fileOffset(source: string, block: Block, index: number): number {
  const part = partAt(block, index)
  const start = part.node.position!.start.offset!
  const end = part.node.position!.end.offset!
  const raw = source.slice(start, end)
  const inside = Math.min(index - part.from, part.value.length)
  if (part.node.type === 'inlineCode') {
    const at = raw.indexOf(part.value)
    return start + (at === -1 ? 0 : at) + inside
  }
  // Escapes and character references make the source longer than the value.
  if (raw === part.value) return start + inside
  const word = /^[A-Za-z0-9]+/.exec(part.value.slice(inside))?.[0] ?? part.value.charAt(inside)
  const at = raw.indexOf(word)
  return at === -1 ? start : start + at
}
