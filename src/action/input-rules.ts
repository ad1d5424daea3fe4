/**
 * The rules between inputs, as plain functions of the strings context.ts read (context.ts stays the
 * only reader): which inputs exclude each other, where paths resolve, how the login inputs join the
 * `credentials` YAML, the deprecated `concurrency` alias, and the deadline inputs.
 */
import { isAbsolute, relative, resolve } from 'node:path'
import { checkCredential, invalidHost, noCredentialsWarning, type Credential } from '../auth/index.js'
import { MAX_IMAGE_TIMEOUT_MS, parseDuration, parseThroughput } from '../config/index.js'
import { registryKey } from '../oci/index.js'
import { InputError } from './input-error.js'
import { DEFAULT_CONFIG, type ConfigSource, type Deadlines } from './inputs.js'

/** `images` (inline) or `config` (a file, relative to the workspace); not both. */
export function configSource(images: string, configInput: string, workspace: string): ConfigSource {
  if (images.trim() !== '') {
    // `config` has a default in action.yml, so only a non-default value means the user set both.
    if (configInput !== '' && configInput !== DEFAULT_CONFIG) {
      throw new InputError(
        `Inputs 'config' (${configInput}) and 'images' are mutually exclusive: set only one of them.`
      )
    }
    return { kind: 'inline', text: images }
  }
  const given = configInput || DEFAULT_CONFIG
  const path = isAbsolute(given) ? given : resolve(workspace, given)
  const rel = relative(workspace, path)
  const display = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path
  return { kind: 'file', path, display }
}

/**
 * The `registry`/`username`/`password` inputs (as docker/login-action): one registry's credentials
 * without YAML. `registry` defaults to Docker Hub; both values empty (unset secrets) is anonymous.
 */
export function addLoginInputs(
  credentials: Record<string, Credential>,
  login: { registry: string; username: string; password: string },
  warn: (message: string) => void
): void {
  const { registry, username, password } = login
  if (registry === '' && username === '' && password === '') return
  const host = registry || 'docker.io'
  const bad = invalidHost(host)
  if (bad) throw new InputError(`Input 'registry': ${bad}.`)
  const checked = checkCredential(host, username, password)
  if (checked === 'skip') return warn(noCredentialsWarning(host))
  if (typeof checked === 'string') throw new InputError(`Inputs 'username'/'password': ${checked}.`)
  const key = registryKey(host)
  if (key in credentials) {
    throw new InputError(
      `Input 'registry' (${host}) also has an entry in input 'credentials': give its credentials once.`
    )
  }
  credentials[key] = checked
}

/**
 * `concurrency` meant blob transfers in the action but images in the CLI's sync; it stays as a
 * deprecated alias of `transfers` here (its action meaning).
 */
export function transfersWithAlias(
  transfers: number | undefined,
  legacy: number | undefined,
  warn: (message: string) => void
): number | undefined {
  if (legacy === undefined) return transfers
  if (transfers !== undefined) {
    throw new InputError(
      "Inputs 'concurrency' and 'transfers' are the same setting (blob transfers in flight): set only 'transfers'."
    )
  }
  warn(
    "Input 'concurrency' is deprecated: it sets blob transfers in flight, now the 'transfers' input " +
      "(images copied at once is 'images-at-once'). Rename it to 'transfers'."
  )
  return legacy
}

/** The deadline inputs (trimmed), with the config's parsers (an entry's or registry's own keys win). */
export function parseDeadlines(raw: { image: string; floor: string; window: string }): Deadlines {
  const out: Deadlines = {}
  const { image, floor, window } = raw
  if (image !== '') {
    out.imageTimeoutMs = parseDuration(image, MAX_IMAGE_TIMEOUT_MS)
    if (out.imageTimeoutMs === undefined)
      throw new InputError(
        `Input 'image-timeout' must be a duration like 30m, 2h or 90s (at most 24h), got '${image}'.`
      )
  }
  if (floor !== '') {
    out.minBytesPerSec = parseThroughput(floor)
    if (out.minBytesPerSec === undefined)
      throw new InputError(
        `Input 'min-throughput' must be bytes per second like 10KiB or 1MiB, or 0 (off), got '${floor}'.`
      )
  }
  if (window !== '') {
    out.throughputWindowMs = parseDuration(window)
    if (out.throughputWindowMs === undefined)
      throw new InputError(
        `Input 'min-throughput-window' must be a duration like 30s or 1m (at most 1h), got '${window}'.`
      )
  }
  return out
}

/** `shards`, `merge-reports` and `shard` are different jobs of a sharded run: at most one per step. */
export function checkOneScaleMode(modes: { shards: boolean; merge: boolean; shard: boolean }): void {
  const set = [modes.shards && "'shards'", modes.merge && "'merge-reports'", modes.shard && "'shard'"].filter(
    Boolean
  )
  if (set.length > 1) {
    throw new InputError(
      `Inputs ${set.join(' and ')} are different jobs of a sharded run (plan, merge, one shard): set only one per step.`
    )
  }
}
