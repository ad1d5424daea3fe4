/** A folder's content as one hash, to tell whether a cached folder changed during a run. */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

/** Bounded: the TUF folder holds a handful of small files; anything beyond is not ours to hash. */
const MAX_FILES = 64

/** sha256 over every file's relative path and bytes, `ignore`d names left out; '' when absent or empty. */
export async function dirFingerprint(dir: string, ignore: ReadonlySet<string>): Promise<string> {
  let names: string[]
  try {
    names = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter(d => d.isFile() && !ignore.has(d.name))
      .map(d => relative(dir, join(d.parentPath, d.name)))
      .sort()
  } catch {
    return ''
  }
  if (names.length === 0) return ''
  const h = createHash('sha256')
  for (const n of names.slice(0, MAX_FILES))
    h.update(n + '\0')
      .update(await readFile(join(dir, n)))
      .update('\0')
  return h.digest('hex')
}
