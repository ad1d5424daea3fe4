/**
 * Mirror targets: registry references (plain or `docker://`) or local transports (`oci:`,
 * `docker-archive:`, `dir:`). A target without a tag keeps the source's tag.
 */
import { normalize } from 'node:path'
import { formatReference, parseReference, type Reference } from '../oci/index.js'
import type { MirrorEntry } from './types.js'

/** Tags are never invented here: a missing tag means "keep the source's" or "select with a filter". */
export const NO_DEFAULT_TAG = { defaultTag: false } as const

export type Target =
  | { kind: 'registry'; raw: string; ref: Reference }
  | { kind: 'oci'; raw: string; dir: string; ref?: string }
  | { kind: 'docker-archive'; raw: string; file: string; name?: string }
  | { kind: 'dir'; raw: string; dir: string }

const SUPPORTED = ['oci', 'docker-archive', 'dir']
// containers/image transport names: recognised so that they get a clear "not supported" instead of
// being misread as a Docker Hub reference.
const KNOWN_TRANSPORT_RE =
  /^(oci|docker-archive|dir|oci-archive|containers-storage|docker-daemon|ostree|sif|tarball):/
// The OCI image-layout `org.opencontainers.image.ref.name` grammar.
const OCI_COMPONENT = '[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*'
const OCI_REF_RE = new RegExp(`^${OCI_COMPONENT}(?:/${OCI_COMPONENT})*$`)
// Aliyun ACR personal edition refuses anything but `namespace/repository`.
const ACR_PERSONAL_RE =
  /^(?:registry(?:-vpc|-intl)?\.[a-z0-9-]+\.aliyuncs\.com|crpi-[a-z0-9]+\.[a-z0-9-]+\.personal\.cr\.aliyuncs\.com)$/

/** The transport name when `s` starts with one (`oci`, `dir`, …), else undefined. */
export function transportOf(s: string): string | undefined {
  return KNOWN_TRANSPORT_RE.exec(s)?.[1]
}

/** Strips `docker://`, which means the same as a bare reference. */
export function stripDocker(s: string): string {
  return s.startsWith('docker://') ? s.slice('docker://'.length) : s
}

/** Parses a target; throws an Error with a user-facing message. */
export function parseTarget(raw: string): Target {
  const transport = transportOf(raw)
  if (transport === undefined)
    return { kind: 'registry', raw, ref: parseReference(stripDocker(raw), NO_DEFAULT_TAG) }
  if (!SUPPORTED.includes(transport)) {
    throw new Error(
      `the ${transport}: transport is not supported; use a registry reference, oci:, docker-archive: or dir:`
    )
  }
  const rest = raw.slice(transport.length + 1)
  const colon = rest.indexOf(':')
  const path = colon < 0 ? rest : rest.slice(0, colon)
  const suffix = colon < 0 ? undefined : rest.slice(colon + 1)
  if (path === '')
    throw new Error(`"${raw}" names no ${transport === 'docker-archive' ? 'file' : 'directory'}`)
  if (transport === 'dir') {
    if (suffix !== undefined) throw new Error(`"${raw}": a dir: target is a directory only (no :reference)`)
    return { kind: 'dir', raw, dir: path }
  }
  if (suffix === '') throw new Error(`"${raw}" ends with ":" but gives no reference`)
  if (transport === 'oci') {
    if (suffix !== undefined && !OCI_REF_RE.test(suffix)) {
      throw new Error(
        `"${suffix}" is not a valid OCI layout reference name (letters, digits and . _ - : @ + /)`
      )
    }
    return { kind: 'oci', raw, dir: path, ref: suffix }
  }
  if (suffix !== undefined) {
    const ref = parseReference(suffix, NO_DEFAULT_TAG)
    if (ref.digest || !ref.tag)
      throw new Error(`"${raw}": the name in a docker-archive target must be NAME:TAG`)
  }
  return { kind: 'docker-archive', raw, file: path, name: suffix }
}

/** True when the target fixes the tag (or layout/archive name) itself. */
export function targetHasTag(t: Target): boolean {
  switch (t.kind) {
    case 'registry':
      return t.ref.tag !== undefined || t.ref.digest !== undefined
    case 'oci':
      return t.ref !== undefined
    case 'docker-archive':
      return t.name !== undefined
    case 'dir':
      return true
  }
}

/** The last path component of a repository: quay.io/prometheus/node-exporter → node-exporter. */
export function lastComponent(repository: string): string {
  return repository.slice(repository.lastIndexOf('/') + 1)
}

/** `defaults.target` + the source's last path component (the `~` form). Throws for unusable bases. */
export function composeTarget(base: string, source: Reference): string {
  const name = lastComponent(source.repository)
  const transport = transportOf(base)
  if (transport === 'docker-archive') {
    throw new Error('defaults.target cannot be a docker-archive: file; give each entry its own archive')
  }
  if (transport === 'oci' && base.slice(4).includes(':')) {
    throw new Error('defaults.target for oci: must be a directory without :reference')
  }
  return `${base.replace(/\/+$/, '')}/${name}`
}

/** Why a registry target would be refused by the registry it names, known before any request. */
export function registryPathProblem(ref: Reference): string | undefined {
  if (ACR_PERSONAL_RE.test(ref.registry) && ref.repository.split('/').length !== 2) {
    return (
      `Aliyun ACR (personal edition) accepts only namespace/repository, not "${ref.repository}"; ` +
      'use a target like HOST/NAMESPACE/NAME, or ~ with defaults.target HOST/NAMESPACE'
    )
  }
  return undefined
}

/**
 * The full target transport string for one source tag: the target itself when it fixes a tag,
 * else the target with `:sourceTag` (or, for a digest-only source, `@digest` on registries).
 * `sourceTag` (undefined or '') defaults to the source reference's own tag.
 */
export function targetFor(entry: MirrorEntry, sourceTag?: string): string {
  const t = parseTarget(entry.target)
  // '' means "no tag" too (digest-only sources), as callers that map tags over `[undefined]` pass it.
  const tag = sourceTag || entry.sourceRef.tag
  if (targetHasTag(t)) return entry.target
  switch (t.kind) {
    case 'registry':
      if (tag !== undefined) return `${entry.target}:${tag}`
      if (entry.sourceRef.digest) return `${entry.target}@${entry.sourceRef.digest}`
      throw new Error(`${entry.source}: no tag to map onto ${entry.target}`)
    case 'oci':
      return tag !== undefined ? `${entry.target}:${tag}` : entry.target
    case 'docker-archive': {
      if (tag === undefined) return entry.target
      const name = formatReference({
        registry: entry.sourceRef.registry,
        repository: entry.sourceRef.repository,
        tag
      })
      return `${entry.target}:${name}`
    }
    default:
      return entry.target
  }
}

/** A canonical key for one concrete target (after `targetFor`), so that aliases compare equal. */
export function targetKey(full: string): string {
  const t = parseTarget(full)
  switch (t.kind) {
    case 'registry':
      return `docker://${t.ref.registry}/${t.ref.repository}${t.ref.tag ? `:${t.ref.tag}` : ''}${t.ref.digest ? `@${t.ref.digest}` : ''}`
    case 'oci':
      return `oci:${normalize(t.dir)}:${t.ref ?? ''}`
    case 'docker-archive':
      return `docker-archive:${normalize(t.file)}:${t.name ?? ''}`
    case 'dir':
      return `dir:${normalize(t.dir)}`
  }
}
