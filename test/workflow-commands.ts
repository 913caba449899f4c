/**
 * The GitHub Actions runner's reading of a workflow command, ported from
 * `ActionCommand.TryParseV2` (actions/runner, src/Runner.Common/ActionCommand.cs):
 * what it decodes is what users see in the annotation.
 */

export interface ParsedCommand {
  readonly command: string
  readonly properties: Record<string, string>
  readonly data: string
}

export function parseCommand(line: string): ParsedCommand | undefined {
  const message = line.trimStart()
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const command = space < 0 ? info : info.slice(0, space)
  const properties: Record<string, string> = {}
  if (space > 0) {
    for (const property of info.slice(space + 1).trim().split(',')) {
      if (property === '') continue
      const equals = property.indexOf('=')
      // `Split('=', 2, RemoveEmptyEntries)`: a key without a value is dropped.
      if (equals <= 0 || equals === property.length - 1) continue
      properties[property.slice(0, equals)] = unescapeProperty(property.slice(equals + 1))
    }
  }
  return {command, properties, data: unescapeData(message.slice(end + 2))}
}

function unescapeData(value: string): string {
  return value.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%')
}

function unescapeProperty(value: string): string {
  return value
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%3A', ':')
    .replaceAll('%2C', ',')
    .replaceAll('%25', '%')
}

/** The commands in a step's output, one per line (the runner reads line by line). */
export function parseCommands(output: string): ParsedCommand[] {
  return output
    .split('\n')
    .map((line) => parseCommand(line))
    .filter((command) => command !== undefined)
}
