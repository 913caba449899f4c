/**
 * Lints this repository's own documentation (readmes, docs). Runbook
 * fixtures are deliberately broken and are ignored in `.remarkignore`.
 */

import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkPresetLintRecommended from 'remark-preset-lint-recommended'

const config = {
  plugins: [remarkFrontmatter, remarkGfm, remarkPresetLintRecommended]
}

export default config
