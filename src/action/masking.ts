/**
 * Masking secrets before anything can print them. Apart from context.ts so the rules (which YAML
 * values are secret, line-by-line masks, broken YAML) are plain functions of text and a variable
 * map; context.ts calls them on what it read, first thing.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml'

/** Masks a secret whole and line by line: the runner matches masks within one line. */
export function maskSecret(value: string, mask: (secret: string) => void, seen = new Set<string>()): void {
  for (const v of [value, ...value.split(/\r?\n/)]) {
    const t = v.trim()
    if (t === '' || seen.has(t)) continue
    seen.add(t)
    mask(t)
  }
}

/**
 * Masks every value in the credentials YAML except usernames, before any parsing error can echo a
 * line. Works on broken YAML too: the line scan catches what the lenient parse could not place.
 */
export function maskCredentialValues(
  text: string,
  mask: (secret: string) => void,
  env: NodeJS.ProcessEnv = {}
): void {
  if (text.trim() === '') return
  const seen = new Set<string>()
  const add = (value: string): void => maskSecret(value, mask, seen)
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false })
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.value)) return
      const key = isScalar(pair.key) ? String(pair.key.value) : ''
      const value = pair.value.value
      // A variable's name is not secret; the password it holds is.
      if (key === 'password-env' && typeof value === 'string') add(env[value] ?? '')
      else if (key !== 'username' && key !== 'username-env' && value != null) add(String(value))
    },
    Seq(_, seq) {
      if (!isSeq(seq)) return
      for (const item of seq.items) if (isScalar(item) && item.value != null) add(String(item.value))
    }
  })
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    for (const line of text.split(/\r?\n/)) {
      const m = /^\s*(?:-\s+)?(["']?)([^:"'#]*)\1\s*:\s*(.*?)\s*$/.exec(line)
      const value = m ? m[3] : line.trim()
      const key = m?.[2].trim()
      if (key === 'password-env') add(env[value.replace(/^(["'])(.*)\1$/, '$2')] ?? '')
      if (!value || key === 'username' || key?.endsWith('-env') || value === '|' || value === '>') continue
      add(value.replace(/^(["'])(.*)\1$/, '$2'))
    }
  }
}
