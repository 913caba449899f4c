#!/usr/bin/env node
/**
 * After `tsc -b`: link the packages with many modules into one module each
 * (`dist/*.bundle.js`, which their `exports` point at). Loading a module
 * costs Node.js 20 about half a millisecond whatever its size, and
 * `runbook-model` alone has 16: the preset's start-up, which a pre-commit
 * hook pays on every commit, went from about 25 ms to about 16 ms.
 *
 * Only each package's own modules are linked: every other import (other
 * workspace packages, dependencies) stays an import, so that each package
 * is loaded once and plugins keep their identity (a rule configured next to
 * the preset replaces the preset's entry instead of running twice). tsc's
 * per-module output and `.d.ts` files stay as they are; the bundles read it.
 */

import fs from 'node:fs'
import path from 'node:path'
import {build} from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')

/** Packages of several modules on the lint path, with their entry points (in `dist/`). */
const packages = {
  'runbook-model': ['index'],
  'remark-preset-runbook': ['index', 'api']
}

for (const [name, entries] of Object.entries(packages)) {
  const dist = path.join(root, 'packages', name, 'dist')
  fs.rmSync(path.join(dist, 'chunks'), {recursive: true, force: true})
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
    plugins: [
      {
        name: 'external-packages',
        setup(builder) {
          // Every bare import (a package, `node:` builtins) stays an import.
          builder.onResolve({filter: /^[^./]/}, (args) => ({path: args.path, external: true}))
        }
      }
    ]
  })
}
