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
 * It is also where messages become findings rather than pieces of the
 * document (see `toFindings` below): no syntax tree and no secret in them,
 * whichever plugin made them, and, under unified-engine, once every file is
 * done (see `sanitizeWhenDone`).
 */

import {createRequire} from 'node:module'
import type {Nodes, Root} from 'mdast'
import type * as RemarkMessageControl from 'remark-message-control'
import {hasKnownSecrets, knownSecretsOf, sanitizeFile, sanitizeMessages, sanitizeWhenDone} from 'remark-lint-runbook-no-secrets/mask'
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
  prependListener?(event: 'done', listener: () => void): unknown
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
    sanitizeWhenDone(fileSet)
  }
  const engine = heldHere !== undefined
  // Added while the processor freezes, as `remark-lint` adds its own: that
  // puts it after every plugin already given, so it sees every rule's messages.
  this.use(() => (tree: Root, file: VFile) => {
    transform(tree, file, engine)
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

function transform(tree: Root, file: VFile, engine: boolean): undefined {
  // The last plugin of the preset: no rule needs the runbook's models any more.
  forgetRunbook(tree)
  // What masking compares messages with, read while the document is the one
  // linted (runbook-no-secrets records it; not when it is turned off).
  if (!hasKnownSecrets(file)) knownSecretsOf(file)
  if (file.messages.some((message) => message.source === source)) control(tree, file)
  toFindings(file)
  // Without unified-engine nothing comes after: the paths too. Under it, the
  // file is still to be written under its path.
  if (engine) sanitizeMessages(file)
  else sanitizeFile(file)
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
 * 10 KB runbook's whole tree in each message, with every secret in it, and
 * they keep every tree alive until the last file is done. Once every rule is
 * done, the runbook rules' messages keep their place and lose the tree; other
 * plugins' messages keep the types and places of their nodes, which
 * `vfile-reporter --verbose` shows, and nothing else (`sanitizeMessage`).
 *
 * And a message that quotes the document (a heading, a field's value, a
 * placeholder, a definition's label, lower-cased) may quote a secret: such
 * text is replaced with `…` in every text field of the message, found by the
 * detector of `runbook-no-secrets` in the message itself and by comparing it,
 * in any case, with the secrets of the document.
 */
function toFindings(file: VFile): void {
  for (const message of file.messages) {
    if (message.ancestors && isRunbookMessage(message)) message.ancestors = undefined
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
