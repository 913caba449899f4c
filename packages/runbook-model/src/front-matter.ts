/**
 * YAML front matter, parsed once per file however many rules read it.
 *
 * The parser is loaded on first use, synchronously (`yaml` ships CommonJS):
 * most runbooks have no front matter, and importing it costs every process
 * about 15 ms. Not with a dynamic `import()`: a rule that awaits one lets
 * unified-engine flush its file set early when the file already has an
 * error, and `remark` then exits without a word on the other files.
 */

import {createRequire} from 'node:module'
import type {Yaml} from 'mdast'
import type * as YamlModule from 'yaml'
import type {Document} from 'yaml'

let yamlModule: typeof YamlModule | undefined

/** The `yaml` package, loaded on first use. */
export function yaml(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule
  return yamlModule
}

const cache = new WeakMap<Yaml, Document.Parsed>()

/** The parsed YAML document of a front matter node (check its `errors`). */
export function yamlDocument(node: Yaml): Document.Parsed {
  let document = cache.get(node)
  if (!document) {
    document = yaml().parseDocument(node.value, {prettyErrors: false, uniqueKeys: true})
    cache.set(node, document)
  }
  return document
}
