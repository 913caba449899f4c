import fs from 'node:fs'
import path from 'node:path'
import {secretAnchors} from 'remark-lint-runbook-no-secrets'
const corpus = '/work/main/.bench/corpus'
const files = fs.readdirSync(corpus).sort().map((name) => fs.readFileSync(path.join(corpus, name), 'utf8'))
const src = Object.values(secretAnchors).filter(Boolean).join('|')
const variants = {
  ci: (re => t => re.test(t))(new RegExp(src, 'i')),
  cs: (re => t => re.test(t))(new RegExp(src)),
  lowerThenCs: (re => t => re.test(t.toLowerCase()))(new RegExp(src.toLowerCase().replace(/\\d/g, '\\d').replace(/\\w/g,'\\w'))),
  each: (res => t => res.some(r => r.test(t)))(Object.values(secretAnchors).filter(Boolean).map(s => new RegExp(s, 'i'))),
}
for (const [name, f] of Object.entries(variants)) {
  let n = 0; const s = performance.now(); for (let k = 0; k < 3; k++) for (const t of files) n += f(t) ? 1 : 0
  console.log(name, ((performance.now() - s) / 3).toFixed(1), 'ms', n / 3)
}
