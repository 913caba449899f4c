/**
 * Fix a runbook's structure: insert every missing required heading at its
 * place, with a `TODO:` line saying what to write, so that
 * `runbook-required-headings` is satisfied and the placeholder rules point at
 * what is left to fill.
 *
 * ```sh
 * npx remark docs/runbook.md --use runbook-fix --output
 * ```
 *
 * It edits the text, not the tree: everything it does not insert stays byte
 * for byte (no reformatting). It moves nothing and never deletes: a template
 * heading in the wrong place is left where it is, and its missing
 * subsections are inserted into it as it stands. A runbook with lines
 * written as headings without the space after their `#` marks is left
 * alone, with a sentence saying so. With `rename: true` it also
 * rewrites near-miss titles (`Trouble shooting`) and aliases (`Service
 * overview`) to the template's title. Running it again changes nothing.
 * The template is the one the `remark-runbook-template` setting names;
 * with none, the built-in layout the runbook follows most closely, which
 * its fix keeps: a runbook that the fix would bring closer to another
 * layout (where a block left open keeps headings out) is left alone, with
 * a sentence saying so.
 */

import type {Root} from 'mdast'
import {
  applyFixEdits,
  applyTemplateSetting,
  checkedBySection,
  checkOptionKeys,
  closestLayout,
  coverageThresholdOf,
  describeInvalidUtf8,
  failOption,
  forgetRunbook,
  getRunbook,
  invalidUtf8,
  isConfigurationError,
  isRunbookFile,
  planFix,
  requiredHeadingsTemplate,
  templateCoverage,
  unspacedHeadings,
  type FixEdit,
  type RefusedInsertion,
  type Template
} from 'runbook-model'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {replaceOutputOnceWritten, whyNotWrite, type FileSet} from './write.js'

export {writeFixedFile} from './write.js'

export interface Options {
  /** Also rewrite near-miss and alias titles to the template's (default: `false`). */
  readonly rename?: boolean | null | undefined
}

declare module 'vfile' {
  interface DataMap {
    /** The fixed text of the runbook, when the fix changed anything. */
    runbookFixed: string
    /** The bytes of the runbook as read, when the fix changed anything: a file holding others is not replaced. */
    runbookRead: Uint8Array
    /** Set by unified-engine on a file read from standard input. */
    unifiedEngineStreamIn: boolean
  }
}

declare module 'unified' {
  interface Data {
    /**
     * The paths given on the command line (`remark-runbook --fix docs/`):
     * the fix writes only files inside them, reached without a symbolic
     * link. Without it, the working folder.
     */
    runbookFixRoots?: ReadonlyArray<string> | undefined
  }
}

const origin = 'remark-runbook-fix'

/** How many times the fix re-plans a runbook whose insertions did not all become headings before it gives up. */
const attempts = 3

/**
 * The fix happens as the runbook is parsed: the rules that run after it see
 * the fixed text and report only what is left to do, at its lines in the
 * fixed file, and the compiler writes the fixed text as it is.
 */
export default function remarkRunbookFix(this: Processor, options?: Options | null, fileSet?: FileSet) {
  const processor = this
  const parse = this.parser
  if (!parse) throw new Error('remark-runbook-fix needs a parser: use it with `remark`')

  this.parser = function (document, file) {
    const given = checkOptionKeys(file, 'fix', options, ['rename'])
    if (given.rename !== undefined && given.rename !== null && typeof given.rename !== 'boolean') {
      failOption(file, 'fix', 'rename', given.rename, '`true` or `false`')
    }
    // A rule file of `runbook-alert-coverage` given beside the runbooks is not one.
    if (!isRunbookFile(file)) return parse(document, file)
    refuseUnsafe(document, file)
    const read = file.value instanceof Uint8Array ? Uint8Array.from(file.value) : new TextEncoder().encode(document)

    const tree = parse(document, file) as Root
    // The template the rules will check the fixed text against: chosen on
    // the text as written when no template is set.
    applyTemplateSetting(file, processor.data('runbookTemplate') as never, 'remark-runbook-template:template', tree)
    // As `runbook-required-headings` reads it: its optional sections and aliases.
    const template = requiredHeadingsTemplate(processor, file)
    if (!template) return tree
    // The parser skips a byte order mark: the tree's offsets start after it.
    const bom = document.startsWith('\uFEFF') ? '\uFEFF' : ''
    const text = document.slice(bom.length)
    // Lines that are headings but for the space after their `#` marks may
    // be the sections the runbook seems to lack: the fix would add them a
    // second time. `runbook-required-headings` says where they are.
    const unspaced = unspacedHeadings(tree, text)
    if (unspaced.length > 0) {
      const line = unspaced[0]!.position.start.line
      const more = unspaced.length > 1 ? ` and ${unspaced.length - 1} more` : ''
      file.info(
        `Not fixed: ${name(file)} has lines written as headings without a space after their \`#\` marks (line ${line}${more}), which Markdown reads as text: put the space in, then fix again`,
        {place: {line: 1, column: 1}, ruleId: 'fix', source: origin}
      )
      return tree
    }
    const context: PassContext = {file, parse, bom, rename: given.rename === true, threshold: coverageThresholdOf(processor)}
    const firstPass = fixPass(context, template, text, tree)
    if (firstPass.kind === 'not-copy') {
      file.info(firstPass.note, {place: {line: 1, column: 1}, ruleId: 'fix', source: origin})
      return tree
    }
    if (firstPass.kind !== 'unchanged' || firstPass.dropped.length > 0) {
      const refusal = whyNotWrite(file, processor.data('runbookFixRoots'))
      if (refusal) {
        sayLeftOut(file, firstPass)
        file.info(`Not fixed: ${name(file)} ${refusal}`, {place: {line: 1, column: 1}, ruleId: 'fix', source: origin})
        return tree
      }
    }
    if (firstPass.kind !== 'fixed') {
      sayLeftOut(file, firstPass)
      return firstPass.kind === 'unstable' ? notFixed(file, tree) : tree
    }

    // With no template set, the next run chooses the layout on the fixed
    // text. The model keeps the choice stable under a layout's own fix; where
    // the fix could not insert all of it (a block left open takes their
    // place in), the fixed text may still read as another layout, whose fix
    // would insert more and whose lint would say otherwise: no fix then.
    sayLeftOut(file, firstPass)
    const layout = file.data.runbookLayout
    const after = layout?.chosen === 'closest' ? closestLayout(firstPass.tree, file).name : layout?.template
    if (layout && after !== layout.template) {
      return layoutNotFixed(file, tree, layout.template, after ?? '', firstPass.refused.length + firstPass.dropped.length > 0)
    }
    file.value = firstPass.text
    file.data.runbookFixed = firstPass.text
    file.data.runbookRead = read
    file.info(describeEdits(firstPass.edits), {place: {line: 1, column: 1}, ruleId: 'fix', source: origin})
    if (fileSet) writeDespiteFindings(fileSet)
    return firstPass.tree
  }

  // Serialise the edited source, not the tree: the rest of the file stays as written.
  this.compiler = (_tree, file) => String(file.value ?? '')
}

/** Stop, with one sentence and nothing written, where a fix would lose text. */
function refuseUnsafe(document: string, file: VFile): void {
  if (file.data.unifiedEngineStreamIn && document.trim() === '') {
    file.fail(
      'Cannot fix a runbook from empty standard input: name the file to fix first, as in `remark docs/runbook.md --use runbook-fix --output`, or run `remark-runbook --fix docs/runbook.md`',
      {place: {line: 1, column: 1}, ruleId: 'fix', source: origin}
    )
  }
  const notUtf8 = invalidUtf8(file)
  if (notUtf8) {
    // The preset's warning about the same bytes, when it read them first: one sentence is enough.
    file.messages = file.messages.filter((message) => message.ruleId !== 'encoding')
    file.fail(
      `Cannot fix ${name(file)}: it is not UTF-8 (${describeInvalidUtf8(notUtf8)}), and writing it back would change those bytes; save it as UTF-8 first`,
      {place: {line: notUtf8.line, column: notUtf8.column}, ruleId: 'fix', source: origin}
    )
  }
}

interface PassContext {
  readonly file: VFile
  readonly parse: NonNullable<Processor['parser']>
  readonly bom: string
  readonly rename: boolean
  readonly threshold: number
}

/**
 * One fix of `text` against `template`: `fixed` with the text and tree it
 * leaves (a byte order mark kept), `unchanged` when there is nothing to do,
 * `not-copy` when the text is no copy of the template, `unstable` when the
 * insertions would not all read as headings however many are left out.
 */
interface Pass {
  readonly kind: 'fixed' | 'unchanged' | 'unstable'
  readonly text: string
  readonly tree: Root
  readonly edits: ReadonlyArray<FixEdit>
  /** Insertions left out: at their place they would not be headings. */
  readonly dropped: ReadonlyArray<FixEdit>
  readonly refused: ReadonlyArray<RefusedInsertion>
}

function fixPass(context: PassContext, template: Template, text: string, tree: Root): Pass | {kind: 'not-copy'; note: string} {
  const {file, parse, bom, rename} = context
  const runbook = getRunbook(tree, template)
  const coverage = templateCoverage(runbook)
  // The documents `runbook-required-headings` does not check section by
  // section (its `minimumCoverage`) are not fixed either.
  if (!checkedBySection(runbook, coverage, tree, file, context.threshold)) {
    forgetRunbook(tree)
    return {
      kind: 'not-copy',
      note: `Not fixed: ${name(file)} has ${coverage.found} of the template's ${coverage.total} required sections and ${coverage.own > 0 ? 'headings' : 'text'} of its own, so it is not taken for a copy of the template: add the sections by hand, or leave the file out (with \`minimumCoverage: 0\` for \`runbook-required-headings\`, the fix adds them)`
    }
  }
  const plan = planFix(runbook, text, {rename})
  forgetRunbook(tree)
  let edits = [...plan.edits]
  const dropped: FixEdit[] = []
  if (edits.length === 0) return {kind: 'unchanged', text: bom + text, tree, edits, dropped, refused: plan.refused}

  // A fix that a second run would repeat is no fix: an insertion that did
  // not become the heading it inserts (the text around it took it in) is
  // left out, with a sentence, and the others are applied again.
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const fixed = bom + applyFixEdits(text, edits)
    const fixedTree = parse(fixed, file) as Root
    const second = planFix(getRunbook(fixedTree, template), fixed.slice(bom.length), {rename})
    forgetRunbook(fixedTree)
    // Refused the first time, refused again: only new trouble counts.
    const refusedBefore = new Set(plan.refused.map((refused) => refused.edit.entry))
    const again = [...second.edits, ...second.refused.map((refused) => refused.edit).filter((edit) => !refusedBefore.has(edit.entry))]
    if (again.length === 0) return {kind: 'fixed', text: fixed, tree: fixedTree, edits, dropped, refused: plan.refused}
    const unstable = edits.filter((edit) => again.some((next) => next.entry === edit.entry || isAncestor(edit.entry, next.entry)))
    if (unstable.length === 0) break
    dropped.push(...unstable)
    edits = edits.filter((edit) => !unstable.includes(edit))
    if (edits.length === 0) return {kind: 'unchanged', text: bom + text, tree, edits, dropped, refused: plan.refused}
  }
  return {kind: 'unstable', text: bom + text, tree, edits, dropped, refused: plan.refused}
}

function isAncestor(entry: FixEdit['entry'], of: FixEdit['entry']): boolean {
  for (let at = of.parent; at; at = at.parent) if (at === entry) return true
  return false
}

/** A sentence for each heading a fix does not insert, and why; each once. */
function sayLeftOut(file: VFile, pass: Pick<Pass, 'refused' | 'dropped'>): void {
  const said = new Set<string>()
  const say = (refusal: RefusedInsertion): void => {
    const line = headingLine(refusal.edit)
    if (said.has(line)) return
    said.add(line)
    sayRefused(file, refusal)
  }
  for (const refusal of pass.refused) say(refusal)
  for (const edit of pass.dropped) say({edit, reason: 'inserted at its place, it would not be a heading (the text around it takes it in)'})
}

/** One sentence for an insertion the fix does not make; the lint still reports the heading missing. */
function sayRefused(file: VFile, refusal: RefusedInsertion): void {
  file.info(`Not inserted \`${headingLine(refusal.edit)}\`: ${refusal.reason}`, {place: {line: 1, column: 1}, ruleId: 'fix', source: origin})
}

/** Gives up on a runbook whose fix would not hold, with one sentence; `tree` is the text as read. */
function notFixed(file: VFile, tree: Root): Root {
  file.info(
    `Not fixed: the headings inserted in ${name(file)} would not all read as headings, and a second fix would insert them again; look for a code fence, HTML block or comment left open`,
    {place: {line: 1, column: 1}, ruleId: 'fix', source: origin}
  )
  return tree
}

/**
 * Gives up on a runbook that its fix would bring closer to another layout,
 * with one sentence; `tree` is the text as read.
 */
function layoutNotFixed(file: VFile, tree: Root, from: string, to: string, leftOut: boolean): Root {
  const first = leftOut ? 'insert the headings it cannot (above) first, or ' : ''
  file.info(
    `Not fixed: with the headings the \`${from}\` layout lacks inserted, ${name(file)} would follow the \`${to}\` layout more closely, and a second fix would change it again; ${first}name its layout with the \`template\` setting (\`--template ${from}\`), then fix again`,
    {place: {line: 1, column: 1}, ruleId: 'fix', source: origin}
  )
  return tree
}

function headingLine(edit: FixEdit): string {
  return edit.text.trim().split(/\r\n|\r|\n/)[0]!
}

function describeEdits(edits: ReadonlyArray<FixEdit>): string {
  // An insertion of a group holds its subsections' headings too: each is counted and named.
  const inserted = edits
    .filter((edit) => edit.kind === 'insert')
    .flatMap((edit) => edit.text.split(/\r\n|\r|\n/).filter((line) => /^#{1,6}[ \t]/.test(line)))
    .map((line) => '`' + line.trim() + '`')
  const renamed = edits.filter((edit) => edit.kind === 'rename').map((edit) => '`' + edit.entry.title + '`')
  const parts: string[] = []
  if (inserted.length > 0) parts.push(`inserted ${count(inserted.length, 'missing heading')} (${inserted.join(', ')})`)
  if (renamed.length > 0) parts.push(`renamed ${count(renamed.length, 'heading')} to the template's title (${renamed.join(', ')})`)
  return 'Fixed: ' + parts.join('; ')
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/**
 * unified-engine writes no file that has an error, and after a fix the
 * runbook still has some (each inserted section is a `TODO:` to fill). Once
 * every file is linted, the errors of fixed files count as warnings while the
 * engine writes them, and as errors again before anything reports them or
 * sets the exit code (unified-engine emits `one` when a file is done).
 */
const registered = new WeakSet<object>()

function writeDespiteFindings(fileSet: FileSet): void {
  if (registered.has(fileSet) || typeof fileSet.use !== 'function') return
  registered.add(fileSet)
  const lowered = new Map<VFile, VFileMessage[]>()
  fileSet.prependListener('one', (file) => {
    for (const message of lowered.get(file) ?? []) message.fatal = true
    lowered.delete(file)
  })
  fileSet.use((set) => {
    for (const file of set.valueOf()) {
      if (file.data.runbookFixed === undefined || !mayWrite(file)) continue
      const errors = file.messages.filter((message) => message.fatal === true && message.source !== origin)
      for (const message of errors) message.fatal = false
      lowered.set(file, errors)
    }
  })
  // Once the errors are lowered: the files the engine will write.
  replaceOutputOnceWritten(fileSet)
}

/** Whether a fixed file may be written: no broken configuration, no file stopped. */
export function mayWrite(file: VFile): boolean {
  return file.data.runbookFixed !== undefined && !file.messages.some((message) => isConfigurationError(message) || (message.fatal && message.source !== 'remark-lint'))
}

export function name(file: VFile): string {
  return file.path ? `\`${file.basename}\`` : 'this file'
}
