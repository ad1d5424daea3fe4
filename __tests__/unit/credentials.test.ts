import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { CredentialsFileError, CredentialStore, parseCredentialsYaml } from '../../src/auth/index.js'

describe('parseCredentialsYaml', () => {
  test.each<[string, Record<string, { username: string; password: string }>]>([
    ['', {}],
    ['# nothing\n', {}],
    [
      'ghcr.io:\n  username: me\n  password: "s3cr3t"\n',
      { 'ghcr.io': { username: 'me', password: 's3cr3t' } }
    ],
    [
      'docker.io: {username: u, password: p}\nharbor.example.com:8443: {username: robot$x, password: "123"}\n',
      {
        'registry-1.docker.io': { username: 'u', password: 'p' },
        'harbor.example.com:8443': { username: 'robot$x', password: '123' }
      }
    ],
    [
      'https://index.docker.io/v1/:\n  username: u\n  password: p\n',
      { 'registry-1.docker.io': { username: 'u', password: 'p' } }
    ],
    ['\uFEFFquay.io: {username: a, password: b}\n', { 'quay.io': { username: 'a', password: 'b' } }]
  ])('valid %#', (text, want) => {
    expect(parseCredentialsYaml(text, 'creds.yaml')).toEqual(want)
  })

  test.each<[string, string]>([
    ['ghcr.io: [a, b]\n', 'creds.yaml:1:10: ghcr.io: expected a mapping with username and password'],
    ['ghcr.io:\n  username: me\n', 'creds.yaml:1:1: ghcr.io: missing password'],
    ['ghcr.io:\n  password: x\n', 'creds.yaml:1:1: ghcr.io: missing username'],
    ['ghcr.io:\n  username: me\n  password: 1234\n', 'creds.yaml:3:13: ghcr.io: password must be a string'],
    ['ghcr.io:\n  username: me\n  pasword: x\n', 'creds.yaml:3:3: ghcr.io: unknown key "pasword"'],
    ['- a\n- b\n', 'creds.yaml:1:1: expected a mapping'],
    ['ghcr.io: {username: a, password: b}\nghcr.io: {username: c, password: d}\n', 'creds.yaml:2:1: '],
    [
      'docker.io: {username: a, password: b}\nindex.docker.io: {username: c, password: d}\n',
      'creds.yaml:2:1: index.docker.io: duplicate'
    ],
    ['ghcr.io:\n  username: "unterminated\n', 'creds.yaml:3:1: Missing closing'],
    ['ghcr.io:\n\tusername: a\n', 'creds.yaml:2:']
  ])('invalid %#', (text, want) => {
    let err: unknown
    try {
      parseCredentialsYaml(text, 'creds.yaml')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(CredentialsFileError)
    expect((err as Error).message.startsWith(want)).toBe(true)
  })
})

describe('CredentialStore', () => {
  let dir: string
  const oldPath = process.env.PATH
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'creds-'))
    // A real credential helper executable speaking Docker's protocol (server URL on stdin).
    const helper = join(dir, 'docker-credential-fake')
    writeFileSync(
      helper,
      '#!/bin/sh\nread url\nif [ "$1" != get ]; then exit 2; fi\n' +
        'case "$url" in\n' +
        '  helped.example.com) echo \'{"ServerURL":"helped.example.com","Username":"hu","Secret":"hs"}\' ;;\n' +
        '  https://index.docker.io/v1/) echo \'{"ServerURL":"x","Username":"hubuser","Secret":"hubsecret"}\' ;;\n' +
        '  tokened.example.com) echo \'{"Username":"<token>","Secret":"refresh-me"}\' ;;\n' +
        '  *) echo "credentials not found in native keychain"; exit 1 ;;\n' +
        'esac\n'
    )
    chmodSync(helper, 0o755)
    process.env.PATH = `${dir}${delimiter}${oldPath}`
  })
  afterAll(() => {
    process.env.PATH = oldPath
    rmSync(dir, { recursive: true, force: true })
  })

  function configDir(name: string, config: unknown): string {
    const d = join(dir, name)
    rmSync(d, { recursive: true, force: true })
    mkdirSync(d)
    writeFileSync(join(d, 'config.json'), JSON.stringify(config))
    return d
  }

  test('first match wins: explicit, config auths, credHelpers, credsStore, github token', async () => {
    const masked: string[] = []
    const cfg = configDir('a', {
      auths: {
        'https://index.docker.io/v1/': { auth: Buffer.from('hub:hubpass').toString('base64') },
        'registry.example.com': { username: 'ru', password: 'rp' },
        'http://idtoken.example.com/v2/': { identitytoken: 'idtok' },
        'explicit.example.com': { auth: Buffer.from('cfg:cfgpass').toString('base64') },
        'stored.example.com': {}
      },
      credHelpers: { 'helped.example.com': 'fake' },
      credsStore: 'fake'
    })
    const store = await CredentialStore.load({
      explicit: { 'explicit.example.com': { username: 'ex', password: 'expass' } },
      dockerConfigDir: cfg,
      githubToken: 'ghtok',
      mask: s => masked.push(s)
    })
    expect(await store.get('explicit.example.com')).toMatchObject({
      username: 'ex',
      password: 'expass',
      source: 'the credentials input'
    })
    for (const alias of [
      'docker.io',
      'index.docker.io',
      'registry-1.docker.io',
      'https://index.docker.io/v1/'
    ]) {
      expect(await store.get(alias)).toMatchObject({ username: 'hub', password: 'hubpass' })
    }
    expect(await store.get('registry.example.com')).toMatchObject({
      username: 'ru',
      password: 'rp',
      source: `Docker config ${join(cfg, 'config.json')}`
    })
    expect(await store.get('idtoken.example.com')).toMatchObject({ username: '<token>', password: 'idtok' })
    expect(await store.get('helped.example.com')).toMatchObject({
      username: 'hu',
      password: 'hs',
      source: 'credential helper docker-credential-fake'
    })
    // Not in auths with credentials: the credsStore helper is asked; it has nothing.
    expect(await store.get('stored.example.com')).toBeUndefined()
    expect(await store.get('tokened.example.com')).toMatchObject({
      username: '<token>',
      password: 'refresh-me'
    })
    // ghcr.io: the helper has nothing, then the GitHub token.
    expect(await store.get('ghcr.io')).toMatchObject({
      username: 'x-access-token',
      password: 'ghtok',
      source: 'GITHUB_TOKEN'
    })
    for (const secret of ['expass', 'hubpass', 'rp', 'idtok', 'cfgpass', 'ghtok', 'hs', 'refresh-me']) {
      expect(masked).toContain(secret)
    }
  })

  test('credsStore for Docker Hub uses the https://index.docker.io/v1/ server URL', async () => {
    const store = await CredentialStore.load({ dockerConfigDir: configDir('b', { credsStore: 'fake' }) })
    expect(await store.get('docker.io')).toMatchObject({ username: 'hubuser', password: 'hubsecret' })
  })

  test('missing helper warns and goes anonymous', async () => {
    const warnings: string[] = []
    const store = await CredentialStore.load({
      dockerConfigDir: configDir('c', { credHelpers: { 'x.example.com': 'does-not-exist' } }),
      warn: w => warnings.push(w)
    })
    expect(await store.get('x.example.com')).toBeUndefined()
    expect(warnings.join('\n')).toMatch(/docker-credential-does-not-exist not found/)
  })

  test('no config file is fine; a broken one names the file', async () => {
    const store = await CredentialStore.load({ dockerConfigDir: join(dir, 'nope') })
    expect(await store.get('docker.io')).toBeUndefined()
    const d = join(dir, 'broken')
    mkdirSync(d, { recursive: true })
    writeFileSync(join(d, 'config.json'), '{"auths": ')
    await expect(CredentialStore.load({ dockerConfigDir: d })).rejects.toThrow(
      /invalid JSON in Docker config .*config\.json/
    )
  })

  test('a malformed auth value is a clear error', async () => {
    const d = configDir('d', {
      auths: { 'r.example.com': { auth: Buffer.from('nocolon').toString('base64') } }
    })
    await expect(CredentialStore.load({ dockerConfigDir: d })).rejects.toThrow(
      /invalid "auth" for "r.example.com"/
    )
  })
})
