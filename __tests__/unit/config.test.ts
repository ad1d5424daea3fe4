/** parseConfig / loadConfig: every value form, defaults merging, registries, and positioned errors. */
import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, ConfigErrors } from '../../src/config/index.js'
import { targetFor } from '../../src/config/index.js'
import { loadConfig, parseConfig } from '../../src/config/index.js'
import type { MirrorEntry } from '../../src/config/index.js'

const HEAD = 'version: 1\ndefaults:\n  target: reg.example.com/ns\nimages:\n'

function only(images: string, head = HEAD): MirrorEntry {
  const c = parseConfig(head + images, 'm.yaml')
  expect(c.images).toHaveLength(1)
  return c.images[0]
}

function errors(text: string, file = 'm.yaml'): string[] {
  try {
    parseConfig(text, file)
  } catch (err) {
    if (!(err instanceof ConfigErrors)) throw err
    return err.errors.map(e => e.message)
  }
  throw new Error('expected ConfigErrors')
}

describe('value forms', () => {
  test.each([
    // [images line(s), expected target, targetFor(entry) for the source tag]
    [
      '  nginx:1.27: other.example.com/x/web:stable\n',
      'other.example.com/x/web:stable',
      'other.example.com/x/web:stable'
    ],
    ['  nginx:1.27: other.example.com/x/web\n', 'other.example.com/x/web', 'other.example.com/x/web:1.27'],
    ['  nginx:1.27: ~\n', 'reg.example.com/ns/nginx', 'reg.example.com/ns/nginx:1.27'],
    ['  nginx:1.27:\n', 'reg.example.com/ns/nginx', 'reg.example.com/ns/nginx:1.27'],
    ['  nginx:1.27: "~"\n', 'reg.example.com/ns/nginx', 'reg.example.com/ns/nginx:1.27'],
    [
      '  quay.io/prometheus/node-exporter:v1.8.2: ~\n',
      'reg.example.com/ns/node-exporter',
      'reg.example.com/ns/node-exporter:v1.8.2'
    ],
    ['  nginx:1.27: { verify: true }\n', 'reg.example.com/ns/nginx', 'reg.example.com/ns/nginx:1.27'],
    ['  nginx:1.27: { target: ~ }\n', 'reg.example.com/ns/nginx', 'reg.example.com/ns/nginx:1.27'],
    ['  nginx:1.27: { target: a.example.com/b/c }\n', 'a.example.com/b/c', 'a.example.com/b/c:1.27'],
    [
      '  docker://nginx:1.27: docker://a.example.com/b/c\n',
      'docker://a.example.com/b/c',
      'docker://a.example.com/b/c:1.27'
    ],
    ['  nginx:1.27: oci:./out\n', 'oci:./out', 'oci:./out:1.27'],
    ['  nginx:1.27: oci:./out:web\n', 'oci:./out:web', 'oci:./out:web'],
    ['  nginx:1.27: dir:./out\n', 'dir:./out', 'dir:./out'],
    [
      '  nginx:1.27: docker-archive:./n.tar\n',
      'docker-archive:./n.tar',
      'docker-archive:./n.tar:docker.io/library/nginx:1.27'
    ],
    [
      '  nginx:1.27: docker-archive:./n.tar:web:v1\n',
      'docker-archive:./n.tar:web:v1',
      'docker-archive:./n.tar:web:v1'
    ],
    ['  nginx:1.10: ~\n', 'reg.example.com/ns/nginx', 'reg.example.com/ns/nginx:1.10'],
    [
      `  nginx@sha256:${'a'.repeat(64)}: ~\n`,
      'reg.example.com/ns/nginx',
      `reg.example.com/ns/nginx@sha256:${'a'.repeat(64)}`
    ]
  ])('%j', (images, target, full) => {
    const e = only(images)
    expect(e.target).toBe(target)
    expect(targetFor(e)).toBe(full)
    expect(e.filter).toBeUndefined()
  })

  test('oci: defaults.target gives one layout per repository', () => {
    const e = only(
      '  quay.io/prometheus/node-exporter:v1.8.2: ~\n',
      'version: 1\ndefaults: { target: oci:./m }\nimages:\n'
    )
    expect(targetFor(e)).toBe('oci:./m/node-exporter:v1.8.2')
  })

  test('a source key is kept as written, and parsed', () => {
    const e = only('  nginx:1.27: ~\n')
    expect(e.source).toBe('nginx:1.27')
    expect(e.sourceRef).toEqual({
      registry: 'registry-1.docker.io',
      repository: 'library/nginx',
      tag: '1.27'
    })
    expect(e.position).toEqual({ line: 5, col: 3 })
  })

  test('list form maps every entry to defaults.target, keeping positions', () => {
    const c = parseConfig(
      'version: 1\ndefaults: { target: r.example.com/m }\nimages: [nginx:1.27, redis:7.4]\n',
      'l.yaml'
    )
    expect(c.images.map(e => [targetFor(e), e.position.line, e.position.col])).toEqual([
      ['r.example.com/m/nginx:1.27', 3, 10],
      ['r.example.com/m/redis:7.4', 3, 22]
    ])
  })

  test('a filter entry has no tag and keeps the filter as written', () => {
    const e = only(
      "  redis:\n    tags: [7.4, '7.2.*', '/^8\\.[0-9]+$/']\n" +
        '    exclude: [7.2.0]\n    semver: 7\n    latest: 2\n'
    )
    expect(e.sourceRef.tag).toBeUndefined()
    expect(e.filter).toEqual({
      tags: ['7.4', '7.2.*', '/^8\\.[0-9]+$/'],
      exclude: ['7.2.0'],
      semver: '7',
      latest: 2
    })
    expect(targetFor(e, '7.4.1')).toBe('reg.example.com/ns/redis:7.4.1')
  })

  test('targetFor treats an empty tag as none (digest-only sources)', () => {
    const e = only(`  nginx@sha256:${'b'.repeat(64)}: r.example.com/x/n\n`)
    expect(targetFor(e, '')).toBe(`r.example.com/x/n@sha256:${'b'.repeat(64)}`)
  })

  test('a missing version means version 1', () => {
    expect(parseConfig('images:\n  nginx:1.27: r.example.com/x/n\n', 'v.yaml').version).toBe(1)
  })
})

describe('defaults are merged into every entry', () => {
  const text =
    'version: 1\ndefaults:\n  target: r.example.com/m\n  platforms: [linux/amd64]\n  verify: true\n  referrers: false\n' +
    '  attestations: false\n  foreign-layers: true\n  convert: docker\n  max-age: 2w\nimages:\n' +
    '  a:1: ~\n  b:1: { platforms: all, verify: false, referrers: true, attestations: true, foreign-layers: false, convert: none, max-age: 36h }\n'
  const [a, b] = parseConfig(text, 'd.yaml').images

  test('an entry without options takes every default', () => {
    expect(a).toMatchObject({
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      verify: true,
      referrers: false,
      keepAttestations: false,
      includeForeignLayers: true,
      convertToDocker: true,
      maxAgeDays: 14
    })
  })

  test('an entry overrides each default it sets', () => {
    expect(b).toMatchObject({
      platforms: 'all',
      verify: false,
      referrers: true,
      keepAttestations: true,
      includeForeignLayers: false,
      convertToDocker: false,
      maxAgeDays: 1.5
    })
  })

  test('without defaults, the built-in defaults apply', () => {
    const e = only('  nginx:1.27: r.example.com/x/n\n', 'version: 1\nimages:\n')
    expect(e).toMatchObject({
      platforms: 'all',
      verify: false,
      referrers: true,
      keepAttestations: true,
      includeForeignLayers: false,
      convertToDocker: false
    })
    expect(e.maxAgeDays).toBeUndefined()
  })
})

describe('registries', () => {
  test('files resolve against the config folder; hosts are normalised', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
    try {
      mkdirSync(join(dir, 'certs'))
      for (const f of ['ca.pem', 'client.pem', 'client.key']) writeFileSync(join(dir, 'certs', f), 'x')
      const file = join(dir, 'mirror.yaml')
      writeFileSync(
        file,
        'version: 1\nregistries:\n  Registry.Example.com:\n    ca-file: certs/ca.pem\n    cert-file: certs/client.pem\n' +
          '    key-file: certs/client.key\n    max-chunk-size: 512KiB\n  index.docker.io: { insecure: false }\n' +
          '  10.0.0.5:5000: { insecure: true, max-chunk-size: 4MB }\nimages:\n  nginx:1.27: registry.example.com/m/nginx\n'
      )
      const c = await loadConfig(file)
      expect(c.registries).toEqual({
        'registry.example.com': {
          caFile: join(dir, 'certs', 'ca.pem'),
          certFile: join(dir, 'certs', 'client.pem'),
          keyFile: join(dir, 'certs', 'client.key'),
          maxChunkSize: 512 * 1024
        },
        'registry-1.docker.io': { insecure: false },
        '10.0.0.5:5000': { insecure: true, maxChunkSize: 4_000_000 }
      })
      expect(c.file).toBe(file)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('registries: token-realms', () => {
  const doc = (v: string) =>
    `version: 1\nregistries:\n  registry.cn-hangzhou.aliyuncs.com:\n    token-realms: ${v}\nimages:\n  nginx:1.27: r.example.com/m/nginx\n`
  test.each([
    ['[]', []],
    ['[DockerAuth.cn-hangzhou.aliyuncs.com]', ['dockerauth.cn-hangzhou.aliyuncs.com']],
    ['["auth.example.com:8443", "[::1]"]', ['auth.example.com:8443', '[::1]']],
    ['auth.example.com', ['auth.example.com']]
  ])('%s', (v, want) => {
    expect(parseConfig(doc(v), 'm.yaml').registries).toEqual({
      'registry.cn-hangzhou.aliyuncs.com': { tokenRealms: want }
    })
  })

  test.each([
    [
      '[https://dockerauth.example.com/auth]',
      'm.yaml:4:20: registries."registry.cn-hangzhou.aliyuncs.com".token-realms: "https://dockerauth.example.com/auth" is not a host like auth.example.com or auth.example.com:8443 (no scheme or path)'
    ],
    [
      '["https://user:s3cret@auth.example.com"]',
      'm.yaml:4:20: registries."registry.cn-hangzhou.aliyuncs.com".token-realms: "https://REDACTED@auth.example.com" is not a host'
    ],
    [
      '{ auth.example.com: true }',
      'm.yaml:4:19: registries."registry.cn-hangzhou.aliyuncs.com".token-realms: expected a list of strings, got a map'
    ]
  ])('%s is refused', (v, want) => {
    const all = errors(doc(v))
    expect(all.some(e => e.startsWith(want))).toBe(true)
    expect(all.join('\n')).not.toContain('s3cret')
  })
})

describe('positioned errors', () => {
  test.each([
    [
      'images:\n  nginx:1.27: ~\n',
      'm.yaml:2:15: images."nginx:1.27": no target; give one, or set defaults.target'
    ],
    [
      'version: 1\nimages:\n  nginx:1.27:\n    platfroms: all\n    target: r.example.com/a/b\n',
      'm.yaml:4:5: unknown key "platfroms" in images."nginx:1.27" (did you mean "platforms"?)'
    ],
    [
      'version: 1\nimages: { nginx:1.27: r.example.com/a/b, Redis: r.example.com/a/c }\n',
      'm.yaml:2:42: source: invalid reference "Redis": repository name must be lowercase'
    ],
    [
      'version: 1\nimages:\n  nginx:\n    target: r.example.com/a/b\n    semver: ">=1 <<2"\n',
      'm.yaml:5:13: images."nginx".semver: invalid semver range ">=1 <<2"'
    ],
    [
      'version: 1\nimages:\n  nginx:\n    target: r.example.com/a/b\n    tags: ["1.*", "/(/"]\n',
      'm.yaml:5:19: images."nginx".tags: invalid regex /(/: Unterminated group'
    ],
    [
      'version: 1.0\nimages: {}\n',
      'm.yaml:1:10: unsupported version 1.0: this mirror-action reads version 1'
    ],
    [
      'version: 1\nimages:\n  a:1: r.example.com/x/y:1\n  b:1: r.example.com/x/y\n',
      'm.yaml:4:3: images."b:1": target "r.example.com/x/y:1" is also the target of "a:1" (line 3, column 3)'
    ],
    [
      '\uFEFFversion: 1\nimagez: {}\n',
      'm.yaml:2:1: unknown key "imagez" in the config (did you mean "images"?)'
    ],
    ['\uFEFFfoo: 1\n', 'm.yaml:1:1: unknown key "foo" in the config'],
    [
      'version: 1\r\nimages:\r\n  a:1: r.example.com/x/a\r\n  b:1:\r\n    verfy: true\r\n',
      'm.yaml:5:5: unknown key "verfy"'
    ]
  ])('%j', (text, expected) => {
    const all = errors(text)
    expect(all.some(e => e.startsWith(expected))).toBe(true)
  })

  test('every error of one load is reported, sorted by position', () => {
    const all = errors(
      'version: 9\nimages:\n  B: ~\n  c:1: { verify: maybe, target: r.example.com/x/c }\nextra: 1\n'
    )
    expect(all.map(e => e.split(': ')[0])).toEqual([
      'm.yaml:1:10',
      'm.yaml:3:3',
      'm.yaml:3:6',
      'm.yaml:4:18',
      'm.yaml:5:1'
    ])
  })

  test('ConfigError carries file, line and column apart from the message', () => {
    try {
      parseConfig('version: 1\nimages:\n  nginx: x\n', 'dir/m.yaml')
      throw new Error('no error')
    } catch (err) {
      const e = (err as ConfigErrors).errors[0]
      expect(e).toBeInstanceOf(ConfigError)
      expect([e.file, e.line, e.col]).toEqual(['dir/m.yaml', 3, 3])
      expect(e.message).toBe(`dir/m.yaml:3:3: ${e.text}`)
      expect((err as Error).message).toContain(e.message)
    }
  })

  test('a config over 1 MiB is refused before parsing', () => {
    const big =
      'version: 1\nimages:\n' +
      '  # padding padding padding padding padding padding padding padding\n'.repeat(17000)
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024)
    expect(errors(big)).toEqual([
      'm.yaml:1:1: config is 1.1 MiB, over the 1 MiB limit; split it into several configs'
    ])
  })

  test('a config just under the cap with many entries loads', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `  app${i}:1.0: ~`).join('\n')
    const c = parseConfig(
      `version: 1\ndefaults: { target: r.example.com/m }\nimages:\n${lines}\n`,
      'big.yaml'
    )
    expect(c.images).toHaveLength(5000)
    expect(c.images[4999].position).toEqual({ line: 5003, col: 3 })
  })
})

describe('loadConfig', () => {
  test('a missing file names the path', async () => {
    const path = join(tmpdir(), 'no-such-dir-cfg', 'mirror.yaml')
    await expect(loadConfig(path)).rejects.toThrow(`${path}:1:1: cannot read the config file: no such file`)
  })

  test('an oversized file is refused without reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
    try {
      const file = join(dir, 'huge.yaml')
      writeFileSync(file, Buffer.alloc(2 * 1024 * 1024, 0x20))
      await expect(loadConfig(file)).rejects.toThrow(
        /huge\.yaml:1:1: config is 2\.0 MiB, over the 1 MiB limit/
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a directory is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
    try {
      await expect(loadConfig(dir)).rejects.toBeInstanceOf(ConfigErrors)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('overwrite policy', () => {
  test.each([
    ['built-in default', '', '', 'if-ours'],
    ['from defaults', '  overwrite: never\n', '', 'never'],
    ['entry over defaults', '  overwrite: never\n', ', overwrite: always', 'always']
  ])('%s', (_n, defaults, entry, want) => {
    const text = `version: 1\ndefaults:\n  target: r.example.com/m\n${defaults}images:\n  a:1: { target: r.example.com/m/a${entry} }\n`
    expect(parseConfig(text, 'o.yaml').images[0].overwrite).toBe(want)
  })

  test.each(['sometimes', 'true', '[always]'])('refuses %s', v => {
    expect(errors(`version: 1\nimages:\n  a:1: { target: r.example.com/m/a, overwrite: ${v} }\n`)).toEqual([
      expect.stringMatching(/overwrite: expected "always", "if-ours" or "never", got/)
    ])
  })
})

describe('min-age', () => {
  test.each([
    ['none', '', '', undefined],
    ['from defaults', '  min-age: 3d\n', '', 3],
    ['entry over defaults', '  min-age: 3d\n', ', min-age: 12h', 0.5],
    ['a bare number is days', '', ', min-age: 2', 2]
  ])('%s', (_n, defaults, entry, want) => {
    const text = `version: 1\ndefaults:\n  target: r.example.com/m\n${defaults}images:\n  a:1: { target: r.example.com/m/a${entry} }\n`
    expect(parseConfig(text, 'o.yaml').images[0].minAgeDays).toBe(want)
  })

  test.each(['soon', '-1', '0'])('refuses %s', v => {
    expect(errors(`version: 1\nimages:\n  a:1: { target: r.example.com/m/a, min-age: ${v} }\n`)).toEqual([
      expect.stringMatching(/min-age: expected a positive age like 7 \(days\), 12h, 7d or 2w, got/)
    ])
  })
})

describe('retention: prune, keep, prune-limit', () => {
  const text = (defaults: string, entry: string): string =>
    `version: 1\ndefaults:\n  target: r.example.com/m\n${defaults}images:\n  a:1: { target: r.example.com/m/a${entry} }\n`
  test.each([
    ['built-in defaults', '', '', { prune: false, keep: [], pruneLimit: 10 }, undefined],
    [
      'from defaults (which also govern removed entries)',
      '  prune: true\n  keep: ["lts-*"]\n  prune-limit: 3\n',
      '',
      { prune: true, keep: ['lts-*'], pruneLimit: 3 },
      { prune: true, keep: ['lts-*'], pruneLimit: 3 }
    ],
    [
      'an entry adds keep patterns to the defaults and overrides the rest',
      '  prune: true\n  keep: ["lts-*"]\n',
      ', prune: false, keep: ["1.*", "/^stable$/"], prune-limit: 50',
      { prune: false, keep: ['lts-*', '1.*', '/^stable$/'], pruneLimit: 50 },
      { prune: true, keep: ['lts-*'], pruneLimit: 10 }
    ],
    ['prune on one entry only', '', ', prune: true', { prune: true, keep: [], pruneLimit: 10 }, undefined]
  ])('%s', (_n, defaults, entry, want, retention) => {
    const c = parseConfig(text(defaults, entry), 'r.yaml')
    const { prune, keep, pruneLimit } = c.images[0]!
    expect({ prune, keep, pruneLimit }).toEqual(want)
    expect(c.retention).toEqual(retention)
  })

  test.each([
    ['prune: yes-please', /"a:1"\.prune: expected true or false, got/],
    ['keep: ["/(/"]', /keep: .*regex/i],
    ['keep: ["a b"]', /keep: /],
    ['prune-limit: 0', /prune-limit: expected a whole number of at least 1, got/],
    ['prune-limit: "5"', /prune-limit: expected a whole number of at least 1, got/]
  ])('refuses %s', (option, want) => {
    expect(errors(`version: 1\nimages:\n  a:1: { target: r.example.com/m/a, ${option} }\n`)).toEqual([
      expect.stringMatching(want)
    ])
  })
})
