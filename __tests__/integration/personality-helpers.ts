/**
 * Shared set-up of the personality tests: a plain source registry, a client that knows the
 * personality's and the source's credentials, sync runs from YAML, and skopeo checks against the
 * real registry behind a personality (so the personality's quirks do not stand in the checker's way).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CredentialStore, type Credential } from '../../src/auth/index.js'
import { RegistryClient, type ClientOptions } from '../../src/registry/index.js'
import { sync, type SyncReport } from '../../src/sync/index.js'
import { skopeo, type Personality, type StartedRegistry } from '../harness/index.js'
import { config } from './sync-helpers.js'

export interface Hosted {
  host: string
  username?: string
  password?: string
}

/** A client holding the credentials of each of `sides` for its host, nothing from the machine. */
export async function clientOf(
  sides: Hosted[],
  opts: Omit<ClientOptions, 'credentials'> = {}
): Promise<{ client: RegistryClient; done: () => Promise<void> }> {
  const empty = mkdtempSync(join(tmpdir(), 'personality-docker-config-'))
  const explicit: Record<string, Credential> = {}
  for (const s of sides) if (s.username) explicit[s.host] = { username: s.username, password: s.password! }
  const credentials = await CredentialStore.load({ explicit, dockerConfigDir: empty })
  const client = new RegistryClient({ ...opts, credentials })
  return {
    client,
    done: async () => {
      await client.close()
      rmSync(empty, { recursive: true, force: true })
    }
  }
}

/** One sync run of `images` (source → target lines) with a fresh client; the report. */
export async function syncImages(
  sides: Hosted[],
  images: [string, string][],
  opts: { extra?: string; clientOpts?: Omit<ClientOptions, 'credentials'>; concurrency?: number } = {}
): Promise<SyncReport> {
  const dir = mkdtempSync(join(tmpdir(), 'personality-sync-'))
  const { client, done } = await clientOf(sides, opts.clientOpts)
  try {
    const yaml = `version: 1\n${opts.extra ?? ''}images:\n${images.map(([s, t]) => `  ${s}: ${t}\n`).join('')}`
    return await sync(config(yaml, dir), { client, concurrency: opts.concurrency ?? 2 })
  } finally {
    await done()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The errors of a sync report, one per failed image. */
export const errorsOf = (r: SyncReport): string[] =>
  r.images.filter(i => i.status === 'failed').map(i => i.error ?? '')

/** The digest skopeo reads for `ref` from the registry behind `p` (or a plain registry). */
export async function digestBehind(
  p: Personality | StartedRegistry,
  ref: string
): Promise<string | undefined> {
  const reg = 'reg' in p ? p.reg : p
  const r = await skopeo(['inspect', '--raw', `docker://${reg.host}/${ref}`], { reg })
  if (r.code !== 0) return undefined
  const { createHash } = await import('node:crypto')
  return `sha256:${createHash('sha256').update(r.stdout, 'utf8').digest('hex')}`
}

interface TroubleshootingRow {
  id: string
  /** The message pattern the tests assert (a RegExp source, case-insensitive). */
  message: string
  /** Text README's troubleshooting row for it must contain. */
  readme: string
}

const ROWS = JSON.parse(
  readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'troubleshooting.json'),
    'utf8'
  )
) as TroubleshootingRow[]

/**
 * The message a test asserts, by id from the troubleshooting fixture: README's table is checked
 * against the same file (unit/troubleshooting.test.ts), so the two cannot drift.
 */
export function troubleshooting(id: string): RegExp {
  const row = ROWS.find(r => r.id === id)
  if (!row) throw new Error(`no troubleshooting row "${id}"`)
  return new RegExp(row.message, 'i')
}
