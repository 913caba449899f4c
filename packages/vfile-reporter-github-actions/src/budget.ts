/**
 * Which findings get one of the few annotations GitHub shows.
 *
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per
 * step, and 50 per job; it drops the rest without a word (actions/toolkit,
 * docs/problem-matchers.md, "Limitations": "10 warning annotations, 10
 * error annotations, and 10 notice annotations per step; 50 annotations per
 * job (sum of annotations from all the steps)"). In the order printed, ten
 * `TODO` lines of one new runbook took every error annotation while an AWS
 * key in another got none. So the budget goes where a reviewer looks:
 *
 * 1. files the pull request changes, before the others;
 * 2. then by importance: a secret or weak password storage (and a file that
 *    could not be linted at all), then missing or misplaced sections, then
 *    the rest;
 * 3. spread over files: within one rank, files take turns, each in document
 *    order.
 */

import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type {AnnotationKind} from './commands.js'
import type {Finding} from './findings.js'

/** Importance of a finding: 0 first. */
export function rankOf(finding: Finding): number {
  if (finding.ruleId === 'runbook-no-secrets' || finding.ruleId === 'runbook-password-storage') return 0
  // A file that could not be read or linted (no rule to blame) is as urgent.
  if (finding.kind === 'error' && !finding.ruleId) return 0
  if (finding.ruleId === 'runbook-required-headings') return 1
  return 2
}

/**
 * The findings to annotate, at most `limits[kind]` of each kind, in the
 * order of the budget: changed files first, then by rank, files taking turns.
 * `changed` holds workspace-relative paths; without it every file counts as
 * changed.
 */
export function chooseAnnotated(
  findings: ReadonlyArray<Finding>,
  limits: Readonly<Record<AnnotationKind, number>>,
  changed: ReadonlySet<string> | undefined
): Finding[] {
  const chosen: Finding[] = []
  for (const kind of ['error', 'warning', 'notice'] as const) {
    const limit = limits[kind]
    if (limit <= 0) continue
    // By class (changed or not, then rank), then by file, in document order.
    const classes = new Map<number, Map<string, Finding[]>>()
    for (const finding of findings) {
      if (finding.kind !== kind) continue
      const key = (changed && !changed.has(finding.file) ? 3 : 0) + rankOf(finding)
      let byFile = classes.get(key)
      if (!byFile) classes.set(key, (byFile = new Map()))
      let list = byFile.get(finding.file)
      if (!list) byFile.set(finding.file, (list = []))
      list.push(finding)
    }
    let taken = 0
    for (const key of [...classes.keys()].sort((a, b) => a - b)) {
      const lists = [...classes.get(key)!.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, list]) => list)
      for (let round = 0; taken < limit; round++) {
        let any = false
        for (const list of lists) {
          const finding = list[round]
          if (!finding) continue
          any = true
          chosen.push(finding)
          if (++taken === limit) break
        }
        if (!any) break
      }
      if (taken === limit) break
    }
  }
  return chosen
}

/** Runs git in `cwd`; its output, or `undefined` when it fails (no git, a shallow clone without the base). */
function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000, maxBuffer: 64 * 1024 * 1024})
  } catch {
    return undefined
  }
}

/** What this reporter reads of a workflow event (`$GITHUB_EVENT_PATH`). */
interface Event {
  readonly pull_request?: {readonly base?: {readonly sha?: unknown}; readonly head?: {readonly sha?: unknown}}
  readonly before?: unknown
  readonly after?: unknown
}

const sha = /^[0-9a-f]{7,64}$/

/**
 * The files the pull request (or the push) being checked changes, relative
 * to `workspace` with `/`, as a GitHub Action finds them: the base and head
 * commits of the event payload at `GITHUB_EVENT_PATH` (a pull request's
 * `base.sha`, a push's `before`), else the pull request's base branch
 * (`GITHUB_BASE_REF`, as `origin/<branch>`), compared with `git diff`.
 * `undefined` when none of these works (not in a workflow, no git, or a
 * shallow checkout without the base commit: `fetch-depth: 0` gives it).
 */
export function changedFiles(workspace: string, env: NodeJS.ProcessEnv = process.env): Set<string> | undefined {
  const ranges: string[][] = []
  const eventPath = env['GITHUB_EVENT_PATH']
  if (eventPath) {
    try {
      const event = JSON.parse(fs.readFileSync(eventPath, 'utf8')) as Event
      const base = event.pull_request?.base?.sha
      const head = event.pull_request?.head?.sha
      if (typeof base === 'string' && sha.test(base)) {
        // The merge base of the two, as GitHub's "Files changed" compares them.
        ranges.push([`${base}...${typeof head === 'string' && sha.test(head) ? head : 'HEAD'}`])
      } else if (typeof event.before === 'string' && sha.test(event.before) && !/^0+$/.test(event.before)) {
        ranges.push([event.before, typeof event.after === 'string' && sha.test(event.after) ? event.after : 'HEAD'])
      }
    } catch {
      // No payload, or not JSON: try the base branch.
    }
  }
  const baseRef = env['GITHUB_BASE_REF']
  if (baseRef && /^[\w./-]+$/.test(baseRef) && !baseRef.startsWith('-')) ranges.push([`origin/${baseRef}...HEAD`])

  for (const range of ranges) {
    // `--relative`: paths relative to the workspace, and only those inside it.
    const output = git(workspace, ['diff', '--name-only', '-z', '--no-renames', '--relative', ...range, '--'])
    if (output === undefined) continue
    return new Set(output.split('\0').filter(Boolean).map((file) => file.split(path.sep).join('/')))
  }
  return undefined
}
