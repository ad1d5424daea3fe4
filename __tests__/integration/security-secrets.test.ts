/**
 * Secrets never reach the CLI's output, its JSON report, or its error messages: not a password that
 * failed (or worked), not its Basic encoding, not a bearer token, not the signature or token
 * parameters of a signed redirect URL, not userinfo in a URL a hostile registry sends, not
 * credentials a user pasted into a reference in the config.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { buildImage, pushImage, startRegistry, makeTempDir, type StartedRegistry } from '../harness/index.js'
import { bundleCli, runCli, startHostileFront } from './reliability-helpers.js'

const secret = (label: string) => `${label}${randomBytes(9).toString('hex')}`
const basic = (u: string, p: string) => Buffer.from(`${u}:${p}`).toString('base64')

describe('the CLI keeps secrets out of everything it prints and writes', () => {
  let src: StartedRegistry
  let basicReg: StartedRegistry
  let tokenReg: StartedRegistry
  let cli: string
  const dir = makeTempDir('security-secrets')
  let n = 0

  beforeAll(async () => {
    ;[src, basicReg, tokenReg, cli] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'basic' }),
      startRegistry({ mode: 'token' }),
      bundleCli()
    ])
    await pushImage(src, 'app/one', 'v1', buildImage({ seed: 'secrets-one', layerSizes: [20_000] }))
  }, 120_000)
  afterAll(async () => {
    await Promise.all([src?.stop(), basicReg?.stop(), tokenReg?.stop()])
  })

  /** Runs `sync` on `yaml`; returns everything the user could see: stdout, stderr, the report. */
  async function syncOutput(yaml: string, creds: string): Promise<{ code: number; all: string }> {
    const i = ++n
    const config = join(dir, `mirror-${i}.yaml`)
    const credentials = join(dir, `credentials-${i}.yaml`)
    const report = join(dir, `report-${i}.json`)
    writeFileSync(config, yaml)
    writeFileSync(credentials, creds)
    const r = await runCli(cli, [
      'sync',
      '--config',
      config,
      '--credentials',
      credentials,
      '--report',
      report
    ])
    const written = existsSync(report) ? readFileSync(report, 'utf8') : ''
    return { code: r.code, all: `${r.stdout}\n${r.stderr}\n${written}` }
  }

  const entry = (target: string) => `version: 1\nimages:\n  ${src.host}/app/one:v1: ${target}\n`

  test.each([
    ['a wrong password', 'wrong'],
    ['a right password', 'right']
  ])('%s for a Basic-auth target', async (_name, which) => {
    const password = which === 'right' ? basicReg.password! : secret('wrongpw')
    const creds = `"${basicReg.host}": { username: "${basicReg.username}", password: "${password}" }\n`
    const out = await syncOutput(entry(`${basicReg.host}/sec/${which}`), creds)
    expect(out.code).toBe(which === 'right' ? 0 : 1)
    if (which === 'wrong') expect(out.all).toMatch(/denied/)
    expect(out.all).not.toContain(password)
    expect(out.all).not.toContain(basic(basicReg.username!, password))
  })

  test('a pull-only user pushing to a token registry: denied, no password, no token', async () => {
    const creds = `"${tokenReg.host}": { username: "${tokenReg.readerUsername}", password: "${tokenReg.readerPassword}" }\n`
    const out = await syncOutput(entry(`${tokenReg.host}/sec/reader`), creds)
    expect(out.code).toBe(1)
    expect(out.all).toMatch(/denied/)
    expect(out.all).not.toContain(tokenReg.readerPassword!)
    expect(out.all).not.toContain(basic(tokenReg.readerUsername!, tokenReg.readerPassword!))
    // The registry's tokens are JWTs: their header always starts like this.
    expect(out.all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/)
  })

  test('a hostile registry redirects blobs to URLs carrying signatures, tokens and userinfo', async () => {
    const secrets = {
      sig: secret('sig'),
      token: secret('tok'),
      cred: secret('cred'),
      user: secret('userinfo')
    }
    // The "CDN": refuses everything, and echoes the URL it was asked for in its error message.
    const cdn = createServer((req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' })
      const url = `http://leak:${secrets.user}@127.0.0.1${req.url}`
      res.end(JSON.stringify({ errors: [{ code: 'DENIED', message: `signature rejected for ${url}` }] }))
    })
    await new Promise<void>(r => cdn.listen(0, '127.0.0.1', r))
    const cdnPort = (cdn.address() as AddressInfo).port
    let redirects = 0
    const front = await startHostileFront(src.url, (req, res) => {
      if (req.method !== 'GET' || !/\/blobs\/sha256:/.test(req.url ?? '')) return false
      redirects++
      const q = `X-Amz-Signature=${secrets.sig}&token=${secrets.token}&X-Amz-Credential=${secrets.cred}`
      // Half the redirects also carry userinfo in the Location.
      const auth = redirects % 2 ? `leak:${secrets.user}@` : ''
      res
        .writeHead(307, { location: `http://${auth}127.0.0.1:${cdnPort}/b?${q}`, 'content-length': '0' })
        .end()
      return true
    })
    try {
      const yaml = `version: 1\nimages:\n  ${front.host}/app/one:v1: ${basicReg.host}/sec/cdn\n`
      const creds = `"${basicReg.host}": { username: "${basicReg.username}", password: "${basicReg.password}" }\n`
      const out = await syncOutput(yaml, creds)
      expect(out.code).toBe(1)
      expect(redirects).toBeGreaterThan(0)
      for (const s of Object.values(secrets)) expect(out.all).not.toContain(s)
      expect(out.all).not.toContain(basicReg.password!)
    } finally {
      await front.stop()
      await new Promise<void>(r => cdn.close(() => r()))
    }
  })

  test('credentials pasted into references and registry keys of a config are not echoed', async () => {
    const pw = [secret('pw'), secret('pw'), secret('pw')]
    const yaml = [
      'version: 1',
      'registries:',
      `  "https://admin:${pw[0]}@${src.host}": {}`,
      'images:',
      `  "https://admin:${pw[1]}@${src.host}/app/one:v1": ${basicReg.host}/sec/pasted`,
      `  ${src.host}/app/one:v1: "admin:${pw[2]}@${basicReg.host}/sec/pasted2"`,
      ''
    ].join('\n')
    const out = await syncOutput(yaml, '')
    expect(out.code).toBe(2)
    expect(out.all).toMatch(/mirror-\d+\.yaml:3:\d+: /)
    expect(out.all).toMatch(/mirror-\d+\.yaml:5:\d+: /)
    expect(out.all).toMatch(/mirror-\d+\.yaml:6:\d+: /)
    for (const p of pw) expect(out.all).not.toContain(p)
  })
})
