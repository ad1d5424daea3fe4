/**
 * Transport strings as skopeo spells them (`docker://`, `oci:`, `docker-archive:`, `dir:`) and the
 * sources/destinations behind them. A string without a transport prefix is a registry reference.
 */
import type { DestinationCapabilities, ImageDestination, ImageSource, Platform } from '../oci/index.js'
import type { RegistryClient } from '../registry/index.js'
import { formatReference, parseReference, type Reference } from '../oci/index.js'
import { DESTINATION_CAPABILITIES } from './capabilities.js'
import { parseArchiveName } from './docker-archive/index.js'
import { openDockerDestination, openDockerSource } from './docker.js'
import { validateOciRefName } from './fs/index.js'

export type TransportRef =
  | { transport: 'docker'; ref: Reference }
  | { transport: 'oci'; dir: string; ref?: string }
  | { transport: 'docker-archive'; file: string; ref?: string }
  | { transport: 'dir'; dir: string }

/** skopeo transports we recognise but do not implement: a clear error beats parsing them as image names. */
const UNSUPPORTED = ['docker-daemon', 'containers-storage', 'oci-archive', 'ostree', 'sif', 'tarball']

/** `DIR[:REF]`: the first ':' splits (as skopeo does), except after a Windows drive letter. */
function splitPathAndRef(rest: string): [string, string | undefined] {
  const skip = process.platform === 'win32' && /^[A-Za-z]:[\\/]/.test(rest) ? 2 : 0
  const i = rest.indexOf(':', skip)
  return i < 0 ? [rest, undefined] : [rest.slice(0, i), rest.slice(i + 1)]
}

export function parseTransportRef(s: string): TransportRef {
  if (typeof s !== 'string' || s.trim() === '') throw new Error('empty image reference')
  if (s.startsWith('docker://'))
    return { transport: 'docker', ref: parseReference(s.slice('docker://'.length)) }
  const m = /^([a-z][a-z0-9-]*):(.*)$/s.exec(s)
  const transport = m?.[1]
  const rest = m?.[2] ?? ''
  switch (transport) {
    case 'oci': {
      const [dir, ref] = splitPathAndRef(rest)
      if (dir === '') throw new Error(`${s}: oci: needs a directory (oci:DIR[:REF])`)
      if (ref === undefined) return { transport: 'oci', dir }
      return { transport: 'oci', dir, ref: validateOciRefName(ref, s) }
    }
    case 'docker-archive': {
      const [file, ref] = splitPathAndRef(rest)
      if (file === '') throw new Error(`${s}: docker-archive: needs a file (docker-archive:FILE[:NAME:TAG])`)
      if (ref === undefined) return { transport: 'docker-archive', file }
      if (!/^@\d+$/.test(ref)) parseArchiveName(ref, s)
      return { transport: 'docker-archive', file, ref }
    }
    case 'dir':
      if (rest === '') throw new Error(`${s}: dir: needs a directory (dir:DIR)`)
      return { transport: 'dir', dir: rest }
    default:
      if (transport && UNSUPPORTED.includes(transport)) {
        throw new Error(
          `${s}: the ${transport}: transport is not supported (use docker://, oci:, docker-archive: or dir:)`
        )
      }
      return { transport: 'docker', ref: parseReference(s) }
  }
}

export function formatTransportRef(t: TransportRef): string {
  switch (t.transport) {
    case 'docker':
      return `docker://${formatReference(t.ref)}`
    case 'oci':
      return `oci:${t.dir}${t.ref !== undefined ? `:${t.ref}` : ''}`
    case 'docker-archive':
      return `docker-archive:${t.file}${t.ref !== undefined ? `:${t.ref}` : ''}`
    case 'dir':
      return `dir:${t.dir}`
  }
}

/** What a destination of `t` can do (the `capabilities` it will have once opened), without opening it. */
export function destinationCapabilities(t: TransportRef): DestinationCapabilities {
  return DESTINATION_CAPABILITIES[t.transport]
}

/**
 * What `tag` names at the target, read without opening it (opening creates a layout; a dry run
 * writes nothing): null when absent, undefined when the transport has no such cheap lookup (an
 * archive, a dir:), so only a copy can tell.
 */
export async function lookUpTag(
  t: TransportRef,
  tag: string | undefined,
  ctx: { client: RegistryClient }
): Promise<{ digest: string } | null | undefined> {
  switch (t.transport) {
    case 'docker': {
      const desc = await ctx.client.manifestHead(t.ref)
      if (!desc) return null
      // Some registries answer HEAD without Docker-Content-Digest; the GET computes it from the bytes.
      return { digest: desc.digest || (await ctx.client.manifestGet(t.ref)).digest }
    }
    case 'oci': {
      if (tag === undefined) return undefined
      const { readIndex, refNameOf } = await import('./oci-layout/index.js')
      const hit = (await readIndex(t.dir))?.manifests.find(d => refNameOf(d) === tag)
      return hit ? { digest: hit.digest } : null
    }
    default:
      return undefined
  }
}

// The file transports load on first use (dynamic imports, split into their own chunks by the
// bundler): a registry-to-registry sync, the common case, never evaluates the tar and layout code.

/** `ctx.client` is needed for `docker://` only: a local source opens without one. */
export async function openSource(
  t: TransportRef,
  ctx: { client?: RegistryClient; platform?: Platform[] }
): Promise<ImageSource> {
  switch (t.transport) {
    case 'docker':
      if (!ctx.client) throw new Error(`${formatTransportRef(t)}: no registry client to read it with`)
      return openDockerSource(t.ref, ctx.client)
    case 'oci':
      return (await import('./oci-layout/index.js')).openOciSource(t.dir, t.ref)
    case 'docker-archive':
      return (await import('./docker-archive/index.js')).openDockerArchiveSource(t.file, t.ref, ctx.platform)
    case 'dir':
      return (await import('./dir.js')).openDirSource(t.dir)
  }
}

export async function openDestination(
  t: TransportRef,
  ctx: { client: RegistryClient }
): Promise<ImageDestination> {
  switch (t.transport) {
    case 'docker':
      return openDockerDestination(t.ref, ctx.client)
    case 'oci':
      return (await import('./oci-layout/index.js')).openOciDestination(t.dir, t.ref)
    case 'docker-archive':
      return (await import('./docker-archive/index.js')).openDockerArchiveDestination(
        t.file,
        t.ref === undefined || t.ref.startsWith('@') ? undefined : t.ref
      )
    case 'dir':
      return (await import('./dir.js')).openDirDestination(t.dir)
  }
}

// The face: what other folders and the tests use from this folder.
export { cleanUpFailedCopy, destinationExists } from './cleanup.js'
export { openDirDestination, openDirSource } from './dir.js'
export { openDockerDestination, openDockerSource } from './docker.js'
