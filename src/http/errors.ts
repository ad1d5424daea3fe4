/** Typed registry errors whose messages are safe to print: URLs redacted, secrets never included. */
import { isRetryableStatus, type Side } from '../oci/index.js'
import { hintFor, type Flavour } from './hints.js'
import type { HttpResponse } from './types.js'

export interface RegistryErrorInit {
  method: string
  url: string
  status?: number
  codes?: string[]
  side?: Side
  cause?: unknown
  /** Retrying the same request may succeed (network error, 408/429/5xx). */
  retryable?: boolean
}

export class RegistryError extends Error {
  method: string
  /** Redacted: no userinfo, no signed-URL or token query values. */
  url: string
  status?: number
  /** OCI `errors[].code` values from the response body, e.g. `MANIFEST_UNKNOWN`, `DENIED`. */
  codes: string[]
  side?: Side
  retryable: boolean

  constructor(message: string, init: RegistryErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = 'RegistryError'
    this.method = init.method
    this.url = redactUrl(init.url)
    this.status = init.status
    this.codes = init.codes ?? []
    this.side = init.side
    this.retryable = init.retryable ?? false
  }
}

// Query parameters that carry credentials in signed URLs (S3, CloudFront, GCS, Azure) or tokens.
const SECRET_PARAM =
  /^(x-amz-.*|x-goog-.*|signature|sig|token|access_token|refresh_token|password|passwd|secret|key|credential|policy|key-pair-id|se|sp|sv|st|skoid|sktid|skt|ske|sks|skv|code|auth|authorization|expires|jwt)$/i

/** Strip userinfo and redact secret-looking query values; unparsable input is reduced to a marker. */
export function redactUrl(raw: string): string {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    // Still refuse to echo anything that looks like userinfo.
    return raw.replace(/\/\/[^/@]*@/, '//REDACTED@')
  }
  u.username = ''
  u.password = ''
  // Never sent to a server, but a place for tokens (OAuth implicit grants): not worth echoing.
  u.hash = ''
  const params = [...u.searchParams.keys()]
  let changed = false
  for (const k of new Set(params)) {
    if (SECRET_PARAM.test(k)) {
      u.searchParams.set(k, 'REDACTED')
      changed = true
    }
  }
  // URLSearchParams re-encodes; only rewrite the query when something was redacted.
  if (!changed) return `${u.origin}${u.pathname}${u.search}`
  return u.toString()
}

/**
 * Redact every URL inside a free-text message (e.g. an undici error message). A URL with nothing to
 * redact is left as written: messages quote identities and patterns (a certificate's subject, a
 * policy's `^https://github\.com/…` regex) that URL normalisation would rewrite.
 */
export function redactText(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>]+/g, m => (needsRedaction(m) ? redactUrl(m) : m))
}

function needsRedaction(raw: string): boolean {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return true
  }
  return (
    u.username !== '' ||
    u.password !== '' ||
    u.hash !== '' ||
    [...u.searchParams.keys()].some(k => SECRET_PARAM.test(k))
  )
}

export interface OciErrorBody {
  codes: string[]
  messages: string[]
}

/** Parse the distribution spec's `{"errors":[{"code","message","detail"}]}`; tolerant of junk. */
export function parseOciErrors(body: string): OciErrorBody {
  const out: OciErrorBody = { codes: [], messages: [] }
  try {
    const j = JSON.parse(body) as unknown
    const errs = (j as { errors?: unknown })?.errors
    if (Array.isArray(errs)) {
      for (const e of errs.slice(0, 20)) {
        const code = (e as { code?: unknown })?.code
        const msg = (e as { message?: unknown })?.message
        if (typeof code === 'string') out.codes.push(code.slice(0, 100))
        if (typeof msg === 'string') out.messages.push(redactText(msg.slice(0, 300)))
      }
    }
  } catch {
    // not JSON: no codes
  }
  return out
}

export type Operation = 'pull' | 'push' | 'delete' | 'list' | 'ping' | 'mount'

/** What the session knows about the credentials behind a refused request; names, never secrets. */
export interface AuthNote {
  /** The request carried a token fetched without credentials, and why. */
  anonymousBecause?: string
  /** Where the credentials the request carried came from (`--src-creds`, `auth file PATH`…). */
  credentialSource?: string
  /** The request carried no credentials because none were found, and for which registry. */
  noCredentials?: string
  /** The credentials were accepted, but the token they got grants nothing on this repository. */
  insufficientScope?: boolean
  /** The product that answered (registry/flavour.ts), for a hint where it words a refusal misleadingly. */
  flavour?: Flavour
}

/**
 * A message a user can act on, from the status, OCI codes and what we were doing. `host` is the one
 * that answered (a CDN or upload host may not be the registry named in `what`). `auth` (or, as a
 * string, `anonymousBecause`) says which credentials the registry saw, so that a missing and a
 * wrong credential read differently.
 */
export function describeFailure(
  op: Operation,
  what: string,
  status: number | undefined,
  oci: OciErrorBody,
  host?: string,
  auth?: string | AuthNote
): string {
  const note: AuthNote = typeof auth === 'string' ? { anonymousBecause: auth } : (auth ?? {})
  const message = describe(op, what, status, oci, host, note)
  const hint = hintFor(note.flavour, op, status, oci)
  return hint ? `${message}; ${hint}` : message
}

function describe(
  op: Operation,
  what: string,
  status: number | undefined,
  oci: OciErrorBody,
  host: string | undefined,
  note: AuthNote
): string {
  const { anonymousBecause, credentialSource, noCredentials, insufficientScope } = note
  const detail =
    oci.codes.length > 0 ? ` (${oci.codes.join(', ')}${oci.messages[0] ? `: ${oci.messages[0]}` : ''})` : ''
  if (
    status === 401 ||
    status === 403 ||
    oci.codes.includes('DENIED') ||
    oci.codes.includes('UNAUTHORIZED')
  ) {
    // Asking whether the credentials have push rights sends people looking in the wrong place
    // when the registry never saw them.
    if (anonymousBecause) {
      return `denied: ${what}: the token was fetched anonymously because ${anonymousBecause}, so the registry saw no credentials (status ${status})${detail}`
    }
    if (noCredentials) {
      return `denied: ${what}: ${noCredentials}, so the request carried none (status ${status})${detail}`
    }
    const these = credentialSource ? `the credentials from ${credentialSource}` : 'these credentials'
    if (op === 'push' || op === 'mount' || op === 'delete') {
      return `denied: ${what}: does the namespace/project exist and do ${these} have push rights on it?${detail}`
    }
    if (credentialSource && insufficientScope)
      return `denied: ${what}: the credentials from ${credentialSource} were accepted but give no access to this repository (insufficient_scope): check its name (Docker Hub keeps one-part names under library/) and that it exists and these credentials may read it${detail}`
    if (credentialSource)
      return `denied: ${what}: the registry refused the credentials from ${credentialSource} (status ${status})${detail}`
    return `denied: ${what}: check the credentials for this registry (status ${status})${detail}`
  }
  if (status === 404 || oci.codes.includes('MANIFEST_UNKNOWN') || oci.codes.includes('NAME_UNKNOWN')) {
    if (op === 'push') return `not found: ${what}: does the repository exist on the registry?${detail}`
    return `not found: ${what}${detail}`
  }
  if (status === 429 || oci.codes.includes('TOOMANYREQUESTS')) {
    return `rate limited: ${what}: ${host || 'the registry'} answered 429 Too Many Requests${detail}`
  }
  if (status !== undefined) return `${what}: registry answered ${status}${detail}`
  return `${what}: request failed${detail}`
}

/** A RegistryError for a non-success response (reads a little of the body for OCI error codes). */
export async function failure(
  res: HttpResponse,
  method: string,
  op: Operation,
  what: string
): Promise<RegistryError> {
  let text = ''
  if (res.data) text = res.data.toString('utf8', 0, Math.min(res.data.length, 65536))
  else if (res.body) text = await readSome(res)
  const oci = parseOciErrors(text)
  return new RegistryError(
    describeFailure(op, what, res.status, oci, hostOf(res.url), {
      anonymousBecause: res.anonymousBecause,
      credentialSource: res.credentialSource,
      noCredentials: res.noCredentials,
      insufficientScope: res.insufficientScope,
      flavour: res.flavour as Flavour | undefined
    }),
    {
      method,
      url: res.url,
      status: res.status,
      codes: oci.codes,
      retryable: isRetryableStatus(res.status) && !res.retriesSpent
    }
  )
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}

async function readSome(res: HttpResponse): Promise<string> {
  const parts: Buffer[] = []
  let n = 0
  try {
    for await (const c of res.body!) {
      parts.push(c as Buffer)
      n += (c as Buffer).length
      if (n > 65536) {
        res.body!.destroy()
        break
      }
    }
  } catch {
    // the error status is what matters
  }
  return Buffer.concat(parts).toString('utf8')
}
