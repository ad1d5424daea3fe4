/**
 * The shapes every transport speaks: the engine copies from an ImageSource to an ImageDestination
 * and knows nothing of registries, layouts or archives beyond these interfaces.
 */
import type { Readable } from 'node:stream'

export interface Platform {
  os: string
  architecture: string
  variant?: string
  'os.version'?: string
  'os.features'?: string[]
}

/** An OCI content descriptor. */
export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  urls?: string[]
  annotations?: Record<string, string>
  platform?: Platform
  artifactType?: string
}

/** A manifest as raw bytes: never re-serialise what will be pushed, or the digest changes. */
export interface Manifest {
  bytes: Buffer
  mediaType: string
  /** sha256 of `bytes`, verified by whoever produced this object. */
  digest: string
}

/** Parsed view of an image manifest or index (only the fields the engine uses). */
export interface ManifestJson {
  schemaVersion: number
  mediaType?: string
  artifactType?: string
  config?: Descriptor
  layers?: Descriptor[]
  manifests?: Descriptor[]
  subject?: Descriptor
  annotations?: Record<string, string>
}

/** Where a blob already lives, so a destination on the same registry can mount it instead of copying. */
export interface BlobLocation {
  /** Canonical registry host (e.g. `registry-1.docker.io`, `127.0.0.1:5000`). */
  registry: string
  repository: string
}

/**
 * What earlier runs learnt about a target registry's blobs (a sync's state file): repositories
 * worth one mount attempt before an upload. Told back which turned out stale, and where blobs are now.
 */
export interface MountHints {
  /** Repositories of `registry` believed to hold `digest`, best first; a short list. */
  candidates(registry: string, digest: string): string[]
  /** A mount from `repository` was answered without a mount: the belief was stale. */
  stale?(registry: string, repository: string, digest: string): void
  /** `repository` of `registry` holds `digest` now (put, mounted, or found there by the copy). */
  held?(registry: string, repository: string, digest: string): void
}

export interface ImageSource {
  /** Human name for messages, transport included: `docker://host/repo:tag`, `oci:dir:ref`. */
  readonly name: string
  /** Set when the source is a registry repository: enables cross-repository mounts. */
  readonly location?: BlobLocation
  /** Resolve the reference this source was opened with to a descriptor, cheaply (HEAD where possible). */
  resolve(): Promise<Descriptor>
  /** Fetch a manifest by digest (or by the opened reference when `digest` is omitted); bytes verified. */
  getManifest(digest?: string): Promise<Manifest>
  /** A stream of the blob; it errors (never ends cleanly) when the bytes do not match `desc.digest`/`size`. */
  getBlob(desc: Descriptor): Promise<Readable>
  /** Manifests whose `subject` is `digest` (OCI referrers API, or the `sha256-<hex>` tag fallback). */
  referrers?(digest: string): Promise<Descriptor[]>
  /** Tags of cosign-style fallback referrers (`sha256-<hex>.sig` …) that exist for `digest`. */
  fallbackTags?(digest: string): Promise<string[]>
  /** Descriptor of the manifest `tag` names in the source's repository, undefined when absent: lets the engine copy `fallbackTags`. */
  resolveTag?(tag: string): Promise<Descriptor | undefined>
  close(): Promise<void>
}

/**
 * What a destination can hold and take, declared by its transport (after containers/image's
 * `HasThreadSafePutBlob`, `SupportedManifestMIMETypes`…) so that callers branch on these, never on
 * the transport's name.
 */
export interface DestinationCapabilities {
  /**
   * Several copies may write into one destination at once: a registry repository, or an OCI layout
   * (content-addressed blobs, one index.json naming many images). False where a second writer would
   * replace or mix the first one's image (a docker-archive file, a dir:). HasThreadSafePutBlob one
   * level up: about the copies of a run; every destination takes one image's blobs in parallel.
   */
  readonly concurrentCopies: boolean
  /**
   * Holds an image index / manifest list. False (docker-archive: one platform's image): a copy
   * writes the one selected platform's manifest in place of the index.
   */
  readonly indexes: boolean
  /**
   * Holds manifests that refer to the image (signatures, SBOMs). False where the format holds one
   * image and nothing beside it (a dir:, a docker-archive): a copy leaves referrers out.
   */
  readonly referrers?: boolean
}

export interface ImageDestination {
  readonly name: string
  readonly location?: BlobLocation
  /**
   * Identity of a local blob store that several destinations share (one OCI layout, whatever REF
   * each names): the engine then moves each blob into it once per run, not once per image.
   */
  readonly blobStore?: string
  readonly capabilities: DestinationCapabilities
  /** True when the destination already holds the blob. */
  hasBlob(desc: Descriptor): Promise<boolean>
  /** Mount from another repository of the same registry; false when the registry would not (caller uploads). */
  mountBlob?(desc: Descriptor, from: BlobLocation): Promise<boolean>
  /** Store a blob from a stream; the destination verifies digest and size before committing it. */
  putBlob(desc: Descriptor, body: Readable): Promise<void>
  /** Digest the tag points at now, or undefined when the tag does not exist. */
  resolveTag(tag: string): Promise<Descriptor | undefined>
  hasManifest(digest: string): Promise<boolean>
  /** Store a manifest under its digest, or under `tag` when given (tags are always written last). */
  putManifest(manifest: Manifest, tag?: string): Promise<void>
  /** Makes the writes visible where the transport needs a final step (OCI layout's index.json). */
  commit?(): Promise<void>
  close(): Promise<void>
}
