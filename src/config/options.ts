/** Copy options shared by `defaults` and image entries: platforms, verify, referrers, … */
import { formatPlatform, parsePlatform, type Platform } from '../oci/index.js'
import { tagPatternError } from './filters.js'
import type { Entry, NodeReader } from './nodes.js'
import { MAX_IMAGE_TIMEOUT_MS, parseDuration } from './registries.js'
import { OVERWRITE_POLICIES, type EntryOptions, type Overwrite } from './types.js'

/** Option keys as written in YAML, in the order the docs list them. */
export const OPTION_KEYS = [
  'platforms',
  'verify',
  'referrers',
  'attestations',
  'foreign-layers',
  'convert',
  'max-age',
  'min-age',
  'overwrite',
  'prune',
  'keep',
  'prune-limit',
  'image-timeout',
  // Read by signatures.ts: its key paths need the config file's folder.
  'signatures'
] as const

/** `7`, `1.5` (days) or `12h`, `7d`, `2w`. */
export function parseMaxAge(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([hdw]?)$/.exec(s.trim())
  if (!m) return undefined
  const n = Number(m[1])
  const days = m[2] === 'h' ? n / 24 : m[2] === 'w' ? n * 7 : n
  return days > 0 ? days : undefined
}

/** Reads whichever option keys are present in `known`; absent keys stay absent (defaults merge later). */
export function readOptions(r: NodeReader, known: Map<string, Entry>, where: string): Partial<EntryOptions> {
  const out: Partial<EntryOptions> = {}
  const p = known.get('platforms')
  if (p) {
    const platforms = readPlatforms(r, p, `${where}.platforms`)
    if (platforms) out.platforms = platforms
  }
  const flag = (key: string, set: (v: boolean) => void): void => {
    const e = known.get(key)
    if (!e) return
    const v = r.bool(e, `${where}.${key}`)
    if (v !== undefined) set(v)
  }
  flag('verify', v => (out.verify = v))
  flag('referrers', v => (out.referrers = v))
  flag('attestations', v => (out.keepAttestations = v))
  flag('foreign-layers', v => (out.includeForeignLayers = v))
  const convert = known.get('convert')
  if (convert) {
    const v =
      r.kind(convert.value) === 'boolean'
        ? String(r.text(convert.value)).toLowerCase()
        : r.text(convert.value)
    if (v === 'docker') out.convertToDocker = true
    else if (v === 'false' || v === 'none') out.convertToDocker = false
    else r.typeError(convert, `${where}.convert`, '"docker" or false')
  }
  const age = (key: string, set: (days: number) => void): void => {
    const e = known.get(key)
    if (!e) return
    const k = r.kind(e.value)
    const days = k === 'number' || k === 'string' ? parseMaxAge(r.text(e.value) ?? '') : undefined
    if (days === undefined) r.typeError(e, `${where}.${key}`, 'a positive age like 7 (days), 12h, 7d or 2w')
    else set(days)
  }
  age('max-age', d => (out.maxAgeDays = d))
  age('min-age', d => (out.minAgeDays = d))
  const deadline = known.get('image-timeout')
  if (deadline) {
    const k = r.kind(deadline.value)
    const ms =
      k === 'number' || k === 'string'
        ? parseDuration(r.text(deadline.value) ?? '', MAX_IMAGE_TIMEOUT_MS)
        : undefined
    if (ms === undefined)
      r.typeError(deadline, `${where}.image-timeout`, 'a duration like 30m, 2h or 90s (at most 24h)')
    else out.imageTimeoutMs = ms
  }
  const ow = known.get('overwrite')
  if (ow) {
    const v = r.kind(ow.value) === 'string' ? r.text(ow.value) : undefined
    if (v !== undefined && (OVERWRITE_POLICIES as readonly string[]).includes(v))
      out.overwrite = v as Overwrite
    else r.typeError(ow, `${where}.overwrite`, '"always", "if-ours" or "never"')
  }
  flag('prune', v => (out.prune = v))
  const keep = known.get('keep')
  if (keep) {
    const items = r.stringList(keep, `${where}.keep`)
    if (items) {
      const bad = items.map(i => [i, tagPatternError(i.value)] as const).filter(([, p]) => p)
      for (const [i, problem] of bad) r.errors.at(i.offset, `${where}.keep: ${problem}`)
      if (bad.length === 0) out.keep = items.map(i => i.value)
    }
  }
  const limit = known.get('prune-limit')
  if (limit) {
    const n = r.integer(limit, `${where}.prune-limit`, 1)
    if (n !== undefined) out.pruneLimit = n
  }
  return out
}

function readPlatforms(r: NodeReader, e: Entry, name: string): 'all' | Platform[] | undefined {
  if (r.kind(e.value) === 'string' && r.text(e.value) === 'all') return 'all'
  let items: { value: string; offset: number }[] | undefined
  if (r.kind(e.value) === 'string') {
    // `platforms: linux/amd64,linux/arm64` as one string, as buildx spells it.
    const base = r.offset(e.value)
    let at = 0
    items = (r.text(e.value) ?? '').split(',').map(part => {
      const item = { value: part.trim(), offset: base + at + (part.length - part.trimStart().length) }
      at += part.length + 1
      return item
    })
  } else {
    items = r.stringList(e, name)
  }
  if (!items) return undefined
  const out: Platform[] = []
  const seen = new Set<string>()
  let ok = true
  for (const item of items) {
    if (item.value === 'all') {
      r.errors.at(item.offset, `${name}: "all" cannot be combined with other platforms; write platforms: all`)
      ok = false
      continue
    }
    let p: Platform
    try {
      // The parser the CLI's --platform uses: one string means one platform wherever it is written.
      p = parsePlatform(item.value)
    } catch (err) {
      r.errors.at(item.offset, `${name}: ${(err as Error).message}`, err)
      ok = false
      continue
    }
    const key = formatPlatform(p)
    if (seen.has(key)) {
      const as = key === item.value ? '' : ` (as ${key})`
      r.errors.at(item.offset, `${name}: "${item.value}" is listed twice${as}`)
      ok = false
    } else {
      seen.add(key)
      out.push(p)
    }
  }
  return ok ? out : undefined
}
