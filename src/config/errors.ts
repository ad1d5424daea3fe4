/**
 * Config errors always carry `file:line:col` so a user can jump straight to the mistake, and a load
 * reports every mistake it finds at once instead of making the user fix them one run at a time.
 */
import type { LineCounter } from 'yaml'

export class ConfigError extends Error {
  readonly file: string
  readonly line: number
  readonly col: number
  /** The message without the `file:line:col: ` prefix. */
  readonly text: string

  constructor(file: string, line: number, col: number, text: string, options?: { cause?: unknown }) {
    super(`${file}:${line}:${col}: ${text}`, options)
    this.name = 'ConfigError'
    this.file = file
    this.line = line
    this.col = col
    this.text = text
  }
}

export class ConfigErrors extends Error {
  readonly errors: ConfigError[]

  constructor(errors: ConfigError[]) {
    super(errors.map(e => e.message).join('\n'))
    this.name = 'ConfigErrors'
    this.errors = errors
  }
}

/** Gathers errors by byte offset into the text being parsed and turns offsets into 1-based line:col. */
export class ErrorCollector {
  readonly errors: ConfigError[] = []

  constructor(
    readonly file: string,
    private readonly lines?: LineCounter
  ) {}

  /** Position of an offset, 1-based; offsets past the end clamp to the last position. */
  pos(offset: number): { line: number; col: number } {
    if (!this.lines) return { line: 1, col: 1 }
    return this.lines.linePos(Math.max(0, offset))
  }

  at(offset: number, text: string, cause?: unknown): void {
    const { line, col } = this.pos(offset)
    this.errors.push(new ConfigError(this.file, line, col, text, cause === undefined ? undefined : { cause }))
  }

  atLineCol(line: number, col: number, text: string): void {
    this.errors.push(new ConfigError(this.file, line, col, text))
  }

  get count(): number {
    return this.errors.length
  }

  /** Throws every collected error, sorted by position so the output reads top to bottom. */
  throwIfAny(): void {
    if (this.errors.length === 0) return
    const sorted = [...this.errors].sort((a, b) => a.line - b.line || a.col - b.col)
    throw new ConfigErrors(sorted)
  }
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
    }
    prev = cur
  }
  return prev[b.length]
}

/**
 * The closest known word, if it is close enough to be a likely typo (distance at most a third of
 * the word, at least 1), compared case-insensitively and ignoring `_`/`-` spelling differences.
 */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/_/g, '-')
  let best: string | undefined
  let bestDist = Infinity
  for (const k of known) {
    const d = levenshtein(norm(word), norm(k))
    if (d < bestDist) {
      bestDist = d
      best = k
    }
  }
  if (best === undefined) return undefined
  return bestDist <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined
}

/** `unknown key "x" (did you mean "y"?); expected one of: …` */
export function unknownKeyMessage(key: string, known: readonly string[], where: string): string {
  const guess = didYouMean(key, known)
  const hint = guess ? ` (did you mean "${guess}"?)` : ''
  return `unknown key "${key}" in ${where}${hint}; expected one of: ${known.join(', ')}`
}
