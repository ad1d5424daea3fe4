/**
 * The one place that reads the action's inputs and the runner's environment. Everything downstream
 * gets typed, validated values, and every secret has been handed to `mask` before this function
 * returns or throws. The rules applied to what is read live in input-values.ts, input-rules.ts and
 * masking.ts (pure functions of strings); the shapes in inputs.ts.
 */
import * as core from '@actions/core'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseCredentialsYaml, type Credential } from '../auth/index.js'
import type { SigningSecrets } from '../signatures/index.js'
import { InputError } from './input-error.js'
import {
  addLoginInputs,
  checkOneScaleMode,
  configSource,
  parseDeadlines,
  transfersWithAlias
} from './input-rules.js'
import {
  parseConcurrency,
  parseCountInput,
  parseOnDeferred,
  parseReserve,
  parseShardInput,
  parseShardsInput
} from './input-values.js'
import type { ActionInputs, ConfigSource, Deadlines, RunnerContext } from './inputs.js'
import { maskCredentialValues, maskSecret } from './masking.js'

export {
  MAX_CONCURRENCY,
  parseConcurrency,
  parseCountInput,
  parseOnDeferred,
  parseReserve,
  parseShardInput
} from './input-values.js'

export { InputError } from './input-error.js'
export { DEFAULT_CONFIG } from './inputs.js'
export type { ActionInputs, ConfigSource, Deadlines, RunnerContext } from './inputs.js'
export { maskCredentialValues } from './masking.js'

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
  addLoginInputs(
    credentials,
    { registry: core.getInput('registry').trim(), username: core.getInput('username').trim(), password },
    warn
  )
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
  return configSource(
    core.getInput('images', { trimWhitespace: false }),
    core.getInput('config').trim(),
    workspace
  )
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

/** `images-at-once` and `transfers` (with its deprecated alias `concurrency`). */
function readParallelism(warn: (message: string) => void): Pick<ActionInputs, 'imagesAtOnce' | 'transfers'> {
  const imagesAtOnce = parseCountInput('images-at-once', core.getInput('images-at-once'))
  const transfers = parseCountInput('transfers', core.getInput('transfers'))
  const legacy = parseConcurrency(core.getInput('concurrency'))
  return { imagesAtOnce, transfers: transfersWithAlias(transfers, legacy, warn) }
}

/** The deadline inputs; parsed by the config's parsers in input-rules.ts. */
function readDeadlines(): Deadlines {
  return parseDeadlines({
    image: core.getInput('image-timeout').trim(),
    floor: core.getInput('min-throughput').trim(),
    window: core.getInput('min-throughput-window').trim()
  })
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
  checkOneScaleMode({
    shards: Boolean(shards),
    merge: merge !== '',
    shard: core.getInput('shard').trim() !== ''
  })
  return {
    shards,
    mergeReports: merge ? resolve(workspace, merge) : undefined,
    lock: lock ? resolve(workspace, lock) : undefined,
    locked
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
