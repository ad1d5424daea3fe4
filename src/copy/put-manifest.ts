/**
 * Writing one manifest to the destination, with the one retry it needs: distribution's filesystem
 * driver briefly reports a child unknown while a parallel writer re-links it. Apart from run.ts
 * so the race, and the error that names a foreign layer no registry will accept, are read together.
 */
import { toCopyError } from './errors.js'
import { isForeignLayer } from '../oci/index.js'
import type { ImageDestination, Manifest, ManifestJson, RetryPolicy } from '../oci/index.js'

export interface PutManifestContext {
  dst: ImageDestination
  /** Runs a request to the destination under the run's limiter. */
  request: <T>(fn: () => Promise<T>) => Promise<T>
  retry: RetryPolicy
}

/** Puts `m` by digest, or under `tag`; a failure is a CopyError on the destination side. */
export async function putManifestRetrying(
  m: Manifest,
  tag: string | undefined,
  ctx: PutManifestContext
): Promise<void> {
  const what = tag ? `manifest ${m.digest} as tag ${tag}` : `manifest ${m.digest}`
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.request(() => ctx.dst.putManifest(m, tag))
      return
    } catch (e) {
      // distribution's filesystem driver rewrites link files in place: while another writer
      // (a parallel sync) re-links the same child or blob, the registry briefly reports it
      // unknown. Everything below this manifest is in place by now, so a short retry is safe;
      // a reference that is really missing fails the same way again.
      const x = e as { status?: unknown; codes?: unknown }
      const blobUnknown = Array.isArray(x.codes) && x.codes.includes('MANIFEST_BLOB_UNKNOWN')
      const unfetchable = blobUnknown ? foreignWithoutUrls(m) : undefined
      const racy = x.status === 400 && blobUnknown && !unfetchable
      if (!racy || !(await ctx.retry.wait(attempt))) {
        const err = toCopyError(e, 'destination', ctx.dst.name, what, m.digest)
        if (unfetchable) {
          err.message +=
            `; layer ${unfetchable} is a foreign layer without urls, which this registry refuses ` +
            'whatever blobs it holds (distribution requires urls on Docker foreign layers)'
        }
        throw err
      }
    }
  }
}

/** The first Docker/OCI foreign layer of an image manifest that names no urls, if any. */
function foreignWithoutUrls(m: Manifest): string | undefined {
  try {
    const json = JSON.parse(m.bytes.toString('utf8')) as ManifestJson
    return (json.layers ?? []).find(l => isForeignLayer(l.mediaType) && !l.urls?.length)?.digest
  } catch {
    return undefined
  }
}
