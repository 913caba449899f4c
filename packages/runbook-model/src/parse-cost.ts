/**
 * What a Markdown text would cost the parser (micromark, under remark), read
 * from the text in one pass before it is parsed, so that a file the parser
 * would take minutes over stops with one sentence instead. Three costs grow
 * faster than the text:
 *
 * * nesting: every line goes through each list and blockquote around it,
 *   and each of those steps grows with the depth too (a list 1,000 deep
 *   took half a minute);
 * * containers: each list or blockquote that ends before the document
 *   does makes micromark copy every event of the document so far (10,000
 *   blockquotes separated by blank lines, 150 KB, took a minute and a half;
 *   a template of 5,000 sections with a prompt each, half a minute);
 * * inline markers: in a paragraph, each `[`, `]`, `` ` ``, `\`, and each
 *   `*` or `_` that may close emphasis, starts work over the paragraph's
 *   events so far (`*a` 50,000 times, 100 KB, half a minute; `[a](` 50,000
 *   times, 16 seconds; `` \`` `` 8,000 times, 24 KB, 10 seconds).
 *
 * Lines are counted as micromark counts them (a line feed, a carriage return
 * or both end one), list items as it reads them (`-`, `*`, `+`, `1.`, `1)`
 * followed by white space or by the end of the line, an empty item). The
 * counts are estimates, on the high side (a list marker in a code block
 * counts too); the limits are far above what real documents reach: the 48
 * runbooks of our corpus and the 667 Markdown files among this project's
 * dependencies reach at most a tenth of each.
 */

/** Deeper than any runbook needs, and parsed in a fraction of a second. */
export const maxNesting = 100

/** Σ depth² over the lines: about 1.5 s of parsing for the worst shapes measured. */
const maxNestingWork = 5_000_000
/** Σ events so far at each container that closes: about 3 s of parsing. */
const maxContainerWork = 10_000_000
/** Σ markers² over the paragraphs: about 1 s of parsing. */
const maxInlineWork = 40_000_000
/** √maxInlineWork: the most markers one paragraph may hold on its own. */
const maxInlineMarkers = Math.floor(Math.sqrt(maxInlineWork))

export interface ParseCostProblem {
  /** `nesting` (too deep, or deep on too many lines), `containers` or `inline`. */
  readonly kind: 'nesting' | 'containers' | 'inline'
  /** The line to point at. */
  readonly line: number
  /** What is wrong and what is expected, to follow `Cannot lint FILE: `. */
  readonly reason: string
}

export interface ParseCost {
  readonly lines: number
  /** The deepest line: how many lists and blockquotes it is in. */
  readonly deepest: {readonly depth: number; readonly line: number}
  /** Σ depth² over the lines. */
  readonly nestingWork: number
  /** Lines inside at least one list or blockquote. */
  readonly nestedLines: number
  /** Σ, at each line that ends lists or blockquotes, of the events so far. */
  readonly containerWork: number
  /** Lines that start a list item or a blockquote. */
  readonly containers: number
  /** Σ over paragraphs (runs of non-blank lines) of the square of their inline markers. */
  readonly inlineWork: number
  readonly inlineMarkers: number
  /** The paragraph with the most inline markers. */
  readonly busiest: {readonly markers: number; readonly line: number}
}

/** The costs of parsing `value`, in one pass over it. */
export function parseCost(value: string): ParseCost {
  const length = value.length
  let lines = 0
  let deepest = {depth: 0, line: 1}
  let nestingWork = 0
  let nestedLines = 0
  let events = 0
  let containerWork = 0
  let containers = 0
  let previousDepth = 0
  let openDepth = 0
  let openAfterBlank = 0
  let previousBlank = true
  let inlineWork = 0
  let inlineMarkers = 0
  let markersHere = 0
  let paragraphLine = 1
  let busiest = {markers: 0, line: 1}
  let inParagraph = false
  let index = value.charCodeAt(0) === 0xfe_ff ? 1 : 0
  const frontMatterEnd = frontMatter(value, index)

  for (;;) {
    lines++
    let end = index
    while (end < length) {
      const code = value.charCodeAt(end)
      if (code === 10 || code === 13) break
      end++
    }

    // The container prefix: `>` and list markers, one level each, and the
    // white space around them but for the spaces they take, two columns a
    // level (a list item's content is indented at least that much). A line continues at most the containers
    // open on the line before it (blank lines aside), and opens one per
    // marker: it is never counted less deep than the parser makes it (a
    // property test checks), sometimes deeper.
    let at = index
    let columns = 0
    let markers = 0
    let listMarker = false
    // The depth before the line's first `>`: a blank line ends a blockquote
    // and what is in it, and keeps the lists around it.
    let outsideQuote = -1
    while (at < end) {
      const code = value.charCodeAt(at)
      if (code === 32) {
        columns++
        at++
      } else if (code === 9) {
        columns += 4 - (columns % 4)
        at++
      } else if (code === 62 /* `>` */) {
        if (outsideQuote === -1) outsideQuote = levels(columns, markers, openDepth)
        markers++
        at++
        // The space a blockquote marker takes.
        if (value.charCodeAt(at) === 32) at++
      } else if ((code === 45 || code === 42 || code === 43) /* `-*+` */ && isSpaceOrEnd(value, at + 1, end)) {
        markers++
        listMarker = true
        at = afterListMarker(value, at + 1, end)
      } else if (code >= 48 && code <= 57) {
        let digits = at
        while (digits < end && digits - at < 9 && isDigit(value.charCodeAt(digits))) digits++
        const after = value.charCodeAt(digits)
        if (!((after === 46 || after === 41) /* `.` `)` */ && isSpaceOrEnd(value, digits + 1, end))) break
        markers++
        listMarker = true
        at = afterListMarker(value, digits + 1, end)
      } else break
    }
    const blank = at >= end && markers === 0
    const depth = blank ? openAfterBlank : levels(columns, markers, openDepth)
    if (blank) {
      openDepth = openAfterBlank
    } else {
      // A line after another may be a lazy continuation, which ends no
      // container whatever its indentation; after a blank line, it is not.
      openDepth = previousBlank ? depth : Math.max(openDepth, depth)
      openAfterBlank = outsideQuote === -1 ? openDepth : outsideQuote
    }
    previousBlank = blank

    if (depth > deepest.depth) deepest = {depth, line: lines}
    if (depth > 0) nestedLines++
    nestingWork += depth * depth
    events += 2 + 2 * depth
    if (markers > 0) containers++
    if (depth < previousDepth) containerWork += events
    previousDepth = depth

    // A list item and a heading start inline content of their own; front
    // matter has none.
    const heading = value.charCodeAt(at) === 35 /* `#` */
    if (blank || listMarker || heading || index < frontMatterEnd) endParagraph()
    if (!blank && index >= frontMatterEnd) {
      if (!inParagraph) {
        inParagraph = true
        paragraphLine = lines
      }
      markersHere += inlineMarkersIn(value, at, end)
      if (heading) endParagraph()
    }

    if (end >= length) break
    index = end + (value.charCodeAt(end) === 13 && value.charCodeAt(end + 1) === 10 ? 2 : 1)
  }
  endParagraph()

  return {lines, deepest, nestingWork, nestedLines, containerWork, containers, inlineWork, inlineMarkers, busiest}

  function endParagraph(): void {
    inlineWork += markersHere * markersHere
    inlineMarkers += markersHere
    if (markersHere > busiest.markers) busiest = {markers: markersHere, line: paragraphLine}
    markersHere = 0
    inParagraph = false
  }
}

/**
 * What would make the parser take too long over `value`, in words, or
 * `undefined` when nothing would.
 */
export function parseCostProblem(value: string): ParseCostProblem | undefined {
  const cost = parseCost(value)
  const {deepest} = cost
  if (deepest.depth > maxNesting) {
    return {
      kind: 'nesting',
      line: deepest.line,
      reason: `line ${deepest.line} nests lists or blockquotes ${deepest.depth} levels deep, expected at most ${maxNesting}`
    }
  }

  if (cost.nestingWork > maxNestingWork) {
    const average = Math.round(Math.sqrt(cost.nestingWork / cost.nestedLines))
    const allowed = Math.max(1, Math.floor(Math.sqrt(maxNestingWork / cost.nestedLines)))
    return {
      kind: 'nesting',
      line: deepest.line,
      reason: `its ${count(cost.nestedLines)} lines in lists or blockquotes are nested ${count(average)} levels deep on average (${count(deepest.depth)} at line ${deepest.line}), more than the Markdown parser reads in reasonable time (its time grows with the square of the depth, line by line), expected at most ${count(allowed)} on average in a file this long`
    }
  }

  if (cost.containerWork > maxContainerWork) {
    return {
      kind: 'containers',
      line: 1,
      reason: `its ${count(cost.containers)} list items and blockquotes in ${count(cost.lines)} lines are more than the Markdown parser reads in reasonable time (its time grows with their number times the length of the file), expected fewer in one file`
    }
  }

  if (cost.inlineWork > maxInlineWork) {
    const {busiest} = cost
    const markers = 'emphasis, link or code markers (`*`, `_`, `[`, `]`, `` ` ``, `\\`)'
    const tooLong = 'more than the Markdown parser reads in reasonable time (its time grows with the square of their number in a paragraph)'
    return {
      kind: 'inline',
      line: busiest.line,
      reason:
        busiest.markers > maxInlineMarkers
          ? `the paragraph at line ${busiest.line} holds ${count(busiest.markers)} ${markers}, ${tooLong}, expected at most ${count(maxInlineMarkers)}`
          : `its paragraphs hold ${count(cost.inlineMarkers)} ${markers}, ${count(busiest.markers)} of them in the one at line ${busiest.line}, ${tooLong}, expected fewer in one file`
    }
  }

  return undefined
}

/**
 * Where YAML (`---`) or TOML (`+++`) front matter at `start` ends (after its
 * closing fence's line ending), or `start` when there is none: a fence never
 * closed is a thematic break, and what follows is Markdown.
 */
function frontMatter(value: string, start: number): number {
  const fence = value.slice(start, start + 3)
  if (fence !== '---' && fence !== '+++') return start
  let index = start
  let first = true
  while (index < value.length) {
    let end = index
    while (end < value.length && value.charCodeAt(end) !== 10 && value.charCodeAt(end) !== 13) end++
    let trimmed = end
    while (trimmed > index && (value.charCodeAt(trimmed - 1) === 32 || value.charCodeAt(trimmed - 1) === 9)) trimmed--
    const isFence = trimmed - index === 3 && value.startsWith(fence, index)
    const next = end + (value.charCodeAt(end) === 13 && value.charCodeAt(end + 1) === 10 ? 2 : 1)
    if (first) {
      if (!isFence || end >= value.length) return start
      first = false
    } else if (isFence) {
      return Math.min(next, value.length)
    }
    index = next
  }
  return start
}

/**
 * Past the spaces a list marker takes (one to four: its content's offset),
 * from `at`, just after the marker; five or more are one and an indented
 * code block.
 */
function afterListMarker(value: string, at: number, end: number): number {
  let spaces = 0
  while (at + spaces < end && value.charCodeAt(at + spaces) === 32) spaces++
  return at + (spaces > 4 ? 1 : spaces)
}

/** The depth of a line prefix of `columns` of white space and `markers` markers, after a line `open` deep. */
function levels(columns: number, markers: number, open: number): number {
  return Math.min(Math.floor(columns / 2), open) + markers
}

function isWhiteSpace(code: number): boolean {
  return code === 32 || code === 9
}

/** ASCII letters and digits, and anything past ASCII (letters, mostly: counting more is safe). */
function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127
}

function isSpaceOrEnd(value: string, index: number, end: number): boolean {
  if (index >= end) return true
  const code = value.charCodeAt(index)
  return code === 32 || code === 9
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/**
 * The markers between `start` and `end` that make the parser go back over
 * a paragraph's events: `[`, `]`, `` ` ``, `\`, and a run of `*` or `_`
 * that may close emphasis (one after something else than white space: a
 * run after white space only opens, and costs nothing until a closer).
 */
function inlineMarkersIn(value: string, start: number, end: number): number {
  let found = 0
  let previous = 32
  for (let index = start; index < end; index++) {
    const code = value.charCodeAt(index)
    if (code === 91 || code === 93 || code === 96 || code === 92) found++
    else if (code === 42 && previous !== 42 && !isWhiteSpace(previous)) found++
    // `_` inside a word neither opens nor closes.
    else if (code === 95 && previous !== 95 && !isWhiteSpace(previous) && !isWordCharacter(value.charCodeAt(index + 1))) found++
    previous = code
  }
  return found
}

function count(value: number): string {
  return value.toLocaleString('en-US')
}
