/**
 * The one setting every rule reads: which template runbooks follow.
 *
 * It is a built-in name (`default`, `full`, `alert`), a path to a Markdown template
 * (the linter derives the required headings, prompts, examples, fields and
 * the owner section from it), or an object validated against
 * `template.schema.json` that can extend either and add, remove or rename
 * sections. Relative paths resolve against the configuration file found for
 * the linted file (the way unified-engine finds it), else the working
 * directory. Every template is built once per process (a file's once per
 * modification), however many runbooks are linted.
 */

import fs from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Ajv, ErrorObject} from 'ajv'
import type {Root, RootContent} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {frontmatterFromMarkdown} from 'mdast-util-frontmatter'
import {toString} from 'mdast-util-to-string'
import {frontmatter} from 'micromark-extension-frontmatter'
import {builtinTemplates} from './builtin-layouts.js'
import {defaultTemplate} from './default-template.js'
import {fullTemplate} from './full-template.js'
import {cleanTitle, titleKey, withoutTrailingGroup} from './normalize.js'
import {distance} from './runbook.js'
import {fieldLabel, fingerprintTemplate} from './template-text.js'
import {parseCostProblem} from './parse-cost.js'
import {compileTemplate, type SectionDefinition, type Template, type TemplateDefinition} from './template.js'

export interface TemplateObject {
  readonly name?: string
  readonly extends?: string
  readonly sections?: ReadonlyArray<SectionDefinition>
  readonly add?: ReadonlyArray<SectionDefinition & {readonly under?: string; readonly after?: string; readonly before?: string}>
  readonly remove?: ReadonlyArray<string>
  readonly rename?: Readonly<Record<string, string>>
  readonly optional?: ReadonlyArray<string>
  readonly aliases?: Readonly<Record<string, ReadonlyArray<string>>>
  readonly owner?: string
}

export type TemplateSetting = string | URL | TemplateObject

/** A problem with the template setting, said in one sentence. */
export class TemplateError extends Error {
  override name = 'TemplateError'
}

export {builtinTemplates}

const configNames = [
  '.remarkrc',
  '.remarkrc.json',
  '.remarkrc.cjs',
  '.remarkrc.mjs',
  '.remarkrc.js',
  '.remarkrc.yaml',
  '.remarkrc.yml'
]

const compiledBuiltins = new Map<string, Template>()
const compiledDefinitions = new WeakMap<TemplateDefinition, Template>()

/** One compiled template per definition: the model caches runbooks per template. */
function compiled(definition: TemplateDefinition): Template {
  let template = compiledDefinitions.get(definition)
  if (!template) {
    template = compileTemplate(definition)
    compiledDefinitions.set(definition, template)
  }
  return template
}
const fromFiles = new Map<string, {mtimeMs: number; definition: TemplateDefinition}>()
const fromObjects = new WeakMap<object, Map<string, Template>>()

/** Whether a setting names a built-in template, `auto`, or none: no file, no path. */
export function builtinSetting(setting: unknown): boolean {
  return (
    setting === null ||
    setting === undefined ||
    setting === '' ||
    setting === 'auto' ||
    (typeof setting === 'string' && Object.hasOwn(builtinTemplates, setting))
  )
}

/**
 * The template for a setting, resolving relative paths from `from` (the
 * linted file's folder) and `cwd`. Throws a `TemplateError` with a sentence
 * naming the problem. No setting, or `auto`, gives `default` here, the
 * template of a runbook yet to be written; the rules choose per runbook the
 * built-in layout it follows most closely (see `applyTemplateSetting`).
 */
export function loadTemplate(setting: TemplateSetting | null | undefined, from: string, cwd: string): Template {
  if (setting === null || setting === undefined || setting === '' || setting === 'auto') return builtin('default')
  if (typeof setting === 'string' || setting instanceof URL) {
    const name = String(setting)
    if (typeof setting === 'string' && Object.hasOwn(builtinTemplates, name)) return builtin(name)
    return compiled(definitionFromFile(resolveTemplatePath(setting, ['auto', ...Object.keys(builtinTemplates)], from, cwd)))
  }
  if (typeof setting !== 'object' || Array.isArray(setting)) {
    throw new TemplateError(
      `Unexpected runbook template setting \`${describe(setting)}\`, expected ${accepted(['auto', ...Object.keys(builtinTemplates)], 'a path to a Markdown template, or an object')}`
    )
  }

  let byBase = fromObjects.get(setting)
  if (!byBase) {
    byBase = new Map()
    fromObjects.set(setting, byBase)
  }
  const base = configDirectory(from) ?? cwd
  let template = byBase.get(base)
  if (!template) {
    template = compileTemplate(definitionFromObject(setting, from, cwd))
    byBase.set(base, template)
  }
  return template
}

/** A built-in template, compiled once. */
export function builtin(name: string): Template {
  let template = compiledBuiltins.get(name)
  if (!template) {
    template = compileTemplate(builtinTemplates[name]!)
    compiledBuiltins.set(name, template)
  }
  return template
}

/** Names as a sentence lists them, then `last`: `` `auto`, `default`, `full`, `alert`, or a path``. */
function accepted(names: ReadonlyArray<string>, last: string): string {
  return [...names.map((name) => `\`${name}\``), last].join(', ')
}

/**
 * The file a template setting names. A bare word that is no file was meant
 * as a built-in: the sentence lists every name accepted (`names`), and a
 * name it is close to (`ful`).
 */
function resolveTemplatePath(setting: string | URL, names: ReadonlyArray<string>, from: string, cwd: string): string {
  try {
    return resolvePath(setting, from, cwd)
  } catch (error) {
    const name = String(setting)
    if (typeof setting !== 'string' || !/^[\w-]+$/.test(name)) throw error
    const near = names.find((builtinName) => distance(name.toLowerCase(), builtinName) <= 2)
    const expected = accepted(names, 'or a path to a Markdown template')
    throw new TemplateError(
      near
        ? `Unexpected runbook template \`${name}\`, did you mean \`${near}\`? Expected ${expected}`
        : `Unexpected runbook template \`${name}\`, expected ${expected} (no such file: looked for ${lookedFor(name, from, cwd)})`
    )
  }
}

/** Relative to the configuration file's folder if the file is there, else to the working directory. */
function resolvePath(setting: string | URL, from: string, cwd: string): string {
  if (setting instanceof URL || setting.startsWith('file:')) {
    try {
      return fileURLToPath(setting)
    } catch {
      throw new TemplateError(`Unexpected runbook template URL \`${String(setting)}\`, expected a \`file:\` URL`)
    }
  }
  if (path.isAbsolute(setting)) return setting
  const found = candidatePaths(setting, from, cwd).find((candidate) => fs.existsSync(candidate))
  if (found) return found
  throw new TemplateError(`Cannot read runbook template \`${setting}\`: no such file (looked for ${lookedFor(setting, from, cwd)})`)
}

/** Where a relative template path may be: next to the configuration file, then in the working directory. */
function candidatePaths(setting: string, from: string, cwd: string): string[] {
  const folders = [configDirectory(from), cwd].filter((folder): folder is string => Boolean(folder))
  return [...new Set(folders.map((folder) => path.resolve(folder, setting)))]
}

function lookedFor(setting: string, from: string, cwd: string): string {
  return candidatePaths(setting, from, cwd).join(' or ')
}

/** The folder of the configuration file that applies to files in `from`. */
export function configDirectory(from: string): string | undefined {
  let folder = path.resolve(from)
  for (;;) {
    for (const name of configNames) {
      if (fs.existsSync(path.join(folder, name))) return folder
    }
    const manifest = path.join(folder, 'package.json')
    if (fs.existsSync(manifest)) {
      try {
        if ('remarkConfig' in (JSON.parse(fs.readFileSync(manifest, 'utf8')) as object)) return folder
      } catch {
        // An unreadable package.json is not a configuration file.
      }
    }
    const parent = path.dirname(folder)
    if (parent === folder) return undefined
    folder = parent
  }
}

/** Derive a template from a Markdown template file, once per modification. */
export function definitionFromFile(file: string): TemplateDefinition {
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    throw new TemplateError(`Cannot read runbook template \`${file}\`: no such file`)
  }
  if (!stat.isFile()) throw new TemplateError(`Cannot read runbook template \`${file}\`: not a file`)
  const cached = fromFiles.get(file)
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.definition

  const buffer = fs.readFileSync(file)
  if (buffer.includes(0)) throw new TemplateError(`Cannot read runbook template \`${file}\`: it is a binary file`)
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '')
  const slow = parseCostProblem(text)
  if (slow) throw new TemplateError(`Cannot read runbook template \`${file}\`: ${slow.reason}`)
  const tree = fromMarkdown(text, {
    extensions: [frontmatter(['yaml', 'toml'])],
    mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml'])]
  })
  const definition = deriveTemplate(tree, path.basename(file))
  fromFiles.set(file, {mtimeMs: stat.mtimeMs, definition})
  return definition
}

// The flags start after the spaces (`\s*` and a class with a space in it
// would share them out in every way before failing).
const marker = /<!--\s*runbook:\s*([a-z,-][a-z ,-]{0,79})-->/i

/**
 * The template a Markdown template describes: its heading tree below the
 * title (required unless marked `<!-- runbook: optional -->`), its prompts,
 * examples and guidance (as fingerprints), its empty `**Label:**` fields and
 * its owner section (the one titled like `Service owner`, or marked
 * `<!-- runbook: owner -->`).
 */
export function deriveTemplate(tree: Root, name: string): TemplateDefinition {
  interface Draft {
    title: string
    depth: number
    definition: {-readonly [K in keyof SectionDefinition]: SectionDefinition[K]}
    sections: Draft[]
    body: RootContent[]
  }

  const known = new Map<string, SectionDefinition>()
  for (const template of [defaultTemplate, fullTemplate]) {
    const stack = [...template.sections]
    while (stack.length > 0) {
      const section = stack.pop()!
      const key = titleKey(cleanTitle(section.title))
      if (!known.has(key)) known.set(key, section)
      stack.push(...(section.sections ?? []))
    }
  }
  const ownerKeys = new Set(
    ['Service owner', ...(defaultTemplate.sections[0]?.sections?.find((section) => section.owner)?.aliases ?? [])].map(
      (title) => titleKey(title)
    )
  )

  const roots: Draft[] = []
  const open: Draft[] = []
  let current: Draft | undefined

  for (const node of tree.children) {
    if (node.type === 'heading') {
      if (node.depth === 1) {
        current = undefined
        continue
      }
      const title = cleanTitle(toString(node, {includeHtml: false, includeImageAlt: false}))
      if (title === '') continue
      const draft: Draft = {title, depth: node.depth, definition: {title}, sections: [], body: []}
      applyMarkers(draft, node.children.flatMap((child) => (child.type === 'html' ? [child.value] : [])))
      while (open.length > 0 && open.at(-1)!.depth >= node.depth) open.pop()
      const parent = open.at(-1)
      if (parent) parent.sections.push(draft)
      else roots.push(draft)
      open.push(draft)
      current = draft
    } else if (current) {
      current.body.push(node)
      if (node.type === 'html' && current.body.length === 1) applyMarkers(current, [node.value])
    }
  }

  if (roots.length === 0) {
    throw new TemplateError(`Unexpected runbook template \`${name}\` without section headings (\`##\`), expected at least one`)
  }

  const toDefinition = (draft: Draft): SectionDefinition => {
    const key = titleKey(draft.title)
    const inherited = known.get(key)
    const fields = draft.body.flatMap((node) =>
      node.type === 'paragraph' && fieldLabel(node) !== undefined && toString(node).trim().endsWith(':')
        ? [fieldLabel(node)!]
        : []
    )
    const prompt = draft.body.find((node) => node.type === 'blockquote')
    const purpose =
      inherited?.purpose ??
      (prompt ? `an answer to “${shorten(toString(prompt))}”` : `the content of \`${draft.title}\``)
    return {
      ...draft.definition,
      purpose,
      ...(inherited?.aliases ? {aliases: inherited.aliases} : {}),
      ...(fields.length > 0 ? {fields: inheritFields(fields)} : {}),
      ...(draft.definition.owner || ownerKeys.has(key) ? {owner: true} : {}),
      sections: draft.sections.map((child) => toDefinition(child))
    }
  }

  const sections = roots.map((draft) => toDefinition(draft))
  // Only one owner section: the first.
  let ownerSeen = false
  const single = (list: ReadonlyArray<SectionDefinition>): SectionDefinition[] =>
    list.map((section) => {
      const owner = section.owner === true && !ownerSeen
      if (owner) ownerSeen = true
      const {owner: _owner, ...rest} = section
      return {...rest, ...(owner ? {owner: true} : {}), sections: single(section.sections ?? [])}
    })

  return {name, sections: single(sections), fingerprints: [...fingerprintTemplate(tree)]}

  function applyMarkers(draft: Draft, values: string[]): void {
    for (const value of values) {
      const flags = marker.exec(value)?.[1]?.toLowerCase().split(/[\s,]+/) ?? []
      if (flags.includes('optional')) draft.definition.optional = true
      if (flags.includes('owner')) draft.definition.owner = true
    }
  }
}

/** Field definitions for labels, inheriting the default's aliases and purpose. */
function inheritFields(labels: string[]): NonNullable<SectionDefinition['fields']> {
  const defaults = defaultTemplate.sections.flatMap((section) => section.fields ?? [])
  return labels.map((label) => {
    const match = defaults.find(
      (field) => typeof field !== 'string' && titleKey(field.label) === titleKey(label)
    )
    return match && typeof match !== 'string' ? {...match, label} : label
  })
}

function shorten(text: string): string {
  const value = text.replace(/\s+/g, ' ').trim()
  return value.length > 100 ? value.slice(0, 99) + '…' : value
}

let validator: ReturnType<Ajv['compile']> | undefined

/**
 * Ajv takes longer to load than linting a runbook does, and only the object
 * form needs it: load it (synchronously, it is CommonJS) on first use, not
 * in every `remark` process.
 */
function schemaValidator(): ReturnType<Ajv['compile']> {
  const require = createRequire(import.meta.url)
  const {Ajv: AjvClass} = require('ajv') as typeof import('ajv')
  return new AjvClass({allErrors: true, strict: false}).compile(templateSchema())
}

/** The JSON Schema of the object form, as published with the package. */
export function templateSchema(): object {
  const url = new URL('../template.schema.json', import.meta.url)
  return JSON.parse(fs.readFileSync(url, 'utf8')) as object
}

function definitionFromObject(setting: TemplateObject, from: string, cwd: string): TemplateDefinition {
  validator ??= schemaValidator()
  if (!validator(setting)) throw new TemplateError(describeSchemaError(validator.errors ?? []))

  let base: TemplateDefinition
  if (setting.sections) {
    base = {name: setting.name ?? 'custom', sections: setting.sections}
    if (setting.extends) {
      const extended = loadDefinition(setting.extends, from, cwd)
      base = {...base, fingerprints: extended.fingerprints ?? []}
    }
  } else {
    base = loadDefinition(setting.extends ?? 'default', from, cwd)
  }

  let sections = clone(base.sections)
  const find = (title: string, list = sections): {list: SectionDefinition[]; index: number} | undefined => {
    const key = titleKey(cleanTitle(title))
    for (const [index, section] of list.entries()) {
      const keys = [section.title, ...(section.aliases ?? [])].map((value) => titleKey(cleanTitle(value)))
      if (keys.includes(key) || keys.includes(titleKey(withoutTrailingGroup(cleanTitle(title))))) {
        return {list, index}
      }
      const inner = find(title, (section.sections ?? []) as SectionDefinition[])
      if (inner) return inner
    }
    return undefined
  }
  const must = (title: string, key: string) => {
    const found = find(title)
    if (!found) {
      throw new TemplateError(
        `Unexpected heading \`${title}\` in \`${key}\` of the runbook template setting, expected a heading of the template such as \`${sections[0]?.title ?? ''}\``
      )
    }
    return found
  }
  const edit = (title: string, key: string, change: (section: SectionDefinition) => SectionDefinition) => {
    const {list, index} = must(title, key)
    list[index] = change(list[index]!)
  }

  for (const title of setting.remove ?? []) {
    const {list, index} = must(title, 'remove')
    list.splice(index, 1)
  }
  for (const [from, to] of Object.entries(setting.rename ?? {})) {
    edit(from, 'rename', (section) => ({...section, title: to, aliases: [...(section.aliases ?? []), section.title]}))
  }
  for (const addition of setting.add ?? []) {
    const {under, after, before, ...definition} = addition
    let list = sections
    if (under) {
      const {list: parentList, index} = must(under, 'add.under')
      const parent = parentList[index]!
      const children = [...(parent.sections ?? [])]
      parentList[index] = {...parent, sections: children}
      list = children
    }
    const anchor = after ?? before
    let position = list.length
    if (anchor) {
      const found = find(anchor, list)
      if (!found || found.list !== list) {
        throw new TemplateError(
          `Unexpected heading \`${anchor}\` in \`add.${after ? 'after' : 'before'}\` of the runbook template setting, expected a sibling of \`${addition.title}\``
        )
      }
      position = after ? found.index + 1 : found.index
    }
    list.splice(position, 0, definition)
  }
  for (const title of setting.optional ?? []) edit(title, 'optional', (section) => ({...section, optional: true}))
  for (const [title, aliases] of Object.entries(setting.aliases ?? {})) {
    edit(title, 'aliases', (section) => ({...section, aliases: [...(section.aliases ?? []), ...aliases]}))
  }
  if (setting.owner) {
    sections = clone(sections, false)
    edit(setting.owner, 'owner', (section) => ({...section, owner: true}))
  }
  if (sections.length === 0) {
    throw new TemplateError('Unexpected runbook template setting without sections, expected at least one section')
  }

  return {name: setting.name ?? base.name, sections, fingerprints: base.fingerprints ?? []}
}

function loadDefinition(setting: string, from: string, cwd: string): TemplateDefinition {
  if (Object.hasOwn(builtinTemplates, setting)) return builtinTemplates[setting]!
  return definitionFromFile(resolveTemplatePath(setting, Object.keys(builtinTemplates), from, cwd))
}

/** A deep, mutable copy of a section list; `keepOwner: false` drops every owner flag. */
function clone(sections: ReadonlyArray<SectionDefinition>, keepOwner = true): SectionDefinition[] {
  return sections.map((section) => {
    const {owner, ...rest} = section
    return {
      ...rest,
      ...(keepOwner && owner ? {owner} : {}),
      sections: clone(section.sections ?? [], keepOwner)
    }
  })
}

function describeSchemaError(errors: ReadonlyArray<ErrorObject>): string {
  const error = errors.find((item) => item.keyword === 'additionalProperties') ?? errors[0]
  if (!error) return 'Unexpected runbook template setting'
  const where = error.instancePath === '' ? '' : ` in \`${error.instancePath.slice(1).replaceAll('/', '.')}\``
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as {additionalProperty: string}).additionalProperty
    const allowed = Object.keys(schemaPropertiesAt(error.schemaPath))
    return `Unexpected key \`${key}\`${where} of the runbook template setting, expected one of ${allowed.map((name) => `\`${name}\``).join(', ')}`
  }
  if (error.keyword === 'required') {
    const key = (error.params as {missingProperty: string}).missingProperty
    return `Missing key \`${key}\`${where} of the runbook template setting`
  }
  return `Unexpected value${where} of the runbook template setting: it ${error.message ?? 'is not allowed'}`
}

function schemaPropertiesAt(schemaPath: string): Record<string, unknown> {
  // `#/definitions/section/additionalProperties` -> that object's properties.
  const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1)
  let node: unknown = templateSchema()
  for (const part of parts) node = (node as Record<string, unknown>)[part]
  return ((node as {properties?: Record<string, unknown>}).properties ?? {}) as Record<string, unknown>
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? text.slice(0, 57) + '...' : text
}
