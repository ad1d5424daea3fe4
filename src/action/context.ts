/**
 * The one place that reads the action's inputs. Everything downstream gets typed, validated values,
 * and every secret has been handed to `mask` before this function returns or throws.
 */
import * as core from '@actions/core'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml'
import { parseCredentialsYaml, type Credential } from '../auth/index.js'
import { parseShard, type Shard } from '../sync/index.js'

export const DEFAULT_CONFIG = '.github/mirror.yaml'
export const MAX_CONCURRENCY = 256

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
  /** Directory relative config paths resolve against (GITHUB_WORKSPACE, else the current directory). */
  workspace: string
  /** RUNNER_DEBUG=1 (a re-run with debug logging, or the ACTIONS_STEP_DEBUG secret): log every HTTP exchange. */
  debug: boolean
}

/** A bad input: main.ts fails the step with this message. */
export class InputError extends Error {
  override name = 'InputError'
}

export interface ReadInputsOptions {
  mask?: (secret: string) => void
  /** Deprecation notes (the `concurrency` input). */
  warn?: (message: string) => void
}

export function readInputs(opts: ReadInputsOptions = {}): ActionInputs {
  const mask = opts.mask ?? core.setSecret
  // Secrets first: nothing below may log or throw before they are masked.
  // Outside a runner (local-action reads action.yml defaults) the default is the unexpanded expression.
  const rawToken = core.getInput('github-token').trim()
  const githubToken = rawToken && !rawToken.startsWith('${{') ? rawToken : undefined
  if (githubToken) mask(githubToken)
  const credentialsText = core.getInput('credentials', { trimWhitespace: false })
  maskCredentialValues(credentialsText, mask)

  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  return {
    config: readConfigSource(workspace),
    credentials: parseCredentialsInput(credentialsText),
    githubToken,
    dryRun: readBoolean('dry-run', false),
    cache: readBoolean('cache', true),
    ...readParallelism(opts.warn ?? core.warning),
    shard: parseShardInput(core.getInput('shard')),
    comment: readBoolean('comment', false),
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

function parseCredentialsInput(text: string): Record<string, Credential> {
  if (text.trim() === '') return {}
  try {
    return parseCredentialsYaml(text, "input 'credentials'")
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

/** A whole number from 1 to MAX_CONCURRENCY, or undefined for an empty input. */
export function parseCountInput(name: string, raw: string): number | undefined {
  const s = raw.trim()
  if (s === '') return undefined
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > MAX_CONCURRENCY) {
    throw new InputError(`Input '${name}' must be a whole number from 1 to ${MAX_CONCURRENCY}, got '${s}'.`)
  }
  return Number(s)
}

/** The deprecated `concurrency` input: blob transfers, as it always meant in the action. */
export function parseConcurrency(raw: string): number | undefined {
  return parseCountInput('concurrency', raw)
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

/** `i/n`, 1-based: the matrix job's part of the plan. */
export function parseShardInput(raw: string): Shard | undefined {
  const s = raw.trim()
  if (s === '') return undefined
  try {
    return parseShard(s)
  } catch (error) {
    throw new InputError(
      `Input 'shard' must be 'i/n' with 1 <= i <= n (e.g. '2/4' from a matrix), got '${s}'.`,
      {
        cause: error
      }
    )
  }
}

/**
 * Masks every value in the credentials YAML except usernames, before any parsing error can echo a
 * line. Works on broken YAML too: the line scan catches what the lenient parse could not place.
 */
export function maskCredentialValues(text: string, mask: (secret: string) => void): void {
  if (text.trim() === '') return
  const seen = new Set<string>()
  const add = (value: string): void => {
    for (const v of [value, ...value.split(/\r?\n/)]) {
      const t = v.trim()
      if (t === '' || seen.has(t)) continue
      seen.add(t)
      mask(t)
    }
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false })
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.value)) return
      const key = isScalar(pair.key) ? String(pair.key.value) : ''
      if (key !== 'username' && pair.value.value != null) add(String(pair.value.value))
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
      if (!value || (m && m[2].trim() === 'username') || value === '|' || value === '>') continue
      add(value.replace(/^(["'])(.*)\1$/, '$2'))
    }
  }
}

/** Where the runner wants files of this run: RUNNER_TEMP, else the OS temp dir (local runs). */
export function runnerTemp(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_TEMP || join(tmpdir(), 'mirror-action')
}
