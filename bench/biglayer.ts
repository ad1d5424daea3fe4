/**
 * Scenario 4's image: one layer of `bytes` seeded random data in a tar, gzip with stored blocks,
 * written to a temp file and pushed from it, so the bench never holds the layer in memory.
 * A real gzip matters: skopeo gzips a "tar+gzip" layer whose bytes are not gzip, and then copies
 * something else entirely.
 */
import { createCipheriv, createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { failure, regRequest, type StartedRegistry } from '../__tests__/harness/index.js'

const STORED_MAX = 0xffff
const CHUNK = 1024 * 1024

function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512)
  const put = (off: number, len: number, v: string): void =>
    void h.write(v, off, Math.min(len, v.length), 'ascii')
  const octal = (n: number, w: number): string => n.toString(8).padStart(w - 1, '0') + '\0'
  put(0, 100, name)
  put(100, 8, octal(0o644, 8))
  put(108, 8, octal(0, 8))
  put(116, 8, octal(0, 8))
  put(124, 12, octal(size, 12))
  put(136, 12, octal(0, 12))
  put(148, 8, '        ')
  put(156, 1, '0')
  put(257, 6, 'ustar\0')
  put(263, 2, '00')
  let sum = 0
  for (const b of h) sum += b
  put(148, 8, sum.toString(8).padStart(6, '0') + '\0 ')
  return h
}

/** The tar stream: header, AES-256-CTR keystream under sha256(seed), padding, end-of-archive. */
function* tarChunks(seed: string, bytes: number): Generator<Buffer> {
  yield tarHeader('data/big.bin', bytes)
  const cipher = createCipheriv('aes-256-ctr', createHash('sha256').update(seed).digest(), Buffer.alloc(16))
  const zeros = Buffer.alloc(CHUNK)
  for (let done = 0; done < bytes; done += CHUNK)
    yield cipher.update(zeros.subarray(0, Math.min(CHUNK, bytes - done)))
  yield Buffer.alloc(((512 - (bytes % 512)) % 512) + 1024)
}

export interface BigLayer {
  file: string
  digest: string // of the gzip bytes
  diffId: string // of the tar
  size: number
  cleanup(): Promise<void>
}

export async function writeBigLayer(seed: string, bytes: number): Promise<BigLayer> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-big-'))
  const file = join(dir, 'layer.tar.gz')
  const out = createWriteStream(file)
  const gzHash = createHash('sha256')
  const tarHash = createHash('sha256')
  const write = async (b: Buffer): Promise<void> => {
    gzHash.update(b)
    if (!out.write(b)) await new Promise<void>(r => out.once('drain', () => r()))
  }
  const total = 512 + bytes + ((512 - (bytes % 512)) % 512) + 1024
  let crc = 0
  let fed = 0
  let pending: Buffer[] = []
  let pendingLen = 0
  // Re-cut the tar stream into stored deflate blocks; the block holding the last byte is final.
  const flush = async (all: boolean): Promise<void> => {
    let buf = Buffer.concat(pending)
    while (buf.length >= STORED_MAX || (all && buf.length > 0)) {
      const block = buf.subarray(0, Math.min(STORED_MAX, buf.length))
      buf = buf.subarray(block.length)
      fed += block.length
      const head = Buffer.alloc(5)
      head[0] = fed === total ? 1 : 0
      head.writeUInt16LE(block.length, 1)
      head.writeUInt16LE(~block.length & 0xffff, 3)
      await write(Buffer.concat([head, block]))
    }
    pending = buf.length ? [buf] : []
    pendingLen = buf.length
  }
  await write(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]))
  for (const chunk of tarChunks(seed, bytes)) {
    tarHash.update(chunk)
    crc = crc32(chunk, crc)
    pending.push(chunk)
    pendingLen += chunk.length
    if (pendingLen >= CHUNK) await flush(false)
  }
  await flush(true)
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(total % 2 ** 32, 4)
  await write(trailer)
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  const size = (await stat(file)).size
  return {
    file,
    size,
    digest: `sha256:${gzHash.digest('hex')}`,
    diffId: `sha256:${tarHash.digest('hex')}`,
    cleanup: () => rm(dir, { recursive: true, force: true })
  }
}

/** POST + single PUT of one blob (a file path streams; a Buffer is sent as is). */
export async function pushBlob(
  reg: StartedRegistry,
  repo: string,
  digest: string,
  size: number,
  body: Buffer | string
): Promise<void> {
  const start = await regRequest(reg, { method: 'POST', path: `/v2/${repo}/blobs/uploads/`, repo })
  if (start.statusCode !== 202) throw await failure(`POST upload ${repo}`, start)
  await start.body.dump()
  const location = new URL(String(start.headers.location), reg.url)
  location.searchParams.set('digest', digest)
  const put = await regRequest(reg, {
    method: 'PUT',
    path: location.toString(),
    repo,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
    body: typeof body === 'string' ? createReadStream(body) : body
  })
  if (put.statusCode !== 201) throw await failure(`PUT blob ${digest} to ${repo}`, put)
  await put.body.dump()
}

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

/** Pushes a single-platform OCI image with the big layer as `repo:tag`; returns its digest. */
export async function pushBigImage(
  reg: StartedRegistry,
  repo: string,
  tag: string,
  bytes: number
): Promise<string> {
  const layer = await writeBigLayer(`bench-big-${bytes}`, bytes)
  try {
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [layer.diffId] }
      })
    )
    await pushBlob(reg, repo, layer.digest, layer.size, layer.file)
    await pushBlob(reg, repo, sha(config), config.length, config)
    const mediaType = 'application/vnd.oci.image.manifest.v1+json'
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType,
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: sha(config),
          size: config.length
        },
        layers: [
          { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer.digest, size: layer.size }
        ]
      })
    )
    const put = await regRequest(reg, {
      method: 'PUT',
      path: `/v2/${repo}/manifests/${tag}`,
      repo,
      headers: { 'content-type': mediaType },
      body: manifest
    })
    if (put.statusCode !== 201) throw await failure(`PUT manifest ${repo}:${tag}`, put)
    await put.body.dump()
    return sha(manifest)
  } finally {
    await layer.cleanup()
  }
}
