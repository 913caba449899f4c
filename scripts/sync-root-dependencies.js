/**
 * The root package is what pre-commit and the GitHub Action install (never
 * published): it depends on the workspace packages and bundles them.
 * `changeset version` bumps the packages and their ranges on each other, but
 * not the root's, which would then ask the registry for the old version
 * instead of linking the workspace. Run after it (`npm run version-packages`):
 * every root dependency on a workspace package becomes `^<its version>`.
 */

import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

/** @returns {Map<string, string>} each workspace package's name and version */
export function workspaceVersions() {
  const versions = new Map()
  for (const directory of fs.readdirSync(path.join(root, 'packages'))) {
    const file = path.join(root, 'packages', directory, 'package.json')
    if (!fs.existsSync(file)) continue
    const {name, version} = JSON.parse(fs.readFileSync(file, 'utf8'))
    versions.set(name, version)
  }
  return versions
}

/**
 * @param {string} text the root package.json
 * @param {Map<string, string>} versions
 * @returns {string} the same text with the workspace ranges moved
 */
export function syncRootDependencies(text, versions) {
  const manifest = JSON.parse(text)
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const dependencies = manifest[field]
    if (!dependencies) continue
    for (const name of Object.keys(dependencies)) {
      const version = versions.get(name)
      if (version) dependencies[name] = '^' + version
    }
  }
  return JSON.stringify(manifest, null, 2) + '\n'
}

if (process.argv[1] === import.meta.filename) {
  const file = path.join(root, 'package.json')
  const before = fs.readFileSync(file, 'utf8')
  const after = syncRootDependencies(before, workspaceVersions())
  if (after !== before) fs.writeFileSync(file, after)
  console.log(after === before ? 'package.json: workspace ranges already current' : 'package.json: workspace ranges updated')
}
