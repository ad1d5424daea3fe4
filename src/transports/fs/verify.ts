/**
 * Digest and size checks shared by the file transports: a blob is trusted only after its bytes
 * hashed to the digest the manifest names, exactly as for registry copies.
 */
import { createHash } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'
import type { Descriptor } from '../../oci/index.js'
import { streamed } from '../../http/index.js'
import { parseDigest } from './paths.js'

export class DigestMismatchError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DigestMismatchError'
  }
}

export function digestOf(bytes: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`
}

/** Throws unless `bytes` match the descriptor's digest (and size, when `size` is given). */
export function checkBytes(bytes: Buffer, digest: string, size: number | undefined, what: string): void {
  const { algorithm } = parseDigest(digest, what)
  if (size !== undefined && bytes.length !== size) {
    throw new DigestMismatchError(`${what}: size ${bytes.length} does not match ${size} for ${digest}`)
  }
  const got = digestOf(bytes, algorithm)
  if (got !== digest)
    throw new DigestMismatchError(`${what}: digest mismatch: expected ${digest}, got ${got}`)
}

/**
 * A pass-through stream that errors — instead of ending — when the bytes are not exactly
 * `desc.size` long or do not hash to `desc.digest`. Oversize input fails as soon as it is seen.
 */
export class VerifyStream extends Transform {
  private readonly hash
  private readonly algorithm: 'sha256' | 'sha512'
  private seen = 0
  /** The hex digest, set once the stream ended verified. */
  verified = false

  constructor(
    private readonly desc: Pick<Descriptor, 'digest' | 'size'>,
    private readonly what: string
  ) {
    super()
    this.algorithm = parseDigest(desc.digest, what).algorithm
    this.hash = createHash(this.algorithm)
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length
    if (this.seen > this.desc.size) {
      cb(
        new DigestMismatchError(
          `${this.what}: more than the expected ${this.desc.size} bytes for ${this.desc.digest}`
        )
      )
      return
    }
    this.hash.update(chunk)
    streamed(chunk.length)
    cb(null, chunk)
  }

  override _flush(cb: TransformCallback): void {
    if (this.seen !== this.desc.size) {
      cb(
        new DigestMismatchError(
          `${this.what}: got ${this.seen} bytes, expected ${this.desc.size} for ${this.desc.digest}`
        )
      )
      return
    }
    const got = `${this.algorithm}:${this.hash.digest('hex')}`
    if (got !== this.desc.digest) {
      cb(new DigestMismatchError(`${this.what}: digest mismatch: expected ${this.desc.digest}, got ${got}`))
      return
    }
    this.verified = true
    cb()
  }
}

/** Parse JSON read from a file; a syntax error names the file and the line:column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    const pos = jsonErrorOffset(text)
    const before = text.slice(0, pos)
    const line = before.split('\n').length
    const col = pos - before.lastIndexOf('\n')
    throw new Error(`${file}:${line}:${col}: invalid JSON: ${(err as Error).message}`, { cause: err })
  }
}

/**
 * Offset of the first JSON syntax error in `text` (V8 does not always report one). A small
 * recursive-descent scanner: it only locates the error, JSON.parse does the parsing.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const fail = (): never => {
    throw i
  }
  const lit = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length
    else fail()
  }
  const str = (): void => {
    if (text[i] !== '"') fail()
    i++
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail()
      if (text[i] === '\\') {
        i++
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4
        else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail()
      }
      i++
    }
    if (i >= text.length) fail()
    i++
  }
  const num = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!m) fail()
    i += (m as RegExpExecArray)[0].length
  }
  const value = (depth: number): void => {
    if (depth > 1000) fail()
    ws()
    const c = text[i]
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      i++
      ws()
      if (text[i] === close) {
        i++
        return
      }
      for (;;) {
        if (c === '{') {
          ws()
          str()
          ws()
          if (text[i] !== ':') fail()
          i++
        }
        value(depth + 1)
        ws()
        if (text[i] === ',') i++
        else if (text[i] === close) {
          i++
          return
        } else fail()
      }
    } else if (c === '"') str()
    else if (c === 't') lit('true')
    else if (c === 'f') lit('false')
    else if (c === 'n') lit('null')
    else num()
  }
  try {
    value(0)
    ws()
    return i
  } catch (pos) {
    if (typeof pos === 'number') return pos
    throw pos
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
