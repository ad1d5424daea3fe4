/**
 * Index a tar file by reading only its headers (seeking over member data), so members can later be
 * streamed as byte ranges. Handles ustar, GNU long names and PAX headers; refuses member names and
 * links that would leave the archive.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { normaliseArchivePath, PathError, resolveArchiveLink } from '../fs/index.js'

export interface TarMember {
  name: string
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other'
  /** Byte offset of the member's data in the tar file. */
  offset: number
  size: number
  linkname?: string
}

const BLOCK = 512
const MAX_MEMBERS = 200_000
const MAX_META = 1024 * 1024
const MAX_LINK_HOPS = 16

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TarFormatError'
  }
}

function str(buf: Buffer, off: number, len: number): string {
  const end = buf.indexOf(0, off)
  return buf.toString('utf8', off, end < 0 || end > off + len ? off + len : end)
}

function num(buf: Buffer, off: number, len: number, file: string, at: number): number {
  // GNU base-256: high bit of the first byte set (tar-stream writes sizes over 8 GiB this way).
  if (buf[off] & 0x80) {
    let v = buf[off] & 0x7f
    for (let i = 1; i < len; i++) v = v * 256 + buf[off + i]
    if (!Number.isSafeInteger(v)) throw new TarFormatError(`${file}: tar size too large at offset ${at}`)
    return v
  }
  const s = str(buf, off, len).trim()
  if (s === '') return 0
  if (!/^[0-7]+$/.test(s))
    throw new TarFormatError(`${file}: corrupt tar header at offset ${at} (bad number ${JSON.stringify(s)})`)
  return Number.parseInt(s, 8)
}

function checksumOk(h: Buffer, file: string, at: number): boolean {
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]
  return sum === num(h, 148, 8, file, at)
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {}
  let pos = 0
  while (pos < data.length) {
    const sp = data.indexOf(0x20, pos)
    if (sp < 0) break
    const len = Number.parseInt(data.toString('utf8', pos, sp), 10)
    if (!len || pos + len > data.length) break
    const rec = data.toString('utf8', sp + 1, pos + len - 1)
    const eq = rec.indexOf('=')
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1)
    pos += len
  }
  return out
}

export async function readAt(fh: FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len)
  const { bytesRead } = await fh.read(buf, 0, len, pos)
  return bytesRead === len ? buf : buf.subarray(0, bytesRead)
}

/** Read every member header of the tar at `file`. Later members with the same name win (tar semantics). */
export async function indexTar(file: string): Promise<Map<string, TarMember>> {
  const fh = await open(file, 'r')
  try {
    const fileSize = (await fh.stat()).size
    const members = new Map<string, TarMember>()
    let pos = 0
    let longName: string | undefined
    let longLink: string | undefined
    let pax: Record<string, string> = {}
    for (let count = 0; ; count++) {
      if (count > MAX_MEMBERS) throw new TarFormatError(`${file}: more than ${MAX_MEMBERS} tar members`)
      const h = await readAt(fh, pos, BLOCK)
      if (h.length < BLOCK) {
        if (count === 0) throw new TarFormatError(`${file}: not a tar archive (too short)`)
        break // tolerate a missing end-of-archive marker, as GNU tar does
      }
      if (h.every(b => b === 0)) break
      if (!checksumOk(h, file, pos)) {
        throw new TarFormatError(
          `${file}: ${count === 0 ? 'not a tar archive' : 'corrupt tar header'} at offset ${pos}`
        )
      }
      const flag = String.fromCharCode(h[156])
      // A PAX size overrides the header's (which may be truncated for huge members).
      const size = pax.size !== undefined && flag !== 'x' ? Number(pax.size) : num(h, 124, 12, file, pos)
      if (!Number.isSafeInteger(size) || size < 0)
        throw new TarFormatError(`${file}: bad member size at offset ${pos}`)
      const dataAt = pos + BLOCK
      if (dataAt + size > fileSize) throw new TarFormatError(`${file}: truncated tar member at offset ${pos}`)
      const next = dataAt + Math.ceil(size / BLOCK) * BLOCK
      if (flag === 'L' || flag === 'K' || flag === 'x' || flag === 'g') {
        if (size > MAX_META) throw new TarFormatError(`${file}: oversized tar metadata at offset ${pos}`)
        const data = await readAt(fh, dataAt, size)
        if (flag === 'L') longName = str(data, 0, data.length)
        else if (flag === 'K') longLink = str(data, 0, data.length)
        else if (flag === 'x') pax = parsePax(data)
        pos = next
        continue
      }
      const magic = h.toString('latin1', 257, 263)
      let rawName = str(h, 0, 100)
      const prefix = magic === 'ustar\0' ? str(h, 345, 155) : ''
      if (prefix) rawName = `${prefix}/${rawName}`
      rawName = pax.path ?? longName ?? rawName
      const rawLink = pax.linkpath ?? longLink ?? str(h, 157, 100)
      longName = longLink = undefined
      pax = {}
      const type =
        flag === '0' || flag === '\0' || flag === '7'
          ? 'file'
          : flag === '5'
            ? 'dir'
            : flag === '2'
              ? 'symlink'
              : flag === '1'
                ? 'hardlink'
                : 'other'
      const where = `${file}: tar member at offset ${pos}`
      // `tar -C dir .` archives start with a `./` directory: nothing to index.
      if (type === 'dir' && rawName.replace(/[./]/g, '') === '' && !rawName.includes('..')) {
        pos = next
        continue
      }
      const name = normaliseArchivePath(rawName, where)
      const member: TarMember = { name, type, offset: dataAt, size: type === 'file' ? size : 0 }
      if (type === 'symlink') member.linkname = resolveArchiveLink(name, rawLink, `${file}: ${name}`)
      if (type === 'hardlink') member.linkname = normaliseArchivePath(rawLink, `${file}: hard link ${name}`)
      members.set(name, member)
      pos = next
    }
    return members
  } finally {
    await fh.close()
  }
}

/** Follow symlinks and hard links inside the archive to a regular file member. */
export function lookupFile(members: Map<string, TarMember>, name: string, file: string): TarMember {
  let cur = normaliseArchivePath(name, `${file}: ${name}`)
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    const m = members.get(cur)
    if (!m) throw new TarFormatError(`${file}: ${name} is not in the archive`)
    if (m.type === 'file') return m
    if ((m.type === 'symlink' || m.type === 'hardlink') && m.linkname) {
      cur = m.linkname
      continue
    }
    throw new TarFormatError(`${file}: ${name} is not a regular file`)
  }
  throw new PathError(`${file}: ${name}: too many levels of links`)
}
