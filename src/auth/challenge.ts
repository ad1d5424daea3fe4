/**
 * `WWW-Authenticate` parsing (RFC 9110 §11.6.1): several challenges in one header, quoted strings
 * with commas and backslash escapes, token68. Registries send odd headers; the parser never throws
 * and always terminates (every loop iteration consumes input).
 */

export interface Challenge {
  /** Lower-cased auth scheme: `basic`, `bearer`, … */
  scheme: string
  /** Parameter names lower-cased; values unquoted and unescaped. */
  params: Record<string, string>
  token68?: string
}

// RFC 9110 tchar, as a lookup table: the parser is on every 401's path and fuzzed.
const TCHAR = new Uint8Array(128)
for (const c of "!#$%&'*+.^_`|~-") TCHAR[c.charCodeAt(0)] = 1
for (let i = 48; i < 58; i++) TCHAR[i] = 1
for (let i = 65; i < 91; i++) TCHAR[i] = TCHAR[i + 32] = 1
const isTchar = (code: number): boolean => code < 128 && TCHAR[code] === 1
const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13
const MAX_HEADER = 16 * 1024

export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  if (header === undefined) return []
  if (Array.isArray(header)) return header.flatMap(h => parseChallenges(h))
  const s = String(header).slice(0, MAX_HEADER)
  const out: Challenge[] = []
  const p = new Parser(s)
  let current: Challenge | undefined
  while (!p.done()) {
    p.skipWhile(c => isSpace(c) || c === 44)
    if (p.done()) break
    const start = p.pos
    const name = p.token()
    if (name === '') {
      p.pos++ // junk character: drop it
      continue
    }
    p.skipWhile(isSpace)
    const fresh =
      current !== undefined && current.token68 === undefined && isEmpty(current) && !precededByComma(s, start)
    if (p.peek() === '=') {
      let eq = 0
      while (p.peek() === '=') {
        eq++
        p.pos++
      }
      if (current && eq === 1) {
        p.skipWhile(isSpace)
        const value = p.peek() === '"' ? p.quoted() : p.bare()
        const key = name.toLowerCase()
        if (!(key in current.params)) current.params[key] = value
      } else if (current && fresh) {
        current.token68 = name + '='.repeat(eq) // `Negotiate abc==`
      }
      continue
    }
    if (current && fresh) {
      current.token68 = name
      continue
    }
    current = { scheme: name.toLowerCase(), params: Object.create(null) as Record<string, string> }
    out.push(current)
  }
  // Plain objects for callers (no null prototype surprises in tests/JSON).
  return out.map(c => ({ ...c, params: { ...c.params } }))
}

function isEmpty(c: Challenge): boolean {
  for (const _ in c.params) return false
  return true
}

function precededByComma(s: string, pos: number): boolean {
  let i = pos - 1
  while (i >= 0 && isSpace(s.charCodeAt(i))) i--
  return i >= 0 && s[i] === ','
}

class Parser {
  pos = 0
  constructor(private readonly s: string) {}
  done(): boolean {
    return this.pos >= this.s.length
  }
  peek(): string | undefined {
    return this.s[this.pos]
  }
  skipWhile(f: (code: number) => boolean): void {
    while (this.pos < this.s.length && f(this.s.charCodeAt(this.pos))) this.pos++
  }
  token(): string {
    const start = this.pos
    this.skipWhile(isTchar)
    return this.s.slice(start, this.pos)
  }
  /** An unquoted value: lenient (URLs unquoted happen), up to a comma or whitespace. */
  bare(): string {
    const start = this.pos
    this.skipWhile(c => c !== 44 && c !== 34 && !isSpace(c))
    return this.s.slice(start, this.pos)
  }
  /** A quoted-string; an unterminated one runs to the end of the header. */
  quoted(): string {
    this.pos++ // opening quote
    let out = ''
    while (this.pos < this.s.length) {
      const c = this.s[this.pos++]!
      if (c === '"') return out
      if (c === '\\' && this.pos < this.s.length) out += this.s[this.pos++]
      else out += c
    }
    return out
  }
}

/** The first challenge with `scheme` (lower-case), if any. */
export function findChallenge(challenges: Challenge[], scheme: string): Challenge | undefined {
  return challenges.find(c => c.scheme === scheme)
}
