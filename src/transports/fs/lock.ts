/**
 * Serialises creating a layout and read-modify-write of its index.json: within this process through
 * a promise chain per directory, across processes (two sync shards on one runner) through an O_EXCL
 * lock file that names its owner's pid so a lock left by a killed process can be taken over.
 */
import { open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const chains = new Map<string, Promise<unknown>>()

/** Run `fn` while holding the lock for `dir` (in this process and on disk). */
export async function withDirLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(dir)
  const prev = chains.get(key) ?? Promise.resolve()
  const run = prev.then(async () => {
    const release = await acquireFileLock(path.join(key, 'index.json.lock'))
    try {
      return await fn()
    } finally {
      await release()
    }
  })
  const tail = run.catch(() => undefined)
  chains.set(key, tail)
  void tail.then(() => {
    if (chains.get(key) === tail) chains.delete(key)
  })
  return run
}

/** The process exists (EPERM: it does, as another user's). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Take the O_EXCL lock `file` (waiting for a live owner, taking over a dead one's); returns the release. */
export async function acquireFileLock(file: string): Promise<() => Promise<void>> {
  // ~60 s of waiting: index.json updates take milliseconds, so a longer wait means a stuck owner.
  for (let attempt = 0; attempt < 1200; attempt++) {
    try {
      const fh = await open(file, 'wx', 0o644)
      await fh.writeFile(`${process.pid}\n`)
      await fh.close()
      return () => rm(file, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10)
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !alive(owner)) {
      await rm(file, { force: true })
      continue
    }
    await sleep(50)
  }
  throw new Error(`${file}: lock held by another process for too long; remove it if no copy is running`)
}
