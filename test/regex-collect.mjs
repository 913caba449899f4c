// Every regular expression that runs over a runbook's text, written to
// standard output as JSON (see `regex-collect.ts`, which runs this in a
// process of its own: it replaces `RegExp` and `RegExp.prototype.exec`
// before any package loads, which test files sharing a worker must not see).
//
// * `literals`: the literals of the packages' built modules (`dist/` as
//   `tsc` writes it, not the linked `*.bundle.js`, `chunks/` and `lazy/`
//   copies, nor the command's third-party `vendor.js`; and the JavaScript a
//   package ships as it is, the command's `cli.js`), found with the
//   TypeScript scanner;
// * `made`: what the packages make with `RegExp` while they load (the secret
//   pre-filter) and lint (a team's markers, ignore and allow patterns);
// * `thirdParty`: what dependencies run (by `exec`, which `test`, `match`,
//   `replace`, `split` and `search` call) while the packages lint, each once;
// * `runs`: what each lint found, to check that each ran to its end.
//
// It lints the team's runbook with its own template, markers, ignore
// patterns and secret allow-list; a runbook of each built-in layout, with
// that layout configured and with none (the closest is chosen); and a text
// with fake secrets of several kinds, so that secretlint's rules run.

import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(import.meta.dirname, '..')
const packages = path.join(root, 'packages')
const dependencies = path.join(root, 'node_modules')
const fixtures = path.join(root, 'fixtures')
const self = fileURLToPath(import.meta.url)
const [markersJson] = process.argv.slice(2)
const teamMarkers = JSON.parse(markersJson)

const Native = globalThis.RegExp
const made = []
const run = []
let watching = false
// Recording makes and runs regular expressions too (reading the stack):
// those are not recorded.
let recording = false
// `    at name (/path/file.js:1:2)`, `    at file:///path/file.js:1:2`.
const frameFile = new Native(String.raw`(?:\(|at )(?:file://)?([^()\s]+):(\d+):\d+\)?$`)

/** `package/dist/file.js:line`, `node_modules/name/file.js:line`, or `(other)`, of the code that called. */
function caller() {
  for (const frame of (new Error('where').stack ?? '').split('\n').slice(1)) {
    const found = frameFile.exec(frame.trim())
    if (!found || found[1] === self) continue
    const file = path.resolve(found[1])
    if (file.startsWith(packages + path.sep)) return `${path.relative(packages, file)}:${found[2]}`
    if (file.startsWith(dependencies + path.sep)) return `${path.relative(root, file)}:${found[2]}`
    return '(other)'
  }
  return '(other)'
}

function record(list, pattern) {
  if (recording) return
  recording = true
  try {
    list.push({where: caller(), source: pattern.source, flags: pattern.flags.replace('d', '')})
  } finally {
    recording = false
  }
}

const RecordingRegExp = new Proxy(Native, {
  construct(target, parameters, newTarget) {
    const pattern = Reflect.construct(target, parameters, newTarget === RecordingRegExp ? target : newTarget)
    record(made, pattern)
    return pattern
  },
  apply(target, thisArgument, parameters) {
    const pattern = Reflect.apply(target, thisArgument, parameters)
    record(made, pattern)
    return pattern
  }
})
globalThis.RegExp = RecordingRegExp

const seen = new WeakSet()
const nativeExec = Native.prototype.exec
Native.prototype.exec = function exec(text) {
  if (watching && !recording && !seen.has(this)) {
    seen.add(this)
    record(run, this)
  }
  return nativeExec.call(this, text)
}

for (const name of fs.readdirSync(packages).sort()) {
  const manifest = JSON.parse(fs.readFileSync(path.join(packages, name, 'package.json'), 'utf8'))
  if (typeof manifest.exports === 'string' || manifest.exports?.['.']) await import(name)
}
const {lintRunbook} = await import('remark-preset-runbook/api')
const {builtinLayouts} = await import('runbook-model')
const {default: noPlaceholders} = await import('remark-lint-runbook-no-placeholders')
const {default: noSecrets} = await import('remark-lint-runbook-no-secrets')
const read = (name) => fs.readFileSync(path.join(fixtures, name), 'utf8')

const files = []
watching = true
files.push(
  await lintRunbook(read('templates/team-filled.md'), {
    path: 'runbook.md',
    template: path.join(fixtures, 'templates', 'team-template.md'),
    plugins: [
      [noPlaceholders, {markers: teamMarkers, ignore: ['^TBD']}],
      [noSecrets, {allow: ['/^fake-/', 'hunter2']}]
    ]
  })
)
const byLayout = {default: 'valid/complete.md', full: 'valid/upstream-layout.md', alert: 'valid/alert-page.md'}
for (const layout of builtinLayouts) {
  const example = byLayout[layout]
  if (!example) throw new Error(`No runbook of the built-in layout \`${layout}\` to lint: add one to \`byLayout\``)
  files.push(await lintRunbook(read(example), {path: path.basename(example), template: layout}))
  files.push(await lintRunbook(read(example), {path: path.basename(example)}))
}
const secrets = [
  'Deploy key: AKIA' + 'Q3EGRIT7ZK5XN4PB',
  'Token: ghp_' + 'x'.repeat(36),
  'Database: postgres://billing:' + 'Xq7vR2mPz9Lw@db.internal:5432/billing',
  'Web hook: https://hooks.slack.com/services/T0000/B0000/' + 'x'.repeat(24),
  'password: correct-horse-battery'
]
files.push(await lintRunbook(read('valid/complete.md') + '\n' + secrets.join('\n\n') + '\n', {path: 'secrets.md'}))
watching = false

const {default: ts} = await import('typescript')
const literals = []
for (const name of fs.readdirSync(packages).sort()) {
  const folder = path.join(packages, name)
  const found = fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.join(folder, file))
  if (fs.existsSync(path.join(folder, 'dist'))) found.push(...builtFiles(path.join(folder, 'dist')))
  for (const file of found) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source)
        const end = text.lastIndexOf('/')
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
        literals.push({where: `${path.relative(packages, file)}:${line}`, source: new Native(text.slice(1, end), text.slice(end + 1)).source, flags: text.slice(end + 1).replace('d', '')})
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
}

process.stdout.write(
  JSON.stringify({
    literals,
    made: made.filter(({where}) => !where.startsWith('(') && !where.startsWith('node_modules/')),
    thirdParty: run.filter(({where}) => where.startsWith('node_modules/')),
    runs: files.map((file) => ({
      layout: file.data.runbookLayout?.template,
      messages: file.messages.map((message) => ({ruleId: message.ruleId, fatal: message.fatal, text: String(message)}))
    }))
  })
)

function builtFiles(folder) {
  const found = []
  for (const entry of fs.readdirSync(folder, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'chunks' && entry.name !== 'lazy') found.push(...builtFiles(full))
    } else if (entry.name.endsWith('.js') && !entry.name.endsWith('.bundle.js') && entry.name !== 'vendor.js') {
      found.push(full)
    }
  }
  return found
}
