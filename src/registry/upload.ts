/**
 * Blob uploads: POST a session, then one streaming PUT (Content-Length from the descriptor), or
 * chunked PATCHes where configured/needed (GHCR refuses PATCH bodies over 4 MiB). A failed upload
 * restarts with a fresh session and, when the caller can give one, a fresh body. Cross-repository
 * mounts fall back to an upload when the registry answers 202.
 */
import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Descriptor } from '../oci/index.js'
import { failure, RegistryError } from '../http/index.js'
import { header, type HttpResponse } from '../http/index.js'
import { isRetryable, spent } from '../oci/index.js'
import { algorithmOf } from '../oci/index.js'
import { formatRepository } from '../oci/index.js'
import type { Session } from './session.js'
import { blobUploadPath, uploadSessionUrl } from './endpoints.js'

export const GHCR_MAX_CHUNK = 4 * 1024 * 1024

export type BlobBody = Readable | (() => Promise<Readable>)

export interface UploadTarget {
  session: Session
  registry: string
  repository: string
  scopes: string[]
}

/** POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<repo>: 201 → true; 202 → session cancelled, false. */
export async function mountBlob(t: UploadTarget, digest: string, fromRepository: string): Promise<boolean> {
  const res = await t.session.request({
    registry: t.registry,
    method: 'POST',
    path: blobUploadPath(t.repository, { digest, from: fromRepository }),
    headers: { 'content-length': '0' },
    scopes: [...t.scopes, `repository:${fromRepository}:pull`],
    bufferLimit: 65536
  })
  if (res.status === 201) return true
  if (res.status === 202) {
    await cancel(t, res)
    return false
  }
  // Not allowed to read the source, or it is gone: the caller uploads instead.
  if (res.status === 401 || res.status === 403 || res.status === 404) return false
  throw await failure(
    res,
    'POST',
    'mount',
    `mount ${digest} from ${fromRepository} into ${formatRepository(t.registry, t.repository)}`
  )
}

async function cancel(t: UploadTarget, res: HttpResponse): Promise<void> {
  const loc = header(res.headers, 'location')
  if (!loc) return
  try {
    await t.session.request({
      registry: t.registry,
      method: 'DELETE',
      path: uploadSessionUrl(loc, res.url),
      scopes: t.scopes,
      retry: false,
      bufferLimit: 65536
    })
  } catch {
    // best effort: abandoned sessions expire on the registry
  }
}

/**
 * POST /v2/<name>/blobs/uploads/ then PUT (or PATCH… + PUT) ?digest=. A registry refusing the
 * single PUT as too large (413, or GHCR's 416) is reported through `onTooLarge` and gets chunks:
 * on the next attempt here when `body` can give a fresh stream, else on the caller's next attempt
 * (the error is then retryable).
 */
export async function uploadBlob(
  t: UploadTarget,
  desc: Descriptor,
  body: BlobBody,
  maxChunkSize: number | undefined,
  onTooLarge: () => void = () => {}
): Promise<void> {
  const factory = typeof body === 'function' ? body : undefined
  let given: Readable | undefined = typeof body === 'function' ? undefined : body
  const policy = t.session.http.policy
  // A one-shot stream cannot be sent twice: its retry is the caller's (the copy engine's).
  const attempts = factory ? policy.attempts : 1
  let chunk = maxChunkSize
  for (let attempt = 0; ; attempt++) {
    const stream = given ?? (await factory!())
    given = undefined
    // The source may fail while the session is being opened: keep that error (an unheard 'error'
    // event would crash the process) and report it instead of uploading.
    let early: Error | undefined
    stream.on('error', (e: Error) => (early ??= e))
    try {
      const started = await start(t, desc)
      if (early || stream.errored) throw early ?? stream.errored
      const min = Number(header(started.headers, 'oci-chunk-min-length')) || 0
      if (chunk !== undefined) await chunked(t, desc, stream, started, Math.max(chunk, min))
      else await monolithic(t, desc, stream, started)
      return
    } catch (e) {
      stream.destroy()
      const tooBig =
        e instanceof RegistryError && (e.status === 413 || e.status === 416) && chunk === undefined
      if (tooBig) {
        onTooLarge()
        chunk = GHCR_MAX_CHUNK
        if (attempt + 1 >= attempts) throw inChunksNextTime(e, desc)
        continue
      }
      if (!isRetryable(e)) throw e
      if (attempt + 1 >= attempts) throw factory ? spent(e) : e
      await policy.sleep(policy.delay(attempt)!)
    }
  }
}

/** The refusal, retryable: the next upload of this blob to this registry is a chunked one. */
function inChunksNextTime(e: RegistryError, desc: Descriptor): RegistryError {
  return new RegistryError(
    `${e.message} (${desc.size} bytes in one PUT are too many for it; the next attempt uploads in chunks)`,
    {
      method: e.method,
      url: e.url,
      status: e.status,
      codes: e.codes,
      side: e.side,
      cause: e,
      retryable: true
    }
  )
}

async function start(t: UploadTarget, desc: Descriptor): Promise<HttpResponse> {
  const res = await t.session.request({
    registry: t.registry,
    method: 'POST',
    path: blobUploadPath(t.repository),
    headers: { 'content-length': '0' },
    scopes: t.scopes,
    bufferLimit: 65536
  })
  if (res.status !== 202 || !header(res.headers, 'location')) {
    throw await failure(
      res,
      'POST',
      'push',
      `upload of ${desc.digest} to ${formatRepository(t.registry, t.repository)}`
    )
  }
  return res
}

async function complete(t: UploadTarget, desc: Descriptor, res: HttpResponse, method: string): Promise<void> {
  if (res.status !== 201 && res.status !== 204) {
    throw await failure(
      res,
      method,
      'push',
      `upload of ${desc.digest} to ${formatRepository(t.registry, t.repository)}`
    )
  }
  await res.body?.dump().catch(() => {})
  const stored = header(res.headers, 'docker-content-digest')
  if (stored && stored !== desc.digest) {
    throw new RegistryError(
      `registry stored blob ${stored} instead of ${desc.digest} in ${formatRepository(t.registry, t.repository)}`,
      {
        method,
        url: res.url,
        status: res.status,
        codes: ['DIGEST_INVALID']
      }
    )
  }
}

async function monolithic(
  t: UploadTarget,
  desc: Descriptor,
  stream: Readable,
  started: HttpResponse
): Promise<void> {
  const url = uploadSessionUrl(header(started.headers, 'location')!, started.url, desc.digest)
  const res = await t.session.request({
    registry: t.registry,
    method: 'PUT',
    path: url,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(desc.size) },
    body: stream,
    scopes: t.scopes
  })
  await complete(t, desc, res, 'PUT')
}

/** PATCH with `Content-Range: start-end` (no `bytes ` prefix: Azure refuses it); our own offset, not the registry's Range. */
async function chunked(
  t: UploadTarget,
  desc: Descriptor,
  stream: Readable,
  started: HttpResponse,
  size: number
): Promise<void> {
  let location = uploadSessionUrl(header(started.headers, 'location')!, started.url)
  const hash = createHash(algorithmOf(desc.digest))
  let offset = 0
  const what = `upload of ${desc.digest} to ${formatRepository(t.registry, t.repository)}`
  try {
    for await (const part of rechunk(stream, size)) {
      hash.update(part)
      if (offset + part.length > desc.size)
        throw new RegistryError(`${what}: source has more than ${desc.size} bytes`, {
          method: 'PATCH',
          url: location
        })
      const res = await t.session.request({
        registry: t.registry,
        method: 'PATCH',
        path: location,
        headers: {
          'content-type': 'application/octet-stream',
          'content-range': `${offset}-${offset + part.length - 1}`,
          'content-length': String(part.length)
        },
        body: part,
        scopes: t.scopes,
        retry: false,
        bufferLimit: 65536
      })
      if (res.status !== 202 && res.status !== 204) throw await failure(res, 'PATCH', 'push', what)
      offset += part.length
      const next = header(res.headers, 'location')
      if (next) location = uploadSessionUrl(next, res.url)
    }
    const got = `${algorithmOf(desc.digest)}:${hash.digest('hex')}`
    if (offset !== desc.size || got !== desc.digest) {
      throw new RegistryError(
        `${what}: source bytes do not match the descriptor (${offset} bytes, ${got}); not committing`,
        {
          method: 'PATCH',
          url: location,
          codes: ['DIGEST_INVALID']
        }
      )
    }
    const res = await t.session.request({
      registry: t.registry,
      method: 'PUT',
      path: uploadSessionUrl(location, location, desc.digest),
      headers: { 'content-length': '0' },
      scopes: t.scopes,
      bufferLimit: 65536
    })
    await complete(t, desc, res, 'PUT')
  } catch (e) {
    await cancel(t, { status: 202, headers: { location }, url: location })
    throw e
  }
}

/** Re-slice a byte stream into parts of exactly `size` bytes (the last may be shorter); one part in memory. */
export async function* rechunk(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = []
  let n = 0
  for await (const c of stream) {
    let b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer)
    while (b.length > 0) {
      const take = Math.min(size - n, b.length)
      parts.push(b.subarray(0, take))
      n += take
      b = b.subarray(take)
      if (n === size) {
        yield Buffer.concat(parts, n)
        parts = []
        n = 0
      }
    }
  }
  if (n > 0) yield Buffer.concat(parts, n)
}
