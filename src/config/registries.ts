/** The `registries:` section: per-registry connection options. Never secrets. */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { isSeq } from 'yaml'
import { registryKey } from '../oci/index.js'
import { MAX_TAGS_CEILING } from '../registry/index.js'
import type { Entry, NodeReader } from './nodes.js'
import type { RegistryOptions } from './types.js'

const REGISTRY_KEYS = [
  'insecure',
  'ca-file',
  'cert-file',
  'key-file',
  'max-chunk-size',
  'max-tags',
  'token-realms',
  'rate-limit-reserve',
  'connect-timeout',
  'response-timeout',
  'min-throughput',
  'min-throughput-window'
] as const
// Keys people copy from docker config.json or credentials files; they must not live in a config
// that is committed to a repository.
const SECRET_KEYS = new Set([
  'username',
  'user',
  'password',
  'pass',
  'token',
  'auth',
  'identitytoken',
  'registrytoken',
  'credentials',
  'secret',
  'email'
])
const HOST_RE = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?$/

/** Userinfo (`https://user:pw@host`) is a secret: never echoed into logs. */
function redactUserinfo(s: string): string {
  return s.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i, '$1REDACTED@')
}

/** Longest timeout accepted: past an hour a hung registry is indistinguishable from a hung job. */
export const MAX_TIMEOUT_MS = 3_600_000

/** Longest `image-timeout`: a day, past any CI job's own limit. */
export const MAX_IMAGE_TIMEOUT_MS = 24 * 3_600_000

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `10s`, `1m`, `500ms`, `1.5s`, `2h`, or a bare number of seconds; undefined unless in (0, max]. */
export function parseDuration(s: string, max = MAX_TIMEOUT_MS): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(s.trim())
  if (!m) return undefined
  const ms = Math.round(Number(m[1]) * UNIT_MS[(m[2] ?? 's').toLowerCase()]!)
  return ms > 0 && ms <= max ? ms : undefined
}

/** `min-throughput`: bytes per second like `10KiB` or `10KiB/s`; `0` or `off`: no floor. */
export function parseThroughput(s: string): number | undefined {
  const t = s.trim().replace(/\/s$/i, '')
  if (/^(0|off)$/i.test(t)) return 0
  return parseSize(t)
}

/** `4194304`, `4MiB`, `512KiB`, `4M` (binary), `4MB` (decimal). */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+)\s*(b|k|kib|kb|m|mib|mb|g|gib|gb)?$/i.exec(s.trim())
  if (!m) return undefined
  const unit = (m[2] ?? 'b').toLowerCase()
  const mult: Record<string, number> = {
    b: 1,
    k: 1024,
    kib: 1024,
    kb: 1000,
    m: 1024 ** 2,
    mib: 1024 ** 2,
    mb: 1000 ** 2,
    g: 1024 ** 3,
    gib: 1024 ** 3,
    gb: 1000 ** 3
  }
  const n = Number(m[1]) * mult[unit]
  return n > 0 && Number.isSafeInteger(n) ? n : undefined
}

export function readRegistries(r: NodeReader, section: Entry, file: string): Record<string, RegistryOptions> {
  const out: Record<string, RegistryOptions> = {}
  if (r.kind(section.value) === 'null') return out
  if (r.kind(section.value) !== 'map') {
    r.typeError(section, 'registries', 'a map of registry host → options')
    return out
  }
  const firstByKey = new Map<string, Entry>()
  for (const e of r.entries(section.value, 'registries')) {
    const host = e.key
    if (!HOST_RE.test(host)) {
      const hint = /^https?:\/\//i.test(host) || host.includes('/') ? ' (no scheme or path)' : ''
      r.errors.at(
        e.offset,
        `registries: "${redactUserinfo(host)}" is not a registry host like registry.example.com or 10.0.0.5:5000${hint}`
      )
      continue
    }
    const key = registryKey(host.toLowerCase())
    const first = firstByKey.get(key)
    if (first) {
      const p = r.errors.pos(first.offset)
      r.errors.at(
        e.offset,
        `registries: "${host}" is the same registry as "${first.key}" (line ${p.line}, column ${p.col})`
      )
      continue
    }
    firstByKey.set(key, e)
    const opts = readOne(r, e, `registries."${host}"`, file)
    if (opts) out[key] = opts
  }
  return out
}

function readOne(r: NodeReader, e: Entry, where: string, file: string): RegistryOptions | undefined {
  if (r.kind(e.value) !== 'map') {
    r.typeError(e, where, `a map of options (${REGISTRY_KEYS.join(', ')})`)
    return undefined
  }
  const all = r.entries(e.value, where)
  const secrets = all.filter(x => SECRET_KEYS.has(x.key.toLowerCase()))
  for (const s of secrets) {
    r.errors.at(
      s.offset,
      `${where}.${s.key}: secrets do not belong in the config file; pass them with the credentials input (or --credentials FILE)`
    )
  }
  const known = r.known(
    all.filter(x => !secrets.includes(x)),
    REGISTRY_KEYS,
    where
  )
  const opts: RegistryOptions = {}
  const insecure = known.get('insecure')
  if (insecure) {
    const v = r.bool(insecure, `${where}.insecure`)
    if (v !== undefined) opts.insecure = v
  }
  const base = dirname(resolve(file))
  const path = (key: string): string | undefined => {
    const x = known.get(key)
    if (!x) return undefined
    const p = r.string(x, `${where}.${key}`)
    if (p === undefined) return undefined
    const abs = resolve(base, p)
    if (!existsSync(abs)) {
      r.errors.at(
        r.valueOffset(x),
        `${where}.${key}: file "${p}" does not exist (relative paths start at the config file's folder)`
      )
      return undefined
    }
    return abs
  }
  const caFile = path('ca-file')
  const certFile = path('cert-file')
  const keyFile = path('key-file')
  if (caFile) opts.caFile = caFile
  if (certFile) opts.certFile = certFile
  if (keyFile) opts.keyFile = keyFile
  const cert = known.get('cert-file')
  const key = known.get('key-file')
  if (cert && !key)
    r.errors.at(cert.offset, `${where}: cert-file needs key-file (a client certificate needs its key)`)
  if (key && !cert)
    r.errors.at(key.offset, `${where}: key-file needs cert-file (a client key needs its certificate)`)
  const chunk = known.get('max-chunk-size')
  if (chunk) {
    const k = r.kind(chunk.value)
    const n = k === 'number' || k === 'string' ? parseSize(r.text(chunk.value) ?? '') : undefined
    if (n === undefined) r.typeError(chunk, `${where}.max-chunk-size`, 'a size in bytes, or like 4MiB')
    else opts.maxChunkSize = n
  }
  // Per registry, not per image: it bounds what one registry may send, and one listing of a
  // repository serves every entry that reads it.
  const maxTags = known.get('max-tags')
  if (maxTags) {
    const n = r.integer(maxTags, `${where}.max-tags`, 1)
    if (n !== undefined && n > MAX_TAGS_CEILING)
      r.errors.at(r.valueOffset(maxTags), `${where}.max-tags: at most ${MAX_TAGS_CEILING}, got ${n}`)
    else if (n !== undefined) opts.maxTags = n
  }
  const reserve = known.get('rate-limit-reserve')
  if (reserve) {
    const n = r.integer(reserve, `${where}.rate-limit-reserve`, 0)
    if (n !== undefined) opts.rateLimitReserve = n
  }
  const floor = known.get('min-throughput')
  if (floor) {
    const k = r.kind(floor.value)
    const n = k === 'number' || k === 'string' ? parseThroughput(r.text(floor.value) ?? '') : undefined
    if (n === undefined)
      r.typeError(floor, `${where}.min-throughput`, 'bytes per second like 10KiB or 1MiB, or 0 (off)')
    else opts.minBytesPerSec = n
  }
  for (const [key, field] of [
    ['connect-timeout', 'connectTimeoutMs'],
    ['response-timeout', 'responseTimeoutMs'],
    ['min-throughput-window', 'throughputWindowMs']
  ] as const) {
    const e = known.get(key)
    if (!e) continue
    const k = r.kind(e.value)
    const ms = k === 'number' || k === 'string' ? parseDuration(r.text(e.value) ?? '') : undefined
    if (ms === undefined) r.typeError(e, `${where}.${key}`, 'a duration like 10s, 1m or 500ms (at most 1h)')
    else opts[field] = ms
  }
  const realms = known.get('token-realms')
  if (realms) {
    const v = readTokenRealms(r, realms, `${where}.token-realms`)
    if (v) opts.tokenRealms = v
  }
  return opts
}

/** Hosts (`host` or `host:port`, no scheme) the registry's credentials may go to as its token realm; `[]`: none but its own. */
function readTokenRealms(r: NodeReader, e: Entry, where: string): string[] | undefined {
  // An empty list is meaningful here (credentials stay on the registry's own host), which
  // stringList refuses.
  const n = r.deref(e.value)
  if (isSeq(n) && n.items.length === 0) return []
  const items = r.stringList(e, where)
  if (!items) return undefined
  const out: string[] = []
  for (const it of items) {
    if (!HOST_RE.test(it.value)) {
      r.errors.at(
        it.offset,
        `${where}: "${redactUserinfo(it.value)}" is not a host like auth.example.com or auth.example.com:8443 (no scheme or path)`
      )
      continue
    }
    out.push(it.value.toLowerCase())
  }
  return out.length === items.length ? out : undefined
}
