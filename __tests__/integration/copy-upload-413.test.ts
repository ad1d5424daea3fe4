/**
 * A registry that refuses a blob in one PUT (413 Payload Too Large, as a proxy with a body size
 * limit answers) gets it in chunked PATCHes instead, and the run remembers it: one refusal per
 * registry, not one per blob. The registry behind the refusing front is real; skopeo reads the copy.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import type { Descriptor } from '../../src/oci/index.js'
import {
  buildImage,
  pushImage,
  seededBytes,
  skopeo,
  startRegistry,
  type StartedRegistry
} from '../harness/index.js'
import { sha256, startFront, testClient, type Front } from './client-helpers.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(180_000)

/** Bodies over this many bytes are refused in one PUT; every blob here is larger. */
const LIMIT = 100

describe('a registry that refuses large single PUTs', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let front: Front
  /** Paths of the PUTs the front refused. */
  const refused: string[] = []
  const dir = mkdtempSync(join(tmpdir(), 'copy-upload-413-'))
  const image = buildImage({ seed: 'upload-413', layerSizes: [300_000, 200_000] })

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    await pushImage(src, 'lib/big', 'v1', image)
    front = await startFront(dst, (req, res) => {
      const size = Number(req.headers['content-length'] ?? 0)
      if (req.method !== 'PUT' || !req.url?.includes('/blobs/uploads/') || size <= LIMIT) return false
      refused.push(req.url)
      // Like a proxy's body limit: the answer comes from the headers, before the body is read.
      res.writeHead(413, { 'content-type': 'text/html' }).end('<h1>413 Request Entity Too Large</h1>')
      req.resume()
      return true
    })
  })
  afterAll(async () => {
    await front?.stop()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  test('copy succeeds in PATCHes after one refusal; skopeo reads every blob back', async () => {
    refused.length = 0
    await dst.clearAccessLog()
    const r = await cli([
      'copy',
      '--transfers',
      '1',
      `docker://${src.host}/lib/big:v1`,
      `docker://${front.host}/lib/big:v1`
    ])
    expect(r.stderr).not.toMatch(/failed|warning/)
    expect(r.code).toBe(0)
    // The first upload was refused; the registry was remembered, so no other blob tried one PUT.
    expect(refused).toHaveLength(1)
    const uploads = (await dst.accessLog())
      .filter(e => e.path.includes('/blobs/uploads/'))
      .map(e => `${e.method} ${e.status}`)
    const blobs = image.blobs.length
    expect(uploads.filter(u => u === 'PATCH 202')).toHaveLength(blobs)
    expect(uploads.filter(u => u === 'PUT 201')).toHaveLength(blobs)
    // One session for the refused attempt, one per chunked upload.
    expect(uploads.filter(u => u === 'POST 202')).toHaveLength(blobs + 1)

    const out = join(dir, 'layout')
    const back = await skopeo(['copy', `docker://${dst.host}/lib/big:v1`, `oci:${out}:v1`], { reg: dst })
    expect(back.stderr).toBe('')
    expect(back.code).toBe(0)
    const raw = await skopeo(['inspect', '--raw', `docker://${dst.host}/lib/big:v1`], { reg: dst })
    expect(sha256(raw.stdout)).toBe(image.manifest.digest)
  })

  test('a client that met the refusal once uploads every later blob there in chunks', async () => {
    refused.length = 0
    const { client, done } = await testClient({})
    try {
      const blob = (seed: string) => {
        const data = seededBytes(seed, 150_000)
        const desc: Descriptor = {
          mediaType: 'application/octet-stream',
          digest: sha256(data),
          size: data.length
        }
        return { data, desc }
      }
      // With a body factory the client retries the refused blob itself, in chunks.
      const first = blob('upload-413-first')
      let calls = 0
      await client.blobUpload(front.host, 'up/client', first.desc, () => {
        calls++
        return Promise.resolve(Readable.from([first.data]))
      })
      expect([calls, refused.length]).toEqual([2, 1])
      // A plain stream cannot be sent twice: it goes in chunks from the start, or not at all.
      const second = blob('upload-413-second')
      await client.blobUpload(front.host, 'up/client', second.desc, Readable.from([second.data]))
      expect(refused).toHaveLength(1)
      for (const b of [first, second])
        expect(await client.blobHead(dst.host, 'up/client', b.desc.digest)).toBe(b.data.length)
    } finally {
      await done()
    }
  })
})
