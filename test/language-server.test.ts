/**
 * Quick fixes in editors: the real language server behind vscode-remark
 * (`unified-language-server` with remark's settings, as
 * `remark-language-server` starts it), over stdio, in a workspace with a
 * `.remarkrc.json` naming the preset. The client applies each
 * `runbook-required-headings` quick fix one at a time, as a user would (the
 * text edit, then `didChange`, then the new diagnostics), and checks that
 * the runbook ends with no such finding, every original line kept in order,
 * each heading at the level its message named, and the same text as
 * `runbook-fix` gives in one go. Then, in process and over many more
 * runbooks, every message's `expected` applied alone the way the server
 * applies it.
 */

import {spawn, type ChildProcess} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Heading} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import remarkLint from 'remark-lint'
import remarkLintRunbookRequiredHeadings from 'remark-lint-runbook-required-headings'
import remarkParse from 'remark-parse'
import remarkRunbookFix from 'remark-runbook-fix'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  ConfigurationRequest,
  type CodeAction,
  type Diagnostic,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit
} from 'vscode-languageserver-protocol'
import {createProtocolConnection, StreamMessageReader, StreamMessageWriter} from 'vscode-languageserver-protocol/node'
import {fixtures, root} from './helpers.js'

const ruleId = 'runbook-required-headings'
const timeout = 120_000

/** `remark-language-server`'s own entry point (remarkjs/remark-language-server, `index.js`). */
const serverScript = `#!/usr/bin/env node
import process from 'node:process'
import {remark} from 'remark'
import {createUnifiedLanguageServer} from 'unified-language-server'

process.title = 'remark-language-server'

createUnifiedLanguageServer({
  configurationSection: 'remark',
  defaultProcessor: remark,
  ignoreName: '.remarkignore',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  processorName: 'remark',
  processorSpecifier: 'remark',
  rcName: '.remarkrc'
})
`

let workspace: string
let server: ChildProcess
let connection: ProtocolConnection
let stderr = ''
const published = new Map<string, PublishDiagnosticsParams>()
const waiting = new Set<() => void>()
let documentCount = 0

beforeAll(async () => {
  workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-lsp-')))
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(workspace, 'node_modules'), 'dir')
  fs.writeFileSync(path.join(workspace, '.remarkrc.json'), JSON.stringify({plugins: ['remark-preset-runbook']}) + '\n')
  fs.writeFileSync(path.join(workspace, 'remark-language-server.js'), serverScript)

  server = spawn(process.execPath, [path.join(workspace, 'remark-language-server.js'), '--stdio'], {
    cwd: workspace,
    stdio: ['pipe', 'pipe', 'pipe']
  })
  server.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!))
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.set(params.uri, params)
    for (const wake of waiting) wake()
  })
  // As VS Code does: settings from the `remark` section (none set), and
  // dynamic registrations accepted.
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})))
  connection.onRequest(RegistrationRequest.type, () => undefined)
  connection.listen()

  const workspaceUri = pathToFileURL(workspace).href
  await withTimeout(
    connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: workspaceUri,
      workspaceFolders: [{uri: workspaceUri, name: 'runbooks'}],
      capabilities: {
        workspace: {configuration: true, workspaceFolders: true},
        textDocument: {
          codeAction: {codeActionLiteralSupport: {codeActionKind: {valueSet: ['quickfix']}}},
          publishDiagnostics: {versionSupport: true}
        }
      }
    }),
    'initialize'
  )
  await connection.sendNotification(InitializedNotification.type, {})
})

afterAll(async () => {
  if (connection) {
    await withTimeout(connection.sendRequest(ShutdownRequest.type), 'shutdown').catch(() => undefined)
    await connection.sendNotification(ExitNotification.type).catch(() => undefined)
    connection.dispose()
  }
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    const kill = setTimeout(() => server.kill('SIGKILL'), 2000)
    await exited
    clearTimeout(kill)
  }
  if (workspace) fs.rmSync(workspace, {recursive: true, force: true})
})

/** A document open in the "editor": its text and version, kept in step with the server. */
class Document {
  readonly uri: string
  text: string
  version = 1

  constructor(text: string) {
    this.uri = pathToFileURL(path.join(workspace, `runbook-${++documentCount}.md`)).href
    this.text = text
  }

  async open(): Promise<Diagnostic[]> {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {uri: this.uri, languageId: 'markdown', version: this.version, text: this.text}
    })
    return this.diagnostics()
  }

  async close(): Promise<void> {
    await connection.sendNotification(DidCloseTextDocumentNotification.type, {textDocument: {uri: this.uri}})
  }

  /** The diagnostics of the current version, once the server has sent them. */
  async diagnostics(): Promise<Diagnostic[]> {
    const current = () => {
      const params = published.get(this.uri)
      return params?.version === this.version ? params.diagnostics : undefined
    }
    let wake: (() => void) | undefined
    try {
      const found = await withTimeout(
        new Promise<Diagnostic[]>((resolve) => {
          wake = () => {
            const diagnostics = current()
            if (diagnostics) resolve(diagnostics)
          }
          waiting.add(wake)
          wake()
        }),
        `diagnostics of version ${this.version}`
      )
      return found
    } finally {
      if (wake) waiting.delete(wake)
    }
  }

  async codeActions(diagnostic: Diagnostic): Promise<CodeAction[]> {
    const result = await withTimeout(
      connection.sendRequest(CodeActionRequest.type, {
        textDocument: {uri: this.uri},
        range: diagnostic.range,
        context: {diagnostics: [diagnostic]}
      }),
      'codeAction'
    )
    return (result ?? []).filter((action): action is CodeAction => 'edit' in action || 'kind' in action)
  }

  /** Apply a code action's edits to this document, as the editor does, and tell the server. */
  async apply(action: CodeAction): Promise<Diagnostic[]> {
    const edits = action.edit?.changes?.[this.uri]
    expect(edits, `edits of ${action.title}`).toBeDefined()
    this.text = applyTextEdits(this.text, edits!)
    this.version++
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: {uri: this.uri, version: this.version},
      contentChanges: [{text: this.text}]
    })
    return this.diagnostics()
  }
}

function applyTextEdits(text: string, edits: ReadonlyArray<TextEdit>): string {
  const ordered = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start))
  let result = text
  for (const edit of ordered) {
    result = result.slice(0, offsetAt(text, edit.range.start)) + edit.newText + result.slice(offsetAt(text, edit.range.end))
  }
  return result
}

/** An LSP position (line, UTF-16 character) as an offset into `text`. */
function offsetAt(text: string, position: Position): number {
  let offset = 0
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset)
    if (next === -1) return text.length
    offset = next + 1
  }
  const lineEnd = text.indexOf('\n', offset)
  const end = lineEnd === -1 ? text.length : lineEnd
  return Math.min(offset + position.character, end)
}

async function withTimeout<T>(promise: PromiseLike<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`No answer to ${what} from the language server in ${timeout} ms\n${stderr}`)), timeout)
      })
    ])
  } finally {
    clearTimeout(timer)
  }
}

const headingsOf = (diagnostics: ReadonlyArray<Diagnostic>) => diagnostics.filter((diagnostic) => diagnostic.code === ruleId)

/** The heading a `Missing required heading` message names, as `[depth, title]`. */
function namedHeading(diagnostic: Diagnostic): [number, string] | undefined {
  const named = /^Missing required heading `(#{1,6}) ([^`]+)`/.exec(diagnostic.message)
  return named ? [named[1]!.length, named[2]!] : undefined
}

/** Whether every line of `original` appears in `fixed`, in the same order. */
function keepsEveryLine(original: string, fixed: string): boolean {
  const lines = fixed.split(/\r?\n/)
  let at = 0
  for (const line of original.split(/\r?\n/)) {
    if (line.trim() === '') continue
    while (at < lines.length && lines[at] !== line) at++
    if (at === lines.length) return false
    at++
  }
  return true
}

async function fixAtOnce(text: string): Promise<string> {
  const file = await unified().use(remarkParse).use(remarkRunbookFix).process(new VFile({value: text, path: 'runbook.md'}))
  return String(file)
}

/**
 * Apply the first `runbook-required-headings` quick fix, again and again,
 * until none is left; return the final text and every heading the messages
 * named on the way.
 */
async function applyEveryQuickFix(document: Document): Promise<{named: Array<[number, string]>; steps: number}> {
  let diagnostics = await document.open()
  const named: Array<[number, string]> = []
  let steps = 0
  for (;;) {
    const findings = headingsOf(diagnostics)
    for (const diagnostic of findings) {
      const heading = namedHeading(diagnostic)
      if (heading && !named.some(([depth, title]) => depth === heading[0] && title === heading[1])) named.push(heading)
    }
    const fixable = findings.find((diagnostic) => (diagnostic.data as {expected?: unknown} | undefined)?.expected)
    if (!fixable) break
    const actions = await document.codeActions(fixable)
    expect(actions).toHaveLength(1)
    const [action] = actions
    expect(action!.kind).toBe('quickfix')
    expect(action!.isPreferred).toBe(true)
    const before = document.text
    diagnostics = await document.apply(action!)
    // Each quick fix fixes its own finding.
    expect(headingsOf(diagnostics).map((diagnostic) => diagnostic.message)).not.toContain(fixable.message)
    expect(keepsEveryLine(before, document.text)).toBe(true)
    expect(++steps).toBeLessThan(30)
  }
  return {named, steps}
}

function expectHeadings(text: string, named: ReadonlyArray<[number, string]>): void {
  const headings = fromMarkdown(text)
    .children.filter((node): node is Heading => node.type === 'heading')
    .map((heading) => [heading.depth, plainText(heading)])
  for (const heading of named) expect(headings).toContainEqual(heading)
}

/** The plain text of a node. */
function plainText(node: {value?: unknown; children?: ReadonlyArray<unknown>}): string {
  if (typeof node.value === 'string') return node.value
  return (node.children ?? []).map((child) => plainText(child as typeof node)).join('')
}

const read = (fixture: string) => fs.readFileSync(path.join(fixtures, fixture), 'utf8')

describe('quick fixes of runbook-required-headings in the language server', () => {
  it('are offered for a missing heading at its place, as the text the fix inserts', async () => {
    const document = new Document(read('broken/missing-sections.md'))
    const diagnostics = headingsOf(await document.open())
    const secrets = diagnostics.find((diagnostic) => diagnostic.message.includes('`### Secrets management`'))!
    // A point: an insertion at the end of the last line of `Configuration management`.
    expect(secrets.range.start).toEqual(secrets.range.end)
    const [action] = await document.codeActions(secrets)
    const [edit] = action!.edit!.changes![document.uri]!
    expect(edit!.newText).toBe('\n\n### Secrets management\n\nTODO: write where secrets are kept and how they reach the service.')
    await document.close()
  })

  const cases: Array<[string, () => string]> = [
    ['sections cut out (fixtures/broken/missing-sections.md)', () => read('broken/missing-sections.md')],
    [
      'whole groups missing, one of them at the end',
      () =>
        read('valid/complete.md')
          .replace(/## Security and access control\n[^]*?(?=## System configuration)/, '')
          .replace(/## Operational tasks\n[^]*$/, '')
    ],
    [
      'a heading missing right after a paragraph',
      () =>
        read('valid/complete.md').replace(
          /(## System backup and restore\n\n)[^]*?(?=## Monitoring and alerting)/,
          '$1What is backed up, and how, is below.\n\n'
        )
    ],
    [
      'a heading missing after a paragraph with no blank line before the next heading',
      () =>
        read('valid/complete.md')
          .replace(/### Secrets management\n\n[^\n]*\n\n/, '')
          .replace('Helm values in the `deploy` repository.\n\n', 'Helm values in the `deploy` repository.\n')
    ],
    [
      'CRLF line endings and no final newline',
      () =>
        read('valid/crlf-no-final-newline.md')
          .replace(/### Secrets management\r\n\r\n[^\r]*\r\n\r\n/, '')
          .replace(/\r\n\r\n### Troubleshooting\r\n\r\n[^\r]*$/, '')
    ],
    ['a runbook with nothing but a title', () => '# Billing API\n']
  ]

  for (const [name, text] of cases) {
    it(`leave valid Markdown, one at a time: ${name}`, async () => {
      const original = text()
      expect(original).not.toBe(read('valid/complete.md'))
      const document = new Document(original)
      const {named, steps} = await applyEveryQuickFix(document)
      expect(steps).toBeGreaterThan(0)

      const left = headingsOf(await document.diagnostics())
      expect(left.map((diagnostic) => diagnostic.message)).toEqual([])
      expect(keepsEveryLine(original, document.text)).toBe(true)
      expectHeadings(document.text, named)
      // The quick fixes, one at a time, do what `runbook-fix` does at once.
      expect(document.text).toBe(await fixAtOnce(original))
      await document.close()
    })
  }

  it('rename a near miss: the title only, numbering and colon kept', async () => {
    const original = read('broken/typos-and-duplicates.md').replace('### Helth checks', '### 5.2 Helth checks:')
    const document = new Document(original)
    const diagnostics = headingsOf(await document.open())
    const typo = diagnostics.find((diagnostic) => diagnostic.message.includes('`Helth checks`'))!
    const [action] = await document.codeActions(typo)
    expect(action!.title).toBe('Replace `Helth checks` with `Health checks`')
    const after = headingsOf(await document.apply(action!))
    expect(document.text).toBe(original.replace('### 5.2 Helth checks:', '### 5.2 Health checks:'))
    expect(after.map((diagnostic) => diagnostic.message).filter((message) => message.includes('Helth'))).toEqual([])
    await document.close()
  })

  it('move a heading to its level as the fix does: the markers only, nothing else moved', async () => {
    const complete = read('valid/complete.md')
    const original = complete.replace('### Metrics', '#### Metrics')
    const document = new Document(original)
    const diagnostics = headingsOf(await document.open())
    const misplaced = diagnostics.find((diagnostic) => diagnostic.message.startsWith('Misplaced heading `#### Metrics`'))!
    const [action] = await document.codeActions(misplaced)
    expect(headingsOf(await document.apply(action!))).toEqual([])
    expect(document.text).toBe(complete)
    expect(document.text).toBe(await fixAtOnce(original))
    await document.close()
  })

  it('offer nothing for a section found elsewhere, and the fix leaves it where it is too', async () => {
    // Moving `Security and access control` up a level would take nothing
    // else, but its subsection would then be a level too deep: neither the
    // quick fix nor the fix changes it; neither makes a second copy.
    const original = read('broken/misplaced.md')
    const document = new Document(original)
    const diagnostics = headingsOf(await document.open())
    for (const title of ['### Security', '### Backup requirements']) {
      const misplaced = diagnostics.find((diagnostic) => diagnostic.message.startsWith(`Misplaced heading \`${title}`))!
      expect(await document.codeActions(misplaced)).toEqual([])
    }
    expect(await fixAtOnce(original)).toBe(original)
    await document.close()
  })
})

/** A runbook without the section that starts at `heading` (its subsections too). */
function without(text: string, heading: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const lines = text.split(eol)
  const start = lines.indexOf(heading)
  const depth = /^#+/.exec(heading)![0].length
  let end = start + 1
  while (end < lines.length && !new RegExp(`^#{1,${depth}} `).test(lines[end]!)) end++
  return [...lines.slice(0, start), ...lines.slice(end)].join(eol)
}

/** The rule's messages, after remark-lint's message control (which drops those in the gap at the end of a file). */
async function headingMessages(text: string) {
  const processor = unified().use(remarkParse).use(remarkLint).use(remarkLintRunbookRequiredHeadings)
  const file = new VFile({value: text, path: 'runbook.md'})
  await processor.run(processor.parse(file), file)
  return file.messages
}

describe('every expected of runbook-required-headings, applied alone as the language server applies it', () => {
  const documents: Array<[string, string]> = []
  // Every section cut out of a whole runbook, with and without a blank line
  // before each heading; in a CRLF runbook without a final newline and one
  // with `#` sections, each group and the last section.
  const complete = read('valid/complete.md')
  for (const heading of complete.split('\n').filter((line) => /^#{2,3} /.test(line))) {
    documents.push([`complete.md without ${heading}`, without(complete, heading)])
    documents.push([`complete.md without ${heading}, squeezed`, without(complete, heading).replace(/([^\n])\n\n(#)/g, '$1\n$2')])
  }
  for (const [fixture, group] of [
    ['valid/crlf-no-final-newline.md', /^## /],
    ['valid/hash-sections-no-title.md', /^# /]
  ] as const) {
    const text = read(fixture)
    const lines = text.split(/\r?\n/)
    const last = lines.findLast((line) => line.startsWith('#'))!
    for (const heading of [...lines.filter((line) => group.test(line)), last]) {
      documents.push([`${fixture} without ${heading}`, without(text, heading)])
    }
  }
  for (const folder of ['broken', 'edge']) {
    for (const name of fs.readdirSync(path.join(fixtures, folder)).filter((name) => name.endsWith('.md'))) {
      documents.push([`${folder}/${name}`, read(`${folder}/${name}`)])
    }
  }

  it(`fixes its own finding, keeps every other line and writes the heading it names (${documents.length} runbooks)`, async () => {
    let applied = 0
    for (const [name, text] of documents) {
      const findings = await headingMessages(text)
      const seen = new Set<string>()
      for (const message of findings) {
        const expected = message.expected?.[0]
        if (expected === undefined) continue
        // unified-language-server's range: a point, or the place's start and end, zero-based.
        const place = message.place!
        const range = 'start' in place ? place : {start: place, end: place}
        const start = offsetAt(text, {line: range.start.line - 1, character: range.start.column - 1})
        const end = offsetAt(text, {line: range.end.line - 1, character: range.end.column - 1})
        const key = `${start}:${end}:${expected}`
        if (seen.has(key)) continue
        seen.add(key)
        const fixed = text.slice(0, start) + expected + text.slice(end)
        const context = `${name}: ${message.reason}`

        const after = await headingMessages(fixed)
        expect(after.map((other) => other.reason), context).not.toContain(message.reason)
        if (start === end) {
          // (A heading moved to its level may leave its subsections at the
          // wrong level: each has its own message and quick fix then.)
          expect(after.length, context).toBeLessThan(findings.length)
          expect(keepsEveryLine(text, fixed), context).toBe(true)
          const heading = namedHeading({message: message.reason} as Diagnostic)
          if (heading) expectHeadings(fixed, [heading])
        }
        applied++
      }
    }
    expect(applied).toBeGreaterThan(documents.length)
  })
})
