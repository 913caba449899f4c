/**
 * Workflow commands (`::error file=…,line=…::message`), escaped exactly the
 * way the Actions runner unescapes them (`ActionCommand.TryParseV2`): a
 * line feed or carriage return in a message or a file name becomes `%0A` or
 * `%0D`, so that nothing in it can start a line, let alone a command of its
 * own; control characters show as `\x1b` (see `printable`).
 */

import {printable} from 'remark-lint-runbook-no-secrets/mask'

export type AnnotationKind = 'error' | 'warning' | 'notice'

export interface AnnotationProperties {
  readonly file?: string | undefined
  readonly line?: number | undefined
  readonly endLine?: number | undefined
  readonly col?: number | undefined
  readonly endColumn?: number | undefined
  readonly title?: string | undefined
}

/** Message data: `%` first, so that the escapes themselves survive. */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

/** Property values also split on `,` and end at `::`. */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

const propertyOrder = ['file', 'line', 'endLine', 'col', 'endColumn', 'title'] as const

export function formatCommand(kind: AnnotationKind, properties: AnnotationProperties, message: string): string {
  const pairs: string[] = []
  for (const key of propertyOrder) {
    const value = properties[key]
    // The runner drops empty values (`title=`) anyway.
    if (value === undefined || value === '') continue
    pairs.push(`${key}=${escapeProperty(printable(String(value)))}`)
  }
  return `::${kind}${pairs.length > 0 ? ' ' + pairs.join(',') : ''}::${escapeData(printable(message))}`
}
