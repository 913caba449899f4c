/**
 * Every regular expression literal in the packages' sources, found with the
 * TypeScript scanner, and the inputs most likely to make a backtracking
 * engine blow up on them: long runs of what they repeat.
 */

import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import {root} from './helpers.js'

export interface SourcePattern {
  /** `package/src/file.ts:line`. */
  readonly where: string
  readonly pattern: RegExp
}

export function sourcePatterns(): SourcePattern[] {
  const found: SourcePattern[] = []
  const packages = path.join(root, 'packages')
  for (const name of fs.readdirSync(packages).sort()) {
    const folder = path.join(packages, name, 'src')
    if (!fs.existsSync(folder)) continue
    for (const file of fs.readdirSync(folder).sort()) {
      if (!file.endsWith('.ts')) continue
      const fullPath = path.join(folder, file)
      const source = ts.createSourceFile(file, fs.readFileSync(fullPath, 'utf8'), ts.ScriptTarget.Latest, true)
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = node.getText(source)
          const end = text.lastIndexOf('/')
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
          found.push({where: `${name}/src/${file}:${line}`, pattern: new RegExp(text.slice(1, end), text.slice(end + 1))})
        }
        ts.forEachChild(node, visit)
      }
      visit(source)
    }
  }
  return found
}

/** Units repeated into worst-case inputs: what the patterns repeat or look for. */
export const attackUnits = [
  'a',
  ' ',
  '\t',
  '-',
  '_',
  '.',
  ':',
  '#',
  '@',
  '(',
  '[',
  '<',
  '>',
  '*',
  '0',
  '1 ',
  '1-',
  'a ',
  'a@a@',
  'a.',
  '[[[[',
  '<<<<',
  '####',
  '_(e.g. ',
  '(e.g.',
  'http://',
  'www.',
  'password: ',
  'pass=',
  'TODO ',
  ':a:',
  'aA1/',
  '+1 (',
  'x ',
  'team ',
  '\u00e9',
  '\ud83d\ude80'
]

/** The unit repeated, then a character no pattern expects, so that a search must fail at the end. */
export function attack(unit: string, times: number): string {
  return unit.repeat(times) + '\u0001!'
}

/** Run a pattern over a text the way the code does: every match of a global search. */
export function exercise(pattern: RegExp, text: string): number {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g')
  let count = 0
  for (const match of text.matchAll(global)) {
    count++
    if (match[0] === '') global.lastIndex++
  }
  return count
}
