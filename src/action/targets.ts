/** What the action needs to know about a config's targets before it syncs. */
import type { CredentialStore } from '../auth/index.js'
import type { MirrorConfig } from '../config/index.js'
import { parseReference } from '../oci/index.js'
import { out } from './log.js'

/**
 * A pull request's config is the PR author's text: it must not make the runner present a client
 * certificate from a path of its choosing to a host of its choosing. Certificates apply on pushes.
 */
export function dropClientCertsOnPullRequests(config: MirrorConfig, event: string): void {
  if (!event.startsWith('pull_request')) return
  for (const [host, opts] of Object.entries(config.registries)) {
    if (opts.certFile || opts.keyFile) {
      out.warning(`${host}: cert-file/key-file are ignored on ${event} events`)
      delete opts.certFile
      delete opts.keyFile
    }
  }
}

/** Target registries (host as written) that have no credentials in this run. */
export async function targetsWithoutCredentials(
  config: MirrorConfig,
  creds: CredentialStore
): Promise<string[]> {
  const hosts = new Set<string>()
  for (const e of config.images) {
    const host = registryOfTarget(e.target)
    if (host) hosts.add(host)
  }
  const missing: string[] = []
  for (const h of hosts) if (!(await creds.get(h))) missing.push(h)
  return missing.sort()
}

export function registryOfTarget(target: string): string | undefined {
  if (/^(oci|dir|docker-archive|oci-archive):/.test(target)) return undefined
  try {
    return parseReference(target, { defaultTag: false }).registry
  } catch {
    return target.replace(/^docker:\/\//, '').split('/')[0]
  }
}
