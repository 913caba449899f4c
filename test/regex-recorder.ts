/**
 * Records every regular expression made with `RegExp(...)` from the moment
 * it is imported: the patterns the packages build from strings when they
 * load (the secret detector's pre-filters) and while they lint (a team's
 * `markers`); and, inside `watchRuns`, every regular expression run (by
 * `exec`, which `test`, `match`, `replace`, `split` and `search` call): the
 * ones dependencies run over a runbook's text. Import it before anything
 * that loads a package; `test/regex-safety.test.ts` checks that it did see
 * them.
 */

import path from 'node:path'
import {fileURLToPath} from 'node:url'

export interface RecordedPattern {
  /**
   * `package/dist/file.js:line` (or the `src/` file a source map points to)
   * of the code that called `RegExp`, when that code is one of the packages;
   * `node_modules/name/file.js:line` for a dependency's; `(a test)` for
   * the tests' own.
   */
  readonly where: string
  readonly source: string
  readonly flags: string
}

export const recorded: RecordedPattern[] = []

let watching = false
// Recording makes and runs regular expressions too (reading the stack, and
// whatever formats it): those are not recorded.
let recording = false

/** Each regular expression run inside `watchRuns`, once, where it was first run. */
export const run: RecordedPattern[] = []

const Native = globalThis.RegExp
// Not from `helpers.ts`, which loads the packages.
const packages = path.resolve(import.meta.dirname, '..', 'packages')
const dependencies = path.resolve(import.meta.dirname, '..', 'node_modules')
const recorder = fileURLToPath(import.meta.url)
// `    at name (/path/file.js:1:2)`, `    at file:///path/file.js:1:2`.
const frameFile = new Native('(?:\\(|at )(?:file://)?([^()\\s]+):(\\d+):\\d+\\)?$')

function record(made: RegExp): void {
  if (recording) return
  recording = true
  try {
    recorded.push({where: caller(), source: made.source, flags: made.flags})
  } finally {
    recording = false
  }
}

function caller(): string {
  const frames = (new Error('where').stack ?? '').split('\n').slice(1)
  // The first frame that is not the recorder's is the code that called `RegExp`.
  let where = '(a test)'
  for (const frame of frames) {
    const found = frameFile.exec(frame.trim())
    if (!found) continue
    const file = found[1]!.startsWith('/') ? found[1]! : path.resolve(found[1]!)
    if (file === recorder) continue
    if (file.startsWith(packages + path.sep)) where = `${path.relative(packages, file)}:${found[2]}`
    else if (file.startsWith(dependencies + path.sep)) where = `${path.relative(path.dirname(dependencies), file)}:${found[2]}`
    break
  }
  return where
}

const RecordingRegExp: RegExpConstructor = new Proxy(Native, {
  construct(target, parameters: [string | RegExp, string?], newTarget) {
    const made = Reflect.construct(target, parameters, newTarget === RecordingRegExp ? target : newTarget) as RegExp
    record(made)
    return made
  },
  apply(target, self, parameters: [string | RegExp, string?]) {
    const made = Reflect.apply(target, self, parameters) as RegExp
    record(made)
    return made
  }
})

globalThis.RegExp = RecordingRegExp

const seen = new WeakSet<RegExp>()
const nativeExec = Native.prototype.exec
Native.prototype.exec = function exec(this: RegExp, text: string) {
  if (watching && !recording && !seen.has(this)) {
    recording = true
    try {
      seen.add(this)
      run.push({where: caller(), source: this.source, flags: this.flags})
    } finally {
      recording = false
    }
  }
  return nativeExec.call(this, text)
}

/** Runs `work`, recording each regular expression it runs. */
export async function watchRuns<T>(work: () => Promise<T>): Promise<T> {
  watching = true
  try {
    return await work()
  } finally {
    watching = false
  }
}
