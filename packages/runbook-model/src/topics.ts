/**
 * A section's vocabulary (see `SectionDefinition.topics`) read against
 * headings and text: which of its words a text says.
 */

const wordSeparator = /[^\p{L}\p{N}]+/u
// Text is read up to here: a section's subject is said early, and a long
// text costs no more than this.
const maxText = 20_000

/** The lower-case words of a text (of its first 20,000 characters). */
export function wordsOf(text: string): string[] {
  return text.slice(0, maxText).toLowerCase().split(wordSeparator).filter((word) => word !== '')
}

/**
 * Whether `words` say `topic`: a word of five letters or more also stands
 * for the words it starts (`depend`: `dependencies`), a shorter one for
 * itself and its plural (`sla`, `slas`); a topic of several words is a
 * phrase (`on call`).
 */
export function saysTopic(words: ReadonlyArray<string>, topic: string): boolean {
  const parts = topic.split(wordSeparator).filter((part) => part !== '')
  if (parts.length === 0) return false
  for (let index = 0; index + parts.length <= words.length; index++) {
    let all = true
    for (const [offset, part] of parts.entries()) {
      if (!saysWord(words[index + offset]!, part)) {
        all = false
        break
      }
    }
    if (all) return true
  }
  return false
}

function saysWord(word: string, topic: string): boolean {
  if (word === topic || word === topic + 's' || word === topic + 'es') return true
  return topic.length >= 5 && word.startsWith(topic)
}

/** How many of a vocabulary's topics `words` say. */
export function topicHits(words: ReadonlyArray<string>, topics: ReadonlyArray<string>): number {
  let hits = 0
  for (const topic of topics) if (saysTopic(words, topic)) hits++
  return hits
}
