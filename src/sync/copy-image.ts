/** One image's copy: the engine run between a source pinned to the planned digest and its target. */
import type { CopyEngine, CopyHooks, CopyResult } from '../copy/index.js'
import type { ImageDestination } from '../oci/index.js'
import type { RegistryClient } from '../registry/index.js'
import { openSource, type TransportRef } from '../transports/index.js'
import type { PlannedImage } from './plan.js'

/** The file or folder a single-writer destination writes. */
export function singleWriterPath(t: TransportRef): string | undefined {
  if (t.transport === 'dir') return t.dir
  if (t.transport === 'docker-archive') return t.file
  return undefined
}

export async function copyImage(
  p: PlannedImage,
  engine: CopyEngine,
  client: RegistryClient,
  openDst: () => Promise<ImageDestination>,
  hooks: CopyHooks
): Promise<CopyResult> {
  const e = p.entry
  // Pinned to the digest we planned with: a tag moving mid-run must not make the report lie.
  const src = await openSource(
    {
      transport: 'docker',
      ref: { registry: p.sourceRef.registry, repository: p.sourceRef.repository, digest: p.sourceDigest }
    },
    { client }
  )
  try {
    const dst = await openDst()
    try {
      return await engine.copy(src, dst, p.targetTag, {
        platforms: e.platforms,
        referrers: e.referrers,
        keepAttestations: e.keepAttestations,
        includeForeignLayers: e.includeForeignLayers,
        convertToDocker: e.convertToDocker,
        // The plan's HEAD of the tag answers the copy's "is it there already?" too.
        knownTargetDigest: p.targetLooked ? (p.targetDigest ?? null) : undefined,
        // The entry's image-timeout over the run's (engine option from --image-timeout).
        ...(e.imageTimeoutMs !== undefined ? { imageTimeoutMs: e.imageTimeoutMs } : {}),
        ...hooks
      })
    } finally {
      await dst.close()
    }
  } finally {
    await src.close()
  }
}
