#!/usr/bin/env node
/**
 * After `tsc -b`: link the packages with many modules into one module each
 * (`dist/*.bundle.js`, which their `exports` point at), and the third-party
 * modules of the `remark-runbook` command into one (`dist/vendor.js`).
 * Loading a module costs Node.js 20 about half a millisecond whatever its
 * size, and `runbook-model` alone has 16: the preset's start-up, which a
 * pre-commit hook pays on every commit, went from about 25 ms to about 16 ms.
 *
 * Only each package's own modules are linked: every other import (other
 * workspace packages, dependencies) stays an import, so that each package
 * is loaded once and plugins keep their identity (a rule configured next to
 * the preset replaces the preset's entry instead of running twice). tsc's
 * per-module output and `.d.ts` files stay as they are; the bundles read it.
 *
 * What only some runs need is linked into a module of its own
 * (`dist/lazy/*.cjs`), which loads on first use: the Markdown parser of
 * `runbook-model` (a Markdown template), and for the command the YAML
 * parser, plugin resolution, globs, serialising Markdown, standard input and
 * `vfile-reporter`. They are CommonJS so that they load synchronously in
 * every Node.js 20 release.
 */

import fs from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {build} from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')

/** Packages of several modules on the lint path, with their entry points (in `dist/`). */
const packages = {
  'runbook-model': ['index'],
  'remark-preset-runbook': ['index', 'api'],
  'remark-lint-runbook-alert-coverage': ['index']
}

/**
 * A module that stands in for `specifier` and loads it from `dist/lazy/`
 * on first use: `members` are its exports (functions, or objects of
 * functions), forwarded as they are called. `fast`, when given, answers
 * the calls it can without loading anything, and returns `undefined` for
 * the others.
 */
function lazyModule(file, members) {
  const lines = [
    "import {createRequire} from 'node:module'",
    'let loaded',
    `const load = () => (loaded ??= createRequire(import.meta.url)('./lazy/${file}'))`
  ]
  for (const [name, member] of Object.entries(members)) {
    const binding = name === 'default' ? '_default' : name
    const value = member.methods
      ? `{${member.methods.map((method) => `${method}: (...parameters) => load()${member.path}.${method}(...parameters)`).join(', ')}}`
      : `function ${binding}(...parameters) {${member.fast ? ` const fast = (${member.fast})(...parameters); if (fast !== undefined) return fast;` : ''} return ${member.construct ? 'new ' : ''}(load()${member.path})(...parameters) }`
    lines.push(`const ${binding} = ${value}`, `export {${binding} as ${name}}`)
  }
  return lines.join('\n')
}

/**
 * The exports of a package as `lazyModule` members: each must be a function,
 * since anything else would have to load at once.
 */
async function functionsOf(packageFolder, specifier) {
  const resolved = createRequire(path.join(packageFolder, 'package.json')).resolve(specifier)
  const members = {}
  for (const [name, value] of Object.entries(await import(pathToFileURL(resolved).href))) {
    if (typeof value !== 'function') throw new Error(`Cannot load \`${specifier}\` lazily: its export \`${name}\` is not a function`)
    members[name] = {path: '.' + name}
  }
  return members
}

/** Stand-ins, by the specifier they replace, with the module each loads. */
function lazyPlugin(lazyModules) {
  return {
    name: 'lazy-modules',
    setup(builder) {
      const filter = new RegExp('^(' + Object.keys(lazyModules).map((name) => name.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|') + ')$')
      builder.onResolve({filter}, (args) => ({path: args.path, namespace: 'lazy'}))
      builder.onLoad({filter: /.*/, namespace: 'lazy'}, (args) => ({contents: lazyModules[args.path], loader: 'js'}))
    }
  }
}

/** Every bare import (a package, `node:` builtins) stays an import. */
const externalPackages = {
  name: 'external-packages',
  setup(builder) {
    builder.onResolve({filter: /^[^./]/}, (args) => ({path: args.path, external: true}))
  }
}

/** One CommonJS module with `exports` of the given packages, for `lazyModule`. */
async function buildLazy(packageFolder, file, source) {
  await build({
    stdin: {contents: source, resolveDir: packageFolder, loader: 'js'},
    outfile: path.join(packageFolder, 'dist', 'lazy', file),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning'
  })
}

for (const [name, entries] of Object.entries(packages)) {
  const folder = path.join(root, 'packages', name)
  const dist = path.join(folder, 'dist')
  fs.rmSync(path.join(dist, 'chunks'), {recursive: true, force: true})
  fs.rmSync(path.join(dist, 'lazy'), {recursive: true, force: true})
  const plugins = [externalPackages]
  if (name === 'runbook-model') {
    // Only a template written in Markdown is parsed here; the documents
    // themselves are parsed by remark.
    const lazy = ['mdast-util-from-markdown', 'mdast-util-frontmatter', 'micromark-extension-frontmatter']
    await buildLazy(folder, 'markdown.cjs', lazy.map((specifier) => `export * from '${specifier}'`).join('\n'))
    const stand = {}
    for (const specifier of lazy) stand[specifier] = lazyModule('markdown.cjs', await functionsOf(folder, specifier))
    plugins.unshift(lazyPlugin(stand))
  }
  await build({
    entryPoints: entries.map((entry) => path.join(dist, entry + '.js')),
    outdir: dist,
    entryNames: '[name].bundle',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: entries.length > 1,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins
  })
}

// ---------------------------------------------------------------------------
// The `remark-runbook` command: `cli.js` and `configuration.js` stay as they
// are, and so do the workspace packages they import (the preset, the fix,
// the template plugin, the reporters: each loaded once, plugins keep their
// identity); the third-party modules they import are linked into
// `dist/vendor.js`, about 280 modules in one. `cli.js` imports exactly
// these names from it.

const command = path.join(root, 'packages', 'remark-runbook')
fs.rmSync(path.join(command, 'dist'), {recursive: true, force: true})

const lazyCommandModules = {
  // `.remarkrc.yml` and `.remarkrc.yaml` only.
  yaml: {file: 'yaml.cjs', source: "module.exports = require('yaml')", members: {default: {methods: ['parse'], path: ''}}},
  // Resolving a plugin or reporter given by name (our own are mapped to the
  // shipped copies before that): import-meta-resolve, and @npmcli/config for
  // the global folder.
  'load-plugin': {
    file: 'load-plugin.cjs',
    source: "export {loadPlugin, resolvePlugin} from 'load-plugin'",
    members: {loadPlugin: {path: '.loadPlugin'}, resolvePlugin: {path: '.resolvePlugin'}}
  },
  // A JSON configuration that parses needs no code frame.
  'parse-json': {
    file: 'parse-json.cjs',
    source: "export {default} from 'parse-json'",
    members: {
      default: {
        path: '.default',
        fast: String((text, reviver) => {
          try {
            return JSON.parse(text, typeof reviver === 'function' ? reviver : undefined)
          } catch {
            return undefined
          }
        })
      }
    }
  },
  // A path without glob syntax is no glob.
  glob: {
    file: 'glob.cjs',
    source: "export {glob, hasMagic} from 'glob'",
    members: {
      glob: {path: '.glob'},
      hasMagic: {path: '.hasMagic', fast: String((pattern) => (typeof pattern === 'string' && !/[*?[\]{}()!+@\\]/.test(pattern) ? false : undefined))}
    }
  },
  // Output documents (`--output`, standard input to standard output).
  'mdast-util-to-markdown': {
    file: 'to-markdown.cjs',
    source: "export {toMarkdown} from 'mdast-util-to-markdown'",
    members: {toMarkdown: {path: '.toMarkdown'}}
  },
  // Standard input.
  'concat-stream': {file: 'concat-stream.cjs', source: "module.exports = require('concat-stream')", members: {default: {path: ''}}},
  // `--tree-out`, `--inspect`.
  'unist-util-inspect': {
    file: 'inspect.cjs',
    source: "export {inspectColor, inspectNoColor} from 'unist-util-inspect'",
    members: {inspectColor: {path: '.inspectColor'}, inspectNoColor: {path: '.inspectNoColor'}}
  },
  // unified-engine's default reporter: the command always names one.
  'vfile-reporter': {file: 'vfile-reporter.cjs', source: "export {reporter} from 'vfile-reporter'", members: {reporter: {path: '.reporter'}}},
  // `--setting` and option values of `--use`, `--report`.
  json5: {file: 'json5.cjs', source: "module.exports = require('json5')", members: {default: {methods: ['parse'], path: ''}}},
  // unified-engine's debug log, only with `DEBUG` set.
  debug: {
    file: 'debug.cjs',
    source: "module.exports = require('debug')",
    members: {default: {path: '', fast: String(() => (process.env.DEBUG ? undefined : () => {}))}}
  }
}

const stand = {}
for (const [specifier, lazy] of Object.entries(lazyCommandModules)) {
  await buildLazy(command, lazy.file, lazy.source)
  stand[specifier] = lazyModule(lazy.file, lazy.members)
}

// Workspace packages stay imports (see above).
const workspace = new Set(fs.readdirSync(path.join(root, 'packages')))

/**
 * Two steps of unified-engine's file pipeline, changed where they cost a
 * run time for nothing (exact replacements: a new unified-engine that
 * changes this code stops the build, to be looked at again):
 *
 * * `queue`: each file that finishes its transforms checked every file of
 *   the set to see whether all are done, which makes a run quadratic in the
 *   files (about 0.4 s of 1,000 runbooks here, 10 s of 5,000). A file found
 *   done stays done until the set is flushed, so each check starts where the
 *   last one stopped: the same decisions, in linear time.
 * * `transform`: each file's syntax tree was kept until every file was
 *   done, but only serialising reads it again: without an output document
 *   (`--output`, standard output), it is let go once the plugins have run,
 *   which spares the garbage collector about a thousand trees (about 4% of
 *   the instructions of a run over 1,000 runbooks).
 *
 * And one of mdast-util-from-markdown (remark's parser), where a run spends
 * most of its time:
 *
 * * `compile` gave each handler of each micromark event a new copy of its
 *   context (`{...context, sliceSerialize}`, nine properties), about a
 *   thousand objects for a runbook, only for the one property that changes
 *   from event to event. Handlers run one at a time and keep nothing of
 *   `this` past their call (shared state is in `this.data` and `this.stack`,
 *   the same objects in every copy), so one context, with `sliceSerialize`
 *   set before each call, makes the same trees: 12% less wall time over
 *   1,000 runbooks here.
 */
const enginePatches = {
  'queue.js': [
    [
      `  const files = context.fileSet.valueOf()
  let index = -1
  while (++index < files.length) {
    each(files[index])
  }
`,
      `  const files = context.fileSet.valueOf()
  let index = context.fileSet.queueChecked || 0
  while (index < files.length && each(files[index])) index++
  context.fileSet.queueChecked = index
`
    ],
    [
      `  context.fileSet.complete = {}
  context.fileSet.pipeline.run`,
      `  context.fileSet.complete = {}
  context.fileSet.queueChecked = 0
  context.fileSet.pipeline.run`
    ],
    [
      `    if (statistics(file).fatal || file.data.unifiedEngineIgnored) {
      return
    }

    if (typeof map[key] === 'function') {
      debug('\`%s\` can be flushed', key)
    } else {
      debug('Interupting flush: \`%s\` is not finished', key)
      complete = false
    }
  }`,
      `    if (statistics(file).fatal || file.data.unifiedEngineIgnored) {
      return true
    }

    if (typeof map[key] === 'function') {
      debug('\`%s\` can be flushed', key)
      return true
    }

    debug('Interupting flush: \`%s\` is not finished', key)
    complete = false
    return false
  }`
    ]
  ],
  'transform.js': [
    [
      `      context.tree = node
      next(error)`,
      // The condition under which `stringify` serialises.
      `      context.tree =
        context.settings.output || context.settings.out || context.settings.alwaysStringify ? node : undefined
      next(error)`
    ]
  ]
}

/** The three places `compile` calls handlers with a copy of its context. */
const handlerCalls = ['callListeners(config.beforeEnter, ', 'handler[events[index][1].type].call(', 'callListeners(config.afterExit, ']
const parserPatches = {
  'index.js': handlerCalls.map((call) => [
    `        ${call}{
          ...context,
          sliceSerialize: events[index][2].sliceSerialize
        }, events[index][1]);`,
    `        context.sliceSerialize = events[index][2].sliceSerialize;
        ${call}context, events[index][1]);`
  ])
}

/** Replaces exactly `replacements` (by file name) in the modules `filter` matches. */
function patched(name, filter, replacements) {
  return {
    name,
    setup(builder) {
      builder.onLoad({filter}, async (args) => {
        let contents = await fs.promises.readFile(args.path, 'utf8')
        for (const [from, to] of replacements[path.basename(args.path)]) {
          if (!contents.includes(from)) throw new Error(`Cannot patch ${args.path}: its code changed; look at \`${name}\` in scripts/bundle.js again`)
          contents = contents.replace(from, to)
        }
        return {contents, loader: 'js'}
      })
    }
  }
}

const patchedEngine = patched('enginePatches', /unified-engine[\\/]lib[\\/]file-pipeline[\\/](queue|transform)\.js$/, enginePatches)
const patchedParser = patched('parserPatches', /mdast-util-from-markdown[\\/]lib[\\/]index\.js$/, parserPatches)

await build({
  stdin: {
    contents: [
      "export {engine} from 'unified-engine'",
      // unified-args exports only `args()`, which takes no configuration
      // transform: its parser on its own.
      "export {parseArgv} from 'unified-args/lib/parse-argv.js'",
      "export {remark} from 'remark'",
      // A reporter named on the command line, loaded before any file is read.
      "export {loadPlugin, resolvePlugin} from 'load-plugin'",
      "export {default as markdownExtensions} from 'markdown-extensions'"
    ].join('\n'),
    resolveDir: command,
    loader: 'js'
  },
  outfile: path.join(command, 'dist', 'vendor.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Less to read and parse on every start; names are kept, so stack traces
  // still say which function failed.
  minifyWhitespace: true,
  minifySyntax: true,
  // CommonJS dependencies (ignore, minimist, text-table) require builtins.
  banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
  logLevel: 'warning',
  plugins: [
    lazyPlugin(stand),
    patchedEngine,
    patchedParser,
    {
      name: 'command-packages',
      setup(builder) {
        builder.onResolve({filter: /^unified-args\/lib\/parse-argv\.js$/}, () => ({
          path: path.join(path.dirname(createRequire(path.join(command, 'package.json')).resolve('unified-args')), 'lib', 'parse-argv.js')
        }))
        builder.onResolve({filter: /^[^./]/}, (args) =>
          workspace.has(args.path.split('/')[0]) || args.path.startsWith('node:') ? {path: args.path, external: true} : undefined
        )
      }
    }
  ]
})
