#!/usr/bin/env node
/**
 * `npm run bench`: how long users wait for remark-runbook, against
 * markdownlint-cli2, in whole processes on this machine; then, as
 * diagnosis, how fast the preset is against the parse floor and where its
 * time goes.
 *
 * It generates a deterministic corpus into `.bench/` (gitignored) and a
 * scratch project (in the system's temporary folder, outside any
 * configuration: `node_modules` linked, the corpus in `runbooks/`, a
 * `.markdownlint-cli2.jsonc`), then measures, each several times:
 *
 * * what users wait for, over the corpus and over copies of the seed
 *   template: `remark-runbook runbooks/` with each bundled reporter (the
 *   default, `json`, `sarif`, `github-actions`), `remark --use
 *   preset-runbook` (remark's default reporter), and markdownlint-cli2 with
 *   its default rules and MD043 (the template's headings) and its default
 *   output. Every process writes its real report into a pipe, which is read
 *   as a terminal would; `remark-runbook` with a reporter that prints
 *   nothing is a diagnosis row (the report's share). The commands run in
 *   rounds, each once a round, in a rotating order: each is compared with
 *   markdownlint-cli2 in the same round, and the ratios' median reported;
 * * how long formatting each report takes inside those runs
 *   (`bench/timed-reporter.js`), against the whole run;
 * * one file (a pre-commit hook): `remark-runbook`, `remark --use
 *   preset-runbook` and markdownlint-cli2, in paired rounds;
 * * diagnosis: whole `remark` processes that report nothing, over the same
 *   corpus: bare `remark`, the parse floor (front matter, as the preset
 *   enables it), the preset, markdownlint-cli2 with only MD043 and with its
 *   default rules, remark-preset-lint-recommended, and the floor and the
 *   preset with V8's allocation-site pretenuring off (see `usualMode`); the
 *   time of each rule in one process; a size series (1x, 10x, 100x) and its
 *   growth exponent.
 *
 * It writes `bench/results.md`. `BENCH_RUNS` sets the number of runs (5),
 * `BENCH_FILES` the number of runbooks (1,000). `BENCH_QUICK=1` (or `npm run
 * bench:quick`) is a quick look (300 runbooks, 3 runs, no 10 MB document:
 * about 15 minutes on a busy 2-core machine; with 1,000 runbooks, about 25,
 * and the full run about an hour). Where GNU `time`
 * is installed, each process's CPU time (user and system) is measured too:
 * on a shared machine it varies less than wall time. `BENCH_INSTRUCTIONS=1`
 * also counts the instructions of the parse floor and of the preset over the
 * corpus with valgrind (callgrind, with V8's timed decisions pinned; about
 * 6 minutes a round, `BENCH_INSTRUCTION_ROUNDS` rounds, 2): the counts vary
 * by up to about 2.5%.
 */

import {spawn, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkPresetRunbook, {rules} from 'remark-preset-runbook'
import {defaultTemplate, getContent, runbookOf} from 'runbook-model'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {largeRunbook, runbook, writeCorpus} from './corpus.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const work = path.join(root, '.bench')
const quick = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick')
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 3 : 5))
const count = Number(process.env.BENCH_FILES ?? (quick ? 300 : 1000))
const countText = count.toLocaleString('en')
const remarkCli = path.join(root, 'node_modules', 'remark-cli', 'cli.js')
// As `npm install remark-runbook` installs it: `node_modules/.bin/remark-runbook`.
const runbookCli = path.join(root, 'node_modules', 'remark-runbook', 'cli.js')
const markdownlintCli = path.join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs')
// No configuration file, no ignore file, no report (a reporter that prints
// nothing), no output document: what is measured is parsing and linting.
const quietReporter = path.join(root, 'bench', 'quiet-reporter.js')
const timedReporter = path.join(root, 'bench', 'timed-reporter.js')
const remarkFlags = ['--no-config', '--no-ignore', '--quiet', '--no-stdout', '--no-color', '--report', quietReporter]
// GNU time, where installed, gives each process's CPU time (`-o`: into a
// file, so the process's own output is untouched).
const gnuTime = ['/usr/bin/time', '/bin/time'].find((file) => fs.existsSync(file))

const log = (text) => process.stderr.write(text + '\n')

// ---------------------------------------------------------------------------
// Inputs.

fs.mkdirSync(work, {recursive: true})
const corpus = writeCorpus(work, count)
const one = path.join(work, 'one.md')
fs.writeFileSync(one, runbook(424_242, 'complete'))
const sizes = [
  {label: '1x (100 KB)', factor: 1, bytes: 100_000},
  {label: '10x (1 MB)', factor: 10, bytes: 1_000_000},
  ...(quick ? [] : [{label: '100x (10 MB)', factor: 100, bytes: 10_000_000}])
]
for (const size of sizes) {
  size.file = path.join(work, `large-${size.bytes}.md`)
  fs.writeFileSync(size.file, largeRunbook(size.bytes))
}

// MD043 with the same required headings as the default template: any title,
// then its `##` and `###` headings in order.
const headings = ['?']
for (const section of defaultTemplate.sections) {
  headings.push('## ' + section.title)
  for (const child of section.sections ?? []) headings.push('### ' + child.title)
}
// Not named `.markdownlint-cli2.jsonc`: markdownlint-cli2 would also find
// it on its own in the corpora's parent folder and apply it over `--config`.
// (c') is markdownlint-cli2 as its users run it: its default rules, and
// MD043 with the same headings. Context for (c), not a target.
function markdownlintConfigFile(name, config) {
  const file = path.join(work, `${name}.markdownlint-cli2.jsonc`)
  fs.writeFileSync(file, JSON.stringify({config, noBanner: true, noProgress: true}, null, 2) + '\n')
  return file
}
const markdownlintConfig = markdownlintConfigFile('md043', {default: false, MD043: {headings}})
const markdownlintDefaultConfig = markdownlintConfigFile('default', {MD043: {headings}})

// The issue's own reference corpus, when the workspace's shared folder is
// beside the clone (it is not part of the project, so nothing of it is
// committed): copies of the template the runbooks are copied from.
const seedTemplate = process.env.BENCH_SEED ?? path.join(root, '..', 'shared', 'seed', 'runbook-template.md')
const seed = fs.existsSync(seedTemplate) ? fs.readFileSync(seedTemplate) : undefined
function writeSeedCorpus(folder) {
  fs.rmSync(folder, {recursive: true, force: true})
  fs.mkdirSync(folder, {recursive: true})
  for (let index = 0; index < count; index++) {
    fs.writeFileSync(path.join(folder, `runbook-${String(index).padStart(4, '0')}.md`), seed)
  }
  return folder
}
const seedCorpus = seed ? writeSeedCorpus(path.join(work, 'seed-corpus')) : undefined

// The scratch project users' runs happen in: outside this repository (whose
// `.remarkrc.js` would apply), with its `node_modules` linked, as in a team's
// repository after `npm install`; markdownlint-cli2's configuration where it
// looks for it, with its default output (banner, progress, findings).
const project = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-bench-'))
process.on('exit', () => fs.rmSync(project, {recursive: true, force: true}))
fs.symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir')
fs.writeFileSync(path.join(project, '.markdownlint-cli2.jsonc'), JSON.stringify({config: {MD043: {headings}}}, null, 2) + '\n')
writeCorpus(project, count, 'runbooks')
if (seed) writeSeedCorpus(path.join(project, 'seed'))
fs.copyFileSync(one, path.join(project, 'one.md'))
if (seed) fs.copyFileSync(seedTemplate, path.join(project, 'seed-template.md'))

// ---------------------------------------------------------------------------
// Helpers.

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function summary(values) {
  return {median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length}
}

function seconds(ms) {
  return (ms / 1000).toFixed(2) + ' s'
}

function spread(stat) {
  return `${seconds(stat.min)} – ${seconds(stat.max)}`
}

/**
 * Wall time of a whole process, in milliseconds, its CPU time (user and
 * system, with GNU time), and its output. Standard output and standard error
 * are pipes read to the end, as a terminal would read them. With `traceGc`,
 * how many full garbage collections (mark-compacts) V8 made: `--trace-gc`
 * prints one line a collection on stdout and changes no decision of the
 * collector; it shows in which of its two modes a run went (see
 * `usualMode`).
 */
function time(args, {cwd = root, env, traceGc = true} = {}) {
  const timeFile = path.join(work, 'time.txt')
  const nodeArgs = traceGc ? ['--trace-gc', ...args] : args
  const [command, commandArgs] = gnuTime
    ? [gnuTime, ['-f', '%U %S', '-o', timeFile, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs]
  const start = process.hrtime.bigint()
  const result = spawnSync(command, commandArgs, {
    cwd,
    env: env ? {...process.env, ...env} : process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 2 ** 30
  })
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6
  if (result.error) throw result.error
  // remark exits 1 when it finds errors, markdownlint-cli2 too: both are fine.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${path.basename(args.find((arg) => !arg.startsWith('-')) ?? command)} failed (${result.status}): ${result.stderr.slice(0, 500)}`)
  }
  let cpu
  if (gnuTime) {
    // The last line: GNU time puts "Command exited with non-zero status" first.
    const fields = fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
    cpu = (fields[0] + fields[1]) * 1000
  }
  const markCompacts = traceGc ? (result.stdout.match(/ ms: Mark-Compact/g) ?? []).length : undefined
  return {elapsed, cpu, markCompacts, stdout: result.stdout, stderr: result.stderr}
}

/** Run each command `count` times, round robin, so that load spreads evenly. */
function measure(commands, count) {
  const times = commands.map(() => [])
  const markCompacts = commands.map(() => [])
  for (const command of commands) time(command.args) // warm the disk cache
  for (let run = 0; run < count; run++) {
    for (const [index, command] of commands.entries()) {
      const result = time(command.args)
      times[index].push(result.elapsed)
      markCompacts[index].push(result.markCompacts)
    }
  }
  return commands.map((command, index) => ({
    ...command,
    ...summary(times[index]),
    times: times[index],
    markCompacts: markCompacts[index]
  }))
}

/**
 * Paired runs: in each round every command runs once, in an order that
 * rotates from round to round, and each is compared with the reference (the
 * first command) of the same round, so that a busy moment weighs on both.
 * Returns per command the wall and CPU times, and the per-round ratios to
 * the reference (their median is the result).
 */
function paired(commands, rounds, options) {
  const results = commands.map(() => ({wall: [], cpu: [], wallRatio: [], cpuRatio: [], last: undefined}))
  const optionsOf = (command) => ({traceGc: false, ...options, ...command.options})
  for (const command of commands) time(command.args, optionsOf(command)) // warm-up: the disk cache
  for (let round = 0; round < rounds; round++) {
    const measured = []
    for (let step = 0; step < commands.length; step++) {
      const index = (round + step) % commands.length
      measured[index] = time(commands[index].args, optionsOf(commands[index]))
    }
    for (const [index, result] of measured.entries()) {
      const entry = results[index]
      entry.wall.push(result.elapsed)
      entry.wallRatio.push(result.elapsed / measured[0].elapsed)
      if (result.cpu !== undefined) {
        entry.cpu.push(result.cpu)
        entry.cpuRatio.push(result.cpu / measured[0].cpu)
      }
      entry.last = result
    }
  }
  return commands.map((command, index) => {
    const entry = results[index]
    return {
      ...command,
      wall: summary(entry.wall),
      cpu: entry.cpu.length > 0 ? summary(entry.cpu) : undefined,
      wallRatio: summary(entry.wallRatio),
      cpuRatio: entry.cpuRatio.length > 0 ? summary(entry.cpuRatio) : undefined,
      reportBytes: Buffer.byteLength(entry.last.stderr) + Buffer.byteLength(entry.last.stdout)
    }
  })
}

/**
 * V8 runs these processes in one of two modes. In the slow one it has
 * decided, at its first scavenge with a young generation of full size (in
 * the first second, while the first files are parsed by code not yet
 * optimised), that the objects micromark makes for each document (its
 * tokenizers, their effects, the parser, emphasis tokens) live long, and
 * allocates them in the old generation from then on, where they die: the run
 * makes about twice the mark-compacts. The decision stays: V8 undoes it only
 * when fewer than a tenth of the old generation survives a full collection,
 * and unified-engine keeps every tree until the last file is done. The runs
 * with the fewest mark-compacts of the commands compared (or one more) are
 * the usual mode.
 */
function usualMode(entries) {
  const fewest = Math.min(...entries.flatMap((entry) => entry.markCompacts))
  return entries.map((entry) => {
    const times = entry.times.filter((_, index) => entry.markCompacts[index] <= fewest + 1)
    return {fewest, runs: times.length, median: times.length > 0 ? median(times) : undefined}
  })
}

/**
 * The machine's CPU time so far, from `/proc/stat` (Linux only): on a shared
 * virtual machine, `steal` is time the host gave to someone else, which
 * lengthens wall times at random.
 */
function cpuTimes() {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
    return {total: fields.slice(0, 8).reduce((a, b) => a + b, 0), steal: fields[7] ?? 0}
  } catch {
    return undefined
  }
}

function stealShare(before, after) {
  if (!before || !after || after.total === before.total) return undefined
  return (after.steal - before.steal) / (after.total - before.total)
}

/** The load averages now, as text. */
const loadNow = () => os.loadavg().map((value) => value.toFixed(2)).join(', ')

// The floor: front matter as the preset enables it (`bench/floor.js`).
const floorPlugin = './bench/floor.js'
const noPretenuring = '--no-allocation-site-pretenuring'
const remarkRun = (uses, target) => [remarkCli, ...remarkFlags, ...uses.flatMap((use) => ['--use', use]), target]
const markdownlintRun = (config, folder) => [markdownlintCli, '--config', config, path.relative(root, folder) + '/*.md']

// ---------------------------------------------------------------------------
// (0) A process that stops early would look fast: check that the preset
// reports on every file of the corpus, through the command users run.

{
  const result = time([runbookCli, '--no-stdout', '--report', 'json', 'runbooks'], {cwd: project, traceGc: false})
  const reported = JSON.parse(result.stderr || '[]')
  const messages = reported.reduce((sum, file) => sum + file.messages.length, 0)
  if (reported.length !== count) throw new Error(`Expected a report on ${countText} files, got ${reported.length}`)
  log(`remark-runbook reports ${messages} messages on the ${countText} runbooks.`)
}

// ---------------------------------------------------------------------------
// (U) What users wait for: whole processes with their real reports.

/**
 * The string-width that remark's default reporter (vfile-reporter 8) uses
 * here: 8 with the `overrides` of this repository's `package.json` (the one
 * the README gives users of plain `remark`), 6 without.
 */
function reporterStringWidth() {
  for (const folder of ['node_modules/vfile-reporter/node_modules/string-width', 'node_modules/string-width']) {
    const file = path.join(root, folder, 'package.json')
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).version
  }
  return 'unknown'
}
const remarkReport = `\`vfile-reporter\` 8 with string-width ${reporterStringWidth()}`

/**
 * The commands a user runs on `folder` (in the scratch project), the
 * reference first: markdownlint-cli2 as its users run it.
 */
function userCommands(folder) {
  return [
    {id: 'markdownlint', name: '`markdownlint-cli2` (its default rules, MD043 with the template’s headings; its default output)', args: [markdownlintCli, folder + '/*.md']},
    {id: 'runbook', name: '`remark-runbook` (its default report: `vfile-reporter-runbook`)', args: [runbookCli, '--no-stdout', folder]},
    {id: 'json', name: '`remark-runbook --report json`', args: [runbookCli, '--no-stdout', '--report', 'json', folder]},
    {id: 'sarif', name: '`remark-runbook --report sarif`', args: [runbookCli, '--no-stdout', '--report', 'sarif', folder]},
    {id: 'githubActions', name: '`remark-runbook --report github-actions`', args: [runbookCli, '--no-stdout', '--report', 'github-actions', folder]},
    {id: 'remark', name: `\`remark --use preset-runbook\` (remark’s default report: ${remarkReport})`, args: [remarkCli, '--no-stdout', '--use', 'preset-runbook', folder]},
    {id: 'quiet', name: '`remark-runbook` with a reporter that prints nothing (diagnosis: the run without its report)', args: [runbookCli, '--no-stdout', '--report', quietReporter, folder]}
  ]
}

/**
 * How long formatting each report takes inside a real run, against the
 * whole run (`bench/timed-reporter.js`, which loads the reporter as
 * `remark-runbook` does and times it): median milliseconds over `rounds`.
 */
function reportTimes(folder, rounds) {
  const timesFile = path.join(work, 'report-times.jsonl')
  const reporters = [
    {id: 'runbook', args: [runbookCli]},
    {id: 'json', args: [runbookCli]},
    {id: 'sarif', args: [runbookCli]},
    {id: 'githubActions', reporter: 'github-actions', args: [runbookCli]},
    {id: 'remark', reporter: 'vfile-reporter', args: [remarkCli, '--use', 'preset-runbook']}
  ]
  const results = {}
  for (const entry of reporters) {
    const reporter = entry.reporter ?? entry.id
    const found = []
    for (let round = 0; round < rounds; round++) {
      fs.rmSync(timesFile, {force: true})
      time([...entry.args, '--no-stdout', '--report', `${timedReporter}=reporter:${JSON.stringify(reporter)}`, folder], {
        cwd: project,
        env: {BENCH_REPORT_TIMES: timesFile},
        traceGc: false
      })
      found.push(JSON.parse(fs.readFileSync(timesFile, 'utf8').trim()))
    }
    results[entry.id] = {
      load: median(found.map((item) => item.load)),
      format: summary(found.map((item) => item.format)),
      length: found[0].length,
      messages: found[0].messages
    }
  }
  return results
}

const userRounds = runs
const cpuBeforeUser = cpuTimes()
log(`What users wait for: ${countText} runbooks, ${userRounds} rounds (load ${loadNow()}) ...`)
const users = [{id: 'generated', name: `${countText} generated runbooks`, folder: 'runbooks'}]
if (seed) users.push({id: 'seed', name: `${countText} copies of the seed template`, folder: 'seed'})
for (const user of users) {
  user.loadBefore = loadNow()
  user.processes = paired(userCommands(user.folder), userRounds, {cwd: project})
  user.byId = Object.fromEntries(user.processes.map((entry) => [entry.id, entry]))
  user.reports = reportTimes(user.folder, Math.max(3, Math.ceil(runs / 2)))
  user.loadAfter = loadNow()
}
const stealUser = stealShare(cpuBeforeUser, cpuTimes())

log(`One file (a pre-commit hook) (load ${loadNow()}) ...`)
const oneFileRounds = Math.max(11, runs * 3)
const oneFileCommands = (file) => [
  {id: 'markdownlint', name: '`markdownlint-cli2`', args: [markdownlintCli, file]},
  {id: 'runbook', name: '`remark-runbook`', args: [runbookCli, '--no-stdout', file]},
  {id: 'remark', name: '`remark --use preset-runbook`', args: [remarkCli, '--no-stdout', '--use', 'preset-runbook', file]},
  {id: 'node', name: '`node` doing nothing (`node -e 0`: the start-up of Node.js itself)', args: ['-e', '0']}
]
const oneFile = [{id: 'generated', name: 'a complete generated runbook (4 KB)', processes: paired(oneFileCommands('one.md'), oneFileRounds, {cwd: project})}]
if (seed) oneFile.push({id: 'seed', name: 'the seed template', processes: paired(oneFileCommands('seed-template.md'), oneFileRounds, {cwd: project})})
for (const entry of oneFile) entry.byId = Object.fromEntries(entry.processes.map((process) => [process.id, process]))

// ---------------------------------------------------------------------------
// (1) Diagnosis: whole processes that report nothing, over the same runbooks.

log(`Diagnosis: whole processes over ${countText} runbooks, ${runs} runs each (load ${loadNow()}) ...`)
const cpuBefore = cpuTimes()
const processes = measure(
  [
    {id: 'bare', name: '`remark` (bare)', args: remarkRun([], corpus)},
    {id: 'gfm', name: '`remark --use remark-gfm`', args: remarkRun(['remark-gfm'], corpus)},
    {id: 'floor', name: '(a) `remark --use ./bench/floor.js` (front matter, YAML and TOML, as the preset enables it): the parse floor', args: remarkRun([floorPlugin], corpus)},
    {id: 'preset', name: '(b) `remark --use preset-runbook`', args: remarkRun(['preset-runbook'], corpus)},
    {
      id: 'markdownlint',
      name: '(c) `markdownlint-cli2`, only MD043 with the template’s headings',
      args: markdownlintRun(markdownlintConfig, corpus)
    },
    {
      id: 'markdownlintDefault',
      name: "(c') `markdownlint-cli2` with its default rules, and MD043 with the template’s headings (context, not a target)",
      args: markdownlintRun(markdownlintDefaultConfig, corpus)
    },
    {id: 'recommended', name: '(d) `remark --use preset-lint-recommended`', args: remarkRun(['preset-lint-recommended'], corpus)},
    // The same (a) and (b) without V8's allocation-site pretenuring: both in
    // the usual mode every time, so their ratio is the preset's own cost.
    // A diagnosis only: no library may set V8 flags for its users.
    {
      id: 'floorUsual',
      name: '(a) with `node --no-allocation-site-pretenuring`',
      args: [noPretenuring, ...remarkRun([floorPlugin], corpus)]
    },
    {
      id: 'presetUsual',
      name: '(b) with `node --no-allocation-site-pretenuring`',
      args: [noPretenuring, ...remarkRun(['preset-runbook'], corpus)]
    }
  ],
  runs
)
const steal = stealShare(cpuBefore, cpuTimes())
const byId = Object.fromEntries(processes.map((entry) => [entry.id, entry]))
const [usualFloor, usualPreset] = usualMode([byId.floor, byId.preset])

// (1b) The issue's reference: copies of the seed template, where its
// author measured bare `remark` (4.3 s) against markdownlint-cli2 with MD043
// (5.0 s).
let seedProcesses
if (seedCorpus) {
  log(`${countText} copies of the seed template, ${runs} runs each ...`)
  seedProcesses = measure(
    [
      {id: 'bare', name: '`remark` (bare)', args: remarkRun([], seedCorpus)},
      {id: 'floor', name: '(a) the parse floor', args: remarkRun([floorPlugin], seedCorpus)},
      {id: 'preset', name: '(b) `remark --use preset-runbook`', args: remarkRun(['preset-runbook'], seedCorpus)},
      {id: 'markdownlint', name: '(c) `markdownlint-cli2`, only MD043', args: markdownlintRun(markdownlintConfig, seedCorpus)},
      {id: 'markdownlintDefault', name: "(c') `markdownlint-cli2`, its default rules and MD043", args: markdownlintRun(markdownlintDefaultConfig, seedCorpus)}
    ],
    runs
  )
}
const seedById = seedProcesses ? Object.fromEntries(seedProcesses.map((entry) => [entry.id, entry])) : undefined

// ---------------------------------------------------------------------------
// (2) Time per rule, in one process over the same files.

log('Time per rule, in process ...')
const files = fs
  .readdirSync(corpus)
  .sort()
  .map((name) => ({path: name, value: fs.readFileSync(path.join(corpus, name), 'utf8')}))

/**
 * Lint every file in process; the time of the transforms alone (the rules,
 * after parsing): a rule costs tens of milliseconds on 1,000 files, less
 * than parsing them varies from pass to pass.
 */
async function lintAll(plugins) {
  const processor = unified().use(remarkParse).use(plugins).freeze()
  let elapsed = 0n
  for (const file of files) {
    const vfile = new VFile(file)
    const tree = processor.parse(vfile)
    const start = process.hrtime.bigint()
    await processor.run(tree, vfile)
    elapsed += process.hrtime.bigint() - start
  }
  return Number(elapsed) / 1e6
}

async function inProcess(plugins, count = Math.max(3, runs)) {
  await lintAll(plugins) // warm up: JIT and caches, as in a long run
  const times = []
  for (let run = 0; run < count; run++) times.push(await lintAll(plugins))
  return summary(times)
}

const syntax = [[remarkFrontmatter, ['yaml', 'toml']]]
// The sections and content models every rule of the preset shares: built by
// whichever rule runs first, so they are measured on their own.
const models = () => (tree, file) => {
  getContent(runbookOf(tree, file), file)
}
const parseOnly = await inProcess(syntax)
const withModels = await inProcess([...syntax, models])
const perRule = []
for (const entry of rules) {
  const [rule, settings] = Array.isArray(entry) ? entry : [entry, undefined]
  const stat = await inProcess([...syntax, models, [rule, settings]])
  perRule.push({id: rule.info.ruleId, ...stat, own: stat.min - withModels.min})
}
const wholePreset = await inProcess([remarkPresetRunbook])

// ---------------------------------------------------------------------------
// (3) The latency of one file.

log('Latency of one file ...')
const latencyRuns = Math.max(11, runs * 3)
const latency = measure(
  [
    {id: 'bare', name: '`remark one.md` (bare)', args: remarkRun([], one)},
    {id: 'preset', name: '`remark --use preset-runbook one.md`', args: remarkRun(['preset-runbook'], one)}
  ],
  latencyRuns
)

// ---------------------------------------------------------------------------
// (4) Size series: in process (no start-up), and whole processes.

log('Size series ...')
/** Parse and lint one document in process: the time of each. */
async function lintOnce(value) {
  const processor = unified().use(remarkParse).use(remarkPresetRunbook).freeze()
  const file = new VFile({path: 'large.md', value})
  let start = process.hrtime.bigint()
  const tree = processor.parse(file)
  const parse = Number(process.hrtime.bigint() - start) / 1e6
  start = process.hrtime.bigint()
  await processor.run(tree, file)
  return {parse, lint: Number(process.hrtime.bigint() - start) / 1e6}
}

const series = []
for (const size of sizes) {
  const value = fs.readFileSync(size.file, 'utf8')
  const count = size.factor >= 100 ? 3 : Math.max(3, runs)
  const parse = []
  const lint = []
  const total = []
  // Each run lints another document of the same size and shape (another
  // seed): the same one again would find its headings' keys cached from the
  // run before, which a real run of one document never does.
  await lintOnce(largeRunbook(size.bytes, 100))
  for (let run = 0; run < count; run++) {
    const result = await lintOnce(largeRunbook(size.bytes, 101 + run))
    parse.push(result.parse)
    lint.push(result.lint)
    total.push(result.parse + result.lint)
  }
  const processCount = size.factor >= 100 ? 3 : runs
  const [floorProcess, presetProcess] = measure(
    [
      {id: 'floor', args: remarkRun([floorPlugin], size.file)},
      {id: 'preset', args: remarkRun(['preset-runbook'], size.file)}
    ],
    processCount
  )
  series.push({
    ...size,
    bytes: value.length,
    parse: summary(parse),
    lint: summary(lint),
    total: summary(total),
    floorProcess,
    presetProcess
  })
}

/** Least-squares slope of log(time) over log(size). */
function exponent(points) {
  const xs = points.map((point) => Math.log(point.x))
  const ys = points.map((point) => Math.log(point.y))
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  let numerator = 0
  let denominator = 0
  for (const [index, x] of xs.entries()) {
    numerator += (x - mx) * (ys[index] - my)
    denominator += (x - mx) ** 2
  }
  return numerator / denominator
}

const growth = {
  lint: exponent(series.map((entry) => ({x: entry.bytes, y: entry.lint.median}))),
  total: exponent(series.map((entry) => ({x: entry.bytes, y: entry.total.median}))),
  parse: exponent(series.map((entry) => ({x: entry.bytes, y: entry.parse.median}))),
  process: exponent(series.map((entry) => ({x: entry.bytes, y: entry.presetProcess.median})))
}

// ---------------------------------------------------------------------------
// (5) Optional: instructions, with valgrind, the floor and the preset side by
// side (one process each, at the same time: valgrind runs a process on one
// core).

/**
 * The instructions a whole process executes under callgrind, with V8's
 * timed decisions pinned: `--predictable` (no concurrent compiling or
 * collecting; what would run on another thread runs on the main one and is
 * counted the same), fixed hash and random seeds, no allocation-site
 * pretenuring, and one libuv thread for file reads. Without
 * them the same command counted up to a fifth more or less from run to run;
 * with them, within about 2.5% (the order in which reads complete still
 * varies). A measure of the work each command does, not of its
 * wall time.
 */
function instructions(args) {
  const log = path.join(work, `callgrind-${args.join('-').replaceAll(/[^\w-]/g, '').slice(-40)}.log`)
  return new Promise((resolve, reject) => {
    const child = spawn(
      'valgrind',
      [
        '--tool=callgrind',
        '--smc-check=all-non-file',
        '--callgrind-out-file=/dev/null',
        `--log-file=${log}`,
        process.execPath,
        '--predictable',
        '--hash-seed=1',
        '--random-seed=1',
        noPretenuring,
        ...args
      ],
      {cwd: root, stdio: 'ignore', env: {...process.env, UV_THREADPOOL_SIZE: '1'}}
    )
    child.on('error', reject)
    child.on('close', () => {
      const found = /Collected : (\d+)/.exec(fs.readFileSync(log, 'utf8'))
      if (found) resolve(Number(found[1]))
      else reject(new Error(`valgrind did not count instructions (see ${log})`))
    })
  })
}

// Pinned as they are, counts still differ by up to about 2.5%, so
// count in several rounds (`BENCH_INSTRUCTION_ROUNDS`, 2).
const instructionRounds = Number(process.env.BENCH_INSTRUCTION_ROUNDS ?? 2)
let counted
if (process.env.BENCH_INSTRUCTIONS === '1') {
  counted = []
  for (let round = 1; round <= instructionRounds; round++) {
    log(`Instructions, with valgrind, round ${round} of ${instructionRounds} ...`)
    const [floor, preset] = await Promise.all([
      instructions(remarkRun([floorPlugin], corpus)),
      instructions(remarkRun(['preset-runbook'], corpus))
    ])
    counted.push({floor, preset})
  }
}

// ---------------------------------------------------------------------------
// Report.

const ratio = (a, b) => (a / b).toFixed(2)
const ratios = {
  presetOverFloor: byId.preset.median / byId.floor.median,
  presetOverMarkdownlint: byId.preset.median / byId.markdownlint.median,
  latency: latency[1].median / latency[0].median
}
const verdict = (ok) => (ok ? 'met' : '**missed**')
const usualRuns = (usual, id) =>
  `(${id}) ${usual.runs} of ${runs} runs` + (usual.median === undefined ? '' : `, median ${seconds(usual.median)}`)
const milliseconds = (ms) => ms.toFixed(0) + ' ms'
/** A paired ratio: the median of the rounds' ratios, wall time (CPU time). */
const pairedRatio = (entry) =>
  entry.wallRatio.median.toFixed(2) + (entry.cpuRatio ? ` (CPU ${entry.cpuRatio.median.toFixed(2)})` : '')
const pairedSpread = (stat) => `${stat.min.toFixed(2)} – ${stat.max.toFixed(2)}`
const bytes = (value) => (value >= 1e6 ? (value / 1e6).toFixed(1) + ' MB' : (value / 1e3).toFixed(0) + ' KB')

const cpus = os.cpus()
const machine = [
  `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores`,
  `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
  `${os.type()} ${os.release()}`,
  `Node.js ${process.version}`,
  `load average at the end ${loadNow()}`
].join('; ')

const reportIds = ['runbook', 'json', 'sarif', 'githubActions', 'remark']
const reportShare = (user, id) => user.reports[id].format.median / user.byId[id].wall.median
const worstShare = Math.max(...users.flatMap((user) => reportIds.filter((id) => id !== 'remark').map((id) => reportShare(user, id))))

function userSection(user) {
  return [
    `## What users wait for: ${user.name}`,
    '',
    `${user.processes.length} commands in ${userRounds} rounds (load average ${user.loadBefore} before, ${user.loadAfter} after), run in a scratch project as a user runs them: each writes its real report into a pipe that is read to the end, as a terminal reads it. The ratio is each round's time over markdownlint-cli2's in the same round, their median and range` +
      (gnuTime ? '; in brackets, the same for CPU time (user and system), which a busy machine disturbs less' : '') +
      '.',
    '',
    `| Command | Wall time, median | ${gnuTime ? 'CPU time, median | ' : ''}vs markdownlint-cli2 | Range of the rounds | Report |`,
    `| ------- | ----------------- | ${gnuTime ? '---------------- | ' : ''}-------------------- | ------------------- | ------ |`,
    ...user.processes.map(
      (entry) =>
        `| ${entry.name} | ${seconds(entry.wall.median)} | ${entry.cpu ? seconds(entry.cpu.median) + ' | ' : ''}${pairedRatio(entry)} | ${pairedSpread(entry.wallRatio)} | ${bytes(entry.reportBytes)} |`
    ),
    '',
    `Formatting each report, timed inside the run (\`bench/timed-reporter.js\`; median of ${user.reports.runbook.format.runs} runs), against the median of the whole run above; loading the reporter's modules is part of the start-up, not of this:`,
    '',
    '| Report | Messages | Formatting | Share of the run | Loading its modules |',
    '| ------ | -------- | ---------- | ---------------- | ------------------- |',
    ...reportIds.map((id) => {
      const report = user.reports[id]
      return `| ${id === 'remark' ? `${remarkReport} (plain \`remark\`)` : user.byId[id].name.replace(/ \(.*\)$/, '')} | ${report.messages} | ${milliseconds(report.format.median)} | ${(reportShare(user, id) * 100).toFixed(1)}% | ${milliseconds(report.load)} |`
    }),
    ''
  ]
}

const oneFileTarget = (entry) => entry.byId.runbook.wallRatio.median < 0.6
const corpusTarget = (user) => user.byId.runbook.wallRatio.median <= 0.8

const lines = [
  '# Benchmark results',
  '',
  '<!-- Generated by `npm run bench` (bench/run.js); do not edit by hand. -->',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}${quick ? ' (`BENCH_QUICK=1`: a quick look)' : ''}.` +
    (stealUser === undefined
      ? ''
      : ` While users' runs were measured, the virtual machine's host took ${(stealUser * 100).toFixed(1)}% of its CPU time for others (steal time); the load averages show how busy the machine was: wall times vary with both.`),
  '',
  '## Targets',
  '',
  'Users’ runs are compared with markdownlint-cli2 with its default rules and MD043 (the template’s headings), with its default output, in the same rounds (median of the rounds’ ratios, wall time; CPU time in brackets).',
  '',
  '| Measure | Value | Target | |',
  '| ------- | ----- | ------ | - |',
  ...oneFile.map(
    (entry) =>
      `| One file, ${entry.name}: \`remark-runbook\` / markdownlint-cli2 | ${pairedRatio(entry.byId.runbook)} | below 0.6 | ${verdict(oneFileTarget(entry))} |`
  ),
  ...users.map(
    (user) =>
      `| ${user.name}: \`remark-runbook\` / markdownlint-cli2 | ${pairedRatio(user.byId.runbook)} | at most 0.8 | ${verdict(corpusTarget(user))} |`
  ),
  ...users.map((user) => {
    const slowest = ['json', 'sarif', 'githubActions'].map((id) => user.byId[id]).sort((a, b) => b.wallRatio.median - a.wallRatio.median)[0]
    return `| ${user.name}: ${slowest.name.replace(/ \(.*\)$/, '')}, the slowest of its other reporters / markdownlint-cli2 | ${pairedRatio(slowest)} | at most 0.8 | ${verdict(slowest.wallRatio.median <= 0.8)} |`
  }),
  ...users.map(
    (user) =>
      `| ${user.name}: \`remark --use preset-runbook\` (${remarkReport}) / markdownlint-cli2 | ${pairedRatio(user.byId.remark)} | at most 0.8 | ${verdict(user.byId.remark.wallRatio.median <= 0.8)} |`
  ),
  `| Formatting a report of \`remark-runbook\` / its whole run (the largest share: ${users.length > 1 ? 'both corpora, ' : ''}every bundled reporter) | ${(worstShare * 100).toFixed(1)}% | at most 10% | ${verdict(worstShare <= 0.1)} |`,
  `| (b) preset / (a) parse floor, ${countText} runbooks, no report (diagnosis below) | ${ratio(byId.preset.median, byId.floor.median)} | at most 1.15 | ${verdict(ratios.presetOverFloor <= 1.15)} |`,
  `| (b) / (a) with V8's allocation-site pretenuring off (no run in V8's slow mode; a diagnosis) | ${ratio(byId.presetUsual.median, byId.floorUsual.median)} | at most 1.15 | ${verdict(byId.presetUsual.median / byId.floorUsual.median <= 1.15)} |`,
  `| Growth exponent of the preset's rules (in process, ${sizes.map((size) => size.label.split(' ')[0]).join(', ')}) | ${growth.lint.toFixed(2)} | at most 1.1 | ${verdict(growth.lint <= 1.1)} |`,
  `| Growth exponent of parsing and linting together | ${growth.total.toFixed(2)} | at most 1.1 | ${verdict(growth.total <= 1.1)} |`,
  `| One file, no report: preset / bare \`remark\` | ${ratio(latency[1].median, latency[0].median)} | at most 1.10 | ${verdict(ratios.latency <= 1.1)} |`,
  `| (b) preset / (c) markdownlint-cli2 with only MD043, no report | ${ratio(byId.preset.median, byId.markdownlint.median)} | | context |`,
  `| (c) markdownlint-cli2 with only MD043 / bare \`remark\` (the issue's author measured 1.16 on the seed) | ${ratio(byId.markdownlint.median, byId.bare.median)} | | context |`,
  '',
  ...users.flatMap((user) => userSection(user)),
  '## One file (a pre-commit hook)',
  '',
  `${oneFileRounds} rounds, paired as above, in the scratch project; \`node -e 0\` is the start-up of Node.js itself, which every command pays.`,
  '',
  ...oneFile.flatMap((entry) => [
    `${entry.name[0].toUpperCase() + entry.name.slice(1)}:`,
    '',
    `| Command | Wall time, median | ${gnuTime ? 'CPU time, median | ' : ''}vs markdownlint-cli2 | Range of the rounds |`,
    `| ------- | ----------------- | ${gnuTime ? '---------------- | ' : ''}-------------------- | ------------------- |`,
    ...entry.processes.map(
      (process) =>
        `| ${process.name} | ${milliseconds(process.wall.median)} | ${process.cpu ? milliseconds(process.cpu.median) + ' | ' : ''}${pairedRatio(process)} | ${pairedSpread(process.wallRatio)} |`
    ),
    ''
  ]),
  '# Diagnosis',
  '',
  `Whole \`remark\` processes that report nothing (\`bench/quiet-reporter.js\`; no configuration, no ignore file): wall time, ${runs} runs each after one warm-up run (median, and the fastest and slowest run).` +
    (steal === undefined
      ? ''
      : ` While the ${countText} runbooks were measured, the virtual machine's host took ${(steal * 100).toFixed(1)}% of its CPU time for others (steal time).`),
  '',
  `## ${countText} runbooks, whole processes`,
  '',
  `The corpus: ${countText} generated runbooks of about 4 KB (${(files.reduce((sum, file) => sum + file.value.length, 0) / 1e6).toFixed(1)} MB): a third complete, a third partly filled (template leftovers, empty fields), a sixth with missing and renamed sections, a sixth of another structure.`,
  '',
  '| Command | Median | Spread | vs (a) | Mark-compacts, run by run |',
  '| ------- | ------ | ------ | ------ | ------------------------- |',
  ...processes.map(
    (entry) =>
      `| ${entry.name} | ${seconds(entry.median)} | ${spread(entry)} | ${ratio(entry.median, byId.floor.median)} | ${entry.markCompacts.join(', ')} |`
  ),
  '',
  `The fastest runs against each other: (b) / (a) ${ratio(byId.preset.min, byId.floor.min)}, (b) / (c) ${ratio(byId.preset.min, byId.markdownlint.min)}. The targets above are judged on the medians.`,
  '',
  `V8 runs remark in one of two modes, which the number of full garbage collections (mark-compacts, counted with \`--trace-gc\`) shows. In the slow one it has decided, early in the run, to allocate the objects micromark makes for each document in the old generation, where they die; the run makes about twice the mark-compacts and takes seconds longer. Which mode a run gets is decided by the timing of one collection in its first second, for the floor as for the preset. Only the runs in the usual mode (at most ${usualFloor.fewest + 1} mark-compacts): ${usualRuns(usualFloor, 'a')}; ${usualRuns(usualPreset, 'b')}${usualFloor.median && usualPreset.median ? `; (b) / (a) ${ratio(usualPreset.median, usualFloor.median)}` : ''}. This is a diagnosis, not the target. With V8's allocation-site pretenuring turned off (the last two rows), no run goes slow: (b) / (a) ${ratio(byId.presetUsual.median, byId.floorUsual.median)}, the preset's own cost over the floor.`,
  '',
  ...(seedById
    ? [
        `## ${countText} copies of the seed template`,
        '',
        `The issue's reference corpus: copies of the seed template, from which runbooks are copied (the template is not in the repository; \`BENCH_SEED\` names another copy of it). The issue's author measured bare \`remark\` at 4.3 s and markdownlint-cli2 with MD043 at 5.0 s on 1,000 copies: (c) took 1.16 times bare \`remark\` there.`,
        '',
        '| Command | Median | Spread | vs bare `remark` | Mark-compacts, run by run |',
        '| ------- | ------ | ------ | ---------------- | ------------------------- |',
        ...seedProcesses.map(
          (entry) =>
            `| ${entry.name} | ${seconds(entry.median)} | ${spread(entry)} | ${ratio(entry.median, seedById.bare.median)} | ${entry.markCompacts.join(', ')} |`
        ),
        '',
        `(b) / (a) ${ratio(seedById.preset.median, seedById.floor.median)}; (b) / (c) ${ratio(seedById.preset.median, seedById.markdownlint.median)}; (b) / (c') ${ratio(seedById.preset.median, seedById.markdownlintDefault.median)}.`,
        ''
      ]
    : []),
  '## Time per rule',
  '',
  `In one process over the same ${countText} files, after a warm-up pass (the fastest of ${Math.max(3, runs)} passes: on a shared machine the median of so few varies more than a rule costs), the time of the transforms after parsing: front matter alone ${(parseOnly.min).toFixed(0)} ms; the sections and content models the rules share add ${(withModels.min - parseOnly.min).toFixed(0)} ms; each row adds one rule to those. The whole preset (rules, models, message control, summary): ${(wholePreset.min).toFixed(0)} ms (median ${(wholePreset.median).toFixed(0)} ms).`,
  '',
  '| Rule | Models and the rule | The rule’s own time |',
  '| ---- | ------------------- | ------------------- |',
  ...perRule.map((entry) => `| \`${entry.id}\` | ${(entry.min).toFixed(0)} ms | ${(entry.own).toFixed(0)} ms |`),
  '',
  '## One file, no report',
  '',
  `A complete runbook of ${(fs.statSync(one).size / 1024).toFixed(1)} KB, ${latencyRuns} runs each.`,
  '',
  '| Command | Median | Spread |',
  '| ------- | ------ | ------ |',
  ...latency.map((entry) => `| ${entry.name} | ${(entry.median).toFixed(0)} ms | ${entry.min.toFixed(0)} – ${entry.max.toFixed(0)} ms |`),
  '',
  '## Size series',
  '',
  'One complete runbook whose troubleshooting log grows (prose, commands and tables; no lists, see below). In process, after one warm-up run, each run on another runbook of the same size and shape (so that no heading is cached from the run before): the time to parse it (remark-parse with front matter, the floor) and the time of the preset\'s rules on the tree. Whole process: `remark` with front matter and with the preset.',
  '',
  '| Size | Parse, in process | Rules, in process | Floor, process | Preset, process |',
  '| ---- | ----------------- | ----------------- | -------------- | --------------- |',
  ...series.map(
    (entry) =>
      `| ${entry.label} | ${seconds(entry.parse.median)} | ${seconds(entry.lint.median)} | ${seconds(entry.floorProcess.median)} | ${seconds(entry.presetProcess.median)} |`
  ),
  '',
  `Growth exponent (log-log slope over the sizes): the rules ${growth.lint.toFixed(2)}, parsing ${growth.parse.toFixed(2)}, both ${growth.total.toFixed(2)}, the whole \`remark --use preset-runbook\` process ${growth.process.toFixed(2)}.`,
  'remark’s parser itself grows quadratically with the number of lists in one document (syntax-tree/mdast-util-from-markdown#49): a 10 MB runbook made of lists takes it minutes, whatever the rules do.',
  '',
  ...(counted
    ? [
        '## Instructions',
        '',
        `One process each over the ${countText} runbooks under \`valgrind --tool=callgrind\`, the floor and the preset side by side, in ${counted.length} rounds, with V8's timed decisions pinned (\`node --predictable --hash-seed=1 --random-seed=1 --no-allocation-site-pretenuring\`, one libuv thread): the compiler and the garbage collector work on the main thread and are counted with it. Pinned, the same command counts within about 2.5% from run to run (unpinned, up to a fifth). This is the work each process does, not its wall time: the wall-time ratios above also carry V8's two modes and the machine's noise.`,
        '',
        '| Round | (a) the parse floor | (b) the preset | (b) / (a) |',
        '| ----- | ------------------- | -------------- | --------- |',
        ...counted.map(
          (round, index) =>
            `| ${index + 1} | ${(round.floor / 1e9).toFixed(2)} billion | ${(round.preset / 1e9).toFixed(2)} billion | ${(round.preset / round.floor).toFixed(3)} |`
        ),
        `| Median | ${(median(counted.map((round) => round.floor)) / 1e9).toFixed(2)} billion | ${(median(counted.map((round) => round.preset)) / 1e9).toFixed(2)} billion | ${(median(counted.map((round) => round.preset)) / median(counted.map((round) => round.floor))).toFixed(3)} |`,
        ''
      ]
    : [])
]

const results = path.join(root, 'bench', 'results.md')
fs.writeFileSync(results, lines.join('\n'))
process.stdout.write(lines.join('\n'))
log(`\nWrote ${path.relative(root, results)}.`)
