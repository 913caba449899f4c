/**
 * Writing a user's file so that a failed write loses nothing: the new
 * content goes to a temporary file in the same folder, which then replaces
 * the file in one rename. A full disk, a file-size limit or a crash leaves
 * the file as it was, and the temporary file is removed. Every place that
 * writes a user's file uses this: `remark-runbook --fix`, the `runbook-fix`
 * plugin with `remark --output`, `create-runbook` and the report files.
 *
 * `write-file-atomic` (npm's) does the same steps but follows symbolic
 * links and cannot compare the file with what was read just before the
 * rename, which is what keeps an edit saved during a run.
 */

import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export interface WriteFileOptions {
  /**
   * The bytes the file held when it was read: the file is not replaced if
   * it holds anything else just before the rename (an edit saved since).
   */
  readonly expected?: Uint8Array | undefined
  /** Create the file only: refuse, without touching it, when something is at the path (even a broken link). */
  readonly create?: boolean | undefined
}

/**
 * A file that was not written; it is as it was. The message is a sentence
 * naming the file (`Cannot write \`runbooks.sarif\`: the disk is full
 * (ENOSPC); the file is as it was`), `reason` its middle, for callers that
 * say it their own way.
 */
export class WriteFileError extends Error {
  readonly reason: string
  readonly code: string | undefined
  readonly file: string | undefined
  constructor(reason: string, code?: string, file?: string) {
    super(file ? `Cannot write \`${shown(file)}\`: ${reason}; the file is as it was` : reason)
    this.name = 'WriteFileError'
    this.reason = reason
    this.code = code
    this.file = file
  }
}

/** A path as a message shows it: relative to the working folder when inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

/**
 * Write `data` to `file` through a temporary file in its folder (created
 * when missing). The mode (and, where allowed, the owner) of the file it
 * replaces is kept. Throws a `WriteFileError` and leaves the file as it was
 * on any failure, including when the path is a symbolic link: replacing it
 * would either write outside the folder or turn the link into a file.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteFileOptions = {}): void {
  const target = path.resolve(file)
  let existing: fs.Stats | undefined
  try {
    existing = lstat(target)
    refuseOddTargets(existing, options)
    if (existing) refuseReadOnly(target)
    fs.mkdirSync(path.dirname(target), {recursive: true})
  } catch (error) {
    throw toWriteFileError(error, target)
  }
  const temporary = temporaryPath(target)
  let descriptor: number | undefined
  try {
    // `wx`: a name nobody else holds; 0o666 less the umask, as for a new file.
    descriptor = fs.openSync(temporary, 'wx', 0o666)
    if (existing) keepModeAndOwner(descriptor, existing)
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    let written = 0
    while (written < bytes.length) written += fs.writeSync(descriptor, bytes, written, bytes.length - written)
    fs.fsyncSync(descriptor)
    fs.closeSync(descriptor)
    descriptor = undefined
  } catch (error) {
    if (descriptor !== undefined) closeQuietly(descriptor)
    removeQuietly(temporary)
    throw toWriteFileError(error, target)
  }
  replaceWith(temporary, target, options)
}

/**
 * Move a temporary file written next to `file` over it: the last step of
 * `writeFileAtomic`, for a temporary file someone else wrote (unified-engine
 * writes `remark --output`). Keeps the mode of the file it replaces, checks
 * `expected` just before the rename, and removes the temporary file if
 * anything fails.
 */
export function replaceWith(temporary: string, file: string, options: WriteFileOptions = {}): void {
  const target = path.resolve(file)
  try {
    const existing = lstat(target)
    refuseOddTargets(existing, options)
    if (existing) refuseReadOnly(target)
    if (existing && !options.create) fs.chmodSync(temporary, existing.mode & 0o7777)
    if (options.expected && !sameBytes(read(target), options.expected)) {
      throw new WriteFileError('it changed on disk after it was read (saved meanwhile?), and writing would lose that change: run again', 'ECHANGED')
    }
    if (options.create) {
      // A hard link fails if anything took the name meanwhile, where a rename would replace it.
      fs.linkSync(temporary, target)
      fs.unlinkSync(temporary)
    } else {
      fs.renameSync(temporary, target)
    }
  } catch (error) {
    removeQuietly(temporary)
    throw toWriteFileError(error, target)
  }
}

/** A name for a temporary file next to `file`, hidden, with no Markdown extension (no linter picks it up if it is ever left behind). */
export function temporaryPath(file: string): string {
  const target = path.resolve(file)
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
}

function refuseOddTargets(existing: fs.Stats | undefined, options: WriteFileOptions): void {
  if (!existing) return
  if (options.create) throw new WriteFileError('the file exists', 'EEXIST')
  if (existing.isSymbolicLink()) throw new WriteFileError('it is a symbolic link, and only regular files are written', 'ELINK')
  if (!existing.isFile()) throw new WriteFileError(existing.isDirectory() ? 'it is a folder' : 'it is not a regular file', 'ENOTFILE')
}

/**
 * A file its owner may not write (`chmod a-w`) is left as it is: the rename
 * needs only the folder, and would replace it where writing in place, as
 * other tools and editors do, fails.
 */
function refuseReadOnly(target: string): void {
  try {
    fs.accessSync(target, fs.constants.W_OK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EPERM') throw new WriteFileError(`it is read-only (${code})`, code)
    throw error
  }
}

function keepModeAndOwner(descriptor: number, existing: fs.Stats): void {
  fs.fchmodSync(descriptor, existing.mode & 0o7777)
  if (typeof process.getuid === 'function' && (existing.uid !== process.getuid() || existing.gid !== process.getgid?.())) {
    try {
      fs.fchownSync(descriptor, existing.uid, existing.gid)
    } catch {
      // Only root may give a file away: the new file is then the writer's own, as with any editor.
    }
  }
}

function lstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function read(file: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(file)
  } catch {
    return undefined
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.compare(a, b) === 0
}

function closeQuietly(descriptor: number): void {
  try {
    fs.closeSync(descriptor)
  } catch {}
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file)
  } catch {}
}

const reasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'it would be larger than the file-size limit of this process',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'the file exists',
  EIO: 'the disk reported an input/output error'
}

/** A failed write as a `WriteFileError`, its reason in words (`the disk is full (ENOSPC)`). */
export function toWriteFileError(error: unknown, file?: string): WriteFileError {
  if (error instanceof WriteFileError) return error.file || !file ? error : new WriteFileError(error.reason, error.code, file)
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const reason = code && Object.hasOwn(reasons, code) ? `${reasons[code]} (${code})` : error instanceof Error ? error.message.split('\n')[0]! : String(error)
  return new WriteFileError(reason, code, file)
}
