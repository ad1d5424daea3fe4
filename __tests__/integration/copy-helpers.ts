/** Shared set-up of the copy-engine integration tests: clients, docker transports, access-log counting. */
import { afterAll, beforeAll } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CredentialStore, type Credential } from '../../src/auth/index.js'
import type { ImageDestination, ImageSource } from '../../src/oci/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { parseReference } from '../../src/oci/index.js'
import { openDockerDestination, openDockerSource } from '../../src/transports/index.js'
import {
  skopeo,
  startRegistry,
  type AccessLogEntry,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'

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

export interface CopyTestContext {
  /** Token auth: the source of most tests. */
  src: StartedRegistry
  /** Basic auth: the destination. */
  dst: StartedRegistry
  client: RegistryClient
  /** A per-file temp dir. */
  work: string
}

/** Start a token and a Basic-auth registry for the test file, and stop them after it. */
export function useRegistries(): CopyTestContext {
  const ctx = { work: mkdtempSync(join(tmpdir(), 'copy-it-')) } as CopyTestContext
  let done: (() => Promise<void>) | undefined
  beforeAll(async () => {
    ;[ctx.src, ctx.dst] = await Promise.all([
      startRegistry({ mode: 'token' }),
      startRegistry({ mode: 'basic' })
    ])
    ;({ client: ctx.client, done } = await clientFor([ctx.src, ctx.dst]))
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([ctx.src?.stop(), ctx.dst?.stop()])
    rmSync(ctx.work, { recursive: true, force: true })
  })
  return ctx
}

/** The exact manifest bytes a registry serves for `ref`, read by skopeo. */
export async function rawManifest(reg: StartedRegistry, ref: string): Promise<Buffer> {
  const r = await skopeo(['inspect', '--raw', `docker://${reg.host}/${ref}`], { reg })
  if (r.code !== 0) throw new Error(`skopeo inspect --raw ${ref}: ${r.stderr}`)
  return Buffer.from(r.stdout, 'utf8')
}

/** True when skopeo finds `ref` in `reg`. */
export async function exists(reg: StartedRegistry, ref: string): Promise<boolean> {
  return (await skopeo(['inspect', '--raw', `docker://${reg.host}/${ref}`], { reg })).code === 0
}

export const allDigests = (img: BuiltImage): string[] => img.blobs.map(b => b.digest)

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
