/**
 * Write a new runbook from a template: every section with a `TODO:` line in
 * this project's own words saying what to write there. The placeholder and
 * empty-section rules report each one until it is filled.
 */

import fs from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {loadTemplate, runbookSkeleton, writeFileAtomic, WriteFileError, type TemplateSetting} from 'runbook-model'
import {Configuration} from 'unified-engine'

export interface CreateRunbookOptions {
  /** Where to write the runbook. */
  readonly file: string
  /** The runbook's title (default: `Run book`; for the `alert` layout, the file's name: the alert's). */
  readonly title?: string | undefined
  /** The template; default: the one configured for `file` in remark's configuration, else `default`. */
  readonly template?: TemplateSetting | undefined
  /** Overwrite an existing file. */
  readonly force?: boolean | undefined
  readonly cwd?: string | undefined
}

/** Write the runbook; resolve to the text written and the template's name. */
export async function createRunbook(options: CreateRunbookOptions): Promise<{text: string; template: string}> {
  const cwd = options.cwd ?? process.cwd()
  const file = path.resolve(cwd, options.file)
  refuseTarget(file, options)

  const setting = options.template ?? (await configuredTemplate(file, cwd))
  const template = loadTemplate(setting, path.dirname(file), cwd)
  // A page named after what it is about (an alert's) is titled so.
  const title = options.title ?? (template.definition.namedAfterFile ? path.basename(file).replace(/\.[^.]+$/, '') : 'Run book')
  const text = runbookSkeleton(template, title)
  try {
    // Atomically: a new file appears whole or not at all, and `--force`
    // replaces the old one only once the new one is written.
    writeFileAtomic(file, text, {create: !options.force})
  } catch (error) {
    if (!(error instanceof WriteFileError)) throw error
    if (error.code === 'EEXIST') throw exists(options.file)
    throw new Error(`Not writing \`${options.file}\`: ${error.reason}; nothing was written`)
  }
  return {text, template: template.name}
}

/**
 * A path that is a symbolic link, even one to nothing yet, is refused: the
 * runbook would be written wherever the link points, which may be outside
 * the repository.
 */
function refuseTarget(file: string, options: CreateRunbookOptions): void {
  let stat: fs.Stats
  try {
    stat = fs.lstatSync(file)
  } catch {
    return
  }
  if (stat.isSymbolicLink()) {
    throw new Error(
      `Not writing \`${options.file}\`: it is a symbolic link (to \`${fs.readlinkSync(file)}\`), and a runbook is written only as a file of its own; remove the link or name another file`
    )
  }
  if (!options.force) throw exists(options.file)
  if (!stat.isFile()) throw new Error(`Not writing \`${options.file}\`: it is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}`)
}

function exists(file: string): Error {
  return new Error(`Not writing \`${file}\`: the file exists (use --force to overwrite it)`)
}

/**
 * The `template` given to `remark-runbook-template` in the remark
 * configuration that applies to `file`, found the way `remark` finds it.
 */
export async function configuredTemplate(file: string, cwd: string): Promise<TemplateSetting | undefined> {
  const result = await loadConfiguration(file, cwd)
  for (const [plugin, options] of result.plugins) {
    if (typeof plugin === 'function' && plugin.name === 'remarkRunbookTemplate' && options && typeof options === 'object') {
      return (options as {template?: TemplateSetting}).template
    }
  }
  return undefined
}

/**
 * The command that lints `file` with the configuration that applies to it:
 * `remark-runbook` where it is installed, else `remark` with the
 * configuration file, else `remark` with the preset.
 */
export async function checkCommand(file: string, cwd: string): Promise<string> {
  const from = createRequire(path.join(cwd, 'package.json'))
  try {
    from.resolve('remark-runbook/package.json')
    return `npx remark-runbook ${file}`
  } catch {}
  const result = await loadConfiguration(path.resolve(cwd, file), cwd)
  return result.filePath ? `npx remark --no-stdout ${file}` : `npx remark --use preset-runbook --no-stdout ${file}`
}

async function loadConfiguration(file: string, cwd: string): Promise<{filePath?: string | undefined; plugins: Array<[unknown, ...unknown[]]>}> {
  const configuration = new Configuration({
    cwd,
    detectConfig: true,
    packageField: 'remarkConfig',
    pluginPrefix: 'remark',
    rcName: '.remarkrc'
  })
  return new Promise((resolve, reject) => {
    configuration.load(file, (error, value) => {
      if (error) reject(error)
      else resolve(value as never)
    })
  })
}
