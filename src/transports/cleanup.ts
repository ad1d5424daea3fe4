/**
 * What a failed or interrupted copy into an `oci:` layout leaves behind, cleaned up: this process's
 * temp files in ingest/, an ingest/ left empty, and a layout the copy created that names no image.
 * Synchronous on purpose: it also runs in a SIGINT/SIGTERM handler, just before the process exits.
 * Blobs already in place in a layout that existed before stay: a rerun does not fetch them again.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs'
import path from 'node:path'

/** The part of a TransportRef this module reads (the type itself lives in the face, which imports us). */
type Target = { transport: string; dir?: string }

/** Does the destination's directory exist yet (read before the copy opens it)? */
export function destinationExists(t: Target): boolean {
  return t.transport === 'oci' && t.dir !== undefined ? existsSync(t.dir) : true
}

function namesNoImage(dir: string): boolean {
  try {
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { manifests?: unknown }
    return !Array.isArray(index.manifests) || index.manifests.length === 0
  } catch {
    // Missing or unreadable: the layout never got as far as naming an image.
    return true
  }
}

/** Returns a line for the user when something was removed or is left, else undefined. */
export function cleanUpFailedCopy(t: Target, existedBefore: boolean): string | undefined {
  const dir = t.transport === 'oci' ? t.dir : undefined
  if (dir === undefined) return undefined
  const ingest = path.join(dir, 'ingest')
  let mine: string[] = []
  try {
    mine = readdirSync(ingest).filter(n => n.startsWith(`.tmp-${process.pid}-`))
  } catch {
    // No ingest/: nothing of ours in it.
  }
  for (const n of mine) rmSync(path.join(ingest, n), { force: true })
  if (!existedBefore && existsSync(dir) && namesNoImage(dir)) {
    rmSync(dir, { recursive: true, force: true })
    return `removed ${dir}: the layout this copy created names no image`
  }
  try {
    rmdirSync(ingest)
  } catch {
    // Not empty (another writer's temps) or gone: leave it.
  }
  return mine.length ? `removed ${mine.length} unfinished blob file(s) from ${ingest}` : undefined
}
