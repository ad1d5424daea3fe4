/**
 * The `docker://` transport: ImageSource/ImageDestination over the registry client. Errors are
 * tagged with the side they happened on so reports can say which registry failed.
 */
import type { Readable } from 'node:stream'
import type { BlobLocation, Descriptor, ImageDestination, ImageSource, Manifest } from '../oci/index.js'
import type { BlobBody, RegistryClient } from '../registry/index.js'
import { RegistryError } from '../http/index.js'
import { formatReference, registryKey, statusOf, type Reference } from '../oci/index.js'
import { DESTINATION_CAPABILITIES } from './capabilities.js'

async function sided<T>(side: 'source' | 'destination', p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (e) {
    if (e instanceof RegistryError && e.side === undefined) e.side = side
    throw e
  }
}

export function openDockerSource(ref: Reference, client: RegistryClient): ImageSource {
  const registry = registryKey(ref.registry)
  const repository = ref.repository
  return {
    name: `docker://${formatReference(ref)}`,
    location: { registry, repository },
    async resolve(): Promise<Descriptor> {
      const d = await sided('source', client.manifestHead(ref))
      if (!d) {
        throw new RegistryError(`not found: ${formatReference(ref)}`, {
          method: 'HEAD',
          url: '',
          status: 404,
          codes: ['MANIFEST_UNKNOWN'],
          side: 'source'
        })
      }
      return d
    },
    async getManifest(digest?: string): Promise<Manifest> {
      const r: Reference = digest ? { registry, repository, digest } : ref
      return sided('source', client.manifestGet(r))
    },
    async getBlob(desc: Descriptor): Promise<Readable> {
      const stream = await sided('source', client.blobGet(registry, repository, desc))
      // A digest or size mismatch surfaces mid-stream and reaches the destination's upload as the
      // same error object: claim it for the source first, or the upload's wrapper blames the target.
      stream.prependListener('error', e => {
        if (e instanceof RegistryError && e.side === undefined) e.side = 'source'
      })
      return stream
    },
    async referrers(digest: string): Promise<Descriptor[]> {
      return sided('source', client.referrers(registry, repository, digest))
    },
    /**
     * Tags like `sha256-<hex>.sig`, `.att`, `.sbom` (cosign's tag scheme) for this digest. The
     * client lists a repository once per run, however many of its images are copied.
     */
    async fallbackTags(digest: string): Promise<string[]> {
      const prefix = `${digest.replace(':', '-')}.`
      return (await sided('source', client.tagList(registry, repository))).filter(t => t.startsWith(prefix))
    },
    /** HEAD of `tag` in the source repository (no Docker Hub pull is counted). */
    async resolveTag(tag: string): Promise<Descriptor | undefined> {
      return sided('source', client.manifestHead({ registry, repository, tag }))
    },
    async close(): Promise<void> {}
  }
}

export interface DockerDestination extends ImageDestination {
  /** Accepts a stream, or a function giving a fresh stream so a failed upload can restart. */
  putBlob(desc: Descriptor, body: BlobBody): Promise<void>
}

export function openDockerDestination(ref: Reference, client: RegistryClient): DockerDestination {
  const registry = registryKey(ref.registry)
  const repository = ref.repository
  // One token with pull+push for everything this destination does.
  client.willPush(registry, repository)
  return {
    name: `docker://${formatReference(ref)}`,
    location: { registry, repository },
    capabilities: DESTINATION_CAPABILITIES.docker,
    async hasBlob(desc: Descriptor): Promise<boolean> {
      try {
        const size = await sided('destination', client.blobHead(registry, repository, desc.digest))
        return size !== undefined
      } catch (e) {
        // Aliyun ACR answers blob HEADs "denied" until the repository exists (image-syncer #149):
        // the upload that follows creates it, or fails with the refusal that names the cause.
        if (statusOf(e) === 401 || statusOf(e) === 403) return false
        throw e
      }
    },
    async mountBlob(desc: Descriptor, from: BlobLocation): Promise<boolean> {
      // Registries refuse mounts across registries; same repository needs no mount.
      if (registryKey(from.registry) !== registry || from.repository === repository) return false
      return sided('destination', client.blobMount(registry, repository, desc.digest, from.repository))
    },
    async putBlob(desc: Descriptor, body: BlobBody): Promise<void> {
      await sided('destination', client.blobUpload(registry, repository, desc, body))
    },
    async resolveTag(tag: string): Promise<Descriptor | undefined> {
      return sided('destination', client.manifestHead({ registry, repository, tag }))
    },
    async hasManifest(digest: string): Promise<boolean> {
      return (await sided('destination', client.manifestHead({ registry, repository, digest }))) !== undefined
    },
    async putManifest(manifest: Manifest, tag?: string): Promise<void> {
      const r: Reference = tag
        ? { registry, repository, tag }
        : { registry, repository, digest: manifest.digest }
      await sided('destination', client.manifestPut(r, manifest))
    },
    async close(): Promise<void> {}
  }
}
