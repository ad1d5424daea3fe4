/** Deterministic randomness so fixtures and injected faults repeat exactly from their seeds. */
import { createCipheriv, createHash } from 'node:crypto'

/**
 * `n` incompressible bytes from `seed`: the AES-256-CTR keystream under key sha256(seed). Same bytes
 * on every Node version (unlike zlib output), and fast enough for large layers.
 */
export function seededBytes(seed: string, n: number): Buffer {
  const key = createHash('sha256').update(seed).digest()
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16))
  return Buffer.concat([cipher.update(Buffer.alloc(n)), cipher.final()])
}

/** mulberry32: a small, well-mixed 32-bit generator returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const sha256 = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
