/**
 * Nothing is lost when a write fails or the file moves under the command:
 * `remark-runbook --fix`, `remark FILE --use runbook-fix --output`,
 * `create-runbook` and report files, run as a script runs them (standard
 * input empty, no terminal) in a real folder with a real `.remarkrc.json`.
 *
 * A failed write is a real one: the command runs under a file-size limit
 * (`ulimit -f` in `sh`), which makes the kernel refuse the write with EFBIG,
 * as a full disk refuses it with ENOSPC. An edit saved during the run is a
 * plugin of the test's configuration that appends to the runbook while the
 * run is under way: deterministic, not a race.
 */

import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixtures, root, toolEnv} from './helpers.js'

const bin = path.join(root, 'bin', 'remark-runbook.js')
const remarkCli = path.join(root, 'node_modules', 'remark-cli', 'cli.js')
const createRunbook = path.join(root, 'packages', 'create-runbook', 'dist', 'cli.js')
const missingSections = fs.readFileSync(path.join(fixtures, 'broken', 'missing-sections.md'))
const preset = JSON.stringify({plugins: ['remark-preset-runbook']})
let scratch: string
let count = 0

/** A fresh project folder with `node_modules` linked and the given files. */
function project(files: Record<string, string | Buffer>, name = `project-${++count}`): string {
  const directory = path.join(scratch, name)
  fs.mkdirSync(directory, {recursive: true})
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir')
  for (const [file, value] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, file)), {recursive: true})
    fs.writeFileSync(path.join(directory, file), value)
  }
  return directory
}

/**
 * Run a command as a script would; with `limit`, under a file-size limit of
 * that many 512-byte blocks (`ulimit -f` in POSIX sh), as a full disk would
 * refuse the write.
 */
function run(command: string, args: string[], cwd: string, limit?: number) {
  const argv = [process.execPath, command, ...args]
  const result =
    limit === undefined
      ? spawnSync(argv[0]!, argv.slice(1), {cwd, encoding: 'utf8', input: '', env: toolEnv()})
      : spawnSync('sh', ['-c', `ulimit -f ${limit} && exec "$@"`, 'sh', ...argv], {cwd, encoding: 'utf8', input: '', env: toolEnv()})
  return {code: result.status, stderr: result.stderr, stdout: result.stdout}
}

const read = (directory: string, name: string) => fs.readFileSync(path.join(directory, name))
const listing = (directory: string) => fs.readdirSync(directory).sort()

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remark-runbook-fix-safety-'))
})

afterAll(() => {
  fs.rmSync(scratch, {recursive: true, force: true})
})

describe('a write that fails', () => {
  it('leaves the runbook whole with --fix, says so in one sentence, and says no "Fixed:"', () => {
    const directory = project({'.remarkrc.json': preset, 'runbook.md': missingSections})
    const before = listing(directory)
    // The runbook is 1,097 bytes; fixed, about 1,500: two 512-byte blocks are too few.
    const result = run(bin, ['--no-color', '--fix', 'runbook.md'], directory, 2)
    expect(read(directory, 'runbook.md').equals(missingSections)).toBe(true)
    expect(listing(directory)).toEqual(before)
    expect(result.stderr).toBe(
      'runbook.md\n1:1 error Not fixed: cannot write `runbook.md`: it would be larger than the file-size limit of this process (EFBIG); the file is unchanged fix remark-runbook-fix\n\n✖ 1 error\n'
    )
    expect(result.code).toBe(1)
  })

  it('leaves the runbook whole with remark --use runbook-fix --output', () => {
    const directory = project({'.remarkrc.json': preset, 'runbook.md': missingSections})
    const before = listing(directory)
    const result = run(remarkCli, ['--no-color', 'runbook.md', '--use', 'runbook-fix', '--output'], directory, 2)
    expect(read(directory, 'runbook.md').equals(missingSections)).toBe(true)
    expect(listing(directory)).toEqual(before)
    expect(result.stderr).toBe(
      'runbook.md\n1:1 error Not fixed: cannot write `runbook.md`: it would be larger than the file-size limit of this process (EFBIG); the file is unchanged fix remark-runbook-fix\n\n✖ 1 error\n'
    )
    expect(result.stderr).not.toContain('written')
    expect(result.code).toBe(1)
  })

  it('leaves a runbook its owner made read-only as it is, as writing it in place would', () => {
    const directory = project({'.remarkrc.json': preset, 'runbook.md': missingSections})
    fs.chmodSync(path.join(directory, 'runbook.md'), 0o444)
    // Root may write any file: the command runs as `nobody` then, in a folder of its own.
    const asRoot = process.getuid?.() === 0
    if (asRoot) {
      fs.chmodSync(scratch, 0o755)
      for (const name of ['', '.remarkrc.json', 'runbook.md']) fs.lchownSync(path.join(directory, name), 65534, 65534)
    }
    const result = spawnSync(process.execPath, [bin, '--no-color', '--fix', 'runbook.md'], {
      cwd: directory,
      encoding: 'utf8',
      input: '',
      env: toolEnv({HOME: directory}),
      ...(asRoot ? {uid: 65534, gid: 65534} : {})
    })
    expect(read(directory, 'runbook.md').equals(missingSections)).toBe(true)
    expect(fs.statSync(path.join(directory, 'runbook.md')).mode & 0o777).toBe(0o444)
    expect(result.stderr).toBe(
      'runbook.md\n1:1 error Not fixed: cannot write `runbook.md`: it is read-only (EACCES); the file is unchanged fix remark-runbook-fix\n\n✖ 1 error\n'
    )
    expect(result.status).toBe(1)
  })

  it('keeps the file a report replaces', () => {
    const directory = project({'.remarkrc.json': preset, 'runbook.md': missingSections, 'runbooks.sarif': '{"version": "2.1.0", "runs": []}\n'})
    const before = listing(directory)
    const result = run(bin, ['--no-color', '--report', 'sarif=output:"runbooks.sarif"', 'runbook.md'], directory, 2)
    expect(read(directory, 'runbooks.sarif').toString()).toBe('{"version": "2.1.0", "runs": []}\n')
    expect(listing(directory)).toEqual(before)
    expect(result.stderr).toBe(
      'remark-runbook: Cannot write `runbooks.sarif`: it would be larger than the file-size limit of this process (EFBIG); the file is as it was\n'
    )
    expect(result.code).toBe(1)
  })

  it('keeps the runbook create-runbook --force would replace, and creates nothing new', () => {
    const directory = project({'RUNBOOK.md': 'mine\n'})
    const before = listing(directory)
    const replaced = run(createRunbook, ['--force'], directory, 2)
    expect(replaced.stderr).toBe(
      'create-runbook: Not writing `RUNBOOK.md`: it would be larger than the file-size limit of this process (EFBIG); nothing was written\n'
    )
    expect(replaced.code).toBe(1)
    expect(read(directory, 'RUNBOOK.md').toString()).toBe('mine\n')
    const created = run(createRunbook, ['docs/new.md'], directory, 2)
    expect(created.code).toBe(1)
    expect(fs.existsSync(path.join(directory, 'docs', 'new.md'))).toBe(false)
    expect(listing(directory)).toEqual([...before, 'docs'].sort())
    expect(listing(path.join(directory, 'docs'))).toEqual([])
  })

  it('keeps the mode of a runbook it fixes', () => {
    const directory = project({'.remarkrc.json': preset, 'runbook.md': missingSections})
    fs.chmodSync(path.join(directory, 'runbook.md'), 0o640)
    run(bin, ['--no-color', '--fix', 'runbook.md'], directory)
    expect(read(directory, 'runbook.md').toString()).toContain('### Secrets management')
    expect(fs.statSync(path.join(directory, 'runbook.md')).mode & 0o777).toBe(0o640)
  })
})

describe('an edit saved during the run', () => {
  // A plugin of the team's configuration that stands for an editor saving
  // the runbook after the command read it.
  const editor = `import fs from 'node:fs'
import path from 'node:path'
export default function saveDuringTheRun() {
  return (_tree, file) => {
    fs.appendFileSync(path.resolve(file.cwd, file.path), '\\nSaved during the run.\\n')
  }
}
`
  const configuration = JSON.stringify({plugins: ['remark-preset-runbook', './editor.js']})
  const edited = Buffer.concat([missingSections, Buffer.from('\nSaved during the run.\n')])

  it('is kept by --fix, which refuses to write over it', () => {
    const directory = project({'.remarkrc.json': configuration, 'editor.js': editor, 'runbook.md': missingSections})
    const result = run(bin, ['--no-color', '--fix', 'runbook.md'], directory)
    expect(read(directory, 'runbook.md').equals(edited)).toBe(true)
    expect(result.stderr).toBe(
      'runbook.md\n1:1 error Not fixed: `runbook.md` changed on disk after it was read (an edit saved meanwhile?), and writing the fix would lose that change; nothing was written: run the fix again fix remark-runbook-fix\n\n✖ 1 error\n'
    )
    expect(result.code).toBe(1)
  })

  it('is kept by remark --use runbook-fix --output', () => {
    const directory = project({'.remarkrc.json': configuration, 'editor.js': editor, 'runbook.md': missingSections})
    const before = listing(directory)
    const result = run(remarkCli, ['--no-color', 'runbook.md', '--use', 'runbook-fix', '--output'], directory)
    expect(read(directory, 'runbook.md').equals(edited)).toBe(true)
    expect(listing(directory)).toEqual(before)
    expect(result.stderr).toContain('Not fixed: `runbook.md` changed on disk after it was read')
    expect(result.code).toBe(1)
  })
})

describe('what the fix may write', () => {
  it('leaves a file outside the folder alone, through a linked file or a linked folder, and says so', () => {
    const outside = project({'target.md': missingSections, 'folder/runbook.md': missingSections}, 'outside')
    const directory = project({'.remarkrc.json': preset, 'docs/real.md': missingSections})
    fs.symlinkSync('../../outside/target.md', path.join(directory, 'docs', 'runbook.md'))
    fs.symlinkSync('../../outside/folder', path.join(directory, 'docs', 'linked'))

    const result = run(bin, ['--no-color', '--fix', 'docs/'], directory)
    expect(read(outside, 'target.md').equals(missingSections)).toBe(true)
    expect(read(outside, 'folder/runbook.md').equals(missingSections)).toBe(true)
    expect(fs.lstatSync(path.join(directory, 'docs', 'runbook.md')).isSymbolicLink()).toBe(true)
    expect(read(directory, 'docs/real.md').toString()).toContain('### Secrets management')
    expect(result.stderr).toMatch(
      /(?:^|\n)docs\/linked\/runbook\.md\n1:1 +info +Not fixed: `runbook\.md` is reached through the symbolic link `docs\/linked` \(to `\.\.\/\.\.\/outside\/folder`\): the fix writes only files inside the paths given +fix/
    )
    expect(result.stderr).toMatch(
      /\ndocs\/runbook\.md\n1:1 +info +Not fixed: `runbook\.md` is a symbolic link \(to `\.\.\/\.\.\/outside\/target\.md`\): the fix writes only regular files, so fix the file it points to by its own path +fix/
    )
    expect(result.code).toBe(1)
  })

  it('leaves a file outside the folder alone when the linked folder itself is named, as `--fix docs/*` names it', () => {
    const outside = project({'folder/runbook.md': missingSections}, 'outside-named')
    const directory = project({'.remarkrc.json': preset, 'docs/real.md': missingSections})
    fs.symlinkSync('../../outside-named/folder', path.join(directory, 'docs', 'linked'))

    // What the shell makes of `docs/*`.
    const result = run(bin, ['--no-color', '--fix', 'docs/linked', 'docs/real.md'], directory)
    expect(read(outside, 'folder/runbook.md').equals(missingSections)).toBe(true)
    expect(read(directory, 'docs/real.md').toString()).toContain('### Secrets management')
    expect(result.stderr).toMatch(
      /(?:^|\n)docs\/linked\/runbook\.md\n1:1 +info +Not fixed: `runbook\.md` is reached through the symbolic link `docs\/linked` \(to `\.\.\/\.\.\/outside-named\/folder`\): the fix writes only files inside the paths given +fix/
    )
    expect(result.code).toBe(1)
  })

  it('never touches .git, nor a file git ignores', () => {
    const directory = project({'.remarkrc.json': preset, '.gitignore': 'generated/\n', 'runbook.md': missingSections, 'generated/runbook.md': missingSections})
    expect(spawnSync('git', ['init', '--quiet'], {cwd: directory}).status).toBe(0)
    fs.writeFileSync(path.join(directory, '.git', 'notes.md'), missingSections)

    const result = run(bin, ['--no-color', '--fix', '.'], directory)
    expect(read(directory, '.git/notes.md').equals(missingSections)).toBe(true)
    expect(read(directory, 'generated/runbook.md').equals(missingSections)).toBe(true)
    expect(read(directory, 'runbook.md').toString()).toContain('### Secrets management')
    expect(result.stderr).not.toContain('.git/')
    expect(result.stderr).toMatch(
      /(?:^|\n)generated\/runbook\.md\n1:1 +info +Not fixed: `runbook\.md` is ignored by git, and the fix changes only files that git keeps +fix/
    )
  })
})

describe('create-runbook and a symbolic link', () => {
  it('refuses a RUNBOOK.md that links out of the folder, even to nothing yet', () => {
    const outside = project({}, 'outside-create')
    const directory = project({})
    fs.symlinkSync('../outside-create/new.md', path.join(directory, 'RUNBOOK.md'))
    for (const args of [[], ['--force']]) {
      const result = run(createRunbook, args, directory)
      expect(result.stderr).toBe(
        'create-runbook: Not writing `RUNBOOK.md`: it is a symbolic link (to `../outside-create/new.md`), and a runbook is written only as a file of its own; remove the link or name another file\n'
      )
      expect(result.code).toBe(1)
      expect(listing(outside)).toEqual(['node_modules'])
    }
  })
})
