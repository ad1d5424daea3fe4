import { afterAll, describe, expect, jest, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { scavengeTotals, type HttpResponse } from '../../src/http/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { openBlobFile, writeBlobFile } from '../../src/transports/fs/index.js'

// Blob streams keep their memory flat by scavenging every 16 MiB (src/http/scavenge.ts): each path
// a layer streams through must report its bytes, or a 1 GiB copy piles up dropped read buffers
// again (integration/memory.test.ts measures the memory itself).
const CHUNK = Buffer.alloc(64 * 1024, 'layer bytes ')
const CHUNKS = 520 // 32.5 MiB: at least two scavenges whatever was counted before
const SIZE = CHUNK.length * CHUNKS
const hash = createHash('sha256')
for (let i = 0; i < CHUNKS; i++) hash.update(CHUNK)
const desc = { mediaType: 'application/octet-stream', digest: `sha256:${hash.digest('hex')}`, size: SIZE }
const body = (): Readable =>
  Readable.from(
    (function* () {
      for (let i = 0; i < CHUNKS; i++) yield CHUNK
    })()
  )

async function drain(r: Readable): Promise<number> {
  let n = 0
  for await (const c of r) n += (c as Buffer).length
  return n
}

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

/** A path a layer streams through: set-up (not measured), then the stream; resolves to the bytes out. */
interface StreamPath {
  prepare?: (dir: string) => Promise<void>
  stream: (dir: string) => Promise<number>
}

const writeBlob = (dir: string): Promise<void> =>
  writeBlobFile(join(dir, 'tmp'), join(dir, 'blob'), desc, body(), 'test')

const PATHS: [string, StreamPath][] = [
  [
    'a registry blob download (RegistryClient.blobGet)',
    {
      stream: async () => {
        const client = new RegistryClient()
        // The registry's answer is given in memory: what is tested is the stream, not the HTTP.
        const res = { status: 200, headers: {}, url: 'http://127.0.0.1:9/v2/x/blobs/d', body: body() }
        jest.spyOn(client.session, 'request').mockResolvedValue(res as unknown as HttpResponse)
        try {
          return await drain(await client.blobGet('127.0.0.1:9', 'x', desc))
        } finally {
          await client.close()
        }
      }
    }
  ],
  [
    'a file transport writing a blob (writeBlobFile)',
    {
      stream: async dir => {
        await writeBlob(dir)
        return (await stat(join(dir, 'blob'))).size
      }
    }
  ],
  [
    'a file transport reading a blob (openBlobFile)',
    { prepare: writeBlob, stream: async dir => drain(await openBlobFile(join(dir, 'blob'), desc, 'test')) }
  ]
]

// Each scavenge counted ran (the count is kept only when gc could be reached): on a Node release
// where v8.setFlagsFromString no longer exposes gc, this fails instead of memory quietly growing.
describe('scavenging during blob streams', () => {
  test.each(PATHS)('%s counts every byte and scavenges every 16 MiB', async (_name, path) => {
    const dir = await mkdtemp(join(tmpdir(), 'mirror-scavenge-'))
    dirs.push(dir)
    await path.prepare?.(dir)
    const before = scavengeTotals()
    expect(await path.stream(dir)).toBe(SIZE)
    const after = scavengeTotals()
    expect(after.bytes - before.bytes).toBe(SIZE)
    expect(after.scavenges - before.scavenges).toBeGreaterThanOrEqual(Math.floor(SIZE / (16 * 1024 * 1024)))
  })
})
