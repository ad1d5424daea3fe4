/** Pushes built fixtures with plain distribution API calls, independent of the client under test. */
import type { BuiltImage, BuiltManifest } from './images.js'
import { failure, regRequest } from './http.js'
import type { StartedRegistry } from './registry.js'

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

async function pushBlob(
  reg: StartedRegistry,
  repo: string,
  blob: { digest: string; data: Buffer }
): Promise<void> {
  const head = await regRequest(reg, { method: 'HEAD', path: `/v2/${repo}/blobs/${blob.digest}`, repo })
  await head.body.dump()
  if (head.statusCode === 200) return
  const start = await regRequest(reg, { method: 'POST', path: `/v2/${repo}/blobs/uploads/`, repo })
  if (start.statusCode !== 202) throw await failure(`POST upload ${repo}`, start)
  await start.body.dump()
  const location = new URL(String(start.headers.location), reg.url)
  location.searchParams.set('digest', blob.digest)
  const put = await regRequest(reg, {
    method: 'PUT',
    path: location.toString(),
    repo,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.data.length) },
    body: blob.data
  })
  if (put.statusCode !== 201) throw await failure(`PUT blob ${blob.digest} to ${repo}`, put)
  await put.body.dump()
}

async function putManifest(
  reg: StartedRegistry,
  repo: string,
  ref: string,
  m: { bytes: Buffer; mediaType: string }
): Promise<void> {
  const res = await regRequest(reg, {
    method: 'PUT',
    path: `/v2/${repo}/manifests/${ref}`,
    repo,
    headers: { 'content-type': m.mediaType },
    body: m.bytes
  })
  if (res.statusCode !== 201) throw await failure(`PUT manifest ${repo}:${ref}`, res)
  await res.body.dump()
}

/**
 * The registry (2.8) has no referrers API, so do what OCI 1.1 asks of clients there: add the
 * manifest to the index tagged `sha256-<subject hex>`.
 */
async function addFallbackReferrer(reg: StartedRegistry, repo: string, m: BuiltManifest): Promise<void> {
  const json = JSON.parse(m.bytes.toString('utf8')) as {
    subject?: { digest: string }
    artifactType?: string
    config?: { mediaType: string }
    annotations?: Record<string, string>
  }
  if (!json.subject) return
  const tag = json.subject.digest.replace(':', '-')
  const get = await regRequest(reg, {
    method: 'GET',
    path: `/v2/${repo}/manifests/${tag}`,
    repo,
    headers: { accept: OCI_INDEX }
  })
  let index: { schemaVersion: 2; mediaType: string; manifests: { digest: string }[] }
  if (get.statusCode === 404) {
    await get.body.dump()
    index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] }
  } else if (get.statusCode === 200) index = (await get.body.json()) as typeof index
  else throw await failure(`GET fallback referrers ${repo}:${tag}`, get)
  if (index.manifests.some(d => d.digest === m.digest)) return
  index.manifests.push({
    mediaType: m.mediaType,
    digest: m.digest,
    size: m.bytes.length,
    artifactType: json.artifactType ?? json.config?.mediaType,
    ...(json.annotations ? { annotations: json.annotations } : {})
  } as { digest: string })
  await putManifest(reg, repo, tag, { bytes: Buffer.from(JSON.stringify(index)), mediaType: OCI_INDEX })
}

/**
 * Blobs, then child manifests by digest, then the top manifest by `tag` (by digest when undefined).
 * A manifest with a `subject` is also added to the `sha256-<hex>` fallback referrers index.
 * Returns the top manifest's digest.
 */
export async function pushImage(
  reg: StartedRegistry,
  repo: string,
  tag: string | undefined,
  image: BuiltImage
): Promise<string> {
  for (const blob of image.blobs) await pushBlob(reg, repo, blob)
  for (const child of image.children) await putManifest(reg, repo, child.digest, child)
  await putManifest(reg, repo, tag ?? image.manifest.digest, image.manifest)
  await addFallbackReferrer(reg, repo, image.manifest)
  return image.manifest.digest
}
