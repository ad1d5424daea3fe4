/**
 * Two writers of one blob into one store (two REFs of one OCI layout, or one dir: written twice):
 * whoever publishes second finds the blob in place. It must still succeed, take its whole body
 * (the engine checks every byte was accepted), leave the published file alone and no temp behind.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { Descriptor, ImageDestination } from '../../src/oci/index.js'
import { openDirDestination } from '../../src/transports/index.js'
import { openOciDestination } from '../../src/transports/oci-layout/index.js'
import { seededBytes } from '../harness/index.js'
import { tempDir } from './transport-helpers.js'

let t: { dir: string; cleanup(): Promise<void> }
beforeEach(async () => {
  t = await tempDir()
})
afterEach(() => t.cleanup())

const data = seededBytes('blob-race', 3 * 1024 * 1024)
const desc: Descriptor = {
  mediaType: 'application/octet-stream',
  digest: `sha256:${createHash('sha256').update(data).digest('hex')}`,
  size: data.length
}
const hex = desc.digest.slice('sha256:'.length)

interface Store {
  open(n: number): Promise<ImageDestination>
  blobFile: string
  /** Where temp files go while a blob is written. */
  tmpDir: string
}

const stores: [string, (root: string) => Store][] = [
  [
    'oci: layout, two REFs',
    root => ({
      open: n => openOciDestination(root, `r${n}`),
      blobFile: path.join(root, 'blobs', 'sha256', hex),
      tmpDir: path.join(root, 'ingest')
    })
  ],
  [
    'dir:, opened twice',
    root => ({ open: () => openDirDestination(root), blobFile: path.join(root, hex), tmpDir: root })
  ]
]

/** The blob in 64 KiB chunks, produced only as fast as the destination reads them. */
const chunked = (): Readable =>
  Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += 65536) yield data.subarray(i, i + 65536)
    })()
  )

const temps = async (s: Store): Promise<string[]> =>
  (await readdir(s.tmpDir)).filter(n => n.startsWith('.tmp-'))

const sha = async (file: string): Promise<string> =>
  `sha256:${createHash('sha256')
    .update(await readFile(file))
    .digest('hex')}`

describe.each(stores)('%s: the second writer of a blob', (_name, make) => {
  let s: Store
  beforeEach(() => {
    s = make(path.join(t.dir, 'store'))
  })

  test('succeeds when the blob appears, complete, while it writes; the published file is kept', async () => {
    const [a, b] = [await s.open(1), await s.open(2)]
    const body = new PassThrough()
    const second = b.putBlob(desc, body)
    body.write(data.subarray(0, 1024 * 1024))
    // Bounded wait until the second writer has its temp file: it is really mid-write.
    for (let i = 0; i < 500 && (await temps(s)).length === 0; i++) await sleep(10)
    expect(await temps(s)).toHaveLength(1)

    await a.putBlob(desc, Readable.from([data]))
    const first = await stat(s.blobFile)
    body.end(data.subarray(1024 * 1024))
    await second

    // 'end' only once the consumer read every byte: a destination that gave up would not see it.
    expect(body.readableEnded).toBe(true)
    expect((await stat(s.blobFile)).ino).toBe(first.ino)
    expect(await sha(s.blobFile)).toBe(desc.digest)
    expect(await temps(s)).toEqual([])
  })

  test('succeeds and reads its whole body when the blob is complete before it starts', async () => {
    const [a, b] = [await s.open(1), await s.open(2)]
    await a.putBlob(desc, Readable.from([data]))
    const first = await stat(s.blobFile)
    const body = chunked()
    await b.putBlob(desc, body)
    expect(body.readableEnded).toBe(true)
    expect((await stat(s.blobFile)).ino).toBe(first.ino)
    expect(await sha(s.blobFile)).toBe(desc.digest)
    expect(await temps(s)).toEqual([])
  })

  test('replaces a wrong file of the right size at the blob path with its verified bytes', async () => {
    const a = await s.open(1)
    await writeFile(s.blobFile, Buffer.alloc(desc.size, 0x61))
    await a.putBlob(desc, Readable.from([data]))
    expect(await sha(s.blobFile)).toBe(desc.digest)
    expect(await temps(s)).toEqual([])
  })

  test('with wrong bytes fails, and leaves the published blob as it was', async () => {
    const [a, b] = [await s.open(1), await s.open(2)]
    await a.putBlob(desc, Readable.from([data]))
    const bad = Buffer.from(data)
    bad[bad.length - 1] ^= 0xff
    await expect(b.putBlob(desc, Readable.from([bad]))).rejects.toThrow(/digest mismatch/)
    expect(await sha(s.blobFile)).toBe(desc.digest)
    expect(await temps(s)).toEqual([])
  })
})
