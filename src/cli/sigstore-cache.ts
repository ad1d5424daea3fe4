/**
 * Where the CLI keeps Sigstore's TUF metadata for `trusted-root: auto`: one folder per user that
 * outlives a run, so later runs only refresh it and a run without the TUF CDN still has a root.
 * Our own folder rather than the Sigstore library's default, so clearing it clears only ours.
 */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** `--sigstore-cache DIR`, else `$XDG_CACHE_HOME/mirror-action/sigstore`, else `~/.cache/…`. */
export function sigstoreCacheDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag)
  // XDG: a relative XDG_CACHE_HOME is invalid and is ignored.
  const base = env.XDG_CACHE_HOME?.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache')
  return join(base, 'mirror-action', 'sigstore')
}

export const SIGSTORE_CACHE_USAGE = `  --sigstore-cache DIR          Where trusted-root auto keeps Sigstore's TUF metadata (default:
                                $XDG_CACHE_HOME/mirror-action/sigstore, else ~/.cache/mirror-action/sigstore)
`
