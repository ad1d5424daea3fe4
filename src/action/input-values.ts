/**
 * Input values parsed from the strings context.ts read (context.ts stays the only reader of inputs):
 * counts, the rate-limit reserve, the shard, and the scale-out inputs.
 */
import { parseShard, type Shard } from '../sync/index.js'
import { InputError } from './input-error.js'

export const MAX_CONCURRENCY = 256

export const MAX_SHARDS_INPUT = 256

export type ShardsInput =
  | { kind: 'auto'; maxImages?: number; maxBytes?: number; maxShards: number }
  | { kind: 'fixed'; count: number }

export const DEFAULT_SHARD_MAX_IMAGES = 100
export const DEFAULT_MAX_SHARDS = 16

/** `shards: auto | N` with its caps; undefined when `shards` is empty. */
export function parseShardsInput(raw: {
  shards: string
  maxImages: string
  maxBytes: string
  maxShards: string
}): ShardsInput | undefined {
  const s = raw.shards.trim().toLowerCase()
  const capsGiven = [raw.maxImages, raw.maxBytes, raw.maxShards].some(v => v.trim() !== '')
  if (s === '') {
    if (capsGiven) {
      throw new InputError(
        "Inputs 'shard-max-images', 'shard-max-bytes' and 'max-shards' size the matrix of 'shards: auto'; set 'shards: auto' too."
      )
    }
    return undefined
  }
  if (/^\d+$/.test(s)) {
    const count = Number(s)
    if (count < 1 || count > MAX_SHARDS_INPUT) {
      throw new InputError(
        `Input 'shards' must be 'auto' or a whole number from 1 to ${MAX_SHARDS_INPUT}, got '${s}'.`
      )
    }
    if (capsGiven)
      throw new InputError(
        `Inputs 'shard-max-images', 'shard-max-bytes' and 'max-shards' apply to 'shards: auto' only.`
      )
    return { kind: 'fixed', count }
  }
  if (s !== 'auto') {
    throw new InputError(
      `Input 'shards' must be 'auto' or a whole number from 1 to ${MAX_SHARDS_INPUT}, got '${raw.shards.trim()}'.`
    )
  }
  const maxBytes = parseByteSize('shard-max-bytes', raw.maxBytes)
  let maxImages = parseWhole('shard-max-images', raw.maxImages, 1, 1_000_000)
  // Without any cap every run would be one shard: the image cap has a default.
  if (maxImages === undefined && maxBytes === undefined) maxImages = DEFAULT_SHARD_MAX_IMAGES
  const maxShards = parseWhole('max-shards', raw.maxShards, 1, MAX_SHARDS_INPUT) ?? DEFAULT_MAX_SHARDS
  return { kind: 'auto', maxImages, maxBytes, maxShards }
}

function parseWhole(name: string, raw: string, min: number, max: number): number | undefined {
  const s = raw.trim()
  if (s === '') return undefined
  if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) {
    throw new InputError(`Input '${name}' must be a whole number from ${min} to ${max}, got '${s}'.`)
  }
  return Number(s)
}

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4
}

/** `5GB`, `500MiB`, `1000000`: decimal and binary units, case-insensitive. */
export function parseByteSize(name: string, raw: string): number | undefined {
  const s = raw.trim()
  if (s === '') return undefined
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(s)
  const unit = m ? BYTE_UNITS[m[2].toLowerCase()] : undefined
  const n = m && unit ? Math.round(Number(m[1]) * unit) : NaN
  if (!Number.isFinite(n) || n < 1) {
    throw new InputError(`Input '${name}' must be a size such as 5GB, 500MiB or a byte count, got '${s}'.`)
  }
  return n
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

export const MAX_RATE_LIMIT_RESERVE = 10_000

export function parseReserve(raw: string): number | undefined {
  const s = raw.trim()
  if (s === '') return undefined
  if (!/^\d+$/.test(s) || Number(s) > MAX_RATE_LIMIT_RESERVE) {
    throw new InputError(
      `Input 'rate-limit-reserve' must be a whole number from 0 to ${MAX_RATE_LIMIT_RESERVE} (pulls to leave unused), got '${s}'.`
    )
  }
  return Number(s)
}

export function parseOnDeferred(raw: string): 'warn' | 'fail' {
  const s = raw.trim().toLowerCase()
  if (s === '' || s === 'warn') return 'warn'
  if (s === 'fail') return 'fail'
  throw new InputError(`Input 'on-deferred' must be 'warn' or 'fail', got '${raw.trim()}'.`)
}

/** The deprecated `concurrency` input: blob transfers, as it always meant in the action. */
export function parseConcurrency(raw: string): number | undefined {
  return parseCountInput('concurrency', raw)
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
