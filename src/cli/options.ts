/**
 * What every CLI command shares before it does any work: the one flag parser (skopeo's spellings,
 * `--flag=false` for booleans, a "did you mean" for unknown flags), the one usage error (exit 2),
 * and parseArgs' own errors turned into usage errors. The flag sets every command takes (TLS,
 * credentials, debug) are defined here once, so a flag means the same on every command.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import {
  didYouMean,
  MAX_IMAGE_TIMEOUT_MS,
  MAX_TIMEOUT_MS,
  parseDuration,
  parseThroughput
} from '../config/index.js'
import type { ClientOptions } from '../registry/index.js'
import { writeLines } from './print.js'

import { UsageError } from './usage-error.js'

export { UsageError } from './usage-error.js'
export { loadCliCredentials, credentialsFromFlags } from './credentials.js'
export type { CliCredentialFlags, CliCredentialOptions } from './credentials.js'

/** parseArgs with its errors (unknown option, missing value) as usage errors. */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config)
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message, { cause: e })
  }
}

export interface FlagSpec {
  type: 'string' | 'boolean'
  multiple?: boolean
  short?: string
  /** Another name for the same flag (an older spelling of ours or skopeo's). */
  alias?: string
}

export type FlagSpecs = Record<string, FlagSpec>
export type FlagValues = Record<string, string | boolean | string[] | undefined>

export interface ParsedFlags {
  values: FlagValues
  positionals: string[]
}

/**
 * The flags every command takes: credentials and TLS with skopeo's names and meaning, plus ours
 * (timeouts, `--debug`: real HTTP debug lines, see debugWriter).
 * `--tls-verify=false` and `--ca-file FILE` apply to every registry the command names;
 * `--insecure-registry HOST` and `--ca-file HOST=FILE` to that host only.
 */
export const COMMON_FLAGS: FlagSpecs = {
  creds: { type: 'string' },
  'no-creds': { type: 'boolean' },
  credentials: { type: 'string' },
  authfile: { type: 'string' },
  'tls-verify': { type: 'boolean' },
  'insecure-registry': { type: 'string', multiple: true },
  'ca-file': { type: 'string', multiple: true },
  'cert-dir': { type: 'string' },
  'retry-times': { type: 'string' },
  'connect-timeout': { type: 'string' },
  'response-timeout': { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
}

/** Flags of commands with a source and a destination side (copy, sync), as skopeo names them. */
export const SIDED_FLAGS: FlagSpecs = {
  'src-creds': { type: 'string' },
  'dest-creds': { type: 'string' },
  'src-no-creds': { type: 'boolean' },
  'dest-no-creds': { type: 'boolean' },
  'src-tls-verify': { type: 'boolean' },
  'dest-tls-verify': { type: 'boolean' },
  'src-cert-dir': { type: 'string' },
  'dest-cert-dir': { type: 'string' },
  'image-timeout': { type: 'string' },
  'min-throughput': { type: 'string' },
  'min-throughput-window': { type: 'string' }
}

function booleanValue(name: string, v: string | undefined): boolean {
  if (v === undefined) return true
  const l = v.toLowerCase()
  if (l === 'true' || l === '1') return true
  if (l === 'false' || l === '0') return false
  throw new UsageError(`--${name} takes true or false, got '${v}'`)
}

/**
 * Parse `args` against `specs`: `--name VALUE`, `--name=VALUE`, `--bool`, `--bool=true|false`
 * (skopeo's `--tls-verify=false`), short flags, `--` ending the flags, `-` as a positional (stdin).
 * An unknown flag is a one-line usage error naming the closest known flag.
 */
export function parseFlags(args: string[], specs: FlagSpecs): ParsedFlags {
  const byName = new Map<string, [string, FlagSpec]>()
  const byShort = new Map<string, string>()
  for (const [name, spec] of Object.entries(specs)) {
    byName.set(name, [name, spec])
    if (spec.alias) byName.set(spec.alias, [name, spec])
    if (spec.short) byShort.set(spec.short, name)
  }
  const values: FlagValues = {}
  const positionals: string[] = []
  const set = (name: string, spec: FlagSpec, v: string | boolean): void => {
    if (spec.multiple) values[name] = [...((values[name] as string[] | undefined) ?? []), v as string]
    else values[name] = v
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--') {
      positionals.push(...args.slice(i + 1))
      break
    }
    if (a === '-' || !a.startsWith('-')) {
      positionals.push(a)
      continue
    }
    let name: string
    let inline: string | undefined
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      name = eq < 0 ? a.slice(2) : a.slice(2, eq)
      inline = eq < 0 ? undefined : a.slice(eq + 1)
    } else {
      const long = a.length === 2 ? byShort.get(a[1]!) : undefined
      if (long === undefined) throw new UsageError(`unknown flag ${a}${hint(a, specs)}`)
      name = long
    }
    const found = byName.get(name)
    if (!found) throw new UsageError(`unknown flag --${name}${hint(name, specs)}`)
    const [canonical, spec] = found
    if (spec.type === 'boolean') {
      set(canonical, spec, booleanValue(name, inline))
      continue
    }
    if (inline === undefined) {
      if (i + 1 >= args.length) throw new UsageError(`--${name} needs a value`)
      inline = args[++i]!
    }
    set(canonical, spec, inline)
  }
  return { values, positionals }
}

function hint(word: string, specs: FlagSpecs): string {
  const names = Object.entries(specs).flatMap(([n, s]) => (s.alias ? [n, s.alias] : [n]))
  const guess = didYouMean(word.replace(/^-+/, ''), names)
  return guess ? ` (did you mean --${guess}?)` : ''
}

/** A positive whole number flag, or undefined when absent. */
export function positiveInt(v: unknown, flag: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined
  const s = String(v)
  if (!/^[1-9][0-9]*$/.test(s) || Number(s) > max)
    throw new UsageError(
      `--${flag} needs a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got '${s}'`
    )
  return Number(s)
}

/** `--retry-times N` (skopeo: retries after the first attempt, 0 allowed) as total attempts. */
export function retryAttempts(v: unknown): number | undefined {
  if (v === undefined) return undefined
  const s = String(v)
  if (!/^[0-9]+$/.test(s) || Number(s) > 100)
    throw new UsageError(`--retry-times needs a whole number from 0 to 100, got '${s}'`)
  return Number(s) + 1
}

/** The most images at once or blob transfers a flag may ask for (the action's inputs share it). */
export const MAX_PARALLEL = 256

/** `--images-at-once N`, `--transfers N`: a whole number from 1 to MAX_PARALLEL. */
export function countFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_PARALLEL) {
    throw new UsageError(`invalid ${flag} '${value}': expected a whole number from 1 to ${MAX_PARALLEL}`)
  }
  return n
}

/**
 * The deprecated `--concurrency`: it meant images at once in `sync` and blob transfers in `copy`, so
 * each command keeps its old meaning under the new name and says which one.
 */
export function legacyConcurrency(
  value: string | undefined,
  current: string | undefined,
  flag: '--images-at-once' | '--transfers',
  deprecations: string[]
): string | undefined {
  if (value === undefined) return current
  if (current !== undefined)
    throw new UsageError(`--concurrency is the old name of ${flag}: give only ${flag}`)
  deprecations.push(`--concurrency is deprecated: it sets ${flag} here; use ${flag}`)
  return value
}

/** Help text lines for the timeout flags, shared by every command that talks to registries. */
/** Help lines of the flags that reach one registry (inspect, tags): credentials, TLS, retries. */
export const REGISTRY_ACCESS_USAGE = `  --creds USER:PASS     Credentials for the registry (--no-creds: none)
  --credentials FILE|-  YAML: registry host -> {username, password} ('-': stdin)
  --authfile FILE       An auth.json / config.json to read credentials from
  --tls-verify=false    Skip TLS verification (and allow plain HTTP) for this registry
  --ca-file FILE        Trust the CA in FILE for this registry
  --cert-dir DIR        The CA (*.crt) and client certificate (*.cert, *.key) in DIR
  --insecure-registry HOST  Skip TLS verification for HOST
  --retry-times N       Retry a failed request N times (default 4)
`

export const TIMEOUT_USAGE = `  --connect-timeout DUR  Give up connecting after DUR (10s, 1m, 500ms; default 10s)
  --response-timeout DUR Give up on a response that does not start, or stalls, for DUR (default 30s)
`

/** `--connect-timeout` / `--response-timeout` as client timeouts; a registry's own config keys win. */
export function timeoutFlags(v: Readonly<Record<string, unknown>>): NonNullable<ClientOptions['timeouts']> {
  const read = (
    flag: 'connect-timeout' | 'response-timeout' | 'min-throughput-window'
  ): number | undefined => {
    const raw = v[flag]
    if (raw === undefined) return undefined
    const ms = typeof raw === 'string' ? parseDuration(raw) : undefined
    if (ms === undefined)
      throw new UsageError(
        `invalid --${flag} '${String(raw)}': expected a duration like 10s, 1m or 500ms (at most ${MAX_TIMEOUT_MS / 60_000}m)`
      )
    return ms
  }
  const out: NonNullable<ClientOptions['timeouts']> = {}
  const connect = read('connect-timeout')
  const response = read('response-timeout')
  if (connect !== undefined) out.connectMs = connect
  if (response !== undefined) {
    out.headersMs = response
    out.bodyIdleMs = response
  }
  const floor = v['min-throughput']
  if (floor !== undefined) {
    const n = typeof floor === 'string' ? parseThroughput(floor) : undefined
    if (n === undefined)
      throw new UsageError(
        `invalid --min-throughput '${String(floor)}': expected bytes per second like 10KiB, 1MiB, or 0 (off)`
      )
    out.minBytesPerSec = n
  }
  const window = read('min-throughput-window')
  if (window !== undefined) out.throughputWindowMs = window
  return out
}

/** `--image-timeout DUR` (copy, sync): the deadline of one image's copy, in ms. */
export function imageTimeoutFlag(v: Readonly<Record<string, unknown>>): number | undefined {
  const raw = v['image-timeout']
  if (raw === undefined) return undefined
  const ms = typeof raw === 'string' ? parseDuration(raw, MAX_IMAGE_TIMEOUT_MS) : undefined
  if (ms === undefined)
    throw new UsageError(
      `invalid --image-timeout '${String(raw)}': expected a duration like 30m, 2h or 90s (at most 24h)`
    )
  return ms
}

/** `--debug`: one stderr line per HTTP exchange, retry decision and 401 reason (never a secret). */
export function debugWriter(enabled: unknown): ((line: string) => void) | undefined {
  return enabled === true ? line => writeLines(process.stderr, `debug: ${line}`) : undefined
}

export const DEBUG_USAGE = `  --debug               Log every HTTP exchange to stderr: method, URL, status, auth scheme,
                        credential source (never a secret), retries, timings
`
