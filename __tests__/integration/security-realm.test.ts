/**
 * Credentials and the token realm a registry names. As in Docker and skopeo they go to that realm,
 * also on another host (Aliyun ACR's registry.<region>.aliyuncs.com names dockerauth.<region>…,
 * GitLab's registry.gitlab.com names gitlab.com/jwt/auth), except: in clear text when the registry
 * is reached over HTTPS, through a redirect from the realm, or to a host the registry's
 * `token-realms` leaves out. A push refused after such an anonymous token says why.
 * The token server's log records whether credentials reached it (never what they were).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CredentialStore, type Credential } from '../../src/auth/index.js'
import { parseConfig } from '../../src/config/index.js'
import { sync, type SyncReport } from '../../src/sync/index.js'
import { RegistryClient, type RegistryOptions } from '../../src/registry/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { makeTempDir } from '../harness/index.js'
import { checkTag } from './reliability-helpers.js'

const dir = makeTempDir('security-realm')
const image = buildImage({ seed: 'realm-policy', layerSizes: [20_000] })

/** One sync of src/realm/app:v1 → dst/target:v1 with dst's credentials; warnings collected. */
async function copyInto(
  src: StartedRegistry,
  dst: StartedRegistry,
  target: string,
  registries: Record<string, RegistryOptions> = {}
): Promise<{ report: SyncReport; warnings: string[] }> {
  const creds: Record<string, Credential> = {
    [dst.host]: { username: dst.username!, password: dst.password! }
  }
  const credentials = await CredentialStore.load({ explicit: creds, dockerConfigDir: dir })
  const warnings: string[] = []
  const client = new RegistryClient({
    credentials,
    registries,
    retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
    warn: w => warnings.push(w)
  })
  try {
    const yaml = `version: 1\nimages:\n  ${src.host}/realm/app:v1: ${dst.host}/${target}\n`
    const file = join(dir, 'mirror.yaml')
    writeFileSync(file, yaml)
    return { report: await sync(parseConfig(yaml, file), { client }), warnings }
  } finally {
    await client.close()
  }
}

const withCredentials = (dst: StartedRegistry) => dst.tokenRequests().filter(r => r.credentials)

let src: StartedRegistry
beforeAll(async () => {
  src = await startRegistry({ mode: 'anonymous' })
  await pushImage(src, 'realm/app', 'v1', image)
}, 60_000)
afterAll(async () => src?.stop())

describe('a token realm on another host than the registry', () => {
  let dst: StartedRegistry
  beforeAll(async () => {
    dst = await startRegistry({ mode: 'token', realmHost: '127.0.0.2' })
  }, 60_000)
  afterAll(async () => dst?.stop())

  test('gets the registry credentials: the copy works, without a warning', async () => {
    expect(new URL(dst.tokenRealm!).hostname).toBe('127.0.0.2')
    dst.clearTokenRequests()
    const { report, warnings } = await copyInto(src, dst, 'realm/named')
    expect(report.images.map(i => [i.status, i.error])).toEqual([['copied', undefined]])
    expect(warnings).toEqual([])
    expect(dst.tokenRequests().length).toBeGreaterThan(0)
    expect(dst.tokenRequests().every(r => r.credentials && r.account === dst.username)).toBe(true)
    expect(await checkTag(dst, 'realm/named', 'v1')).toMatchObject({
      exists: true,
      problems: [],
      digest: image.manifest.digest
    })
  })

  test.each([
    ['an empty list', []],
    ['a list without that host', ['auth.example.com', '127.0.0.1']]
  ])('token-realms with %s keeps them off it, and the denial says why', async (_name, tokenRealms) => {
    dst.clearTokenRequests()
    const target = `realm/optout${tokenRealms.length}`
    const { report, warnings } = await copyInto(src, dst, target, { [dst.host]: { tokenRealms } })
    expect(dst.tokenRequests().length).toBeGreaterThan(0)
    expect(withCredentials(dst)).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/not sending them there .*token-realms/)
    expect(report.images.map(i => i.status)).toEqual(['failed'])
    expect(report.images[0]!.error).toMatch(
      /denied: .*the token was fetched anonymously because the token realm's host 127\.0\.0\.2:\d+ is not in registries\."127\.0\.0\.1:\d+"\.token-realms/
    )
    expect(report.images[0]!.error).not.toContain(dst.password!)
    expect(await checkTag(dst, target, 'v1')).toMatchObject({ exists: false, problems: [] })
  })

  test('token-realms listing that host lets them go there', async () => {
    dst.clearTokenRequests()
    const { report, warnings } = await copyInto(src, dst, 'realm/listed', {
      [dst.host]: { tokenRealms: ['127.0.0.2'] }
    })
    expect(report.images.map(i => [i.status, i.error])).toEqual([['copied', undefined]])
    expect(warnings).toEqual([])
    expect(withCredentials(dst).length).toBeGreaterThan(0)
  })
})

describe('an HTTPS registry whose token realm is plain HTTP', () => {
  let dst: StartedRegistry
  beforeAll(async () => {
    // Same host name, even: the credentials would cross the network in clear text.
    dst = await startRegistry({ mode: 'token', tls: true })
  }, 60_000)
  afterAll(async () => dst?.stop())

  test('gets no credentials; the denial says the token was anonymous and why', async () => {
    expect(dst.url).toMatch(/^https:/)
    expect(dst.tokenRealm).toMatch(/^http:/)
    dst.clearTokenRequests()
    const { report, warnings } = await copyInto(src, dst, 'realm/clear', {
      [dst.host]: { caFile: dst.caFile }
    })
    expect(dst.tokenRequests().length).toBeGreaterThan(0)
    expect(withCredentials(dst)).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/plain HTTP while the registry is reached over HTTPS/)
    expect(report.images.map(i => i.status)).toEqual(['failed'])
    expect(report.images[0]!.error).toMatch(
      /denied: .*the token was fetched anonymously because its token realm http:\/\/127\.0\.0\.1:\d+\/? is plain HTTP while the registry is reached over HTTPS/
    )
    expect(await checkTag(dst, 'realm/clear', 'v1')).toMatchObject({ exists: false, problems: [] })
  })
})

describe('a token realm that redirects to another origin', () => {
  let dst: StartedRegistry
  beforeAll(async () => {
    dst = await startRegistry({ mode: 'token', realmHost: '127.0.0.2', realmRedirectHost: '127.0.0.3' })
  }, 60_000)
  afterAll(async () => dst?.stop())

  test('the credentials do not follow the redirect: the token request stops with a clear error', async () => {
    expect(new URL(dst.redirectingRealm!).hostname).toBe('127.0.0.3')
    dst.clearTokenRequests()
    const { report } = await copyInto(src, dst, 'realm/redirected')
    const named = dst.tokenRequests().filter(r => r.redirected)
    const redirectedTo = dst.tokenRequests().filter(r => !r.redirected)
    // The realm the registry named was asked, with the credentials; the one it redirects to never saw them.
    expect(named.length).toBeGreaterThan(0)
    expect(named.every(r => r.credentials)).toBe(true)
    expect(redirectedTo.filter(r => r.credentials)).toEqual([])
    expect(report.images.map(i => i.status)).toEqual(['failed'])
    expect(report.images[0]!.error).toMatch(
      /token server http:\/\/127\.0\.0\.3:\d+\/? redirects to http:\/\/127\.0\.0\.2:\d+\/?; credentials are never sent on through a redirect/
    )
    expect(report.images[0]!.error).not.toContain(dst.password!)
    expect(await checkTag(dst, 'realm/redirected', 'v1')).toMatchObject({ exists: false, problems: [] })
  })
})
