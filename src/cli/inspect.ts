/**
 * `mirror-action inspect [--raw] IMAGE`: digest, media type, platforms (like `skopeo inspect`) of a
 * registry image, an `oci:` layout, a `docker-archive:` or a `dir:`; `--raw` prints the manifest
 * bytes exactly as stored. Exit 0, 1 (runtime error), 2 (usage).
 */
import type { ImageSource, ManifestJson, Platform } from '../oci/index.js'
import type { RegistryClient } from '../registry/index.js'
import { openSource, parseTransportRef, type TransportRef } from '../transports/index.js'
import { formatPlatform, isAttestationEntry, isIndex, Schema1Error } from '../oci/index.js'
import { formatRepository, parseReference, type Reference } from '../oci/index.js'
import { imageDetails, overridePlatform, platformImage, readSmall } from './inspect-image.js'
import { jsonSafe } from '../report/index.js'
import { cliClient, parseRegistryCliArgs, reportError, UsageError } from './registry-cli.js'
import { DEBUG_USAGE, REGISTRY_ACCESS_USAGE, TIMEOUT_USAGE } from './options.js'

const USAGE = `Usage: mirror-action inspect [options] IMAGE

Show an image's digest, media type, platforms and tags as JSON, with skopeo's fields (Name,
Digest, RepoTags, Created, Architecture, Os, Layers, LayersData, Env, Labels). On an index, the
fields of this machine's platform image are shown beside the index's Platforms and Manifests.
IMAGE: docker://HOST/REPO[:TAG|@DIGEST] (or a bare reference), oci:DIR[:REF],
docker-archive:FILE[:NAME:TAG], dir:DIR.

Options:
  --raw                 Print the manifest exactly as stored
  --config              Print the image configuration (JSON) of a single-platform image
  --no-tags             Do not list the repository's tags
  --override-os OS      On an index, show this platform's image (default: this machine's)
  --override-arch ARCH  ... this architecture (--override-variant VARIANT: this variant)
${REGISTRY_ACCESS_USAGE}${TIMEOUT_USAGE}${DEBUG_USAGE}  -h, --help            Show this help
`

interface InspectArgs {
  target: TransportRef
  raw: boolean
  config: boolean
  tags: boolean
  /** The platform whose image an index shows; `explicit` when the user chose it. */
  platform: Platform
  explicit: boolean
  values: Record<string, unknown>
  timeouts: ReturnType<typeof parseRegistryCliArgs>['timeouts']
  debug: ReturnType<typeof parseRegistryCliArgs>['debug']
}

/** `docker://REF` or a bare reference; other transports are a usage error. */
export function parseDockerArg(arg: string, command: string, defaultTag: boolean): Reference {
  const transport = /^(oci|oci-archive|docker-archive|dir|docker-daemon|containers-storage):/.exec(arg)
  if (transport)
    throw new UsageError(`${command} reads registries: give docker://REF, not a ${transport[1]}: reference`)
  try {
    return parseReference(arg, { defaultTag })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

/** Any transport `copy` reads: docker://, oci:, docker-archive:, dir:. */
function parseTarget(arg: string): TransportRef {
  const other = /^(oci-archive|docker-daemon|containers-storage):/.exec(arg)
  if (other)
    throw new UsageError(
      `inspect reads docker://REF, oci:DIR[:REF], docker-archive:FILE and dir:DIR, not a ${other[1]}: reference`
    )
  if (!/^(oci|docker-archive|dir):/.test(arg))
    return { transport: 'docker', ref: parseDockerArg(arg, 'inspect', true) }
  try {
    return parseTransportRef(arg)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

function parse(argv: string[]): InspectArgs | 'help' {
  const { values, positionals, timeouts, debug } = parseRegistryCliArgs(
    argv,
    ['raw', 'config', 'no-tags'],
    ['override-os', 'override-arch', 'override-variant']
  )
  if (values.help) return 'help'
  if (positionals.length !== 1)
    throw new UsageError(`expected one image reference, got ${positionals.length}`)
  if (values.raw && values.config) throw new UsageError('--raw and --config exclude each other')
  return {
    target: parseTarget(positionals[0]!),
    raw: values.raw === true,
    config: values.config === true,
    tags: values['no-tags'] !== true,
    ...overridePlatform(values),
    values,
    timeouts,
    debug
  }
}

/**
 * skopeo's `Name`: the repository a reference names (docker://, or docker-archive:FILE:NAME:TAG);
 * layouts and dir: name none, and skopeo then leaves the field out.
 */
function nameOf(t: TransportRef): string | undefined {
  if (t.transport === 'docker') return formatRepository(t.ref.registry, t.ref.repository)
  if (t.transport === 'docker-archive' && t.ref !== undefined && !t.ref.startsWith('@')) {
    const r = parseReference(t.ref)
    return formatRepository(r.registry, r.repository)
  }
  return undefined
}

export async function inspectCommand(argv: string[]): Promise<number> {
  let a: InspectArgs | 'help'
  try {
    a = parse(argv)
  } catch (e) {
    return reportError('inspect', e)
  }
  if (a === 'help') {
    process.stdout.write(USAGE)
    return 0
  }
  let client: RegistryClient | undefined
  let src: ImageSource | undefined
  const t = a.target
  try {
    if (t.transport === 'docker') {
      client = await cliClient({
        values: a.values,
        registry: t.ref.registry,
        timeouts: a.timeouts,
        debug: a.debug
      })
    }
    src = await openSource(t, { client, platform: a.explicit ? [a.platform] : undefined })
    const what = t.transport === 'docker' ? t.ref.repository : src.name
    const m = await src.getManifest()
    if (a.raw) {
      await write(m.bytes)
      return 0
    }
    const json = JSON.parse(m.bytes.toString('utf8')) as ManifestJson
    // --raw shows it; the fields skopeo prints come from a schema 2 config that schema 1 lacks.
    if (json.schemaVersion === 1) throw new Schema1Error(src.name)
    // On an index, skopeo shows the image for this machine's platform (or --override-*).
    const image = isIndex(m.mediaType) ? await platformImage(src, { ...a, what }, json) : json
    if (a.config) {
      if (!image?.config)
        throw new Error(
          `${what}: ${m.mediaType} has no image configuration (an index: pick a platform by digest or --override-arch)`
        )
      await write(await readSmall(await src.getBlob(image.config)))
      return 0
    }
    const out: Record<string, unknown> = { Name: nameOf(t), Digest: m.digest, MediaType: m.mediaType }
    // skopeo lists tags for registries only; a local image has none.
    if (t.transport !== 'docker') out.RepoTags = []
    else if (a.tags)
      out.RepoTags = await client!.tagList(t.ref.registry, t.ref.repository).catch(() => undefined)
    if (json.artifactType) out.ArtifactType = json.artifactType
    if (isIndex(m.mediaType)) {
      const entries = json.manifests ?? []
      out.Platforms = entries
        .filter(d => d.platform && !isAttestationEntry(d))
        .map(d => formatPlatform(d.platform))
      out.Manifests = entries.map(d => ({
        Digest: d.digest,
        MediaType: d.mediaType,
        Size: d.size,
        Platform: d.platform ? formatPlatform(d.platform) : undefined
      }))
      if (image) {
        const { Platforms: _one, ...details } = await imageDetails(src, image)
        Object.assign(out, details)
      }
    } else {
      Object.assign(out, await imageDetails(src, json))
    }
    await write(Buffer.from(jsonSafe(JSON.stringify(out, null, 4)) + '\n'))
    return 0
  } catch (e) {
    return reportError('inspect', e)
  } finally {
    await src?.close()
    await client?.close()
  }
}

function write(b: Buffer): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(b, e => (e ? reject(e) : resolve())))
}
