export {defaultTemplate} from './default-template.js'
export {cleanTitle, headingKeys, titleKey, withoutTrailingGroup, type HeadingKeys} from './normalize.js'
export {forgetRunbook, getRunbook, typoDistance, type MatchKind, type Runbook, type SectionMatch} from './runbook.js'
export {
  checkOptionKeys,
  failOption,
  repositoryUrl,
  applyTemplateSetting,
  purposeOf,
  resolveTemplate,
  ruleUrl,
  runbookOf,
  sectionName,
  templateOf,
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
  type FieldDefinition,
  type FingerprintKind,
  type TemplateField,
  type Template,
  type TemplateCustomisation,
  type TemplateDefinition,
  type TemplateSection
} from './template.js'
export {findContacts, type Contact, type ContactKind} from './contacts.js'
export {asciiNormalizedLength, fingerprint, findUrls, isAscii, maskUrls, normalizeText, trimEnd} from './text.js'
export {
  classifyTemplateBody,
  exampleInner,
  fieldLabel,
  fingerprintTemplate,
  isEmphasisOnly,
  isExampleText,
  isQuestionsOnly,
  type TemplateTextKind
} from './template-text.js'
export {getContent, type Placeholder, type PlaceholderKind, type RunbookContent, type SectionContent} from './content.js'
export {fullTemplate} from './full-template.js'
export {
  builtinTemplates,
  definitionFromFile,
  deriveTemplate,
  loadTemplate,
  templateSchema,
  TemplateError,
  type TemplateObject,
  type TemplateSetting
} from './template-setting.js'
export {guidanceFor, runbookSkeleton, sectionSkeleton} from './skeleton.js'
export {applyFixEdits, planFixEdits, type FixEdit} from './fix-plan.js'
export {readFlat, readYaml, type FrontMatter, type FrontMatterEntry} from './front-matter.js'
