/**
 * YAML front matter, parsed once per file however many rules read it.
 *
 * The parser is imported up front: a rule that awaits a dynamic import lets
 * unified-engine flush its file set early when the file already has an
 * error (it counts a file with a fatal message as finished), and
 * `remark` then exits without a word on the other files.
 */

import type {Yaml} from 'mdast'
import {parseDocument, type Document} from 'yaml'

const cache = new WeakMap<Yaml, Document.Parsed>()

/** The parsed YAML document of a front matter node (check its `errors`). */
export function yamlDocument(node: Yaml): Document.Parsed {
  let document = cache.get(node)
  if (!document) {
    document = parseDocument(node.value, {prettyErrors: false, uniqueKeys: true})
    cache.set(node, document)
  }
  return document
}
