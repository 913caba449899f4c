/**
 * Ways to reach an owner, found in text: email addresses, chat channels,
 * handles and chat links, phone numbers and extensions, on-call and paging
 * links, and a paging service or the on-call rotation named in words
 * (`PagerDuty`, `the on-call rotation`).
 *
 * Every pattern here runs on a bounded token or is linear: the text is split
 * into tokens first, and each token is checked with an anchored pattern.
 */

import {findUrls, maskUrls} from './text.js'

export type ContactKind = 'email' | 'chat' | 'phone' | 'paging'

export interface Contact {
  readonly kind: ContactKind
  /** The value as written (an address, a channel, a number, a URL). */
  readonly value: string
  /** Offsets in the text the contact was found in. */
  readonly start: number
  readonly end: number
  /** Why this value cannot reach anyone, if it cannot. */
  readonly problem?: string
}

const email = /^[a-z\d._%+'-]{1,64}@[a-z\d-]{1,63}(?:\.[a-z\d-]{1,63}){0,6}\.[a-z]{2,24}$/i
const channel = /^#[a-z\d][\w.-]{0,79}$/i
const extension = /\b(?:ext|extension|x)\.? ?(\d{2,6})\b/gi
const phone = /\+?\(?\d[\d ()-]{5,18}\d/g
const phoneContext = /\b(?:phone|tel|telephone|call|mobile|cell|ring|hotline|sms)\b|[☎📞]/i

/** Domains that only ever stand for an example. */
const exampleDomains = new Set([
  'example.com',
  'example.org',
  'example.net',
  'company.com',
  'domain.com',
  'email.com',
  'mycompany.com',
  'yourcompany.com',
  'mydomain.com',
  'yourdomain.com',
  'organisation.com',
  'organization.com',
  'somecompany.com',
  'test.com',
  'foo.com',
  'bar.com'
])
const exampleTopLevel = new Set(['example', 'test', 'invalid', 'localhost', 'local'])
const exampleChannels = new Set(['channel', 'your-channel', 'team-channel', 'slack-channel', 'channel-name', 'team'])

// A handle on chat (`@team-devops`, `@database-team`), not an address.
const handle = /^@[a-z\d][\w.-]{1,60}$/i
// A paging service or the on-call rotation named in words: a route that
// reaches whoever is on call (`via PagerDuty`, `page the on-call`).
const pagingService = /\b(?:pager ?duty|ops ?genie|victor ?ops|splunk on-?call|xmatters|incident\.io|grafana on-?call|firehydrant|rootly|squadcast)\b/gi
// A channel named in words, without its `#`: `the platform-oncall Slack
// channel`, `Slack channel sre-alerts` (a name of two words or more joined).
const namedChannel = /\b[a-z\d]{1,40}(?:[-_][a-z\d]{1,40}){1,6} (?:slack|teams|mattermost|discord|zulip) channel\b|\b(?:slack|teams|mattermost|discord|zulip) channel:? `?[a-z\d]{1,40}(?:[-_][a-z\d]{1,40}){1,6}/gi
const onCallRoute = /\b(?:on-?call|pager) (?:rotation|schedule|roster|rota)\b|\bpage (?:the )?on-?call\b/gi

const chatHosts = [/(?:^|\.)slack\.com$/, /^teams\.microsoft\.com$/, /^teams\.live\.com$/, /^chat\.google\.com$/, /(?:^|\.)discord(?:app)?\.com$/, /(?:^|\.)discord\.gg$/, /mattermost/, /(?:^|\.)zulipchat\.com$/]
const pagingHosts = [/(?:^|\.)pagerduty\.com$/, /(?:^|\.)opsgenie\.com$/, /(?:^|\.)incident\.io$/, /(?:^|\.)victorops\.com$/, /(?:^|\.)squadcast\.com$/, /(?:^|\.)firehydrant\.(?:io|com)$/, /(?:^|\.)rootly\.com$/, /(?:^|\.)splunkoncall\.com$/, /oncall/, /on-call/]

/** Every contact in `text`, in order. */
export function findContacts(text: string): Contact[] {
  const contacts: Contact[] = []

  for (const link of findUrls(text)) {
    const contact = classifyUrl(link.value)
    if (contact) contacts.push({...contact, start: link.start, end: link.end})
  }

  const masked = maskUrls(text)
  for (const token of tokens(masked)) {
    if (token.value.includes('@') && email.test(token.value)) {
      contacts.push({kind: 'email', ...token, ...emailProblem(token.value)})
    } else if (handle.test(token.value) && /[a-z]/i.test(token.value)) {
      contacts.push({kind: 'chat', ...token})
    } else if (channel.test(token.value) && /[a-z]/i.test(token.value)) {
      const name = token.value.slice(1).toLowerCase()
      contacts.push({
        kind: 'chat',
        ...token,
        ...(exampleChannels.has(name) ? {problem: 'a placeholder channel name'} : {})
      })
    }
  }

  for (const [kind, pattern] of [
    ['paging', pagingService],
    ['paging', onCallRoute],
    ['chat', namedChannel]
  ] as const) {
    for (const match of masked.matchAll(pattern)) {
      contacts.push({kind, value: match[0], start: match.index, end: match.index + match[0].length})
    }
  }

  for (const match of masked.matchAll(extension)) {
    contacts.push({kind: 'phone', value: match[0], start: match.index, end: match.index + match[0].length})
  }

  for (const match of masked.matchAll(phone)) {
    const value = match[0].trim()
    const digits = value.replace(/\D/g, '')
    if (digits.length < 7 || digits.length > 15 || /^\d{4}-\d\d-\d\d/.test(value)) continue
    const line = lineAround(masked, match.index)
    if (!value.startsWith('+') && !phoneContext.test(line)) continue
    const fake = /^(\d)\1+$/.test(digits) || digits.includes('1234567') || /555-?01\d\d/.test(value)
    contacts.push({
      kind: 'phone',
      value,
      start: match.index,
      end: match.index + value.length,
      ...(fake ? {problem: 'a made-up number'} : {})
    })
  }

  return contacts.sort((a, b) => a.start - b.start)
}

function classifyUrl(value: string): Omit<Contact, 'start' | 'end'> | undefined {
  if (/^mailto:/i.test(value)) {
    const address = value.slice(7).split('?')[0] ?? ''
    return email.test(address) ? {kind: 'email', value: address, ...emailProblem(address)} : undefined
  }
  if (/^slack:\/\//i.test(value)) return {kind: 'chat', value}
  let host: string
  try {
    host = new URL(/^www\./i.test(value) ? `https://${value}` : value).hostname.toLowerCase()
  } catch {
    return undefined
  }
  if (pagingHosts.some((pattern) => pattern.test(host)) || /grafana-oncall|\/oncall\b/i.test(value)) {
    return {kind: 'paging', value}
  }
  if (chatHosts.some((pattern) => pattern.test(host))) return {kind: 'chat', value}
  return undefined
}

function emailProblem(address: string): {problem?: string} {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase()
  const topLevel = domain.slice(domain.lastIndexOf('.') + 1)
  if (exampleDomains.has(domain) || exampleTopLevel.has(topLevel) || domain.endsWith('.example.com')) {
    return {problem: `a reserved example domain (\`${domain}\`)`}
  }
  return {}
}

/** Whitespace-separated tokens with surrounding punctuation trimmed. */
function tokens(text: string): Array<{value: string; start: number; end: number}> {
  const result: Array<{value: string; start: number; end: number}> = []
  const wrapper = '()[]{}<>,;:"\'*_`!?.'
  let index = 0
  while (index < text.length) {
    while (index < text.length && isSpace(text.charCodeAt(index))) index++
    let end = index
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++
    let start = index
    let stop = end
    while (start < stop && wrapper.includes(text.charAt(start)) && text.charAt(start) !== '#') start++
    while (stop > start && wrapper.includes(text.charAt(stop - 1))) stop--
    if (stop > start && stop - start <= 254) result.push({value: text.slice(start, stop), start, end: stop})
    index = end
  }
  return result
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 160 || code === 47 /* slash separates "a / b" */
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1
  const end = text.indexOf('\n', index)
  return text.slice(start, end === -1 ? text.length : end)
}
