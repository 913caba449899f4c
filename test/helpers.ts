import fs from 'node:fs'
import path from 'node:path'
import remarkGfm from 'remark-gfm'
import {lintRunbook} from 'remark-preset-runbook/api'
import type {PluggableList} from 'unified'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

export const root = path.resolve(import.meta.dirname, '..')
export const fixtures = path.join(root, 'fixtures')

/** Run the preset over a fixture or a text, with or without remark-gfm. */
export async function lint(
  input: string | {fixture: string},
  options: {gfm?: boolean; plugins?: PluggableList} = {}
): Promise<VFile> {
  const plugins: PluggableList = [...(options.gfm ? [remarkGfm] : []), ...(options.plugins ?? [])]
  if (typeof input === 'string') return lintRunbook(input, {path: 'runbook.md', plugins})
  const file = path.join(fixtures, input.fixture)
  return lintRunbook(fs.readFileSync(file), {path: path.relative(root, file), plugins})
}

/** `line:column[-line:column] rule-id reason`, the form fixtures' expectations use. */
export function describeMessage(message: VFileMessage): string {
  const place = message.place
  let where = '1:1'
  if (place && 'start' in place) {
    const same = place.start.line === place.end.line && place.start.column === place.end.column
    where = `${place.start.line}:${place.start.column}` + (same ? '' : `-${place.end.line}:${place.end.column}`)
  } else if (place) {
    where = `${place.line}:${place.column}`
  }
  return `${where} ${message.ruleId ?? '-'} ${message.reason}`
}

export function messagesOf(file: VFile): string[] {
  return file.messages.map(describeMessage)
}
