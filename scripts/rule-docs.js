/**
 * Read a rule's documentation from the doc comment at the top of its
 * `src/index.ts`, the single source for its readme and its example tests
 * (the remark-lint convention).
 *
 * Each `@example` starts with a JSON line: `{"name": "ok.md"}` is an input
 * that must give no messages; `{"name": "not-ok.md", "label": "input"}` is an
 * input and `{"name": "not-ok.md", "label": "output"}` lists its exact
 * messages, one per line, as `line:column[-line:column]: reason`. An input may
 * carry `"config"` (the rule's options) and `"gfm": true` (also run with
 * remark-gfm; every example is run both ways anyway, and must agree).
 */

import fs from 'node:fs'
import path from 'node:path'

/**
 * @typedef Example
 * @property {string} name
 * @property {unknown} config
 * @property {string} input
 * @property {string[] | undefined} output
 * @property {boolean} [positionless]
 *
 * @typedef RuleDocs
 * @property {string} packageName
 * @property {string} ruleId
 * @property {string} description
 * @property {string} body
 * @property {Example[]} examples
 */

/**
 * @param {string} packageDirectory
 * @returns {RuleDocs}
 */
export function readRuleDocs(packageDirectory) {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDirectory, 'package.json'), 'utf8'))
  const source = fs.readFileSync(path.join(packageDirectory, 'src', 'index.ts'), 'utf8')
  const match = /^\/\*\*\n([\s\S]*?)\n \*\//.exec(source)
  if (!match) throw new Error(`No doc comment at the top of ${packageDirectory}/src/index.ts`)

  const lines = match[1].split('\n').map((line) => line.replace(/^ \*(?: |$)/, ''))
  const text = lines.join('\n')
  const [body, ...rawExamples] = text.split(/^@example\n/m)

  /** @type {Map<string, Example>} */
  const byName = new Map()
  /** @type {Example[]} */
  const examples = []

  for (const raw of rawExamples) {
    const content = raw
      .split('\n')
      .map((line) => line.replace(/^ {2}/, ''))
      .join('\n')
      .replace(/\n+$/, '')
    const newline = content.indexOf('\n')
    const header = JSON.parse(newline === -1 ? content : content.slice(0, newline))
    const rest = newline === -1 ? '' : content.slice(newline + 1).replace(/^\n/, '')

    if (header.label === 'output') {
      const example = byName.get(header.name)
      if (!example) throw new Error(`Output for unknown example ${header.name} in ${manifest.name}`)
      example.output = rest === '' ? [] : rest.split('\n')
      continue
    }

    /** @type {Example} */
    const example = {name: header.name, config: header.config, input: rest + '\n', output: undefined}
    if (byName.has(header.name)) throw new Error(`Two examples named ${header.name} in ${manifest.name}`)
    byName.set(header.name, example)
    examples.push(example)
  }

  for (const example of examples) {
    if (!example.output && example.name.startsWith('not-ok')) {
      throw new Error(`Example ${example.name} in ${manifest.name} has no output block`)
    }
    example.output ??= []
  }

  return {
    packageName: manifest.name,
    ruleId: manifest.name.replace(/^remark-lint-/, ''),
    description: manifest.description,
    body: body.trim(),
    examples
  }
}

/**
 * Format a message as the examples write it.
 *
 * @param {import('vfile-message').VFileMessage} message
 * @returns {string}
 */
export function formatMessage(message) {
  return `${formatPlace(message)}: ${message.reason}`
}

/**
 * `line:column`, or `line:column-line:column` for a range; `1:1` for a
 * message without a place.
 *
 * @param {import('vfile-message').VFileMessage} message
 * @returns {string}
 */
export function formatPlace(message) {
  const place = message.place
  if (place && 'start' in place) {
    const same = place.start.line === place.end.line && place.start.column === place.end.column
    return `${place.start.line}:${place.start.column}` + (same ? '' : `-${place.end.line}:${place.end.column}`)
  }
  return place ? `${place.line}:${place.column}` : '1:1'
}

/** Every rule package in the repository. */
export function rulePackages(root = path.resolve(import.meta.dirname, '..')) {
  const packages = path.join(root, 'packages')
  return fs
    .readdirSync(packages)
    .filter((name) => name.startsWith('remark-lint-runbook-'))
    .sort()
    .map((name) => path.join(packages, name))
}
