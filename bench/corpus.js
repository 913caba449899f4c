/**
 * A deterministic corpus of runbooks for the benchmark: the same bytes on
 * every machine and every run (a seeded generator, no files from outside the
 * repository). Runbooks follow the built-in template at four fill levels:
 * complete, partly filled (template leftovers, empty sections), missing
 * sections (with the heading variations people write), and runbooks of
 * another structure altogether.
 */

import fs from 'node:fs'
import path from 'node:path'
import {defaultTemplate} from 'runbook-model'

/** mulberry32: a small seeded generator. */
export function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const words = (
  'service queue worker database replica cluster node deploy release rollback traffic latency error budget ' +
  'alert dashboard metric request response timeout retry cache shard partition index backup snapshot restore ' +
  'region zone failover primary secondary load balancer certificate rotation token vault secret pipeline ' +
  'incident escalation page on-call handover capacity scaling throughput storage bucket volume cron job schedule ' +
  'health check probe endpoint gateway proxy upstream downstream consumer producer topic stream batch migration'
).split(' ')
const services = ['Billing API', 'Search', 'Checkout', 'Ledger', 'Notifications', 'Identity', 'Catalog', 'Reports']
const teams = ['Payments', 'Platform', 'Core Data', 'Growth', 'Identity', 'Search Relevance']
const otherHeadings = [
  'Overview',
  'Architecture',
  'Alerts',
  'Dashboards',
  'Escalation',
  'Known issues',
  'Runbook steps',
  'Dependencies graph',
  'FAQ',
  'Links',
  'Glossary',
  'History'
]

function pick(next, list) {
  return list[Math.floor(next() * list.length)]
}

function sentence(next, min = 6, max = 16) {
  const length = min + Math.floor(next() * (max - min))
  const list = []
  for (let index = 0; index < length; index++) list.push(pick(next, words))
  const text = list.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1) + '.'
}

function paragraph(next, sentences = 3) {
  const list = []
  for (let index = 0; index < sentences; index++) list.push(sentence(next))
  return list.join(' ')
}

/** One block of real content: prose, a list, a command, or a table. */
function block(next, lists = true) {
  const kind = lists ? next() : [0.25, 0.75, 0.9][Math.floor(next() * 3)]
  if (kind < 0.5) return paragraph(next, 2 + Math.floor(next() * 3))
  if (kind < 0.7) {
    const items = []
    for (let index = 0; index < 3 + Math.floor(next() * 3); index++) items.push('- ' + sentence(next, 4, 9))
    return items.join('\n')
  }
  if (kind < 0.85) return '```sh\nkubectl -n ' + pick(next, words) + ' rollout restart deploy/' + pick(next, words) + '\n```'
  return '| Step | Owner |\n| ---- | ----- |\n| ' + sentence(next, 3, 6) + ' | ' + pick(next, teams) + ' |'
}

/** Real content for a template section. */
function content(next, title, service, team) {
  if (/owner/i.test(title)) {
    const slug = team.toLowerCase().replace(/\s+/g, '-')
    return `The ${team} team owns ${service}: ${slug}@acme-corp.io, #${slug}-oncall on Slack.`
  }
  if (/password/i.test(title)) return 'No passwords are stored; user sign-in goes through the identity provider.'
  return next() < 0.3 ? block(next) + '\n\n' + block(next) : block(next)
}

/** A leftover of the template or a note to self, as people leave them. */
function leftover(next, title) {
  const kind = Math.floor(next() * 5)
  if (kind === 0) return `> What does ${title.toLowerCase()} cover? Who needs to know about it?`
  if (kind === 1) return `_(e.g. ${sentence(next, 4, 8)})_`
  if (kind === 2) return `TODO: describe ${title.toLowerCase()}.`
  if (kind === 3) return 'Contact <insert team name> for details.'
  return '_'
}

/** A heading as people write it: numbering, emoji, case, a trailing colon. */
function vary(next, title, index) {
  const kind = next()
  if (kind < 0.6) return title
  if (kind < 0.7) return `${index + 1}. ${title}`
  if (kind < 0.8) return `🔧 ${title}`
  if (kind < 0.9) return title.toUpperCase()
  return `${title}:`
}

/**
 * One runbook of about `size` bytes. `fill` is `complete`, `partial`,
 * `missing` or `other`.
 */
export function runbook(seed, fill, size = 4096) {
  const next = random(seed)
  const service = pick(next, services)
  const team = pick(next, teams)
  const blocks = []
  if (next() < 0.3) {
    const month = String(1 + Math.floor(next() * 12)).padStart(2, '0')
    blocks.push(`---\nowner: ${team}\nlast_reviewed: 2025-${month}-15\n---`)
  }
  blocks.push(`# ${service} runbook`)

  if (fill === 'other') {
    for (const [index, title] of otherHeadings.entries()) {
      if (next() < 0.3) continue
      blocks.push(`## ${title}`, block(next))
      if (index % 3 === 0) blocks.push(`### ${pick(next, words)} ${pick(next, words)}`, block(next))
    }
  } else {
    for (const [index, section] of defaultTemplate.sections.entries()) {
      if (fill === 'missing' && next() < 0.2) continue
      blocks.push('## ' + (fill === 'missing' ? vary(next, section.title, index) : section.title))
      for (const field of section.fields ?? []) {
        const label = typeof field === 'string' ? field : field.label
        blocks.push(`**${label}:** ${fill === 'partial' && next() < 0.3 ? '' : service}`)
      }
      for (const child of section.sections ?? []) {
        if (fill === 'missing' && next() < 0.3) continue
        blocks.push('### ' + (fill === 'missing' ? vary(next, child.title, index) : child.title))
        if (fill === 'partial' && next() < 0.4) {
          blocks.push(leftover(next, child.title))
          if (next() < 0.5) continue
        }
        blocks.push(content(next, child.title, service, team))
      }
    }
  }

  // Grow to about `size` with extra real content in a section of its own.
  let text = blocks.join('\n\n') + '\n'
  if (text.length < size) {
    const extra = ['## Notes']
    let length = text.length + 10
    while (length < size) {
      const more = block(next)
      extra.push(more)
      length += more.length + 2
    }
    text += '\n' + extra.join('\n\n') + '\n'
  }
  return text
}

const fills = ['complete', 'complete', 'partial', 'partial', 'missing', 'other']

/** The fill level of the `index`th runbook of the corpus. */
export function fillOf(index) {
  return fills[index % fills.length]
}

/**
 * A complete runbook of about `bytes` bytes: the template's sections, with a
 * troubleshooting section that grows (many `####` entries of real content).
 * The entries have prose, commands and tables but no lists: remark's parser
 * takes time quadratic in the number of lists of a document
 * (syntax-tree/mdast-util-from-markdown#49), which would hide the linter's
 * own growth (and take minutes at 10 MB).
 */
export function largeRunbook(bytes, seed = 7) {
  const next = random(seed)
  const head = runbook(seed, 'complete', 0)
  const parts = [head, '## Troubleshooting log']
  let length = head.length
  let entry = 0
  while (length < bytes) {
    const text = `#### Incident ${++entry}: ${sentence(next, 3, 6)}\n\n${block(next, false)}\n\n${block(next, false)}`
    parts.push(text)
    length += text.length + 2
  }
  return parts.join('\n\n') + '\n'
}

/**
 * Write the corpus into `folder/name` (idempotent: the same files every
 * time; the first `count` files of a larger corpus are the smaller one).
 */
export function writeCorpus(folder, count = 1000, name = 'corpus') {
  const corpus = path.join(folder, name)
  fs.rmSync(corpus, {recursive: true, force: true})
  fs.mkdirSync(corpus, {recursive: true})
  for (let index = 0; index < count; index++) {
    const file = `runbook-${String(index).padStart(4, '0')}-${fillOf(index)}.md`
    fs.writeFileSync(path.join(corpus, file), runbook(index + 1, fillOf(index)))
  }
  return corpus
}
