/**
 * How a page names an alert. Alert names are identifiers
 * (`KubeletDown`), and pages write them as they are, with spaces
 * (`CPU Throttling High`), or beside other words (`KubeletDown
 * [Deprecated]`); they are compared accordingly.
 */

/** A name compared without case, spaces or punctuation: `CPU Throttling High` is `CPUThrottlingHigh`. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

/** Whether `text` has `name` as a word, in any case. */
export function mentions(text: string, name: string): boolean {
  const lower = text.toLowerCase()
  const wanted = name.toLowerCase()
  if (wanted === '') return false
  for (let index = lower.indexOf(wanted); index !== -1; index = lower.indexOf(wanted, index + 1)) {
    const before = lower.charAt(index - 1)
    const after = lower.charAt(index + wanted.length)
    if (!wordCharacter.test(before) && !wordCharacter.test(after)) return true
  }
  return false
}

const wordCharacter = /[\p{L}\p{N}_]/u

/**
 * Whether a title names an alert: the same name once case, spaces and
 * punctuation are set aside, or the name as a word of it.
 */
export function namesAlert(title: string, alert: string): boolean {
  return nameKey(title) === nameKey(alert) || mentions(title, alert)
}

/** A name as Prometheus writes an alert: one word of letters, digits, `_` or `:`, with a capital letter in it. */
export function isAlertName(value: string): boolean {
  return /^[A-Za-z_:][A-Za-z0-9_:]*$/.test(value) && /[A-Z]/.test(value)
}
