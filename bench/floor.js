/**
 * The parse floor of the benchmark: `remark` with exactly the syntax
 * extensions the preset enables (front matter, YAML and TOML) and nothing
 * else. `--use remark-frontmatter` alone would enable YAML only.
 */

import remarkFrontmatter from 'remark-frontmatter'

export default {plugins: [[remarkFrontmatter, ['yaml', 'toml']]]}
