// Runs recheck on one pattern (`{source, flags, parameters}` as JSON on
// standard input) and writes its diagnostics, with the CPU time it took, as
// JSON. A process of its own, started with Node.js's default stack: recheck
// recurses deeper than the test workers' quarter stack allows.
import {createRequire} from 'node:module'
import path from 'node:path'

const [folder] = process.argv.slice(2)
const {checkSync} = createRequire(path.join(folder, 'package.json'))('./index.js')
let input = ''
for await (const chunk of process.stdin) input += chunk
const {source, flags, parameters} = JSON.parse(input)
const {status, checker, complexity, attack, error} = checkSync(source, flags, parameters)
const used = process.cpuUsage()
process.stdout.write(JSON.stringify({status, checker, complexity, attack, error, cpuSeconds: (used.user + used.system) / 1e6}))
