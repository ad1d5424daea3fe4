/**
 * Byte-exact tar and gzip writers, so a layer's digest depends only on its seed: zlib's output can
 * change between zlib versions (Node 20 and 24 ship different ones), stored deflate blocks cannot.
 */
import { crc32 } from 'node:zlib'

function field(buf: Buffer, offset: number, length: number, value: string): void {
  buf.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'ascii')
}

const octal = (n: number, width: number): string => n.toString(8).padStart(width - 1, '0') + '\0'

/** A ustar archive holding one regular file (mode 0644, owner 0:0, mtime 0). */
export function tarOneFile(name: string, data: Buffer): Buffer {
  if (name.length > 100) throw new Error(`tar name too long: ${name}`)
  const h = Buffer.alloc(512)
  field(h, 0, 100, name)
  field(h, 100, 8, octal(0o644, 8))
  field(h, 108, 8, octal(0, 8))
  field(h, 116, 8, octal(0, 8))
  field(h, 124, 12, octal(data.length, 12))
  field(h, 136, 12, octal(0, 12))
  field(h, 148, 8, '        ')
  field(h, 156, 1, '0')
  field(h, 257, 6, 'ustar\0')
  field(h, 263, 2, '00')
  field(h, 265, 32, 'root')
  field(h, 297, 32, 'root')
  field(h, 329, 8, octal(0, 8))
  field(h, 337, 8, octal(0, 8))
  let sum = 0
  for (const b of h) sum += b
  field(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ')
  const pad = (512 - (data.length % 512)) % 512
  return Buffer.concat([h, data, Buffer.alloc(pad), Buffer.alloc(1024)])
}

/** gzip with stored (uncompressed) deflate blocks: valid for every reader, identical everywhere. */
export function gzipStored(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])]
  const max = 0xffff
  let off = 0
  do {
    const len = Math.min(max, data.length - off)
    const final = off + len >= data.length
    const head = Buffer.alloc(5)
    head[0] = final ? 1 : 0
    head.writeUInt16LE(len, 1)
    head.writeUInt16LE(~len & 0xffff, 3)
    parts.push(head, data.subarray(off, off + len))
    off += len
  } while (off < data.length)
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc32(data) >>> 0, 0)
  trailer.writeUInt32LE(data.length % 2 ** 32, 4)
  parts.push(trailer)
  return Buffer.concat(parts)
}
