/**
 * Where keyless verification gets its trust: a Sigstore trusted root (certificate authorities
 * standing for Fulcio, transparency-log keys for Rekor, CT logs, timestamp authorities). `auto` is
 * Sigstore's public-good root through TUF, cached on disk so a run does not need the TUF CDN each
 * time; a file works fully offline (air-gapped sites).
 */
import { readFile } from 'node:fs/promises'
import { TrustedRoot } from '@sigstore/protobuf-specs'
import type { TrustedRootSetting } from '../config/index.js'

export interface TrustOptions {
  /** Where the TUF client keeps the public-good metadata for `auto` (its own default when unset). */
  tufCacheDir?: string
}

/** Reads (file) or fetches and caches (auto) the trusted root; errors say which and why. */
export async function loadTrustedRoot(setting: TrustedRootSetting, opts: TrustOptions): Promise<TrustedRoot> {
  if (setting === 'auto') {
    const opts2 = {
      ...(opts.tufCacheDir ? { cachePath: opts.tufCacheDir } : {}),
      // Bounded: a CDN that does not answer must not hold the run.
      timeout: 30_000,
      retry: 2
    }
    // Loaded only here: the TUF client's fetch stack loads node:http at import, which every other
    // command (and every run without `trusted-root: auto`) must not pay for at start-up.
    const { getTrustedRoot } = await import('@sigstore/tuf')
    try {
      return await getTrustedRoot(opts2)
    } catch (err) {
      // The CDN unreachable: the metadata a previous run cached is still a verified root (TUF
      // checked it when it was fetched), and a root changes rarely. Only when there is none does
      // the run fail.
      try {
        return await getTrustedRoot({ ...opts2, forceCache: true })
      } catch {
        throw new Error(
          `Sigstore trusted root (trusted-root: auto, via TUF): ${(err as Error).message}, and none is cached; offline, give a trusted_root.json file`,
          { cause: err }
        )
      }
    }
  }
  try {
    return TrustedRoot.fromJSON(JSON.parse(await readFile(setting.file, 'utf8')))
  } catch (err) {
    throw new Error(`trusted root ${setting.file}: ${(err as Error).message}`, { cause: err })
  }
}
