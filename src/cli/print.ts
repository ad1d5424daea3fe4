/**
 * How the CLI prints lines that may hold remote text (tag and repository names, registry errors).
 * On a terminal, control characters are shown as escapes: an escape sequence from a registry must
 * not recolour, retitle or clear the user's terminal, nor a line break fake a line of ours. In a
 * GitHub Actions job (GITHUB_ACTIONS=true) the runner reads our stdout and stderr for workflow
 * commands, so each line also passes commandSafe. Elsewhere (a pipe, a file) text is written as is.
 */
import { commandSafe, terminalSafe } from '../report/index.js'

export interface OutStream {
  write(text: string): unknown
  isTTY?: boolean
}

/** The neutraliser for lines written to a stream with this TTY-ness, in this environment. */
export function printable(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env
): (line: string) => string {
  const tty = stream.isTTY === true
  const actions = env.GITHUB_ACTIONS === 'true'
  return line => {
    const shown = tty ? terminalSafe(line) : line
    return actions ? commandSafe(shown) : shown
  }
}

/** The text of `lines`, each made printable and ended by '\n'. */
export function linesFor(stream: { isTTY?: boolean }, lines: string[]): string {
  const safe = printable(stream)
  return lines.map(l => `${safe(l)}\n`).join('')
}

export function writeLines(stream: OutStream, ...lines: string[]): void {
  stream.write(linesFor(stream, lines))
}
