/**
 * The one place that reads the action's inputs. Everything downstream gets typed, validated values,
 * and every secret has been handed to `mask` before this function returns or throws.
 */
import * as core from '@actions/core'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml'
import {
  checkCredential,
  invalidHost,
  noCredentialsWarning,
  parseCredentialsYaml,
  type Credential
} from '../auth/index.js'
import { registryKey } from '../oci/index.js'
import type { SigningSecrets } from '../signatures/index.js'
import type { Shard } from '../sync/index.js'
import { InputError } from './input-error.js'
import {
  parseConcurrency,
  parseCountInput,
  parseOnDeferred,
  parseReserve,
  parseShardInput,
  parseShardsInput,
  type ShardsInput
} from './input-values.js'

export {
  MAX_CONCURRENCY,
  parseConcurrency,
  parseCountInput,
  parseOnDeferred,
  parseReserve,
  parseShardInput
} from './input-values.js'

export { InputError } from './input-error.js'
import { MAX_IMAGE_TIMEOUT_MS, parseDuration, parseThroughput } from '../config/index.js'

export const DEFAULT_CONFIG = '.github/mirror.yaml'

export type ConfigSource =
  /** `path` is absolute; `display` is what annotations and messages show (relative to the workspace). */
  { kind: 'file'; path: string; display: string } | { kind: 'inline'; text: string }

export interface ActionInputs {
  config: ConfigSource
  credentials: Record<string, Credential>
  githubToken?: string
  dryRun: boolean
  cache: boolean
  /** Images copied at once (sync's default when absent). */
  imagesAtOnce?: number
  /** Blob transfers in flight across the run (the engine's default when absent). */
  transfers?: number
  shard?: Shard
  comment: boolean
  /** Pulls to leave unused per source; undefined: sync's default. */
  rateLimitReserve?: number
  /** What images deferred by a rate limit do to the step: a warning, or a failure. */
  onDeferred: 'warn' | 'fail'
  /** `shards`: the step is a plan job that sizes the matrix (`auto`) or splits into a fixed count. */
  shards?: ShardsInput
  /** `merge-reports`: the step merges the shard jobs' reports found there (absolute path) instead of syncing. */
  mergeReports?: string
  /** `lock`: the lock file (absolute); the config's `lock:` when absent. */
  lock?: string
  /** `locked`: mirror exactly the lock's digests. */
  locked: boolean
  /** Directory relative config paths resolve against (GITHUB_WORKSPACE, else the current directory). */
  workspace: string
  /** `image-timeout`, `min-throughput`, `min-throughput-window` (absent when empty). */
  deadlines: Deadlines
  /** RUNNER_DEBUG=1 (a re-run with debug logging, or the ACTIONS_STEP_DEBUG secret): log every HTTP exchange. */
  debug: boolean
}

export interface Deadlines {
  imageTimeoutMs?: number
  minBytesPerSec?: number
  throughputWindowMs?: number
}

export interface ReadInputsOptions {
  mask?: (secret: string) => void
  /** Credentials skipped as empty (an unset secret) and deprecation notes are reported here; default core.warning. */
  warn?: (message: string) => void
  env?: NodeJS.ProcessEnv
}

export function readInputs(opts: ReadInputsOptions = {}): ActionInputs {
  const mask = opts.mask ?? core.setSecret
  const warn = opts.warn ?? core.warning
  const env = opts.env ?? process.env
  // Secrets first: nothing below may log or throw before they are masked.
  // Outside a runner (local-action reads action.yml defaults) the default is the unexpanded expression.
  const rawToken = core.getInput('github-token').trim()
  const githubToken = rawToken && !rawToken.startsWith('${{') ? rawToken : undefined
  if (githubToken) mask(githubToken)
  // Kept exactly as given: leading and trailing spaces can be part of a password.
  const password = core.getInput('password', { trimWhitespace: false })
  maskSecret(password, mask)
  const credentialsText = core.getInput('credentials', { trimWhitespace: false })
  maskCredentialValues(credentialsText, mask, env)

  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const credentials = parseCredentialsInput(credentialsText, env, warn)
  addLoginInputs(credentials, password, warn)
  return {
    config: readConfigSource(workspace),
    credentials,
    githubToken,
    dryRun: readBoolean('dry-run', false),
    cache: readBoolean('cache', true),
    ...readParallelism(opts.warn ?? core.warning),
    shard: parseShardInput(core.getInput('shard')),
    comment: readBoolean('comment', false),
    rateLimitReserve: parseReserve(core.getInput('rate-limit-reserve')),
    onDeferred: parseOnDeferred(core.getInput('on-deferred')),
    ...readScaleInputs(workspace),
    deadlines: readDeadlines(),
    workspace,
    debug: process.env.RUNNER_DEBUG === '1'
  }
}

function readConfigSource(workspace: string): ConfigSource {
  const images = core.getInput('images', { trimWhitespace: false })
  const configInput = core.getInput('config').trim()
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

function parseCredentialsInput(
  text: string,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void
): Record<string, Credential> {
  if (text.trim() === '') return {}
  try {
    // Values read from the environment were masked by maskCredentialValues already.
    return parseCredentialsYaml(text, "input 'credentials'", { env: name => env[name], warn })
  } catch (error) {
    // The parser's messages carry position only; the values were masked above in any case.
    throw new InputError(error instanceof Error ? error.message : String(error), { cause: error })
  }
}

/**
 * The `registry`/`username`/`password` inputs (as docker/login-action): one registry's credentials
 * without YAML. `registry` defaults to Docker Hub; both values empty (unset secrets) is anonymous.
 */
function addLoginInputs(
  credentials: Record<string, Credential>,
  password: string,
  warn: (message: string) => void
): void {
  const registry = core.getInput('registry').trim()
  const username = core.getInput('username').trim()
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

/** Masks a secret whole and line by line: the runner matches masks within one line. */
function maskSecret(value: string, mask: (secret: string) => void, seen = new Set<string>()): void {
  for (const v of [value, ...value.split(/\r?\n/)]) {
    const t = v.trim()
    if (t === '' || seen.has(t)) continue
    seen.add(t)
    mask(t)
  }
}

function readBoolean(name: string, dflt: boolean): boolean {
  if (core.getInput(name).trim() === '') return dflt
  try {
    return core.getBooleanInput(name)
  } catch (error) {
    throw new InputError(`Input '${name}' must be true or false, got '${core.getInput(name).trim()}'.`, {
      cause: error
    })
  }
}

/**
 * `images-at-once` and `transfers`. `concurrency` meant blob transfers in the action but images in
 * the CLI's sync; it stays as a deprecated alias of `transfers` here (its action meaning).
 */
function readParallelism(warn: (message: string) => void): Pick<ActionInputs, 'imagesAtOnce' | 'transfers'> {
  const imagesAtOnce = parseCountInput('images-at-once', core.getInput('images-at-once'))
  let transfers = parseCountInput('transfers', core.getInput('transfers'))
  const legacy = parseConcurrency(core.getInput('concurrency'))
  if (legacy !== undefined) {
    if (transfers !== undefined) {
      throw new InputError(
        "Inputs 'concurrency' and 'transfers' are the same setting (blob transfers in flight): set only 'transfers'."
      )
    }
    warn(
      "Input 'concurrency' is deprecated: it sets blob transfers in flight, now the 'transfers' input " +
        "(images copied at once is 'images-at-once'). Rename it to 'transfers'."
    )
    transfers = legacy
  }
  return { imagesAtOnce, transfers }
}

/** The deadline inputs, with the config's parsers (an entry's or registry's own keys win). */
function readDeadlines(): Deadlines {
  const out: Deadlines = {}
  const image = core.getInput('image-timeout').trim()
  if (image !== '') {
    out.imageTimeoutMs = parseDuration(image, MAX_IMAGE_TIMEOUT_MS)
    if (out.imageTimeoutMs === undefined)
      throw new InputError(
        `Input 'image-timeout' must be a duration like 30m, 2h or 90s (at most 24h), got '${image}'.`
      )
  }
  const floor = core.getInput('min-throughput').trim()
  if (floor !== '') {
    out.minBytesPerSec = parseThroughput(floor)
    if (out.minBytesPerSec === undefined)
      throw new InputError(
        `Input 'min-throughput' must be bytes per second like 10KiB or 1MiB, or 0 (off), got '${floor}'.`
      )
  }
  const window = core.getInput('min-throughput-window').trim()
  if (window !== '') {
    out.throughputWindowMs = parseDuration(window)
    if (out.throughputWindowMs === undefined)
      throw new InputError(
        `Input 'min-throughput-window' must be a duration like 30s or 1m (at most 1h), got '${window}'.`
      )
  }
  return out
}

/** The scale-out and lock inputs; the modes (`shards`, `merge-reports`, `shard`) exclude each other. */
function readScaleInputs(
  workspace: string
): Pick<ActionInputs, 'shards' | 'mergeReports' | 'lock' | 'locked'> {
  const shards = parseShardsInput({
    shards: core.getInput('shards'),
    maxImages: core.getInput('shard-max-images'),
    maxBytes: core.getInput('shard-max-bytes'),
    maxShards: core.getInput('max-shards')
  })
  const merge = core.getInput('merge-reports').trim()
  const lock = core.getInput('lock').trim()
  const locked = readBoolean('locked', false)
  const set = [
    shards && "'shards'",
    merge && "'merge-reports'",
    core.getInput('shard').trim() && "'shard'"
  ].filter(Boolean)
  if (set.length > 1) {
    throw new InputError(
      `Inputs ${set.join(' and ')} are different jobs of a sharded run (plan, merge, one shard): set only one per step.`
    )
  }
  return {
    shards,
    mergeReports: merge ? resolve(workspace, merge) : undefined,
    lock: lock ? resolve(workspace, lock) : undefined,
    locked
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

/**
 * What signing (`signatures.sign`) reads from the runner: the variables the config names (a key's
 * PEM, its password), masked before anything can print them, and the job's OIDC token request
 * (present with `permissions: id-token: write`). Nothing else in the environment is handed out.
 */
export function readSigningSecrets(
  names: string[],
  mask: (secret: string) => void,
  env: NodeJS.ProcessEnv = process.env
): SigningSecrets {
  for (const n of names) maskSecret(env[n] ?? '', mask)
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  if (token) mask(token)
  return {
    env: n => (names.includes(n) ? env[n] : undefined),
    oidc: url && token ? { url, token } : undefined,
    mask
  }
}

/** Where the runner wants files of this run: RUNNER_TEMP, else the OS temp dir (local runs). */
export function runnerTemp(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_TEMP || join(tmpdir(), 'mirror-action')
}

/** What the action uses of the runner's environment, read in one place like the inputs. */
export interface RunnerContext {
  /** RUNNER_TEMP, else the OS temp dir. */
  temp: string
  /** GITHUB_ACTION: the step's id, which names the report file. */
  stepId?: string
  /** GITHUB_EVENT_NAME; '' outside a runner. */
  eventName: string
  /** GITHUB_STEP_SUMMARY: set only where there is a summary file to write. */
  stepSummary?: string
  /** Unique per run and attempt: the digest cache's save key. */
  runKey: string
  /** This workflow run's page, for the PR comment; undefined outside a runner. */
  runUrl?: string
  /** LOCAL_ACTION_CACHE_PATH: @github/local-action stands in for the cache service. */
  localActionCache: boolean
}

export function readRunnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env
  return {
    temp: runnerTemp(env),
    stepId: env.GITHUB_ACTION || undefined,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    stepSummary: env.GITHUB_STEP_SUMMARY || undefined,
    runKey: runKey(env),
    runUrl: server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined,
    localActionCache: Boolean(env.LOCAL_ACTION_CACHE_PATH)
  }
}

/** Unique per run and attempt on a runner; time-based elsewhere (local runs have no cache anyway). */
export function runKey(env: NodeJS.ProcessEnv): string {
  if (env.GITHUB_RUN_ID) return `${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT || '1'}`
  return `local-${Date.now()}`
}
