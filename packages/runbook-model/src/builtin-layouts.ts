/**
 * The built-in layouts, as data: a runbook with no template configured is
 * checked against the one it follows most closely (see `layout.ts`), and a
 * configuration can name any of them. A new built-in layout is a definition
 * file beside these and one line here; the first wins a tie.
 */

import {alertTemplate} from './alert-template.js'
import {defaultTemplate} from './default-template.js'
import {fullTemplate} from './full-template.js'
import type {TemplateDefinition} from './template.js'

export const builtinTemplates: Readonly<Record<string, TemplateDefinition>> = {
  default: defaultTemplate,
  full: fullTemplate,
  alert: alertTemplate
}
