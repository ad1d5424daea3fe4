/**
 * Debug lines (`--debug`, RUNNER_DEBUG): one per HTTP exchange, network error and retry decision,
 * and a reason for every final 401. They name the auth scheme sent and where the credentials came
 * from, never a secret: the HTTP layer reports only the scheme of the Authorization header, URLs
 * are redacted, and a credential source is a description ("input 'credentials'", a file's path).
 */
import type { Credential } from '../auth/index.js'
import type { HttpDebugEvent } from '../http/index.js'

/** `source`: where the credentials for this exchange's host came from, when it was looked up. */
export function formatHttpDebug(e: HttpDebugEvent, source: string | undefined): string {
  switch (e.kind) {
    case 'exchange': {
      // A host with no lookup of its own is a token server: its Basic auth carries the registry's.
      const fallback = e.auth === 'basic' ? "the registry's, sent to its token server" : 'a token'
      const creds = e.auth === 'none' ? '' : `, credentials: ${source ?? fallback}`
      return `http: ${e.method} ${e.url} → ${e.status} in ${e.ms} ms (auth: ${e.auth}${creds})`
    }
    case 'error':
      return `http: ${e.method} ${e.url} failed after ${e.ms} ms: ${e.message}`
    case 'retry':
      return e.waitMs === undefined
        ? `http: ${e.method} ${e.url}: ${e.reason}; attempt ${e.attempt} of ${e.attempts}, not retrying`
        : `http: ${e.method} ${e.url}: ${e.reason}; attempt ${e.attempt} of ${e.attempts}, retrying in ${e.waitMs} ms`
  }
}

/** Why a registry (or its token server, `by`) answered 401 in the end: no credentials, empty ones, or refused ones. */
export function explain401(
  registry: string,
  cred: Credential | undefined,
  source: string | undefined,
  by = 'registry'
): string {
  const head = `auth: ${by === 'registry' ? registry : `the token server of ${registry}`} answered 401`
  if (!cred) return `${head}: no credentials were sent for ${registry} (anonymous)`
  const from = source ?? 'unknown source'
  if (cred.password === '' || cred.username === '')
    return `${head}: the credentials for ${registry} from ${from} are empty`
  return `${head}: the credentials for ${registry} from ${from} were refused`
}
