/**
 * What every runbook rule shares: its origin and docs URL, the template it
 * checks against, and how invalid options are reported.
 */

import type {Root} from 'mdast'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {lintRule} from 'unified-lint-rule'
import path from 'node:path'
import {compileTemplate, type Template, type TemplateCustomisation} from './template.js'
import {builtin, builtinSetting, loadTemplate, TemplateError, type TemplateSetting} from './template-setting.js'
import {autoTemplate, closestLayout} from './layout.js'
import {coverageThreshold, defaultCoverageThreshold, getRunbook, rememberFile, type Runbook} from './runbook.js'
import type {Section} from './sections.js'

export const repositoryUrl = 'https://github.com/remark-runbook/remark-runbook'

/** Where a rule's documentation lives. */
export function ruleUrl(id: string): string {
  return `${repositoryUrl}/tree/main/packages/remark-lint-runbook-${id}#readme`
}

const customised = new WeakMap<Template, Map<string, Template>>()

declare module 'vfile' {
  interface DataMap {
    /** The template the rules check this file against (set from the `runbook-template` setting). */
    runbookTemplate: Template
    /** Whether the template setting's problem was already reported on this file. */
    runbookTemplateFailed: boolean
    /** The ids of the runbook rules that checked this file (a rule turned off is not there): reporters tell "not checked" from "fine". */
    runbookRulesRun: string[]
  }
}

declare module 'unified' {
  interface Data {
    /** The template setting given to `remark-runbook-template`. */
    runbookTemplate?: TemplateSetting | null | undefined
  }
}

/**
 * The template a rule checks against: the file's (from the shared setting) or
 * the built-in one, with a rule's own extra aliases and optional headings.
 * Compiled once per distinct setting.
 */
export function resolveTemplate(customisation: TemplateCustomisation = {}, base: Template = builtin('default')): Template {
  if (!customisation.aliases && !customisation.optional && !customisation.required) return base
  let byKey = customised.get(base)
  if (!byKey) {
    byKey = new Map()
    customised.set(base, byKey)
  }
  const key = JSON.stringify([customisation.aliases ?? null, customisation.optional ?? null, customisation.required ?? null])
  let template = byKey.get(key)
  if (!template) {
    template = compileTemplate(base.definition, customisation)
    byKey.set(key, template)
  }
  return template
}

/** The template for a file: the one recorded on it (see `applyTemplateSetting`), or the built-in `default`. */
export function templateOf(file: VFile | undefined): Template {
  return file?.data.runbookTemplate ?? builtin('default')
}

/** Whether a setting asks for the built-in layout closest to each runbook: none given, or `auto`. */
export function isAutoSetting(setting: unknown): boolean {
  return setting === null || setting === undefined || setting === '' || setting === autoTemplate
}

/**
 * Resolve the shared template setting for a file and record it on the file
 * (`file.data.runbookTemplate`, and `file.data.runbookLayout` for
 * reporters), so that every rule reads the same template. With no template
 * set, or `auto`, that is the built-in layout `tree` follows most closely
 * (see `closestLayout`). A problem with the setting stops the file once,
 * with one sentence.
 */
export function applyTemplateSetting(
  file: VFile,
  setting: TemplateSetting | null | undefined,
  origin: string,
  tree: Root
): boolean {
  rememberFile(tree, file)
  if (file.data.runbookTemplate) return true
  if (file.data.runbookTemplateFailed) return false
  try {
    if (isAutoSetting(setting)) {
      const template = closestLayout(tree, file)
      file.data.runbookTemplate = template
      file.data.runbookLayout = {template: template.name, chosen: 'closest'}
      return true
    }
    // A built-in template (the usual case) needs no path.
    const from = builtinSetting(setting) ? file.cwd : file.dirname ? path.resolve(file.cwd, file.dirname) : file.cwd
    const template = loadTemplate(setting, from, file.cwd)
    file.data.runbookTemplate = template
    file.data.runbookLayout = {template: template.name, chosen: 'configured'}
    return true
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    file.data.runbookTemplateFailed = true
    failConfiguration(file, error.message, origin)
  }
}

/** The runbook model of a file, for the template the rules share (the closest built-in layout if none is recorded yet). */
export function runbookOf(tree: Root, file?: VFile): Runbook {
  rememberFile(tree, file)
  return getRunbook(tree, file?.data.runbookTemplate ?? closestLayout(tree, file))
}

/** What a section should say, for messages: its template purpose, or "your own text". */
export function purposeOf(runbook: Runbook, section: Section): string {
  const own = runbook.matchOf(section)?.entry.purpose
  if (own) return own
  // A section of the longer upstream layout that this template leaves out.
  return (section.heading && builtin('full').find(section.title)?.purpose) || 'your own text'
}


/**
 * The options a processor gives one of the runbook rules, however they are
 * written (`[rule, options]` or `[rule, [severity, options]]`, as
 * `unified-lint-rule` reads them); `undefined` when it does not use the rule.
 */
export function ruleOptions(processor: Processor, ruleId: string): unknown {
  return ruleSetting(processor, ruleId)?.options
}

/**
 * Whether a processor runs one of the runbook rules, and its options;
 * `undefined` when it does not name the rule. A rule turned off in a
 * configuration file (`[rule, false]`) is not attached at all:
 * `requiredHeadingsTemplate` tells that from a rule that was never named.
 */
export function ruleSetting(processor: Processor, ruleId: string): {on: boolean; options: unknown} | undefined {
  for (const [plugin, config] of processor.attachers) {
    if ((plugin as {info?: Partial<RuleInfo>}).info?.ruleId !== ruleId) continue
    if (config === false) return {on: false, options: undefined}
    if (Array.isArray(config) && severities.has(config[0])) return {on: !off.has(config[0]), options: config[1]}
    return {on: true, options: config}
  }
  return undefined
}

const severities = new Set<unknown>([false, true, 0, 1, 2, 'off', 'on', 'warn', 'error'])
const off = new Set<unknown>([false, 0, 'off'])
/** Plugins that check their options here but are not lint rules: they have no severity. */
const notRules = new Set(['fix', 'template'])

/**
 * The template `runbook-required-headings` checks a file against, as the
 * processor configures that rule: the file's template with the rule's
 * `aliases` and `optional` headings. The fix reads it here, so that it adds
 * exactly the sections the lint asks for. `undefined` when the rule is off:
 * turned off, or left out of a processor that runs other runbook rules.
 * Options the rule rejects are left out here: the rule stops the file, and
 * nothing is written.
 */
export function requiredHeadingsTemplate(processor: Processor, file: VFile): Template | undefined {
  const setting = ruleSetting(processor, 'runbook-required-headings')
  if (setting === undefined) {
    const otherRules = processor.attachers.some(([plugin]) => (plugin as {info?: Partial<RuleInfo>}).info?.ruleId?.startsWith('runbook-'))
    if (otherRules) return undefined
  } else if (!setting.on) {
    return undefined
  }
  const base = templateOf(file)
  const options = setting?.options
  if (!options || typeof options !== 'object' || Array.isArray(options)) return base
  const {aliases, optional} = options as {aliases?: unknown; optional?: unknown}
  const customisation: TemplateCustomisation = {}
  if (aliases && typeof aliases === 'object' && !Array.isArray(aliases)) {
    const lists: Record<string, string[]> = {}
    for (const [title, value] of Object.entries(aliases)) {
      const list: unknown[] = Array.isArray(value) ? value : [value]
      if (list.every((alias) => typeof alias === 'string' && alias.trim() !== '')) lists[title] = list as string[]
    }
    if (Object.keys(lists).length > 0) Object.assign(customisation, {aliases: lists})
  }
  if (Array.isArray(optional) && optional.every((title) => typeof title === 'string')) {
    Object.assign(customisation, {optional})
  }
  try {
    return resolveTemplate(customisation, base)
  } catch {
    return base
  }
}

/**
 * The share of the template's sections below which a document with
 * headings or text of its own is not a copy of the template: the
 * `minimumCoverage` option of `runbook-required-headings`, so that the fix
 * leaves alone the documents that rule does not check section by section.
 * An invalid value counts as the default here: the rule stops the file
 * with a sentence about it.
 */
export function coverageThresholdOf(processor: Processor): number {
  const options = ruleOptions(processor, 'runbook-required-headings')
  const value = options && typeof options === 'object' ? (options as {minimumCoverage?: unknown}).minimumCoverage : undefined
  return coverageThreshold(value) ?? defaultCoverageThreshold
}

/** How messages name a section: `` `Service owner` ``, or the top of the runbook. */
export function sectionName(section: Section): string {
  return section.heading ? `\`${section.title}\`` : 'the top of the runbook'
}

export interface RuleMeta {
  /** The rule id without the `runbook-` prefix: `required-headings`. */
  readonly id: string
  /** One sentence: what the rule checks (also the package description). */
  readonly description: string
  /** Whether the rule reads files that are not runbooks too (see `isRunbookFile`). */
  readonly everyFile?: boolean
}

/** What reporters and tools need to know of a rule. */
export interface RuleInfo {
  /** Rule id as messages carry it: `runbook-required-headings`. */
  readonly ruleId: string
  /** Message origin: `remark-lint:runbook-required-headings`. */
  readonly origin: string
  readonly description: string
  /** The rule's documentation. */
  readonly url: string
}

/** A runbook rule plugin, with what reporters need to know of it. */
export type RunbookRule<Options> = ReturnType<typeof lintRule<Root, Options | null | undefined>> & {
  readonly info: RuleInfo
}

/**
 * A rule's check. It may be async (return a promise), for example to run an
 * async scanner over the file; remark-lint waits for it.
 */
export type RunbookRuleCheck<Options> = (
  tree: Root,
  file: VFile,
  options: Options | null | undefined
) => Promise<void> | void

/**
 * A remark-lint rule with origin `remark-lint:runbook-<id>`, so that
 * `<!-- lint disable runbook-<id> -->` works and messages carry the rule's URL.
 */
export function runbookRule<Options>(meta: RuleMeta, check: RunbookRuleCheck<Options>): RunbookRule<Options> {
  const plugin = lintRule<Root, Options | null | undefined>(
    {origin: `remark-lint:runbook-${meta.id}`, url: ruleUrl(meta.id)},
    check
  )

  // unified-lint-rule gives every message the rule's severity, so an invalid
  // option would be a mere warning under `warn`. A broken configuration must
  // fail the run: mark those messages fatal again once the rule is done.
  const ruleId = `runbook-${meta.id}`
  const wrapped = function (this: Processor, ...parameters: Parameters<typeof plugin>) {
    const transformer = plugin.apply(this, parameters)
    if (!transformer) return transformer
    const processor = this
    return function (tree: Root, file: VFile, next: (error?: Error) => void) {
      const runbookFile = isRunbookFile(file)
      if (!runbookFile && !meta.everyFile) return next()
      // The shared template setting, whether its plugin ran before this rule
      // or not, or, without one, the built-in layout closest to this runbook.
      if (runbookFile && !file.data.runbookTemplate) {
        if (file.data.runbookTemplateFailed) return next()
        try {
          // Said as the template setting's, whichever plugin reads it first.
          applyTemplateSetting(file, processor.data('runbookTemplate'), 'remark-runbook-template:template', tree)
        } catch (error) {
          for (const message of file.messages) if (configurationErrors.has(message)) message.fatal = true
          return next()
        }
      }
      ;(file.data.runbookRulesRun ??= []).push(ruleId)
      const before = file.messages.length
      const restore = withoutStackTraces(file)
      ;(transformer as unknown as Transformer)(tree, file, (error?: Error) => {
        restore()
        for (const message of file.messages.slice(before)) {
          if (configurationErrors.has(message)) message.fatal = true
          else if (notes.has(message)) message.fatal = undefined
          else if (warnings.has(message) && message.fatal) message.fatal = false
        }
        next(error)
      })
    }
  } as typeof plugin
  Object.defineProperty(wrapped, 'name', {value: plugin.name})
  const info: RuleInfo = {
    ruleId,
    origin: `remark-lint:runbook-${meta.id}`,
    description: meta.description,
    url: ruleUrl(meta.id)
  }
  return Object.assign(wrapped, {info})
}

type Transformer = (tree: Root, file: VFile, next: (error?: Error) => void) => void

/**
 * Whether the rules read a file: any file but YAML. The rule files of
 * `runbook-alert-coverage` can be files of the run (named beside the
 * runbooks, or staged for the pre-commit hook); they are not runbooks.
 */
export function isRunbookFile(file: VFile): boolean {
  return !/\.ya?ml$/i.test(file.path ?? '')
}

/**
 * While a rule runs, make its messages without a stack trace. A
 * `VFileMessage` is an `Error`: constructing one captures the stack, which
 * `vfile-message` then throws away (it sets `stack` to `''`). On 1,000
 * runbooks with 8,000 findings that was a tenth of the rules' time. Errors
 * thrown by a rule itself keep their stack. Returns the function that
 * restores the file.
 */
function withoutStackTraces(file: VFile): () => void {
  const own = Object.hasOwn(file, 'message')
  const original = file.message
  file.message = function (this: VFile, ...parameters: unknown[]) {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    try {
      return (original as (...parameters: unknown[]) => ReturnType<VFile['message']>).apply(this, parameters)
    } finally {
      Error.stackTraceLimit = limit
    }
  } as VFile['message']
  return () => {
    if (own) file.message = original
    else delete (file as {message?: unknown}).message
  }
}

const configurationErrors = new WeakSet<object>()
const warnings = new WeakSet<object>()

/**
 * Make a rule's message a warning at most, whatever the rule's severity:
 * a gap in a section the runbook need not have (an alert page's optional
 * `Escalation`) does not fail the run.
 */
export function atMostWarning<Message extends object>(message: Message): Message {
  warnings.add(message)
  return message
}

const notes = new WeakSet<object>()

/**
 * Make a rule's message a note (informational), whatever the rule's
 * severity: advice on a page that is generic guidance (an upstream alert
 * page's escalation naming no team), not a gap to fix.
 */
export function asNote<Message extends object>(message: Message): Message {
  notes.add(message)
  return message
}

/** Whether a message says the configuration is broken (an invalid option, a missing template): nothing is written then. */
export function isConfigurationError(message: object): boolean {
  return configurationErrors.has(message)
}

/** Stop the file for a configuration problem: a fatal message, whatever the rule's severity. */
export function failConfiguration(file: VFile, reason: string, origin: string): never {
  try {
    file.fail(reason, undefined, origin)
  } catch (error) {
    if (error instanceof Object) configurationErrors.add(error)
    throw error
  }
}

/**
 * Stop the file with a sentence naming the option, the value given and what
 * is allowed; unified-engine shows it as a fatal message, not a stack trace.
 */
export function failOption(file: VFile, ruleId: string, option: string, value: unknown, allowed: string): never {
  failConfiguration(
    file,
    `Unexpected value \`${describe(value)}\` for option \`${option}\` of \`runbook-${ruleId}\`, expected ${allowed}`,
    `remark-lint:runbook-${ruleId}`
  )
}

/** Check that `options` is a plain object with known keys (or empty). */
export function checkOptionKeys(
  file: VFile,
  ruleId: string,
  options: unknown,
  known: ReadonlyArray<string>
): Record<string, unknown> {
  if (options === null || options === undefined) return {}
  if (Array.isArray(options) && typeof options[0] === 'string' && options.length <= 2) {
    // unified-lint-rule reads an unknown first word as options, not as a severity.
    failConfiguration(
      file,
      `Unexpected severity \`${options[0]}\` for \`runbook-${ruleId}\`, expected \`off\`, \`warn\` or \`error\` (or \`0\`, \`1\`, \`2\`), as in \`["remark-lint-runbook-${ruleId}", ["error"]]\``,
      `remark-lint:runbook-${ruleId}`
    )
  }
  if (typeof options !== 'object' || Array.isArray(options)) {
    // `[rule, "warn"]` hands the rule "warn" as its options: unified-lint-rule
    // reads a severity only as the first item of a list.
    const severity = severities.has(options) && !notRules.has(ruleId) ? JSON.stringify([options]) : undefined
    failOption(
      file,
      ruleId,
      'options',
      options,
      severity
        ? `an object; to set the rule's severity, write \`${severity}\`, as in \`["remark-lint-runbook-${ruleId}", ${severity}]\` (with options: \`[${JSON.stringify(options)}, {…}]\`)`
        : 'an object'
    )
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const expected =
        known.length === 0 ? 'no options' : `one of ${known.map((name) => `\`${name}\``).join(', ')}`
      failConfiguration(
        file,
        `Unexpected option \`${key}\` for \`runbook-${ruleId}\`, expected ${expected}`,
        `remark-lint:runbook-${ruleId}`
      )
    }
  }
  return options as Record<string, unknown>
}

function describe(value: unknown): string {
  let text: string
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  return text.length > 60 ? text.slice(0, 57) + '...' : text
}
