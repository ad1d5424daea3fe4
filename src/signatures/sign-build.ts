/**
 * What the mirror pushes when it signs a target image, in cosign's two shapes:
 *  - legacy: the `sha256-<hex>.sig` tag, an image whose layers are simple-signing payloads, the
 *    signature of each in its `dev.cosignproject.cosign/signature` annotation (added to the layers
 *    already there: the vendor's own signatures copied with the image stay valid beside ours);
 *  - bundle (cosign v3): a referrer manifest with artifactType the bundle media type, the empty
 *    config, one layer holding the Sigstore bundle, and `subject` = the image.
 */
import { digestOf, MediaType, type Descriptor, type Manifest } from '../oci/index.js'
import {
  BUNDLE_MEDIA_TYPE,
  COSIGN_PREDICATE,
  SIGNATURE_ANNOTATION,
  SIMPLE_SIGNING_MEDIA_TYPE
} from './payloads.js'

export const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json'
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'
/** cosign's annotations for keyless legacy signatures: the certificate, its chain, the Rekor SET. */
export const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate'
export const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain'
export const REKOR_BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle'

/** A blob to upload before the manifest that names it. */
export interface Blob {
  descriptor: Descriptor
  data: Buffer
}

/** A manifest and the blobs it needs, pushed in that order: blobs, then the manifest. */
export interface Artifact {
  manifest: Manifest
  blobs: Blob[]
}

function blob(data: Buffer, mediaType: string): Blob {
  return { descriptor: { mediaType, digest: digestOf(data), size: data.length }, data }
}

function manifestOf(value: unknown, mediaType: string = MediaType.OciManifest): Manifest {
  const bytes = Buffer.from(JSON.stringify(value))
  return { bytes, mediaType, digest: digestOf(bytes) }
}

/** cosign's simple-signing payload: these exact bytes are signed. `reference` is the target repository. */
export function simpleSigningPayload(digest: string, reference: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': reference },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature'
      },
      optional: null
    })
  )
}

/** The in-toto statement cosign v3 signs for an image: subject = the image digest, cosign's predicate. */
export function signStatement(digest: string, reference: string): Buffer {
  const [alg, hex] = digest.split(':') as [string, string]
  return Buffer.from(
    JSON.stringify({
      _type: STATEMENT_TYPE,
      subject: [{ name: reference, digest: { [alg]: hex } }],
      predicateType: COSIGN_PREDICATE,
      predicate: {}
    })
  )
}

/** One legacy signature layer: the payload, its signature, and (keyless) cosign's certificate annotations. */
export interface LegacyLayer {
  payload: Buffer
  signature: Buffer
  annotations?: Record<string, string>
}

/**
 * The `.sig` image with `layer` added after the layers of `existing` (the tag's current manifest,
 * if any and if it is an image manifest). The config lists every layer's digest, as cosign's does.
 */
export function legacySignatureImage(layer: LegacyLayer, existing?: Manifest): Artifact {
  const kept = existingLayers(existing)
  const payload = blob(layer.payload, SIMPLE_SIGNING_MEDIA_TYPE)
  const ours: Descriptor = {
    ...payload.descriptor,
    annotations: { [SIGNATURE_ANNOTATION]: layer.signature.toString('base64'), ...layer.annotations }
  }
  const layers = [...kept, ours]
  const config = blob(
    Buffer.from(
      JSON.stringify({
        architecture: '',
        config: {},
        created: '0001-01-01T00:00:00Z',
        history: layers.map(() => ({ created: '0001-01-01T00:00:00Z' })),
        os: '',
        rootfs: { type: 'layers', diff_ids: layers.map(l => l.digest) }
      })
    ),
    MediaType.OciConfig
  )
  return {
    manifest: manifestOf({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: config.descriptor,
      layers
    }),
    blobs: [config, payload]
  }
}

/**
 * The simple-signing layers of the `.sig` manifest now in the tag, kept when we add ours. A tag that
 * holds something else (an index, unreadable JSON) is not overwritten: what it holds would be lost.
 */
function existingLayers(m: Manifest | undefined): Descriptor[] {
  if (!m) return []
  let j: { layers?: unknown } | undefined
  try {
    j = JSON.parse(m.bytes.toString('utf8')) as { layers?: unknown }
  } catch {
    j = undefined
  }
  const isManifest = m.mediaType === MediaType.OciManifest || m.mediaType === MediaType.DockerManifest
  if (!isManifest || !j || !Array.isArray(j.layers))
    throw new Error(
      `the signature tag holds a ${m.mediaType} that is not a cosign signature image; not overwritten`
    )
  return (j.layers as Descriptor[]).filter(
    l => l !== null && typeof l === 'object' && l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE
  )
}

/** cosign v3's referrer for one bundle: empty config, the bundle as the only layer, `subject` = the image. */
export function bundleReferrer(bundle: Buffer, subject: Descriptor): Artifact {
  const empty = blob(Buffer.from('{}'), EMPTY_MEDIA_TYPE)
  const layer = blob(bundle, BUNDLE_MEDIA_TYPE)
  return {
    manifest: manifestOf({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      artifactType: BUNDLE_MEDIA_TYPE,
      config: empty.descriptor,
      layers: [layer.descriptor],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      annotations: { 'dev.sigstore.bundle.predicateType': COSIGN_PREDICATE }
    }),
    blobs: [empty, layer]
  }
}
