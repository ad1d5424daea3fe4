/**
 * Content-addressed blob files on disk, shared by the OCI layout, dir and docker-archive staging
 * code: writes go to a temp file while hashing and are linked into place only once verified, so
 * a blob path never holds partial or wrong bytes; reads are verified streams.
 */
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { link, lstat, mkdir, open, readdir, rename, rm, rmdir, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { PassThrough, Writable, type Readable } from 'node:stream'
import type { Descriptor } from '../../oci/index.js'
import { alive } from './lock.js'
import { checkBytes, VerifyStream } from './verify.js'

export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024

export class BlobNotFoundError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BlobNotFoundError'
  }
}

/** A temp name carrying our pid, so a later run can tell leftovers of a killed process from live ones. */
export function tempName(prefix: string): string {
  return `${prefix}${process.pid}-${randomBytes(8).toString('hex')}`
}

/**
 * Remove temp files and directories in `dir` named `<prefix><pid>-…` whose process is gone (a copy
 * killed with -9 cannot clean up after itself). Live writers' temps are left alone.
 */
export async function sweepStaleTemps(dir: string, prefix: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return
  }
  for (const n of names) {
    if (!n.startsWith(prefix)) continue
    const pid = Number.parseInt(n.slice(prefix.length), 10)
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) {
      await rm(path.join(dir, n), { recursive: true, force: true })
    }
  }
}

/**
 * Create a new temp file in `tmpDir`. The directory is removed when a destination is done with it
 * (a layout keeps no empty ingest/), possibly by another writer between our mkdir and our open:
 * then it is made again.
 */
async function openTemp(tmpDir: string): Promise<{ fh: FileHandle; tmp: string }> {
  for (let attempt = 0; ; attempt++) {
    const tmp = path.join(tmpDir, tempName('.tmp-'))
    try {
      // mkdir too can say ENOENT: it found the directory (EEXIST), which was gone when it looked.
      await mkdir(tmpDir, { recursive: true })
      return { fh: await open(tmp, 'wx', 0o644), tmp }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 4) throw err
    }
  }
}

/** Remove a temp directory when it is empty; one in use by another writer stays. */
export async function removeIfEmpty(dir: string): Promise<void> {
  await rmdir(dir).catch(() => {})
}

/** True when `file` is a regular file of exactly `size` bytes (content is trusted: it was verified on write). */
export async function blobFileOk(file: string, size: number): Promise<boolean> {
  try {
    const st = await lstat(file)
    return st.isFile() && st.size === size
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw err
  }
}

/**
 * Stream all of `body` into `finalPath` through a temp file in `tmpDir` (same file system, so
 * publishing is atomic). Nothing appears at `finalPath` unless the bytes matched `desc`, and the
 * temp file is gone when this returns, whatever happened.
 *
 * Several writers of one blob may race (images sharing a layer, two processes on one layout):
 * the first to publish wins, and a later one whose bytes verified finds the blob in place and
 * counts it as written. The body is always read to the end: the copy engine checks that the
 * destination took every byte, so giving up early on a blob that appeared meanwhile would fail
 * the copy.
 */
export async function writeBlobFile(
  tmpDir: string,
  finalPath: string,
  desc: Pick<Descriptor, 'digest' | 'size'>,
  body: Readable,
  what: string
): Promise<void> {
  const { fh, tmp } = await openTemp(tmpDir)
  try {
    await pipeline(body, new VerifyStream(desc, what), fh.createWriteStream())
    await mkdir(path.dirname(finalPath), { recursive: true })
    await publish(tmp, finalPath, desc, what)
  } finally {
    await rm(tmp, { force: true })
  }
}

/** link() codes of file systems without hard links (FAT, some network mounts): rename instead. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'])

/**
 * Put the verified temp file at `finalPath` without ever replacing a good blob there: link()
 * fails with EEXIST where rename() would silently swap the file under a reader (and on Windows
 * fail while someone has it open).
 */
async function publish(
  tmp: string,
  finalPath: string,
  desc: Pick<Descriptor, 'digest' | 'size'>,
  what: string
): Promise<void> {
  try {
    await link(tmp, finalPath)
    return
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? ''
    if (NO_HARD_LINKS.has(code)) return rename(tmp, finalPath)
    if (code !== 'EEXIST') throw err
  }
  // Another writer got there first. Re-hash rather than trust the size, as hasBlob does: this is
  // the rare path, and a verified copy of our own is at hand to replace a file that is not right.
  if (await blobFileVerified(finalPath, desc, what)) return
  await rename(tmp, finalPath)
}

/** True when `file` is a regular file whose bytes hash to `desc` (read in a stream, not held). */
async function blobFileVerified(
  file: string,
  desc: Pick<Descriptor, 'digest' | 'size'>,
  what: string
): Promise<boolean> {
  if (!(await blobFileOk(file, desc.size))) return false
  try {
    const discard = new Writable({ write: (_chunk, _enc, cb) => cb() })
    await pipeline(createReadStream(file), new VerifyStream(desc, what), discard)
    return true
  } catch {
    return false
  }
}

/** Write verified in-memory bytes (manifests, small JSON) the same atomic way. */
export async function writeBytesFile(
  tmpDir: string,
  finalPath: string,
  bytes: Buffer,
  desc: Pick<Descriptor, 'digest' | 'size'> | undefined,
  what: string
): Promise<void> {
  if (desc) checkBytes(bytes, desc.digest, desc.size, what)
  const { fh, tmp } = await openTemp(tmpDir)
  try {
    try {
      await fh.writeFile(bytes)
      // index.json and friends are the commit point: make them durable before they become visible.
      await fh.sync()
    } finally {
      await fh.close()
    }
    await mkdir(path.dirname(finalPath), { recursive: true })
    await rename(tmp, finalPath)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  }
}

/** A stream of the blob at `file` that errors unless the bytes match `desc`. */
export async function openBlobFile(
  file: string,
  desc: Pick<Descriptor, 'digest' | 'size'>,
  what: string
): Promise<Readable> {
  const fh = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new BlobNotFoundError(`${what}: blob ${desc.digest} not found`)
    throw err
  })
  try {
    const st = await fh.stat()
    if (!st.isFile()) throw new Error(`${what}: blob ${desc.digest} is not a regular file`)
    if (st.size !== desc.size) {
      throw new Error(
        `${what}: blob ${desc.digest} is ${st.size} bytes on disk, the descriptor says ${desc.size}`
      )
    }
  } catch (err) {
    await fh.close()
    throw err
  }
  return verifiedRange(fh.createReadStream(), desc, what)
}

/** A byte range of a file (an archive member) as a verified stream. */
export function openFileRange(
  file: string,
  start: number,
  desc: Pick<Descriptor, 'digest' | 'size'>,
  what: string
): Readable {
  if (desc.size === 0) {
    // createReadStream's `end` is inclusive, so an empty range cannot be expressed with it.
    const empty = new PassThrough()
    empty.end()
    return verifiedRange(empty, desc, what)
  }
  return verifiedRange(createReadStream(file, { start, end: start + desc.size - 1 }), desc, what)
}

function verifiedRange(rs: Readable, desc: Pick<Descriptor, 'digest' | 'size'>, what: string): Readable {
  const out = new VerifyStream(desc, what)
  // pipeline forwards a read error into `out` and closes the file when the consumer gives up.
  pipeline(rs, out).catch(() => undefined)
  return out
}

/** Read a small blob (manifest, config) fully, verified, refusing anything over `cap` bytes. */
export async function readBlobFile(
  file: string,
  desc: Pick<Descriptor, 'digest' | 'size'>,
  what: string,
  cap = MAX_MANIFEST_BYTES
): Promise<Buffer> {
  if (desc.size > cap)
    throw new Error(`${what}: ${desc.digest} is ${desc.size} bytes, over the ${cap}-byte limit`)
  const chunks: Buffer[] = []
  for await (const c of await openBlobFile(file, desc, what)) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}
