/**
 * Every regular expression literal in the packages as they run (their
 * built JavaScript, found with the TypeScript scanner). Patterns made from
 * strings at run time are recorded by `regex-recorder.ts`.
 */

import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const root = path.resolve(import.meta.dirname, '..')

export interface SourcePattern {
  /** `package/dist/file.js:line`. */
  readonly where: string
  readonly pattern: RegExp
}

/**
 * The literals of every package's own built modules: `dist/` as `tsc` writes
 * it (not the linked `*.bundle.js`, `chunks/` and `lazy/` copies, nor the
 * command's third-party `vendor.js`), and the JavaScript a package ships as
 * it is (the command's `cli.js`).
 */
export function sourcePatterns(): SourcePattern[] {
  const found: SourcePattern[] = []
  const packages = path.join(root, 'packages')
  for (const name of fs.readdirSync(packages).sort()) {
    const folder = path.join(packages, name)
    const files = fs
      .readdirSync(folder)
      .filter((file) => file.endsWith('.js'))
      .map((file) => path.join(folder, file))
    if (fs.existsSync(path.join(folder, 'dist'))) files.push(...builtFiles(path.join(folder, 'dist')))
    for (const file of files) found.push(...literalsOf(file, packages))
  }
  return found
}

/** The literals of one JavaScript file, each at `file:line` relative to `base`. */
export function literalsOf(file: string, base = root): SourcePattern[] {
  const found: SourcePattern[] = []
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(source)
      const end = text.lastIndexOf('/')
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
      found.push({where: `${path.relative(base, file)}:${line}`, pattern: new RegExp(text.slice(1, end), text.slice(end + 1))})
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

function builtFiles(folder: string): string[] {
  const files: string[] = []
  for (const entry of fs.readdirSync(folder, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'chunks' && entry.name !== 'lazy') files.push(...builtFiles(full))
    } else if (entry.name.endsWith('.js') && !entry.name.endsWith('.bundle.js') && entry.name !== 'vendor.js') {
      files.push(full)
    }
  }
  return files
}
