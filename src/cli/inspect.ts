/**
 * `mirror-action inspect [--raw] docker://REF`: digest, media type, platforms (like `skopeo inspect`);
 * `--raw` prints the manifest bytes exactly as served. Exit 0, 1 (runtime error), 2 (usage).
 */
import type { ManifestJson, Platform } from '../oci/index.js'
import type { RegistryClient } from '../registry/index.js'
import { formatPlatform, isAttestationEntry, isIndex } from '../oci/index.js'
import { formatRepository, parseReference, type Reference } from '../oci/index.js'
import { imageDetails, overridePlatform, platformImage, readSmall } from './inspect-image.js'
import { jsonSafe } from '../report/index.js'
import { cliClient, parseRegistryCliArgs, reportError, UsageError } from './registry-cli.js'
import { DEBUG_USAGE, REGISTRY_ACCESS_USAGE, TIMEOUT_USAGE } from './options.js'

const USAGE = `Usage: mirror-action inspect [options] docker://REF

Show an image's digest, media type, platforms and tags as JSON, with skopeo's fields (Name,
Digest, RepoTags, Created, Architecture, Os, Layers, LayersData, Env, Labels). On an index, the
fields of this machine's platform image are shown beside the index's Platforms and Manifests.

Options:
  --raw                 Print the manifest exactly as the registry serves it
  --config              Print the image configuration (JSON) of a single-platform image
  --no-tags             Do not list the repository's tags
  --override-os OS      On an index, show this platform's image (default: this machine's)
  --override-arch ARCH  ... this architecture (--override-variant VARIANT: this variant)
${REGISTRY_ACCESS_USAGE}${TIMEOUT_USAGE}${DEBUG_USAGE}  -h, --help            Show this help
`

interface InspectArgs {
  ref: Reference
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
    ref: parseDockerArg(positionals[0]!, 'inspect', true),
    raw: values.raw === true,
    config: values.config === true,
    tags: values['no-tags'] !== true,
    ...overridePlatform(values),
    values,
    timeouts,
    debug
  }
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
  try {
    client = await cliClient({
      values: a.values,
      registry: a.ref.registry,
      timeouts: a.timeouts,
      debug: a.debug
    })
    const m = await client.manifestGet(a.ref)
    if (a.raw) {
      await write(m.bytes)
      return 0
    }
    const json = JSON.parse(m.bytes.toString('utf8')) as ManifestJson
    // On an index, skopeo shows the image for this machine's platform (or --override-*).
    const image = isIndex(m.mediaType) ? await platformImage(client, a, json) : { ref: a.ref, json }
    if (a.config) {
      if (!image?.json.config)
        throw new Error(
          `${a.ref.repository}: ${m.mediaType} has no image configuration (an index: pick a platform by digest or --override-arch)`
        )
      await write(await readSmall(await client.blobGet(a.ref.registry, a.ref.repository, image.json.config)))
      return 0
    }
    const out: Record<string, unknown> = {
      Name: formatRepository(a.ref.registry, a.ref.repository),
      Digest: m.digest,
      MediaType: m.mediaType
    }
    if (a.tags) out.RepoTags = await client.tagList(a.ref.registry, a.ref.repository).catch(() => undefined)
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
        const { Platforms: _one, ...details } = await imageDetails(client, image.ref, image.json)
        Object.assign(out, details)
      }
    } else {
      Object.assign(out, await imageDetails(client, a.ref, json))
    }
    await write(Buffer.from(jsonSafe(JSON.stringify(out, null, 4)) + '\n'))
    return 0
  } catch (e) {
    return reportError('inspect', e)
  } finally {
    await client?.close()
  }
}

function write(b: Buffer): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(b, e => (e ? reject(e) : resolve())))
}
