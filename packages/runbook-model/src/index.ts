export {defaultTemplate} from './default-template.js'
export {cleanTitle, headingKeys, titleKey, type HeadingKeys} from './normalize.js'
export {getRunbook, typoDistance, type MatchKind, type Runbook, type SectionMatch} from './runbook.js'
export {
  checkOptionKeys,
  failOption,
  repositoryUrl,
  resolveTemplate,
  ruleUrl,
  runbookRule,
  type RuleInfo,
  type RuleMeta,
  type RunbookRule,
  type RunbookRuleCheck
} from './rule.js'
export {buildSections, flatten, type Section} from './sections.js'
export {
  compileTemplate,
  topDepth,
  type SectionDefinition,
  type Template,
  type TemplateCustomisation,
  type TemplateDefinition,
  type TemplateSection
} from './template.js'
