/**
 * Image references parsed and normalised the way Docker's distribution/reference does, so that a
 * name means the same image here as in `docker pull`.
 */

export interface Reference {
  /** Canonical API host: `registry-1.docker.io` for Docker Hub, otherwise the host as written (lower-cased). */
  registry: string
  repository: string
  tag?: string
  digest?: string
}

export class ReferenceError extends Error {
  constructor(
    readonly input: string,
    reason: string
  ) {
    super(`invalid reference ${JSON.stringify(clip(input))}: ${reason}`)
    this.name = 'ReferenceError'
  }
}

export const DOCKER_HUB = 'registry-1.docker.io'
const DOCKER_HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com'
])
const NAME_TOTAL_LENGTH_MAX = 255
const TAG_MAX = 128

// distribution/reference's grammar, anchored per part.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const DOMAIN_LABEL = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const HOST = new RegExp(`^(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`)
const TAG = /^[\w][\w.-]{0,127}$/
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/

/** Canonical host for any Docker Hub alias (with or without scheme/path); others lower-cased, unchanged. */
export function registryKey(host: string): string {
  let h = host.trim()
  h = h.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
  const slash = h.indexOf('/')
  if (slash >= 0) h = h.slice(0, slash)
  h = h.toLowerCase()
  if (DOCKER_HUB_ALIASES.has(h)) return DOCKER_HUB
  return h
}

/** A tag as distribution's grammar allows it: at most 128 of `[A-Za-z0-9_.-]`, not starting with `.` or `-`. */
export function isValidTag(s: string): boolean {
  return TAG.test(s)
}

/** True for hosts Docker treats as insecure by default: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  let h = host.toLowerCase()
  if (h.startsWith('[')) h = h.slice(1, h.indexOf(']'))
  else if ((h.match(/:/g) ?? []).length === 1) h = h.replace(/:\d*$/, '')
  return (
    h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  )
}

export interface ParseOptions {
  /** Add `latest` when neither tag nor digest is given (Docker's behaviour). Default true. */
  defaultTag?: boolean
}

/**
 * Parse `[host[:port]/]path[:tag][@digest]`. `nginx` → registry-1.docker.io, library/nginx, latest.
 * A leading `docker://` is accepted and ignored.
 */
export function parseReference(s: string, opts: ParseOptions = {}): Reference {
  if (typeof s !== 'string') throw new ReferenceError(String(s), 'not a string')
  const input = s.startsWith('docker://') ? s.slice('docker://'.length) : s
  if (input === '') throw new ReferenceError(s, 'empty reference')
  if (/\s/.test(input)) throw new ReferenceError(s, 'contains whitespace')
  // `user:password@host/…`, pasted from a URL: refuse it without echoing the secret into CI logs.
  // (Index arithmetic, not a regex: a backtracking pattern is quadratic on long hostile input.)
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(input)?.[0] ?? ''
  const firstSlash = input.indexOf('/', scheme.length)
  const userinfoEnd = firstSlash < 0 ? -1 : input.lastIndexOf('@', firstSlash)
  if (userinfoEnd >= scheme.length) {
    throw new ReferenceError(
      `${scheme}REDACTED@${input.slice(userinfoEnd + 1)}`,
      'credentials do not belong in an image reference; give them in a credentials file or with docker login'
    )
  }

  let rest = input
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    validateDigest(s, digest)
  }

  // The tag is after the last ':' that follows the last '/', so 'host:5000/repo' keeps its port.
  let tag: string | undefined
  const lastSlash = rest.lastIndexOf('/')
  const colon = rest.indexOf(':', lastSlash + 1)
  if (colon >= 0) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (tag.length > TAG_MAX) throw new ReferenceError(s, `tag is longer than ${TAG_MAX} characters`)
    if (!TAG.test(tag)) {
      throw new ReferenceError(
        s,
        `invalid tag ${JSON.stringify(clip(tag))} (allowed: letters, digits, '_', '.', '-'; not starting with '.' or '-')`
      )
    }
  }
  if (rest === '') throw new ReferenceError(s, 'missing repository name')
  if (rest.length > NAME_TOTAL_LENGTH_MAX) {
    throw new ReferenceError(s, `repository name is longer than ${NAME_TOTAL_LENGTH_MAX} characters`)
  }

  let host = 'docker.io'
  let path = rest
  const slash = rest.indexOf('/')
  if (slash >= 0) {
    const first = rest.slice(0, slash)
    // Docker's rule: the first component is a host when it looks like one.
    if (
      first.includes('.') ||
      first.includes(':') ||
      first === 'localhost' ||
      first !== first.toLowerCase()
    ) {
      if (!first.includes('.') && !first.includes(':') && first !== 'localhost') {
        // Docker would take 'MyOrg/app' for a host named MyOrg; users mean a repository.
        throw new ReferenceError(s, 'repository name must be lowercase')
      }
      host = first
      path = rest.slice(slash + 1)
      if (!HOST.test(host)) throw new ReferenceError(s, `invalid registry host ${JSON.stringify(clip(host))}`)
    }
  }
  if (path === '') throw new ReferenceError(s, 'missing repository name')
  for (const component of path.split('/')) {
    if (component === '') throw new ReferenceError(s, 'empty path component in repository name')
    if (component !== component.toLowerCase()) {
      throw new ReferenceError(s, 'repository name must be lowercase')
    }
    if (!COMPONENT.test(component)) {
      throw new ReferenceError(
        s,
        `invalid repository name component ${JSON.stringify(clip(component))} (allowed: lowercase letters, digits, separated by '.', '_', '__' or '-')`
      )
    }
  }

  const registry = registryKey(host)
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`
  if (tag === undefined && digest === undefined && opts.defaultTag !== false) tag = 'latest'
  const ref: Reference = { registry, repository: path }
  if (tag !== undefined) ref.tag = tag
  if (digest !== undefined) ref.digest = digest
  return ref
}

function validateDigest(input: string, digest: string): void {
  if (!DIGEST.test(digest)) throw new ReferenceError(input, `invalid digest ${JSON.stringify(clip(digest))}`)
  const [algo, hex] = digest.split(':') as [string, string]
  const len = algo === 'sha256' ? 64 : algo === 'sha512' ? 128 : undefined
  if (len === undefined)
    throw new ReferenceError(input, `unsupported digest algorithm ${JSON.stringify(clip(algo))}`)
  if (hex.length !== len || !/^[a-f0-9]+$/.test(hex)) {
    throw new ReferenceError(input, `invalid ${algo} digest: expected ${len} lowercase hex characters`)
  }
}

/** Host as users write it: `docker.io` for Docker Hub. */
export function familiarRegistry(registry: string): string {
  return registry === DOCKER_HUB ? 'docker.io' : registry
}

/** Normalised, fully qualified form: `docker.io/library/nginx:1.27`, `host:5000/repo@sha256:…`. */
export function formatReference(r: Reference): string {
  let s = `${familiarRegistry(r.registry)}/${r.repository}`
  if (r.tag !== undefined) s += `:${r.tag}`
  if (r.digest !== undefined) s += `@${r.digest}`
  return s
}

/** `repository` form without tag or digest, for messages about a repository. */
export function formatRepository(registry: string, repository: string): string {
  return `${familiarRegistry(registry)}/${repository}`
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}
