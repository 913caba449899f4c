/**
 * Whether a sentence says what breaks: that something fails, stops, is
 * lost, cannot be done or is no longer done (`Pushes fail`, `the database
 * goes read-only`, `Builds are not processed`). An alert page that says so
 * in its first words, its symptoms or its context has said its impact,
 * whatever the section is called.
 *
 * The condition the alert fires on is not what breaks: `This alert fires
 * when the backup job fails` says when it fires, and a metric's name
 * (`error rate`, `failed jobs count`) is a measure, not a failure.
 */

// Each word as the page may write it: the failure, and who suffers it.
const breakingWords = new Set([
  'fail',
  'fails',
  'failed',
  'failing',
  'failure',
  'failures',
  'error',
  'errors',
  'erroring',
  'errored',
  'break',
  'breaks',
  'broke',
  'broken',
  'stop',
  'stops',
  'stopped',
  'halt',
  'halts',
  'halted',
  'crash',
  'crashes',
  'crashed',
  'hang',
  'hangs',
  'freeze',
  'freezes',
  'frozen',
  'drop',
  'drops',
  'dropped',
  'reject',
  'rejects',
  'rejected',
  'refuse',
  'refuses',
  'refused',
  'blocked',
  'lose',
  'loses',
  'losing',
  'corrupt',
  'corrupted',
  'corruption',
  'read-only',
  'readonly',
  'timeout',
  'throttled',
  'missed',
  'unprocessed',
  'undelivered',
  'unanswered',
  // The same in the languages alert pages are written in besides English:
  // things that fail, are lost or refused (not the nouns a measure is named
  // after: `taux d'erreur`, `tasa de fallos`).
  'fallan',
  'fallando',
  'pierden',
  'perdem',
  'perdent',
  'caído',
  'caída',
  'perdidos',
  'perdidas',
  'rechazados',
  'rechazadas',
  'falham',
  'falhando',
  'rejeitados',
  'rejeitadas',
  'échoue',
  'échouent',
  'perdus',
  'perdues',
  'rejetés',
  'rejetées',
  'refusées',
  'refusés',
  'bloqués',
  'bloquées',
  'fehlschlagen',
  'verloren',
  'abgelehnt',
  'blockiert',
  'falliscono',
  'fallisce',
  'persi',
  'rifiutate',
  'rifiutati',
  'bloccati',
  'bloccate'
])

// `not processed`, `can't log in`, `no longer delivered`, `is down`, `times out`.
// In other languages: `no pueden`, `não conseguem`, `ne peuvent plus`,
// `n'est plus`, `nicht mehr`, `können nicht`, `non riescono`, `fora do ar`.
const breakingPhrase =
  /(?<![\p{L}\p{N}])(?:no\s+(?:pueden|puede|funciona|funcionan|responde|responden|llegan|se\s+procesan)|não\s+(?:conseguem|consegue|funciona|funcionam|são|é|chegam)|fora\s+do\s+ar|ne\s+(?:peuvent|peut|sont|est|fonctionne|fonctionnent|reçoivent|reçoit)\s+(?:plus|pas)|n['’](?:est\s+plus|arrivent\s+(?:plus|pas)|arrive\s+(?:plus|pas))|nicht\s+mehr|(?:können|kann)\s+nicht|non\s+(?:possono|può|riescono|funziona|funzionano|ricevono|vengono))(?![\p{L}\p{N}])|\b(?:(?:is|are|will|would|can|could|does|get|gets|be)\s+(?:not|no longer|never)\b|(?<=[\p{L}\p{N}]\s{1,4})(?:do\s+not|don't)\b|(?:can't|cannot|won't|doesn't|isn't|aren't|couldn't|wouldn't)\b|no longer\b|(?:gets?|receives?|sees?|has|have)\s+no\b|(?:is|are|goes|go|went|be|being)\s+down\b|times?\s+out\b|timed\s+out\b|piles?\s+up\b)/iu

// Where the alert's condition is said: up to the end of its clause.
const firingClause =
  /\b(?:fires?|firing|fired|triggers?|triggered|triggering|is raised|goes off|se dispara|dispara|disparado|se activa|se déclenche|déclenchée?|wird ausgelöst|ausgelöst|scatta|viene attivato)(?![\p{L}\p{N}])[^.;,]{0,300}/giu
// A measure named after failures: `error rate`, `failed requests count`.
const measure = /\b(?:error|errors|failure|failures|failed|dropped|rejected)(?:\s[\p{L}-]{1,30})?\s+(?:rate|ratio|budget|count|counter|percentage|threshold|total)s?\b/giu

const wordSeparator = /[^\p{L}\p{N}'’-]+/u

/**
 * Whether `sentence` says that something breaks (see above), or uses one of
 * `words` (who suffers it: `users`, `customers`; or how: `unavailable`),
 * in the alert's condition too (`fires when users cannot log in`).
 */
export function saysWhatBreaks(sentence: string, words: ReadonlySet<string> = new Set()): boolean {
  if (wordsOf(sentence).some((word) => words.has(word))) return true
  const text = sentence.replace(firingClause, ' ').replace(measure, ' ')
  return breakingPhrase.test(text) || wordsOf(text).some((word) => breakingWords.has(word))
}

/**
 * Whether a title says in a clause that something breaks (`Search is
 * down`, `Builds are not processed`): a title of nouns (`Payment errors`)
 * names a subject, not what it does to anyone.
 */
export function titleSaysWhatBreaks(title: string): boolean {
  return breakingPhrase.test(title.replace(firingClause, ' '))
}

/** A sentence's words, lower case, a hyphen kept inside a word (`non-user` is not `user`). */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(wordSeparator).map(withoutOuterMarks)
}

/**
 * `word` without the apostrophes and hyphens around it. Scanned, not
 * matched: a pattern for the marks at its end is tried from each mark of a
 * long run, and reads the rest of the run each time.
 */
function withoutOuterMarks(word: string): string {
  let start = 0
  let end = word.length
  while (start < end && outerMarks.has(word[start]!)) start++
  while (end > start && outerMarks.has(word[end - 1]!)) end--
  return word.slice(start, end)
}

const outerMarks = new Set(["'", '’', '-'])
