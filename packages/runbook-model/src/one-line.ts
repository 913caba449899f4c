/**
 * Text from a configuration, the command line or a file name, made safe to
 * print inside one line of a command's output: control characters, line
 * separators and the bidirectional overrides that reorder what a reader sees
 * are shown escaped (`\n`, `\u001B`, `\u202E`). A value can then never
 * start a line of its own, which in a GitHub Actions job would be a
 * workflow command when it starts with `::` (`::warning file=…::`,
 * `::stop-commands::`), nor move the cursor or retitle a terminal. The
 * runner's older form of a command, `##[error]…`, counts anywhere in a line:
 * it is written `##\[`.
 */

const named: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'}

export function oneLine(text: string): string {
  return text
    .replace(
      /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
      (character) => named[character] ?? `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
    )
    .replaceAll('##[', '##\\[')
}
