/**
 * Under unified-engine, a plugin cannot add a file to the report: the
 * findings of a rule file that is not a file of the run travel on the run's
 * first runbook, with the rule file's path (`message.file`) and place. A
 * command that reports them (`remark-runbook`) gives each such rule file a
 * file of its own first, so that every reporter shows its findings under
 * its path, at its lines.
 */

import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

/**
 * `files`, with the messages that name another file (`message.file`, set
 * to a path none of a file's names is) moved to a file of that path, one
 * per path, in path order among the others. Files without such messages
 * are returned as they are.
 */
export function separateRuleFiles(files: ReadonlyArray<VFile>): VFile[] {
  const byPath = new Map<string, VFile>()
  for (const file of files) if (file.path) byPath.set(file.path, file)
  const added = new Map<string, VFile>()
  for (const file of files) {
    if (!file.messages.some((message) => isElsewhere(message, file))) continue
    const own: VFileMessage[] = []
    for (const message of file.messages) {
      if (!isElsewhere(message, file)) {
        own.push(message)
        continue
      }
      const target = message.file!
      let other = byPath.get(target) ?? added.get(target)
      if (!other) {
        other = new VFile({path: target, cwd: file.cwd})
        added.set(target, other)
      }
      other.messages.push(message)
    }
    file.messages = own
  }
  if (added.size === 0) return [...files]
  return [...files, ...added.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function isElsewhere(message: VFileMessage, file: VFile): boolean {
  return typeof message.file === 'string' && message.file !== '' && !file.history.includes(message.file)
}
