/**
 * A troubleshooting page for one error message: `# Error: "x509:
 * certificate signed by unknown authority"`, or a page of `Symptoms`,
 * `Cause` and `Solution` under a title that names no alert. Such pages are
 * a family of their own: what fails, why, and the fix. The error is their
 * impact, and the cause their diagnosis: asking them for an `Impact`
 * section, or for checks in the `Cause`, tells the owner nothing.
 */

import {titleTextSaysAlert} from './alert-name.js'
import type {Section} from './sections.js'

// `Error: …`, `Issue: …`, `Troubleshooting …`, `How to fix …`, or an error
// quoted in the title. Bounded: a quote without its end is tried over 200 characters.
const errorTitle = /^(?:(?:error|exception|issue|problem|known issue)\s{0,3}[:\-–—]|troubleshoot(?:ing)?\b|how to (?:fix|resolve|solve)\b|fixing\b|resolving\b)|["“][^"”\n]{3,200}["”]/i

/** Titles of a section that says why the error happens. */
export const causeTitles: ReadonlySet<string> = new Set(['cause', 'causes', 'root cause', 'root causes', 'reason', 'reasons', 'why it happens'])
const fixTitles = new Set(['solution', 'solutions', 'resolution', 'fix', 'fixes', 'how to fix', 'workaround', 'workarounds', 'remedy'])
// A page that says what an alert means, or what it does to users, is an alert's.
const alertTitles = new Set(['meaning', 'impact', 'description', 'summary', 'overview', 'alert', 'alert details'])

/** Whether a page (its sections, the title first) is a troubleshooting page for one error message. */
export function isErrorPage(sections: ReadonlyArray<Section>): boolean {
  const title = sections.find((section) => section.depth === 1)
  if (title && titleTextSaysAlert(title.title)) return false
  if (sections.some((section) => alertTitles.has(section.key))) return false
  if (title && (errorTitle.test(title.title) || title.heading?.children.some((child) => child.type === 'inlineCode'))) return true
  return sections.some((section) => causeTitles.has(section.key)) && sections.some((section) => fixTitles.has(section.key))
}
