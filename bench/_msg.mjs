import {VFile} from 'vfile'
function deep(n, f) { return n === 0 ? f() : deep(n - 1, f) }
for (const limit of [10, 0, 10, 0]) {
  const file = new VFile({path: 'x.md', value: 'abc'})
  const s = performance.now()
  deep(30, () => { const old = Error.stackTraceLimit; Error.stackTraceLimit = limit; for (let i = 0; i < 8000; i++) file.message('Unexpected thing ' + i, {place: {start: {line: 1, column: 1}, end: {line: 1, column: 3}}}); Error.stackTraceLimit = old })
  console.log(limit, (performance.now() - s).toFixed(1), 'ms')
}
