/**
 * Node's compile cache for the CLI (Node 22.1+): V8's compiled code kept between runs, so a rerun
 * does not parse the bundle again (BENCHMARKS.md, scenario 2).
 *
 * Not in Node's default place, `os.tmpdir()/node-compile-cache`: V8 runs a code cache without
 * checking it against the source, so a cache directory another user can write is a way to run
 * code as us, and /tmp is shared. Ours lives under the user's cache directory, is created 0700 and
 * is used only while it is a real directory owned by us that nobody else can write; otherwise
 * the CLI runs without a cache. NODE_COMPILE_CACHE (the user's own choice of directory) and
 * NODE_DISABLE_COMPILE_CACHE are honoured by Node itself.
 */
import { lstatSync, mkdirSync } from 'node:fs'
import module from 'node:module'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'

type Enable = (dir?: string) => unknown

/** The per-user cache directory, or undefined when it cannot be made safe. */
export function ownCompileCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir()
): string | undefined {
  let base: string | undefined
  if (process.platform === 'win32') base = env.LOCALAPPDATA
  else if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) base = env.XDG_CACHE_HOME
  else base = join(home, '.cache')
  if (!base) return undefined
  const parent = join(base, 'mirror-action')
  const dir = join(parent, 'compile-cache')
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    for (const d of [parent, dir]) if (!safeDir(d)) return undefined
  } catch {
    return undefined
  }
  return dir
}

function safeDir(d: string): boolean {
  const st = lstatSync(d)
  if (!st.isDirectory()) return false // a symlink could point anywhere
  if (process.platform === 'win32') return true // per-user by its ACLs
  return st.uid === process.getuid?.() && (st.mode & 0o022) === 0
}

export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  const enable = (module as { enableCompileCache?: Enable }).enableCompileCache
  if (!enable || env.NODE_DISABLE_COMPILE_CACHE) return
  if (env.NODE_COMPILE_CACHE) {
    enable()
    return
  }
  const dir = ownCompileCacheDir(env)
  if (dir) enable(dir)
}
