/**
 * A catalogue of alert playbooks: one file holding a playbook per alert,
 * each a section of its own (`### KubePodCrashLooping`, `## Runbook: Queue
 * backlog` with its `Symptoms`, `Investigation` and `Mitigation`), often
 * under an `## Alerts` group. Read as one alert page, it would lack an
 * `Impact` and repeat its `Mitigation`; each playbook is a page of its own
 * in the team's words, and the file's structure is left alone.
 */

import {titleTextSaysAlert} from './alert-name.js'
import type {Section} from './sections.js'
import {isAsideTitle, type Template, type TemplateSection} from './template.js'

/** Whether a page holds the playbooks of two alerts or more, each in a section of its own. */
export function isAlertCatalogue(root: Section, template: Template): boolean {
  return playbooksOf(root, template).length >= 2
}

/**
 * Whether the playbooks of a page (two or more) are all kept a level below
 * its top-level sections (`## Alerts`, then `### High error rate` with its
 * `#### Meaning` and `#### Mitigation`): the alerts chapter of a service's
 * runbook, not a page of alerts.
 */
export function inAlertsChapter(root: Section, template: Template): boolean {
  const playbooks = playbooksOf(root, template)
  if (playbooks.length < 2) return false
  // The outline's top: the shallowest heading under a lone `#` title.
  const headings: Section[] = []
  const collect = (section: Section): void => {
    if (section.heading) headings.push(section)
    for (const child of section.children) collect(child)
  }
  collect(root)
  const titles = headings.filter((section) => section.depth === 1).length
  let top = 7
  for (const section of headings) if (!(titles === 1 && section.depth === 1)) top = Math.min(top, section.depth)
  return playbooks.every((section) => section.depth > top)
}

function playbooksOf(root: Section, template: Template): Section[] {
  const playbooks: Section[] = []
  const visit = (section: Section): void => {
    // Alerts named under `Related alerts` are links, not playbooks.
    if (isAsideTitle(section.key)) return
    if (section.heading && section.depth > 1 && isPlaybook(section, template)) {
      playbooks.push(section)
      return
    }
    for (const child of section.children) visit(child)
  }
  visit(root)
  return playbooks
}

/**
 * A section that is one alert's playbook: titled with the alert's name
 * (`KubePodCrashLooping`, `Alert: Disk full`) and saying something, or
 * holding two sections of an alert page or more (`Symptoms`, `Mitigation`)
 * under a title that is none of them or their aliases (`Runbook: Queue
 * backlog`).
 */
function isPlaybook(section: Section, template: Template): boolean {
  if (titleTextSaysAlert(section.title) && (section.body.length > 0 || section.children.length > 0)) return true
  // `## Response` holding the checks and the fix is one page's section.
  if (template.find(section.title)) return false
  const entries = new Set<TemplateSection>()
  for (const child of section.children) {
    // By title or alias: words alone (`Step 1: Quality checks`) are any procedure's.
    const entry = template.find(child.title)
    if (entry) entries.add(entry)
  }
  return entries.size >= 2
}
