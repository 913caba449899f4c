/**
 * YAML front matter, parsed once per file however many rules read it, and
 * only for files that have some: the parser loads on first use.
 */

import type {Yaml} from 'mdast'
import type {Document} from 'yaml'

const cache = new WeakMap<Yaml, Promise<Document.Parsed>>()

/** The parsed YAML document of a front matter node (check its `errors`). */
export function yamlDocument(node: Yaml): Promise<Document.Parsed> {
  let document = cache.get(node)
  if (!document) {
    document = import('yaml').then(({parseDocument}) =>
      parseDocument(node.value, {prettyErrors: false, uniqueKeys: true})
    )
    cache.set(node, document)
  }
  return document
}
