/**
 * The team's configuration, as `remark-runbook` runs it: our own packages
 * named in it are the copies shipped with this command (the hook and the
 * Action have no `node_modules` of the team's), and what cannot work (a
 * plugin that is not installed, a template that cannot be read) is said once
 * for the whole run, in one sentence, instead of once per file.
 */

import fs from 'node:fs'
import path from 'node:path'
import {safeText} from 'remark-lint-runbook-no-secrets/mask'
import remarkPresetRunbook, {ruleInfo, rules} from 'remark-preset-runbook'
import remarkRunbookFix from 'remark-runbook-fix'
import remarkRunbookTemplate from 'remark-runbook-template'
import {editDistance, isConfigurationError, loadTemplate, oneLine, TemplateError} from 'runbook-model'

export class ConfigurationError extends Error {}

/** Our packages by name, as a configuration names them. */
const ours = new Map([
  ['remark-preset-runbook', remarkPresetRunbook],
  ['remark-runbook-template', remarkRunbookTemplate],
  ['remark-runbook-fix', remarkRunbookFix],
  ...ruleInfo.map((info, index) => ['remark-lint-' + info.ruleId, /** @type {unknown[]} */ (rules[index])[0]])
])

/** Our rules' ids (`runbook-no-secrets`), by plugin. */
const ruleIds = new Map(ruleInfo.map((info, index) => [/** @type {unknown[]} */ (rules[index])[0], info.ruleId]))

/** What cannot work in the configuration: each sentence once per run. */
export const problems = new Set()

/** The configuration files (as shown) that give each of our rules options or a severity, by rule id. */
const configuredIn = new Map()

/** One of our packages, by its name or by the short name remark accepts (`preset-runbook`). */
function ourPackage(name) {
  return ours.get(name) ?? ours.get('remark-' + name)
}

/**
 * The plugins of a loaded configuration file with our packages' names
 * replaced by the packages, and every other name checked.
 */
export function ourPackages(plugins, filePath) {
  if (plugins === null || plugins === undefined) return []
  const list = Array.isArray(plugins) ? plugins : Object.entries(plugins)
  return list.map((entry) => {
    const [usable, ...options] = Array.isArray(entry) ? entry : [entry]
    if (typeof usable !== 'string') return entry
    const own = ourPackage(usable)
    if (own) {
      if (own === remarkRunbookTemplate) checkTemplate(options[0]?.template, filePath)
      const ruleId = ruleIds.get(own)
      if (ruleId && options.length > 0) {
        if (!configuredIn.has(ruleId)) configuredIn.set(ruleId, new Set())
        configuredIn.get(ruleId).add(shown(filePath))
      }
      return [own, ...options]
    }
    if (installed(usable, path.dirname(filePath))) return entry
    const sentence = notInstalled(usable, quote(shown(filePath)), path.dirname(filePath))
    problems.add(sentence)
    return [missingPlugin(sentence), ...options]
  })
}

/**
 * What unified-engine could not load stops every file with the same stack of
 * causes: a configuration file (a `.remarkrc.mjs` importing a package that is
 * not installed, JSON that does not parse), or a plugin it could not find
 * where this module thought it would. A rule given an unknown severity or an
 * invalid option stops itself on every file with the same sentence. Each is
 * one sentence for the run.
 */
export function collectProblems(files) {
  for (const file of files) {
    for (const message of file.messages) {
      const sentence = message.fatal ? (loadFailure(message.cause) ?? ruleConfigurationFailure(message)) : undefined
      if (sentence) problems.add(sentence)
    }
  }
}

/** A rule's own sentence on its options or severity, with the configuration files that set them. */
function ruleConfigurationFailure(message) {
  if (!isConfigurationError(message)) return undefined
  // A template said already, with the file that sets it (`checkTemplate`);
  // the message's reason is as the preset left it (secrets masked).
  for (const problem of problems) if (safeText(problem).startsWith(message.reason)) return undefined
  const files = message.ruleId ? configuredIn.get(message.ruleId) : undefined
  return files && files.size > 0 ? `${message.reason} (set in ${[...files].map((file) => `\`${file}\``).join(', ')})` : message.reason
}

function loadFailure(error) {
  if (!(error instanceof Error)) return undefined
  let cause = error
  while (cause.cause instanceof Error) cause = cause.cause
  const plugin = /^Cannot find module `(.+)`$/.exec(error.message)
  if (plugin) {
    const name = plugin[1]
    return !name.startsWith('.') && !path.isAbsolute(name) && !name.startsWith('file:')
      ? notInstalled(name, 'the configuration', process.cwd())
      : `Cannot load the plugin ${quote(name)} named in the configuration: ${firstLine(cause)}`
  }
  const configuration = /^Cannot (?:read|parse)(?: given)? file `(.+)`$/.exec(error.message)
  if (!configuration) return undefined
  const imported = cause.code === 'ERR_MODULE_NOT_FOUND' ? /^Cannot find package '([^']+)'/.exec(cause.message) : null
  if (!imported) return `Cannot load the configuration ${quote(configuration[1])}: ${firstLine(cause)}`
  const name = imported[1]
  const start = `Cannot load ${quote(configuration[1])}: it imports ${quote(name)}, which is not installed where remark-runbook runs`
  if (ourPackage(name)) return start + `. Write \`'${name}'\` in \`plugins\` instead of importing it: remark-runbook then uses the copy it ships`
  return start + unknownPackage(name, path.dirname(path.resolve(configuration[1])))
}

/** The first line of an error's message, without where Node.js looked from or a colon before a code frame. */
function firstLine(error) {
  const line = error.message.split('\n')[0]
  // Cut at the first ` imported from `, without a pattern that tries every one.
  const from = line.indexOf(' imported from ')
  return (from === -1 ? line : line.slice(0, from)).replace(/:$/, '')
}

/**
 * A plugin that is neither ours nor installed. The advice never names an
 * unknown package to install: a misspelt name (`requried`) may be a
 * typo-squatted package on the registry, which this command cannot check
 * (it runs without the network). It offers the nearest name it knows, ours
 * or one installed, instead.
 */
function notInstalled(name, where, from) {
  return `Cannot load the plugin ${quote(name)} named in ${where}: it is not installed where remark-runbook runs` + unknownPackage(packageName(name), from)
}

function unknownPackage(name, from) {
  const near = nearest(name, knownPackages(from))
  if (near) return `; did you mean ${quote(near)}${ourPackage(near) ? ' (shipped with remark-runbook)' : ' (installed)'}? Fix the name in the configuration`
  return (
    ', and it is not one of the packages remark-runbook ships: check its name before installing anything. A plugin you trust goes in the project\'s `devDependencies`, ' +
    "and for the pre-commit hook in its `additional_dependencies`"
  )
}

/** The package names a configuration may mean: ours, and the remark plugins installed where it is. */
function knownPackages(from) {
  const names = new Set(ours.keys())
  let current = path.resolve(from)
  for (;;) {
    const folder = path.join(current, 'node_modules')
    for (const entry of readFolder(folder)) {
      if (entry.startsWith('@')) {
        for (const scoped of readFolder(path.join(folder, entry))) if (scoped.startsWith('remark-')) names.add(`${entry}/${scoped}`)
      } else if (entry.startsWith('remark-')) {
        names.add(entry)
      }
    }
    const parent = path.dirname(current)
    if (parent === current) break
    current = parent
  }
  return [...names]
}

function readFolder(folder) {
  try {
    return fs.readdirSync(folder)
  } catch {
    return []
  }
}

/**
 * The candidate nearest to `name` in spelling, if near enough to be what
 * was meant: a slip or two in a short name, a quarter of a long one. What
 * the two names start with alike (`remark-lint-no-`) does not count towards
 * that quarter: `remark-lint-no-dead-urls` is a plugin of its own, not a
 * slip for `remark-lint-no-literal-urls`.
 */
export function nearest(name, candidates) {
  const lower = name.toLowerCase()
  let best
  let bestDistance = Infinity
  for (const candidate of candidates) {
    if (candidate === name) continue
    const other = candidate.toLowerCase()
    const distance = editDistance(lower, other)
    let shared = 0
    while (shared < lower.length && lower[shared] === other[shared]) shared++
    if (distance < bestDistance && distance <= Math.max(2, Math.floor((lower.length - shared) / 4))) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

/** A value from a configuration or the command line, quoted for a sentence, on one line (see `oneLine`). */
export function quote(value) {
  return '`' + oneLine(String(value)) + '`'
}

/** A sentence made safe to print as one line: no character in it ends the line. */
export function safeLine(sentence) {
  return oneLine(String(sentence))
}

/** Check a `--template` given on the command line before any file is read. */
export function checkConfiguration(extra, cwd) {
  for (const [plugin, options] of extra) {
    if (plugin !== remarkRunbookTemplate) continue
    try {
      loadTemplate(options.template, cwd, cwd)
    } catch (error) {
      if (error instanceof TemplateError) throw new ConfigurationError(error.message)
      throw error
    }
  }
}

function checkTemplate(setting, filePath) {
  if (setting === undefined || setting === null) return
  try {
    loadTemplate(setting, path.dirname(filePath), process.cwd())
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    problems.add(`${error.message} (set in ${quote(shown(filePath))})`)
  }
}

/** A plugin that stops each file it runs on, so that nothing is fixed or passed with a broken configuration. */
function missingPlugin(sentence) {
  return function () {
    return function (_tree, file) {
      file.fail(sentence, undefined, 'remark-runbook:configuration')
    }
  }
}

/** Whether a plugin name resolves from `directory` as unified-engine resolves it (`remark-` prefix first). */
function installed(name, directory) {
  if (name.startsWith('.') || path.isAbsolute(name) || name.startsWith('file:')) return true
  const candidates = name.startsWith('remark-') || name.startsWith('@') ? [name] : ['remark-' + name, name]
  const folders = []
  let current = path.resolve(directory)
  for (;;) {
    folders.push(path.join(current, 'node_modules'))
    const parent = path.dirname(current)
    if (parent === current) break
    current = parent
  }
  const global = globalNodeModules()
  if (global) folders.push(global)
  return folders.some((folder) => candidates.some((candidate) => fs.existsSync(path.join(folder, candidate, 'package.json'))))
}

/**
 * The global `node_modules` that unified-engine (load-plugin) searches too
 * when this command runs from a global install: pre-commit's environment,
 * where the hook's `additional_dependencies` go. load-plugin reads npm's
 * prefix from npm's configuration (the environment, in pre-commit), else
 * next to Node.js.
 */
function globalNodeModules() {
  const prefix = process.env.npm_config_prefix || process.env.NPM_CONFIG_PREFIX || path.resolve(process.execPath, '../..')
  if (!(process.argv[1] ?? '').startsWith(prefix)) return undefined
  return process.platform === 'win32' ? path.join(prefix, 'node_modules') : path.join(prefix, 'lib', 'node_modules')
}

function packageName(name) {
  return name.startsWith('remark-') || name.startsWith('@') ? name : 'remark-' + name
}

export function shown(filePath) {
  const relative = path.relative(process.cwd(), filePath)
  return relative.startsWith('..') ? filePath : relative
}
