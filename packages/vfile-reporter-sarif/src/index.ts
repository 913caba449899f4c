/**
 * vfile reporter that writes SARIF 2.1.0: `remark --report sarif .` prints
 * it, `--report sarif=output:"runbooks.sarif"` writes it to a file for
 * `github/codeql-action/upload-sarif`, reviewdog or any SARIF viewer.
 */

import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import {pathToFileURL} from 'node:url'
import {ruleInfo} from 'remark-preset-runbook'
import {sanitizeFiles} from 'remark-lint-runbook-no-secrets/mask'
import {repositoryUrl, writeFileAtomic} from 'runbook-model'
import type {Log, ReportingDescriptor, Result, Region, ReportingConfiguration} from 'sarif'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

export interface Options {
  /** File to write the SARIF to (relative to the current folder); without it the SARIF is returned for printing. */
  readonly output?: string | undefined
  /** URIs are relative to this folder; default `$GITHUB_WORKSPACE`, else the current folder. */
  readonly workspace?: string | undefined
  /** Only report fatal messages (`remark --silent`). */
  readonly silent?: boolean | undefined
  // remark-cli also passes `color`, `quiet` and `verbose`; none applies here.
  readonly [key: string]: unknown
}

/** Names the workspace folder in artifact locations, as GitHub code scanning expects. */
export const sourceRoot = '%SRCROOT%'

const schema = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'

const version = (
  JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}
).version

export default function reporterSarif(files: ReadonlyArray<VFile>, options: Options = {}): string {
  const log = toSarif(files, options)
  const text = JSON.stringify(log, null, 2) + '\n'
  if (typeof options.output === 'string' && options.output !== '') {
    // Through a temporary file: a full disk leaves the last report whole.
    writeFileAtomic(path.resolve(options.output), text)
    return ''
  }
  return text
}

export function toSarif(files: ReadonlyArray<VFile>, options: Options = {}): Log {
  // No secret and no control character in any text or path.
  sanitizeFiles(files)
  const workspace = path.resolve(options.workspace || process.env['GITHUB_WORKSPACE'] || process.cwd())
  const rules: ReportingDescriptor[] = ruleInfo.map((rule) => ({
    id: rule.ruleId,
    name: pascalCase(rule.ruleId),
    shortDescription: {text: sentence(rule.description)},
    fullDescription: {text: `${sentence(rule.description)} Reported as ${rule.ruleId} by remark-lint.`},
    help: {
      text: `${sentence(rule.description)} Documentation, options and examples: ${rule.url}`,
      markdown: `${sentence(rule.description)} See [the documentation of \`${rule.ruleId}\`](${rule.url}) for its options and examples.`
    },
    helpUri: rule.url,
    defaultConfiguration: {level: rule.severity === 'error' ? 'error' : 'warning'}
  }))
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]))

  const results: Result[] = []
  for (const file of files) {
    const location = artifactLocation(file, workspace)
    for (const message of file.messages) {
      const level = levelOf(message)
      if (options.silent && level !== 'error') continue
      const id = message.ruleId ?? message.source ?? 'remark'
      let index = ruleIndex.get(id)
      if (index === undefined) {
        index = rules.push(otherRule(id, message)) - 1
        ruleIndex.set(id, index)
      }
      const region = regionOf(message)
      results.push({
        ruleId: id,
        ruleIndex: index,
        level,
        message: {text: [message.reason, message.note].filter(Boolean).join('\n')},
        // A finding in another file (`message.file`: a rule file's, carried
        // by a runbook under `remark`) is located in that file.
        locations: [{physicalLocation: {artifactLocation: elsewhere(message, file) ? artifactLocation(new VFile({path: message.file!, cwd: file.cwd}), workspace) : location, region}}]
      })
    }
  }

  return {
    $schema: schema,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'remark-runbook',
            informationUri: repositoryUrl,
            version,
            semanticVersion: version,
            rules
          }
        },
        originalUriBaseIds: {[sourceRoot]: {uri: pathToFileURL(workspace + path.sep).href}},
        results,
        // micromark counts columns in JavaScript string units.
        columnKind: 'utf16CodeUnits'
      }
    ]
  }
}

export function levelOf(message: VFileMessage): ReportingConfiguration.level {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'note'
}

/**
 * Start and end as unist has them: lines and columns 1-based, the end
 * exclusive, as SARIF's. A message about the whole file (one that could not
 * be read, say) is placed at its start, where `remark` shows it (1:1).
 */
export function regionOf(message: VFileMessage): Region {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'start' in place ? place.end : undefined
  const line = start?.line ?? message.line
  if (typeof line !== 'number' || line < 1) return {startLine: 1, startColumn: 1, endLine: 1, endColumn: 1}
  const region: Region = {startLine: line}
  const column = start?.column ?? message.column
  if (typeof column === 'number' && column >= 1) region.startColumn = column
  if (end && end.line >= line) {
    region.endLine = end.line
    if (region.startColumn !== undefined && end.column >= 1 && (end.line > line || end.column >= region.startColumn)) {
      region.endColumn = end.column
    }
  }
  return region
}

function elsewhere(message: VFileMessage, file: VFile): boolean {
  return typeof message.file === 'string' && message.file !== '' && !file.history.includes(message.file)
}

function artifactLocation(file: VFile, workspace: string): {uri: string; uriBaseId?: string} {
  if (!file.path) return {uri: 'stdin'}
  const absolute = path.resolve(file.cwd, file.path)
  const relative = path.relative(workspace, absolute)
  if (relative.startsWith('..') || path.isAbsolute(relative)) return {uri: pathToFileURL(absolute).href}
  return {uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: sourceRoot}
}

/** A rule outside the preset (another remark-lint rule, or remark itself failing to read a file). */
function otherRule(id: string, message: VFileMessage): ReportingDescriptor {
  const text = message.ruleId
    ? `Findings of the rule ${id}${message.source ? ` (${message.source})` : ''}.`
    : `Problems ${id} met while processing a file.`
  return {
    id,
    shortDescription: {text},
    fullDescription: {text},
    help: {text: message.url ? `${text} Documentation: ${message.url}` : text},
    ...(message.url ? {helpUri: message.url} : {})
  }
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : text + '.'
}

function pascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z\d]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
}
