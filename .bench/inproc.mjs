import fs from 'node:fs'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkLint from 'remark-lint'
import remarkParse from 'remark-parse'
import remarkPresetRunbook, {rules} from 'remark-preset-runbook'
import {unified} from 'unified'
import {VFile} from 'vfile'
const corpus = '/work/main/.bench/corpus'
const files = fs.readdirSync(corpus).sort().map((name) => ({path: name, value: fs.readFileSync(path.join(corpus, name), 'utf8')}))
const which = process.argv[2] || 'preset'
const fm = [remarkFrontmatter, ['yaml','toml']]
const byId = Object.fromEntries(rules.map(r => [(Array.isArray(r)?r[0]:r).info?.ruleId ?? 'x', r]))
let plugins
if (which === 'floor') plugins = [fm]
else if (which === 'lint') plugins = [fm, remarkLint]
else if (which === 'preset') plugins = [remarkPresetRunbook]
else plugins = [fm, remarkLint, ...which.split(',').map(id => byId[id] ?? (() => { throw new Error('no ' + id + ' in ' + Object.keys(byId)) })())]
const processor = unified().use(remarkParse).use(plugins).freeze()
async function pass() {
  let p = 0, r = 0
  for (const file of files) { const v = new VFile(file); let s = performance.now(); const t = processor.parse(v); p += performance.now() - s; s = performance.now(); await processor.run(t, v); r += performance.now() - s }
  return [p, r]
}
const n = Number(process.argv[3] || 3)
const out = []
for (let i = 0; i < n; i++) out.push((await pass()).map(x => x.toFixed(0)).join('+'))
console.log(which.padEnd(30), out.join('  '))
