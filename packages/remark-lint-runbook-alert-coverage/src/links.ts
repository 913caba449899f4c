/**
 * Where a runbook link leads in the repository: a URL under one of the
 * `runbookUrls` prefixes, or a path relative to the repository. Nothing is
 * fetched: the rest of the URL after its prefix is a page's path in the
 * prefix's folder.
 */

import fs from 'node:fs'
import path from 'node:path'

/** A `runbookUrls` entry: a URL prefix and the folder its pages are in. */
export interface UrlMapping {
  /** As the options write it. */
  readonly prefix: string
  /** Canonical form (see `canonicalUrl`). */
  readonly canonical: string
  /** The folder, absolute. */
  readonly folder: string
}

/** Where a link leads. */
export type LinkTarget =
  /** A URL under no prefix, or a link that is not a URL or a path: left alone. */
  | {readonly kind: 'outside'}
  /** A template other than the alert's name (`{{ $labels.namespace }}`): cannot be followed without an alert. */
  | {readonly kind: 'templated'}
  | {
      readonly kind: 'page'
      /** The runbook page, absolute; `undefined` when no file is there. */
      readonly file: string | undefined
      /** The path the link asks for, relative to the repository, for messages. */
      readonly wanted: string
      /** A file whose path differs from the link's only in case, when that is why none matched. */
      readonly caseOf: string | undefined
      /** The fragment, decoded, without `#`; `undefined` without one. */
      readonly anchor: string | undefined
      /** Whether the link is a GitHub URL (or a repository path, which GitHub shows): GitHub finds anchors in any case. */
      readonly github: boolean
      /** The URL's host, for messages about anchors elsewhere. */
      readonly host: string | undefined
    }

/**
 * A URL in a canonical form for comparing with prefixes: lower-case scheme
 * and host, `http` as `https`, and a GitHub file URL (`blob`, `tree`, `raw`
 * or `edit` at any branch, or `raw.githubusercontent.com`) as the
 * repository's URL followed by the path, so that a prefix names a
 * repository folder whatever branch a link points at.
 */
export function canonicalUrl(value: string): {url: string; github: boolean; host: string} | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  const host = url.host.toLowerCase()
  let pathname = url.pathname
  let github = false
  if (host === 'github.com' || host === 'www.github.com') {
    const parts = pathname.split('/')
    // ['', owner, repo, 'blob', ref, ...rest]
    if (parts.length >= 3) {
      github = true
      const rest = ['blob', 'tree', 'raw', 'edit'].includes(parts[3] ?? '') && parts.length > 4 ? parts.slice(5) : parts.slice(3)
      pathname = `/${parts[1]!.toLowerCase()}/${parts[2]!.toLowerCase()}/` + rest.join('/')
    }
    return {url: `https://github.com${pathname}`, github, host}
  }
  if (host === 'raw.githubusercontent.com') {
    const parts = pathname.split('/')
    if (parts.length >= 4) {
      pathname = `/${parts[1]!.toLowerCase()}/${parts[2]!.toLowerCase()}/` + parts.slice(4).join('/')
      return {url: `https://github.com${pathname}`, github: true, host}
    }
  }
  return {url: `https://${host}${pathname}`, github: false, host}
}

/** The mappings of the `runbookUrls` option, longest prefix first. */
export function urlMappings(runbookUrls: Readonly<Record<string, string>>, base: string): UrlMapping[] {
  const mappings: UrlMapping[] = []
  for (const [prefix, folder] of Object.entries(runbookUrls)) {
    const canonical = canonicalUrl(prefix)
    if (!canonical) continue
    const withSlash = canonical.url.endsWith('/') ? canonical.url : canonical.url + '/'
    mappings.push({prefix, canonical: withSlash, folder: path.resolve(base, folder)})
  }
  return mappings.sort((a, b) => b.canonical.length - a.canonical.length)
}

/** Template expressions that stand for the alert's name. */
const alertNameTemplate = /\{\{-?\s*(?:\$labels\.alertname|\.Labels\.alertname|\$labels\.alertName|\.CommonLabels\.alertname)\s*-?\}\}/g

/**
 * Where a link of the alert `alert` leads. `ruleFolder` is the rule file's
 * folder: a path that is not found from the repository's root is looked for
 * from there.
 */
export function resolveLink(
  value: string,
  alert: string,
  mappings: ReadonlyArray<UrlMapping>,
  base: string,
  ruleFolder: string
): LinkTarget {
  const link = value.replace(alertNameTemplate, alert)
  if (link.includes('{{')) return {kind: 'templated'}

  const canonical = canonicalUrl(link)
  if (canonical) {
    const [withoutFragment, ...fragment] = canonical.url.split('#')
    const mapping = mappings.find(
      (mapping) => withoutFragment!.startsWith(mapping.canonical) || withoutFragment + '/' === mapping.canonical
    )
    if (!mapping) return {kind: 'outside'}
    const rest = withoutFragment!.slice(mapping.canonical.length)
    const anchor = anchorOf(link)
    return findPage(decode(rest), mapping.folder, base, anchor, canonical.github, canonical.host)
  }

  // A repository path: `docs/runbooks/x.md`, `./x.md`, `/docs/x.md`.
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//') || link.startsWith('#')) return {kind: 'outside'}
  const anchor = anchorOf(link)
  const pathPart = decode(link.split('#')[0]!.split('?')[0]!)
  const fromRoot = findPage(pathPart.replace(/^\/+/, ''), base, base, anchor, true, undefined)
  if (fromRoot.kind === 'page' && fromRoot.file) return fromRoot
  if (!pathPart.startsWith('/')) {
    const fromRuleFile = findPage(pathPart, ruleFolder, base, anchor, true, undefined)
    if (fromRuleFile.kind === 'page' && fromRuleFile.file) return fromRuleFile
  }
  return fromRoot
}

function anchorOf(link: string): string | undefined {
  const index = link.indexOf('#')
  if (index === -1 || index === link.length - 1) return undefined
  return decode(link.slice(index + 1))
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * The page at `rest` in `folder`, as a site or GitHub serves it: the path
 * itself when it names a Markdown file, else with `.md` added, or its
 * folder's `index.md`, `_index.md` or `README.md` (a URL ending in `/`); an
 * `.html` URL from the page of the same name. Static site generators
 * publish pages at lower-case URLs, so an all-lower-case path finds its
 * file whatever the file's case; any other path must match exactly, as on
 * GitHub.
 */
function findPage(
  rest: string,
  folder: string,
  base: string,
  anchor: string | undefined,
  github: boolean,
  host: string | undefined
): LinkTarget {
  const clean = rest.replace(/\/{2,}/g, '/')
  const candidates: string[] = []
  if (clean === '' || clean.endsWith('/')) {
    const directory = clean
    if (directory !== '') candidates.push(directory.slice(0, -1) + '.md')
    candidates.push(directory + 'README.md', directory + 'index.md', directory + '_index.md')
  } else if (/\.(?:md|markdown)$/i.test(clean)) {
    candidates.push(clean)
  } else if (/\.html?$/i.test(clean)) {
    candidates.push(clean.replace(/\.html?$/i, '.md'), clean + '.md')
  } else {
    candidates.push(clean + '.md', clean + '/README.md', clean + '/index.md', clean + '/_index.md')
  }

  const lowerCase = clean === clean.toLowerCase()
  let caseOf: string | undefined
  for (const candidate of candidates) {
    const absolute = path.resolve(folder, candidate)
    if (!isInside(absolute, base)) continue
    if (isFile(absolute)) return page(absolute)
    const other = caseInsensitive(absolute, base)
    if (other && lowerCase) return page(other)
    caseOf ??= other
  }
  const wanted = path.relative(base, path.resolve(folder, candidates[0]!)) || '.'
  return {kind: 'page', file: undefined, wanted: toPosix(wanted), caseOf: caseOf && toPosix(path.relative(base, caseOf)), anchor, github, host}

  function page(file: string): LinkTarget {
    return {kind: 'page', file, wanted: toPosix(path.relative(base, file)), caseOf: undefined, anchor, github, host}
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

const directoryCache = new Map<string, ReadonlyArray<string> | undefined>()

/** The names in a folder, read once per run (see `forgetFolders`). */
function namesIn(folder: string): ReadonlyArray<string> | undefined {
  if (directoryCache.has(folder)) return directoryCache.get(folder)
  let names: string[] | undefined
  try {
    names = fs.readdirSync(folder)
  } catch {
    names = undefined
  }
  directoryCache.set(folder, names)
  return names
}

/** Forget the folders read: a new run reads them again. */
export function forgetFolders(): void {
  directoryCache.clear()
  statCache.clear()
}

const statCache = new Map<string, boolean>()

function isFile(file: string): boolean {
  let known = statCache.get(file)
  if (known === undefined) {
    try {
      known = fs.statSync(file).isFile()
    } catch {
      known = false
    }
    statCache.set(file, known)
  }
  return known
}

/** The file at `file`'s path with each part matched without regard to case, below `base`. */
function caseInsensitive(file: string, base: string): string | undefined {
  const parts = path.relative(base, file).split(path.sep)
  let current = base
  for (const part of parts) {
    const names = namesIn(current)
    const lower = part.toLowerCase()
    const match = names?.find((name) => name === part) ?? names?.find((name) => name.toLowerCase() === lower)
    if (!match) return undefined
    current = path.join(current, match)
  }
  return isFile(current) ? current : undefined
}

/** Every Markdown page under a folder, relative to it, read once per run. */
export function pagesUnder(folder: string): string[] {
  const pages: string[] = []
  const walk = (directory: string, prefix: string, depth: number) => {
    if (depth > 20) return
    for (const name of namesIn(directory) ?? []) {
      if (name.startsWith('.') || name === 'node_modules') continue
      const absolute = path.join(directory, name)
      if (isFile(absolute)) {
        if (/\.(?:md|markdown)$/i.test(name)) pages.push(prefix + name)
      } else {
        walk(absolute, prefix + name + '/', depth + 1)
      }
    }
  }
  walk(folder, '', 0)
  return pages
}

export function toPosix(value: string): string {
  return path.sep === '/' ? value : value.split(path.sep).join('/')
}
