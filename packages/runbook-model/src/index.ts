export {defaultTemplate} from './default-template.js'
export {
  alertFieldNames,
  alertHeadingNames,
  alertNameOf,
  fileStem,
  isAlertName,
  mentions,
  nameKey,
  namesAlert,
  pageTitle,
  nameWords,
  titleCore,
  titledAfterFile,
  titleNamesAlert
} from './alert-name.js'
export {fieldLines, type FieldLine} from './field-labels.js'
export {cleanTitle, headingKeys, titleKey, withoutTrailingGroup, type HeadingKeys} from './normalize.js'
export {
  coverageThreshold,
  defaultCoverageThreshold,
  followsTemplate,
  forgetRunbook,
  getRunbook,
  distance as editDistance,
  templateCoverage,
  typoDistance,
  wordChanges,
  type Absence,
  type MatchKind,
  type Runbook,
  type SectionMatch,
  type TemplateCoverage
} from './runbook.js'
export {
  checkOptionKeys,
  coverageThresholdOf,
  failOption,
  isAutoSetting,
  ruleOptions,
  ruleSetting,
  requiredHeadingsTemplate,
  repositoryUrl,
  applyTemplateSetting,
  asNote,
  atMostWarning,
  isConfigurationError,
  isRunbookFile,
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
export {absentByChoice, missingGroup, toldMisplaced, unfilledPage} from './placement.js'
export {buildSections, flatten, type Section} from './sections.js'
export {checkedBySection, groupsSpokenOf} from './own-layout.js'
export {fieldSections, labelledPlaybooks, otherShapeOf, pageShape, templateLabels, type OtherShape, type PageShape, type SectionLabel} from './page-shape.js'
export {autoTemplate, builtinLayouts, closestLayout, isReadmeOrIndex, layoutDistance, type RunbookLayout} from './layout.js'
export {bareNotApplicable, notApplicableReason, saysNotApplicable} from './not-applicable.js'
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
  fieldValue,
  fingerprintTemplate,
  isEmphasisOnly,
  isExampleText,
  isPlaceholderValue,
  isOwnText,
  isQuestionsOnly,
  type TemplateTextKind
} from './template-text.js'
export {
  getContent,
  type FieldValue,
  type LeftoverReport,
  type Placeholder,
  type PlaceholderKind,
  type RunbookContent,
  type SectionContent
} from './content.js'
export {fullTemplate} from './full-template.js'
export {alertTemplate} from './alert-template.js'
export {
  builtin as builtinTemplate,
  builtinTemplates,
  configDirectory,
  definitionFromFile,
  deriveTemplate,
  loadTemplate,
  templateSchema,
  TemplateError,
  type TemplateObject,
  type TemplateSetting
} from './template-setting.js'
export {guidanceFor, headingSkeleton, runbookSkeleton, sectionSkeleton} from './skeleton.js'
export {
  applyFixEdits,
  editPlacer,
  levelEdit,
  planFix,
  planFixEdits,
  renameEdit,
  type FixAnchor,
  type FixEdit,
  type FixPlan,
  type RefusedInsertion
} from './fix-plan.js'
export {describeInvalidUtf8, invalidUtf8, utf16Order, type InvalidUtf8} from './encoding.js'
export {readFlat, readYaml, type FrontMatter, type FrontMatterEntry} from './front-matter.js'
export {replaceWith, temporaryPath, toWriteFileError, writeFileAtomic, WriteFileError, type WriteFileOptions} from './write-file.js'
export {oneLine} from './one-line.js'
export {maxNesting, parseCost, parseCostProblem, type ParseCost, type ParseCostProblem} from './parse-cost.js'
export {spacedReading, unspacedHeadings, type SpacedReading, type UnspacedHeading} from './unspaced-headings.js'
export {saysTopic, topicHits, wordsOf} from './topics.js'
export {causeTitles, isErrorPage} from './error-page.js'
export {isAlertCatalogue} from './catalogue.js'
