/**
 * A blob download as a verified byte stream: sha256 and size are checked while streaming; a
 * mismatch makes the stream error (it never ends cleanly). A connection lost mid-body resumes with
 * a Range request (bounded attempts), so one reset does not cost a whole layer.
 */
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Descriptor } from '../oci/index.js'
import { RegistryError } from '../http/index.js'
import { header, type HttpResponse } from '../http/index.js'
import { deadlineOf, isRetryable, isRetryableStatus, type RetryPolicy } from '../oci/index.js'
import { algorithmOf } from '../oci/index.js'
import { deadlineFired, networkError, streamed, ThroughputMeter, type Floor } from '../http/index.js'

export interface BlobStreamOptions {
  /** For messages: `docker.io/library/nginx`. */
  what: string
  policy: RetryPolicy
  /** Re-request the blob from byte `offset` (a Range request). */
  reopen: (offset: number) => Promise<HttpResponse>
  method?: string
  url: string
  /** `min-throughput`: a body below it for a window fails (and is resumed, as a reset would be). */
  floor?: Floor
}

export function verifiedBlobStream(first: HttpResponse, desc: Descriptor, o: BlobStreamOptions): Readable {
  return Readable.from(chunks(first, desc, o), { objectMode: false, highWaterMark: 64 * 1024 })
}

async function* chunks(first: HttpResponse, desc: Descriptor, o: BlobStreamOptions): AsyncGenerator<Buffer> {
  const algo = algorithmOf(desc.digest)
  const hash = createHash(algo)
  const fail = (msg: string, codes: string[] = ['DIGEST_INVALID']): RegistryError =>
    new RegistryError(`blob ${desc.digest} of ${o.what}: ${msg}`, { method: 'GET', url: o.url, codes })
  let res = first
  let offset = 0
  let skip = 0
  let failures = 0
  for (;;) {
    let lost: unknown
    // Each response is measured on its own: a resumed download starts a fresh window.
    const meter = o.floor ? new ThroughputMeter(o.floor, res.url || o.url) : undefined
    try {
      for await (const c of res.body!) {
        let b = c as Buffer
        meter?.add(b.length)
        if (skip > 0) {
          const n = Math.min(skip, b.length)
          skip -= n
          b = b.subarray(n)
          if (b.length === 0) continue
        }
        offset += b.length
        if (offset > desc.size) {
          res.body!.destroy()
          throw fail(`more bytes than the ${desc.size} the descriptor says; refusing it`, ['SIZE_INVALID'])
        }
        hash.update(b)
        streamed(b.length)
        yield b
      }
      if (offset === desc.size) break
      lost = fail(`the body ended after ${offset} of ${desc.size} bytes`, ['SIZE_INVALID'])
    } catch (e) {
      // A failure of ours (the floor) leaves the body open: close it before resuming.
      if (!res.body!.destroyed) res.body!.destroy()
      // The image's deadline aborted the body: said with the host the bytes were coming from.
      if (deadlineOf(e) && !(e instanceof RegistryError)) throw networkError('GET', new URL(o.url), e)
      if (!isRetryable(e)) throw e
      lost = e
    }
    if (++failures >= o.policy.attempts) {
      // This loop spent the policy's attempts on the body: an outer retry would only repeat them.
      const why = deadlineFired(lost, new URL(o.url).host)
      throw new RegistryError(
        `blob ${desc.digest} of ${o.what}: download failed after ${failures} attempts at byte ${offset}` +
          (why ? ` (${why})` : ''),
        {
          method: 'GET',
          url: o.url,
          cause: lost,
          retryable: false
        }
      )
    }
    await o.policy.sleep(o.policy.delay(failures)!)
    res = await o.reopen(offset)
    if (res.status === 206) {
      const start = /^bytes (\d+)-/.exec(header(res.headers, 'content-range') ?? '')?.[1]
      if (start === undefined || Number(start) !== offset) {
        res.body?.destroy()
        throw fail(`registry resumed at the wrong offset (${start ?? 'unknown'} instead of ${offset})`, [])
      }
    } else if (res.status === 200) {
      skip = offset // no Range support: skip what we already have
    } else {
      res.body?.destroy()
      throw new RegistryError(
        `blob ${desc.digest} of ${o.what}: resuming the download answered ${res.status}`,
        {
          method: 'GET',
          url: o.url,
          status: res.status,
          retryable: isRetryableStatus(res.status)
        }
      )
    }
  }
  const got = `${algo}:${hash.digest('hex')}`
  if (got !== desc.digest) throw fail(`content does not match its digest (got ${got}); refusing it`)
}
