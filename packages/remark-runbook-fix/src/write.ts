/**
 * Where the fix may write, and how: only a regular file inside the paths
 * given (reached without a symbolic link), never in `.git` or in a file git
 * ignores, and always through a temporary file that replaces the runbook in
 * one rename, after checking that nobody changed the runbook since it was
 * read. A failed write leaves the runbook as it was and says so in one
 * sentence, in place of the findings of a text that was not written.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {replaceWith, temporaryPath, toWriteFileError, writeFileAtomic, WriteFileError} from 'runbook-model'
import type {VFile} from 'vfile'

/** What unified-engine gives a plugin as its second parameter: the set of files it processes. */
export interface FileSet {
  use(completer: (set: FileSet) => void): unknown
  valueOf(): VFile[]
  prependListener(event: 'one', listener: (file: VFile) => void): unknown
}

declare module 'vfile' {
  interface DataMap {
    /** Whether the fixed runbook was written (by `writeFixedFile`, or in place of `remark --output`). */
    runbookFixWritten: boolean
  }
}

const origin = 'remark-runbook-fix'

/**
 * Why the fix must not write this file, as the end of a sentence that
 * starts with its name, or `undefined` when it may. `roots` are the paths
 * the files were found from (default: the working folder).
 */
export function whyNotWrite(file: VFile, roots: ReadonlyArray<string> | undefined): string | undefined {
  if (!file.path || file.data.unifiedEngineStreamIn) return undefined
  const target = path.resolve(file.cwd, file.path)
  const stat = lstat(target)
  if (!stat) return undefined
  if (stat.isSymbolicLink()) {
    return `is a symbolic link (to \`${readLink(target)}\`): the fix writes only regular files, so fix the file it points to by its own path`
  }
  if (!stat.isFile()) return 'is not a regular file'
  if (inGitFolder(target) || inGitFolder(realPath(target))) return 'is inside a `.git` folder, which the fix never changes'

  const given = (roots && roots.length > 0 ? roots : [file.cwd]).map((root) => path.resolve(file.cwd, root))
  const root = given.filter((folder) => target === folder || target.startsWith(folder + path.sep)).sort((a, b) => b.length - a.length)[0]
  if (root === undefined && roots && roots.length > 0) return 'is not inside the paths given'
  if (root !== undefined) {
    // The path given counts too: `--fix docs/*` names a linked folder itself.
    for (let folder = path.dirname(target); folder === root || folder.startsWith(root + path.sep); folder = path.dirname(folder)) {
      if (lstat(folder)?.isSymbolicLink()) {
        return `is reached through the symbolic link \`${path.relative(file.cwd, folder)}\` (to \`${readLink(folder)}\`): the fix writes only files inside the paths given`
      }
      if (folder === root) break
    }
  }
  if (gitIgnores(target)) return 'is ignored by git, and the fix changes only files that git keeps'
  return undefined
}

/**
 * Write the fixed text over the runbook (`remark-runbook --fix`). On
 * failure, the runbook is as it was, and its findings (which were for the
 * fixed text, at lines the file does not have) give way to one error that
 * says why. Returns whether the file was written.
 */
export function writeFixedFile(file: VFile): boolean {
  if (file.data.runbookFixed === undefined || !file.path) return false
  try {
    writeFileAtomic(path.resolve(file.cwd, file.path), file.data.runbookFixed, {expected: file.data.runbookRead})
  } catch (error) {
    if (!(error instanceof WriteFileError)) throw error
    failWrite(file, error)
    return false
  }
  file.data.runbookFixWritten = true
  return true
}

/**
 * With `remark FILE --use runbook-fix --output`, unified-engine writes the
 * fixed text itself, over the runbook and not atomically. Once every file is
 * linted (before the engine writes anything), each fixed file's path points
 * at a temporary file next to it: the engine writes that, in place or in
 * the folder `--output` names, and once it is done the temporary file
 * replaces the runbook (in that folder) in one rename, or is removed. A
 * file path given to `--output` replaces the path instead: the engine then
 * writes there, as it would have. Each file gets its path back before the
 * report.
 */
export function replaceOutputOnceWritten(fileSet: FileSet): void {
  const pending = new Map<VFile, {path: string; temporary: string}>()
  fileSet.use((set) => {
    for (const file of set.valueOf()) {
      if (file.data.runbookFixed === undefined || file.data.runbookFixWritten || !file.path || file.data.unifiedEngineStreamIn) continue
      if (file.messages.some((message) => message.fatal)) continue
      const temporary = temporaryPath(path.resolve(file.cwd, file.path))
      pending.set(file, {path: file.path, temporary})
      file.path = path.relative(file.cwd, temporary)
    }
  })
  fileSet.prependListener('one', (file) => {
    const entry = pending.get(file)
    if (!entry) return
    pending.delete(file)
    const temporaryName = path.basename(entry.temporary)
    const written = path.resolve(file.cwd, file.path)
    // `--output other.md`: the engine wrote where it was told.
    if (path.basename(written) !== temporaryName) return
    const destination = path.join(path.dirname(written), path.basename(entry.path))
    file.path = path.relative(file.cwd, destination)
    const failure = file.messages.find((message) => message.reason === 'Cannot process file' && message.cause instanceof Error)
    if (failure || !file.stored) {
      removeQuietly(written)
      if (failure) {
        file.messages.splice(file.messages.indexOf(failure), 1)
        failWrite(file, toWriteFileError(failure.cause))
      }
      return
    }
    try {
      const inPlace = destination === path.resolve(file.cwd, entry.path)
      replaceWith(written, destination, inPlace ? {expected: file.data.runbookRead} : {})
      file.data.runbookFixWritten = true
    } catch (error) {
      if (!(error instanceof WriteFileError)) throw error
      failWrite(file, error)
    }
  })
}

/** The file is unchanged: one error says why, instead of the fix's findings. */
function failWrite(file: VFile, error: WriteFileError): void {
  file.stored = false
  const shown = file.path ? `\`${file.basename}\`` : 'the runbook'
  const reason =
    error.code === 'ECHANGED'
      ? `Not fixed: ${shown} changed on disk after it was read (an edit saved meanwhile?), and writing the fix would lose that change; nothing was written: run the fix again`
      : `Not fixed: cannot write ${shown}: ${error.reason}; the file is unchanged`
  file.messages = []
  const message = file.message(reason, {place: {line: 1, column: 1}, ruleId: 'fix', source: origin})
  message.fatal = true
}

function lstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file)
  } catch {
    return undefined
  }
}

function readLink(file: string): string {
  try {
    return fs.readlinkSync(file)
  } catch {
    return '?'
  }
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file)
  } catch {
    return file
  }
}

function inGitFolder(file: string): boolean {
  return file.split(path.sep).includes('.git')
}

/**
 * Whether git ignores the file (`.gitignore`, `.git/info/exclude`, the
 * global excludes); a file git tracks is never ignored. Outside a
 * repository, or without git, nothing is.
 */
function gitIgnores(file: string): boolean {
  const result = spawnSync('git', ['check-ignore', '--quiet', '--', path.basename(file)], {cwd: path.dirname(file), stdio: 'ignore'})
  return result.status === 0
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file)
  } catch {}
}
