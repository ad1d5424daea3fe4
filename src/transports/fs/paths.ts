/**
 * Confinement: every name that reaches the file system or an archive lookup comes from data we do
 * not control (image refs, index.json, manifest.json, tar headers). These helpers refuse anything
 * that could address a file outside the directory or archive the user gave us.
 */
import { realpath } from 'node:fs/promises'
import path from 'node:path'

export class PathError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PathError'
  }
}

const DIGEST_HEX: Record<string, number> = { sha256: 64, sha512: 128 }

export interface ParsedDigest {
  algorithm: 'sha256' | 'sha512'
  hex: string
}

/** A digest is used as a file name, so only the exact `alg:lowercase-hex` form is accepted. */
export function parseDigest(digest: unknown, where: string): ParsedDigest {
  if (typeof digest !== 'string') throw new PathError(`${where}: digest is not a string`)
  const m = /^([a-z0-9]+):([a-f0-9]+)$/.exec(digest)
  if (!m || DIGEST_HEX[m[1]] !== m[2].length) {
    throw new PathError(`${where}: invalid digest ${JSON.stringify(digest.slice(0, 200))}`)
  }
  return { algorithm: m[1] as ParsedDigest['algorithm'], hex: m[2] }
}

/**
 * The OCI image-layout grammar for `org.opencontainers.image.ref.name`
 * (component ("/" component)*, separators [-._:@+] or "--"). It rejects `..`, absolute and empty names.
 */
const REF_COMPONENT = '[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*'
const REF_NAME = new RegExp(`^${REF_COMPONENT}(?:/${REF_COMPONENT})*$`)

export function validateOciRefName(ref: string, where: string): string {
  if (ref.length > 512 || !REF_NAME.test(ref)) {
    throw new PathError(
      `${where}: invalid OCI reference name ${JSON.stringify(ref.slice(0, 200))} ` +
        '(letters, digits and single [-._:@+] separators between them, components split by /)'
    )
  }
  return ref
}

/**
 * Normalise an archive member name or a path read from an archive's metadata to `a/b/c` form;
 * refuse absolute names, `..` segments, NUL bytes and empty names.
 */
export function normaliseArchivePath(name: string, where: string): string {
  if (name.includes('\0')) throw new PathError(`${where}: NUL byte in path`)
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name) || name.startsWith('\\')) {
    throw new PathError(`${where}: absolute path ${JSON.stringify(name)} is not allowed`)
  }
  const parts: string[] = []
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      throw new PathError(`${where}: path ${JSON.stringify(name)} escapes the archive ('..')`)
    }
    parts.push(seg)
  }
  if (parts.length === 0) throw new PathError(`${where}: empty path ${JSON.stringify(name)}`)
  return parts.join('/')
}

/**
 * Resolve a symlink target inside an archive: relative to the link's directory, and it must stay
 * inside the archive. Returns the normalised target.
 */
export function resolveArchiveLink(linkPath: string, target: string, where: string): string {
  if (target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target) || target.includes('\0')) {
    throw new PathError(`${where}: link ${linkPath} -> ${target} points outside the archive`)
  }
  const parts = linkPath.split('/').slice(0, -1)
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (parts.length === 0) {
        throw new PathError(`${where}: link ${linkPath} -> ${target} points outside the archive`)
      }
      parts.pop()
    } else parts.push(seg)
  }
  if (parts.length === 0) throw new PathError(`${where}: link ${linkPath} -> ${target} is empty`)
  return parts.join('/')
}

/** Join relative `segments` under `root`; the result is guaranteed lexically inside `root`. */
export function confinedJoin(root: string, ...segments: string[]): string {
  const base = path.resolve(root)
  for (const s of segments) {
    if (s.includes('\0') || path.isAbsolute(s) || s.split(/[\\/]/).includes('..')) {
      throw new PathError(`${root}: path ${JSON.stringify(s)} escapes the directory`)
    }
  }
  const full = path.resolve(base, ...segments)
  if (full !== base && !full.startsWith(base + path.sep)) {
    throw new PathError(`${root}: path ${JSON.stringify(segments.join('/'))} escapes the directory`)
  }
  return full
}

/**
 * Symlinks planted inside a layout (`blobs -> /etc`) would pass the lexical check: compare real
 * paths too before reading or writing through `p`. `p` may not exist yet; its parent must.
 */
export async function assertRealInside(root: string, p: string): Promise<void> {
  const realRoot = await realpath(root)
  let real: string
  try {
    real = await realpath(p)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    real = path.join(await realpath(path.dirname(p)), path.basename(p))
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    throw new PathError(`${root}: ${path.relative(root, p)} resolves outside the directory`)
  }
}
