/**
 * What every CLI command shares before it does any work: the one usage error (exit 2), the one
 * credentials loader, and parseArgs' own errors turned into usage errors.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { CredentialStore, parseCredentialsYaml, type Credential } from '../auth/index.js'
import { MAX_TIMEOUT_MS, parseDuration } from '../config/index.js'
import type { ClientOptions } from '../registry/index.js'
import { writeLines } from './print.js'

/** Bad flags or arguments: the command prints its usage hint and exits 2. */
export class UsageError extends Error {}

/** parseArgs with its errors (unknown option, missing value) as usage errors. */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config)
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message, { cause: e })
  }
}

const warnStderr = (m: string): void => writeLines(process.stderr, `warning: ${m}`)

/**
 * Credentials for every command, in order: `--credentials FILE`, Docker's config.json (with its
 * helpers), then GITHUB_TOKEN for ghcr.io. One loader, so `copy` and `sync` find what
 * `inspect` finds. An unreadable file is a usage error: nothing has been tried yet.
 */
export async function loadCliCredentials(
  file: string | undefined,
  warn: (m: string) => void = warnStderr
): Promise<CredentialStore> {
  let explicit: Record<string, Credential> | undefined
  if (file !== undefined) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (e) {
      throw new UsageError(`cannot read credentials file ${file}: ${(e as Error).message}`, { cause: e })
    }
    // The CLI's environment is the user's own shell: `password-env` reads it.
    explicit = parseCredentialsYaml(text, file, { env: name => process.env[name], warn })
  }
  return CredentialStore.load({ explicit, githubToken: process.env.GITHUB_TOKEN, warn, explicitName: file })
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
export const TIMEOUT_USAGE = `  --connect-timeout DUR  Give up connecting after DUR (10s, 1m, 500ms; default 10s)
  --response-timeout DUR Give up on a response that does not start, or stalls, for DUR (default 30s)
`

/** `--connect-timeout` / `--response-timeout` as client timeouts; a registry's own config keys win. */
export function timeoutFlags(v: {
  'connect-timeout'?: string | boolean
  'response-timeout'?: string | boolean
}): NonNullable<ClientOptions['timeouts']> {
  const read = (flag: 'connect-timeout' | 'response-timeout'): number | undefined => {
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
  return out
}

/** `--debug`: one stderr line per HTTP exchange, retry decision and 401 reason (never a secret). */
export function debugWriter(enabled: boolean | string | undefined): ((line: string) => void) | undefined {
  return enabled === true ? line => writeLines(process.stderr, `debug: ${line}`) : undefined
}

export const DEBUG_USAGE = `  --debug               Log every HTTP exchange to stderr: method, URL, status, auth scheme,
                        credential source (never a secret), retries, timings
`
