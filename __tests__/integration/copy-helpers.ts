/** Shared set-up of the copy-engine integration tests: clients, docker transports, access-log counting. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CredentialStore, type Credential } from '../../src/auth/credentials.js'
import type { ImageDestination, ImageSource } from '../../src/copy/types.js'
import { RegistryClient } from '../../src/registry/client.js'
import { parseReference } from '../../src/registry/reference.js'
import { openDockerDestination, openDockerSource } from '../../src/transports/docker.js'
import type { AccessLogEntry, StartedRegistry } from '../harness/index.js'

/** A client that knows the credentials of `regs` and nothing of the machine's Docker config. */
export async function clientFor(
  regs: StartedRegistry[],
  opts: { reader?: boolean } = {}
): Promise<{ client: RegistryClient; done: () => Promise<void> }> {
  const empty = mkdtempSync(join(tmpdir(), 'copy-test-docker-config-'))
  const explicit: Record<string, Credential> = {}
  for (const r of regs) {
    // The token registry's reader may pull but not push.
    if (opts.reader && r.readerUsername)
      explicit[r.host] = { username: r.readerUsername, password: r.readerPassword! }
    else if (r.username) explicit[r.host] = { username: r.username, password: r.password! }
  }
  const credentials = await CredentialStore.load({ explicit, dockerConfigDir: empty })
  const client = new RegistryClient({
    credentials,
    registries: Object.fromEntries(regs.filter(r => r.caFile).map(r => [r.host, { caFile: r.caFile }]))
  })
  return {
    client,
    done: async () => {
      await client.close()
      rmSync(empty, { recursive: true, force: true })
    }
  }
}

export function source(client: RegistryClient, reg: StartedRegistry, ref: string): ImageSource {
  return openDockerSource(parseReference(`${reg.host}/${ref}`), client)
}

export function destination(client: RegistryClient, reg: StartedRegistry, ref: string): ImageDestination {
  return openDockerDestination(parseReference(`${reg.host}/${ref}`), client)
}

/** Digest of each completed blob upload (the final `PUT …/blobs/uploads/<id>?digest=…`). */
export function blobPuts(log: AccessLogEntry[]): string[] {
  return log
    .filter(e => e.method === 'PUT' && e.path.includes('/blobs/uploads/') && e.status === 201)
    .map(e => new URL(e.path, 'http://x').searchParams.get('digest') ?? '?')
}

/** Digest of each successful cross-repository mount (`POST …/blobs/uploads/?mount=…&from=…` → 201). */
export function mounts(log: AccessLogEntry[]): string[] {
  return log
    .filter(e => e.method === 'POST' && e.path.includes('mount=') && e.status === 201)
    .map(e => new URL(e.path, 'http://x').searchParams.get('mount') ?? '?')
}

/** `repo:ref` of each successful manifest PUT, in order. */
export function manifestPuts(log: AccessLogEntry[]): string[] {
  return log
    .filter(e => e.method === 'PUT' && e.path.includes('/manifests/') && e.status === 201)
    .map(e => decodeURIComponent(e.path.split('/manifests/')[1]))
}

/** Path of a blob's data file in a registry's storage dir. */
export function blobDataPath(reg: StartedRegistry, digest: string): string {
  const hex = digest.replace('sha256:', '')
  return join(reg.storageDir, 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data')
}
