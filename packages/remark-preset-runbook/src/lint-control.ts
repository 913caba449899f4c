/**
 * `<!-- lint disable runbook-… -->` comments, as `remark-lint` gives them,
 * at a fraction of the cost.
 *
 * `remark-lint` is `remark-message-control` named `lint`: after every rule,
 * it walks the whole tree twice (once for comments, once for the gaps between
 * nodes, where it drops messages) with `unist-util-visit`. On 1,000 runbooks
 * that was 180 ms, more than the parse-floor budget of the whole preset.
 * This plugin gives the same result, and takes the same shortcut any filter
 * can take:
 *
 * * no message from a lint rule: nothing to filter, nothing to do;
 * * no comment that could be a `lint` marker: only the gaps matter, found in
 *   one plain walk;
 * * otherwise: `remark-message-control` itself, exactly as `remark-lint` runs it.
 *
 * A test compares it with `remark-lint` on documents with and without markers.
 *
 * Under unified-engine (`remark` on the command line), the rules' messages
 * then wait outside the file until every file is done: see `held` below.
 *
 * It is also where the rules' messages become findings rather than pieces of
 * the document (see `toFindings` below): no syntax tree and no secret in them.
 */

import {createRequire} from 'node:module'
import type {Nodes, Root} from 'mdast'
import type * as RemarkMessageControl from 'remark-message-control'
import {forgetRunbook} from 'runbook-model'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {location} from 'vfile-location'

/** The message source `remark-lint` filters: every `unified-lint-rule` rule's. */
const source = 'remark-lint'

/** The node types `remark-message-control` reads markers from. */
const markerTypes = new Set(['comment', 'html', 'mdxFlowExpression', 'mdxTextExpression'])

type Control = (tree: Root, file: VFile) => undefined

/**
 * `remark-message-control` and its four modules load on the first document
 * with a `lint` comment (most have none), synchronously: `require` loads ES
 * modules from Node.js 20.19 on, and a transformer that awaited a dynamic
 * `import()` would let unified-engine flush its file set early. Older
 * Node.js 20 releases load it up front.
 */
function load(module: typeof RemarkMessageControl): Control {
  return module.default({name: 'lint', source}) as Control
}

let messageControl: Control | undefined =
  (process.features as {require_module?: boolean}).require_module === true
    ? undefined
    : load(await import('remark-message-control'))

/** What unified-engine gives a plugin as its second parameter: the set of files it processes. */
interface FileSet {
  use(completer: (set: FileSet) => void): unknown
  valueOf(): VFile[]
}

export default function remarkRunbookLintControl(this: Processor, _options?: unknown, fileSet?: FileSet) {
  let heldHere: Map<VFile, VFileMessage[]> | undefined
  if (fileSet && typeof fileSet.use === 'function') {
    heldHere = held.get(fileSet)
    if (!heldHere) {
      heldHere = new Map()
      held.set(fileSet, heldHere)
    }
    fileSet.use(restoreHeld)
  }
  // Added while the processor freezes, as `remark-lint` adds its own: that
  // puts it after every plugin already given, so it sees every rule's messages.
  this.use(() => (tree: Root, file: VFile) => {
    transform(tree, file)
    if (heldHere) holdMessages(file, heldHere)
  })
}

/**
 * The runbook rules' messages of each file, from the end of its transform
 * until every file of the set is done.
 *
 * When a file is done, unified-engine looks at the messages of every file in
 * the set (whether each may wait for the others: `queue` in its file
 * pipeline). That is the files times their messages: with 1,000 runbooks and
 * 8,000 findings, a quarter of a second, and growing with the square of the
 * set. Held here, they are not counted; the completer below puts them back,
 * in their order, before anything else reads them (writing files, reporting,
 * the exit code). Used without unified-engine, a file keeps its messages.
 */
const held = new WeakMap<FileSet, Map<VFile, VFileMessage[]>>()

function isRunbookMessage(message: VFileMessage): boolean {
  return message.source === source && message.ruleId?.startsWith('runbook-') === true
}

function holdMessages(file: VFile, into: Map<VFile, VFileMessage[]>): void {
  const all = file.messages
  if (!all.some(isRunbookMessage)) return
  into.set(file, all)
  file.messages = all.filter((message) => !isRunbookMessage(message))
}

function restoreHeld(set: FileSet): void {
  const bySet = held.get(set)
  if (!bySet) return
  held.delete(set)
  for (const [file, all] of bySet) {
    // Messages another plugin dropped since stay dropped; messages added
    // since come after the held ones.
    const now = new Set(file.messages)
    const restored = all.filter((message) => isRunbookMessage(message) || now.has(message))
    const before = new Set(all)
    for (const message of file.messages) if (!before.has(message)) restored.push(message)
    file.messages = restored
  }
}

function transform(tree: Root, file: VFile): undefined {
  // The last plugin of the preset: no rule needs the runbook's models any more.
  forgetRunbook(tree)
  if (!file.messages.some((message) => message.source === source)) return
  // Before message control, which may drop the findings that tell where the secrets are.
  const secrets = secretsOf(file)
  control(tree, file)
  toFindings(file, secrets)
}

function control(tree: Root, file: VFile): undefined {
  const gaps: Array<[number, number]> = []
  if (walk(tree, gaps)) {
    messageControl ??= load(createRequire(import.meta.url)('remark-message-control') as typeof RemarkMessageControl)
    messageControl(tree, file)
    return
  }

  const toOffset = gaps.length > 0 ? location(file).toOffset : undefined
  file.messages = file.messages.filter((message) => {
    if (message.source !== source) return true
    // As `unified-message-control` does: a message is placed somewhere.
    if (!message.line) message.line = 1
    if (!message.column) message.column = 1
    if (!toOffset) return true
    const offset = toOffset(message)
    if (offset === undefined) return true
    return !gaps.some(([start, end]) => start <= offset && end > offset)
  })
}

/**
 * Reports carry findings, not documents. Each rule gives its messages the
 * nodes they are about (`ancestors`, from the root down), as remark-lint
 * rules do; nothing downstream reads them (our reporters, the summary and the
 * language server use `place`), but `vfile-reporter-json` serialises them: a
 * 10 KB runbook's whole tree in each message, with every secret in it. Once
 * every rule is done, the rules' messages keep their place and lose the tree.
 *
 * And a message that quotes the document (a heading, a field's value, a
 * placeholder, a front matter value) may quote a secret that
 * `runbook-no-secrets` found: such text is replaced with `…` in every text
 * field of the message. The no-secrets findings' own places say where the
 * secrets are; their own messages show no more than a secret's kind and
 * first characters.
 */
function toFindings(file: VFile, secrets: Secrets | undefined): void {
  for (const message of file.messages) {
    if (!isRunbookMessage(message)) continue
    message.ancestors = undefined
    if (!secrets || message.ruleId === secretsRule) continue
    message.reason = secrets.redact(message.reason)
    message.message = secrets.redact(message.message)
    if (message.stack) message.stack = secrets.redact(message.stack)
    if (message.note) message.note = secrets.redact(message.note)
    if (message.actual) message.actual = secrets.redact(message.actual)
    if (message.expected) message.expected = message.expected.map((text) => secrets.redact(text))
  }
}

const secretsRule = 'runbook-no-secrets'

/**
 * A quoted stretch of at least this many characters of a secret is hidden:
 * rules may quote part of a value (the first line, a truncated value).
 * Shorter secrets are hidden where they appear whole.
 */
const shortestQuote = 8

interface Secrets {
  redact(text: string): string
}

/** The secrets `runbook-no-secrets` found in a file, from the places of its findings. */
function secretsOf(file: VFile): Secrets | undefined {
  let toOffset: ReturnType<typeof location>['toOffset'] | undefined
  const values: string[] = []
  for (const message of file.messages) {
    if (message.ruleId !== secretsRule || message.source !== source) continue
    const place = message.place
    if (!place || !('start' in place)) continue
    toOffset ??= location(file).toOffset
    const start = place.start.offset ?? toOffset(place.start)
    const end = place.end.offset ?? toOffset(place.end)
    if (start === undefined || end === undefined || end <= start) continue
    // Each line of a private key on its own, without its `-----BEGIN …-----` armour.
    for (const line of String(file).slice(start, end).split(/\r?\n|\r/)) {
      const value = line.trim()
      if (value !== '' && !/^-----(?:BEGIN|END)[A-Z ]*-----$/.test(value)) values.push(value)
    }
  }
  if (values.length === 0) return undefined

  const whole = values.filter((value) => value.length < shortestQuote)
  const pieces = new Set<string>()
  for (const value of values) {
    for (let index = 0; index + shortestQuote <= value.length; index++) pieces.add(value.slice(index, index + shortestQuote))
  }

  return {
    redact(text) {
      // Mark every character inside a quoted piece of a secret, then replace
      // each marked run (and an ellipsis right after it) with one `…`.
      const hidden = new Uint8Array(text.length)
      let found = false
      for (let index = 0; index + shortestQuote <= text.length; index++) {
        if (!pieces.has(text.slice(index, index + shortestQuote))) continue
        hidden.fill(1, index, index + shortestQuote)
        found = true
      }
      for (const value of whole) {
        for (let index = text.indexOf(value); index !== -1; index = text.indexOf(value, index + 1)) {
          hidden.fill(1, index, index + value.length)
          found = true
        }
      }
      if (!found) return text
      let result = ''
      for (let index = 0; index < text.length; index++) {
        if (!hidden[index]) {
          result += text.charAt(index)
          continue
        }
        while (hidden[index + 1]) index++
        result += '…'
        if (text.startsWith('...', index + 1)) index += 3
        else if (text.charAt(index + 1) === '…') index++
      }
      return result
    }
  }
}

/**
 * Find the gaps between positioned nodes, in document order, as
 * `unified-message-control` does; stop and say `true` at the first comment
 * that could be a `lint` marker.
 */
function walk(tree: Root, gaps: Array<[number, number]>): boolean {
  let offset = 0
  let gap = false

  const update = (latest: number | undefined) => {
    if (latest === undefined) {
      gap = true
    } else if (offset < latest) {
      if (gap) {
        gaps.push([offset, latest])
        gap = false
      }
      offset = latest
    }
  }

  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (markerTypes.has(node.type) && 'value' in node && String(node.value).includes('lint')) return true
    update(node.position?.start?.offset ?? undefined)
    if ('children' in node) {
      const children = node.children as Nodes[]
      for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!)
    } else {
      update(node.position?.end?.offset ?? undefined)
    }
  }

  const end = tree.position?.end.offset
  if (typeof end === 'number' && offset !== end) {
    update(undefined)
    update(end)
  }

  return false
}
