/** importConfig: skopeo sync YAML, image-syncer images.yaml and plain lists → our YAML → parseConfig. */
import { describe, expect, test } from '@jest/globals'
import { parse } from 'yaml'
import { ConfigErrors } from '../../src/config/index.js'
import { targetFor } from '../../src/config/index.js'
import { importConfig, type ImportFormat } from '../../src/config/index.js'
import { goRegexToTagPattern, goSemverToRange, yamlString } from '../../src/config/index.js'
import { parseConfig } from '../../src/config/index.js'
import type { MirrorConfig } from '../../src/config/index.js'

const PREFIX = 'registry.example.com/ns'

function roundTrip(text: string, format: ImportFormat, target: string | undefined = PREFIX): MirrorConfig {
  const yaml = importConfig(text, format, 'in.txt', target)
  return parseConfig(yaml, 'out.yaml')
}

/** [source, concrete target or filter] per entry, for compact expectations. */
function summary(c: MirrorConfig): [string, string | object][] {
  return c.images.map(e => [e.source, e.filter ? { target: e.target, ...e.filter } : targetFor(e)])
}

function importErrors(text: string, format: ImportFormat): string[] {
  try {
    importConfig(text, format, 'in.txt', PREFIX)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigErrors)
    return (err as ConfigErrors).errors.map(e => e.message)
  }
  throw new Error('expected ConfigErrors')
}

const SKOPEO = `docker.io:
  images:
    busybox: []
    redis:
      - "1.0"
      - 2.10
      - "sha256:0000000000000000000000000000000011111111111111111111111111111111"
    alpine:
      - 3.20
  images-by-tag-regex:
    nginx: ^1\\.13\\.[12]-alpine-perl$
    redis: "^7\\\\."
    caddy: (?i)BUILDER
  images-by-semver:
    postgres: ">= 16.0.0, < 17"
  credentials:
    username: john
    password: this is a secret
  tls-verify: true
  cert-dir: /etc/skopeo/certs
quay.io:
  tls-verify: false
  images:
    coreos/etcd:
      - latest
`

describe('skopeo sync YAML', () => {
  test('round-trips into an equivalent config', () => {
    const c = roundTrip(SKOPEO, 'skopeo')
    expect(summary(c)).toEqual([
      [
        'docker.io/redis@sha256:0000000000000000000000000000000011111111111111111111111111111111',
        `${PREFIX}/redis@sha256:0000000000000000000000000000000011111111111111111111111111111111`
      ],
      ['docker.io/alpine:3.20', `${PREFIX}/alpine:3.20`],
      ['docker.io/busybox', { target: `${PREFIX}/busybox`, tags: ['*'] }],
      ['docker.io/redis', { target: `${PREFIX}/redis`, tags: ['1.0', '2.10', '/7\\..*/'] }],
      ['docker.io/nginx', { target: `${PREFIX}/nginx`, tags: ['/1\\.13\\.[12]-alpine-perl/'] }],
      ['docker.io/caddy', { target: `${PREFIX}/caddy`, tags: ['/.*BUILDER.*/i'] }],
      ['docker.io/postgres', { target: `${PREFIX}/postgres`, semver: '>=16.0.0 <17' }],
      ['quay.io/coreos/etcd:latest', `${PREFIX}/etcd:latest`]
    ])
    expect(c.registries).toEqual({ 'quay.io': { insecure: true } })
  })

  test('credentials are left out and said so, without any secret', () => {
    const yaml = importConfig(SKOPEO, 'skopeo', 'sync.yml', PREFIX)
    expect(yaml).not.toContain('john')
    expect(yaml).not.toContain('secret')
    expect(yaml).toContain('credentials for docker.io were not imported')
    expect(yaml).toContain('cert-dir')
  })

  test.each([
    [
      'docker.io:\n  imagez: {}\n',
      'in.txt:2:3: unknown key "imagez" in "docker.io" (did you mean "images"?)'
    ],
    [
      'docker.io:\n  images:\n    Busybox: []\n',
      'in.txt:3:5: invalid reference "docker.io/Busybox": repository name must be lowercase'
    ],
    ['docker.io:\n  images-by-tag-regex:\n    nginx: "(["\n', 'in.txt:3:12: docker.io/nginx: invalid regex'],
    [
      'docker.io:\n  images-by-semver:\n    nginx: "not a range"\n',
      'in.txt:3:12: docker.io/nginx: cannot convert the semver constraint "not a range"'
    ],
    ['docker.io:\n  images: [busybox\n', 'in.txt:3:1: YAML:'],
    ['- docker.io\n', 'in.txt:1:1: expected registry → settings (a map), got a list']
  ])('error %#', (text, expected) => {
    const errs = importErrors(text, 'skopeo')
    expect(errs.some(e => e.startsWith(expected))).toBe(true)
  })
})

const SYNCER = `quay.io/coreos/kube-rbac-proxy: quay.io/ruohe/kube-rbac-proxy
quay.io/coreos/kube-rbac-proxy:v1.0,v2.0: quay.io/ruohe/proxy2
quay.io/coreos/kube-rbac-proxy@sha256:14b267eb38aa85fd12d0e168fffa2d8a6187ac53a14a0212b0d4fce8d729598c: quay.io/ruohe/proxy3
quay.io/coreos/kube-rbac-proxy:v1.1:
  - quay.io/ruohe/proxy4
  - quay.io/ruohe/proxy5:stable
quay.io/coreos/kube-rbac-proxy:/^v0\\.[0-9]+/: quay.io/ruohe/proxy6
docker.io/library/nginx:1.10: ""
`

describe("image-syncer's images.yaml", () => {
  test('round-trips; a source repeated for several targets uses the list form', () => {
    const c = roundTrip(SYNCER, 'image-syncer')
    expect(summary(c)).toEqual([
      ['quay.io/coreos/kube-rbac-proxy', { target: 'quay.io/ruohe/kube-rbac-proxy', tags: ['*'] }],
      ['quay.io/coreos/kube-rbac-proxy:v1.0', 'quay.io/ruohe/proxy2:v1.0'],
      ['quay.io/coreos/kube-rbac-proxy:v2.0', 'quay.io/ruohe/proxy2:v2.0'],
      [
        'quay.io/coreos/kube-rbac-proxy@sha256:14b267eb38aa85fd12d0e168fffa2d8a6187ac53a14a0212b0d4fce8d729598c',
        'quay.io/ruohe/proxy3@sha256:14b267eb38aa85fd12d0e168fffa2d8a6187ac53a14a0212b0d4fce8d729598c'
      ],
      ['quay.io/coreos/kube-rbac-proxy:v1.1', 'quay.io/ruohe/proxy4:v1.1'],
      ['quay.io/coreos/kube-rbac-proxy:v1.1', 'quay.io/ruohe/proxy5:stable'],
      ['quay.io/coreos/kube-rbac-proxy', { target: 'quay.io/ruohe/proxy6', tags: ['/v0\\.[0-9]+.*/'] }],
      ['docker.io/library/nginx:1.10', `${PREFIX}/nginx:1.10`]
    ])
  })

  test('the older config.json with auth + images is read, auth left out', () => {
    const text = JSON.stringify({
      auth: { 'quay.io': { username: 'u', password: 'p4ss' } },
      images: { 'quay.io/a/b:1': 'r.example.com/x/b' }
    })
    const yaml = importConfig(text, 'image-syncer', 'config.json')
    expect(yaml).not.toContain('p4ss')
    expect(yaml).toContain('the auth section was not imported')
    expect(summary(parseConfig(yaml, 'o.yaml'))).toEqual([['quay.io/a/b:1', 'r.example.com/x/b:1']])
  })

  test('tag renaming: as many target tags as source tags, mapped left to right; the result loads', () => {
    const c = roundTrip(
      `quay.io/a/app:v1.0,v2.0: r.example.com/x/app:one,two\nquay.io/a/app@sha256:${'b'.repeat(64)}: r.example.com/x/pinned:v1\n`,
      'image-syncer'
    )
    expect(summary(c)).toEqual([
      ['quay.io/a/app:v1.0', 'r.example.com/x/app:one'],
      ['quay.io/a/app:v2.0', 'r.example.com/x/app:two'],
      [`quay.io/a/app@sha256:${'b'.repeat(64)}`, 'r.example.com/x/pinned:v1']
    ])
  })

  test.each([
    [
      'quay.io/a/app:v1.0,v2.0: r.example.com/x/app:one\n',
      'in.txt:1:26: r.example.com/x/app:one: 2 source tag(s) but 1 target tag(s)'
    ],
    [
      'quay.io/a/app: r.example.com/x/app:one\n',
      'in.txt:1:16: r.example.com/x/app:one: the source selects tags by listing all of them'
    ],
    [
      'quay.io/a/app:/^v1/: r.example.com/x/app:one\n',
      'in.txt:1:22: r.example.com/x/app:one: the source selects tags by regex'
    ],
    [
      `quay.io/a/app@sha256:${'b'.repeat(64)}: r.example.com/x/app@sha256:${'c'.repeat(64)}\n`,
      'a target may name only the source'
    ],
    [
      'quay.io/a/app:v1: R.example.com/X/app:one\n',
      'in.txt:1:19: target R.example.com/X/app: invalid reference'
    ]
  ])('refused with a reason: %j', (text, expected) => {
    const errs = importErrors(text, 'image-syncer')
    expect(errs.some(e => e.includes(expected))).toBe(true)
  })

  test('insecure: true of an auth section carries over to registries:, secrets do not', () => {
    const text = JSON.stringify({
      auth: {
        'quay.io': { username: 'u', password: 'p4ss', insecure: true },
        '10.0.0.5:5000/team': { insecure: true },
        'docker.io': { username: 'd', password: 'p5ss' }
      },
      images: { 'quay.io/a/b:1': 'r.example.com/x/b', '10.0.0.5:5000/team/c:2': 'r.example.com/x/c' }
    })
    const yaml = importConfig(text, 'image-syncer', 'config.json')
    expect(yaml).not.toMatch(/p4ss|p5ss/)
    expect(yaml).toContain('insecure: true of 10.0.0.5:5000/team applies to all of 10.0.0.5:5000')
    expect(parseConfig(yaml, 'o.yaml').registries).toEqual({
      'quay.io': { insecure: true },
      '10.0.0.5:5000': { insecure: true }
    })
  })

  test('an auth file alone is refused: it lists no images; its insecure registries are named', () => {
    expect(() =>
      importConfig('quay.io:\n  username: u\n  password: x\n  insecure: true\n', 'image-syncer', 'auth.yaml')
    ).toThrow(
      'auth.yaml:1:1: this is an image-syncer auth file, which lists no images: import the images file (and set insecure: true under registries: for quay.io)'
    )
  })

  test('an invalid source names its line', () => {
    expect(importErrors('a/b:1: x.example.com/y\nNOPE:1: x.example.com/z\n', 'image-syncer')).toEqual([
      'in.txt:2:1: invalid reference "NOPE": repository name must be lowercase'
    ])
  })
})

const LIST = `# images to push
xhofe/alist:latest
--platform=linux/arm64 xiaoyaliu/alist
--platform=linux/amd64 xiaoyaliu/alist
nginx   # trailing comment
\tbitnami/nginx:1.27\r
k8s.gcr.io/kube-state-metrics/kube-state-metrics:v2.0.0 registry.example.com/ns/ksm:v2
quay.io/prometheus/node-exporter:v1.8.2
`

describe('plain list', () => {
  test('round-trips; targets as docker_image_pusher names them: platform and clashing namespace prefixes', () => {
    const c = roundTrip(LIST, 'list')
    expect(summary(c)).toEqual([
      ['xhofe/alist:latest', `${PREFIX}/xhofe_alist:latest`],
      ['xiaoyaliu/alist:latest', `${PREFIX}/linux_arm64_xiaoyaliu_alist:latest`],
      ['xiaoyaliu/alist:latest', `${PREFIX}/linux_amd64_xiaoyaliu_alist:latest`],
      // One part: no namespace, so no prefix even though the name clashes (as the pusher does).
      ['nginx:latest', `${PREFIX}/nginx:latest`],
      ['bitnami/nginx:1.27', `${PREFIX}/bitnami_nginx:1.27`],
      ['k8s.gcr.io/kube-state-metrics/kube-state-metrics:v2.0.0', 'registry.example.com/ns/ksm:v2'],
      ['quay.io/prometheus/node-exporter:v1.8.2', `${PREFIX}/node-exporter:v1.8.2`]
    ])
    expect(c.images[1].platforms).toEqual([{ os: 'linux', architecture: 'arm64' }])
    expect(c.images[2].platforms).toEqual([{ os: 'linux', architecture: 'amd64' }])
    expect(c.images[0].platforms).toBe('all')
  })

  test.each([
    // [images.txt, the names docker_image_pusher pushes under the prefix]
    ['docker.io/library/redis:7\nbitnami/redis:7\n', ['library_redis:7', 'bitnami_redis:7']],
    ['docker.io/nginx:1\nnginx:2\n', ['docker.io_nginx:1', 'nginx:2']],
    ['ghcr.io/a/b/tool:1\nx/tool:1\n', ['tool:1', 'x_tool:1']],
    [`nginx@sha256:${'a'.repeat(64)}\n`, ['nginx:latest']],
    [`nginx:1.27@sha256:${'a'.repeat(64)}\n`, ['nginx:1.27']],
    ['--platform linux/arm/v7 alpine:3\n', ['linux_arm_v7_alpine:3']],
    ['registry.k8s.io/pause:3.9\n', ['pause:3.9']]
  ])('%j pushes %j', (text, names) => {
    const c = roundTrip(text, 'list')
    expect(c.images.map(e => targetFor(e))).toEqual(names.map(n => `${PREFIX}/${n}`))
  })

  test('a name the pusher prefixes needs --target: the error names the line and the name', () => {
    expect(() => importConfig('nginx:1\n--platform=linux/arm64 nginx:1\n', 'list', 'images.txt')).toThrow(
      'images.txt:2:1: docker_image_pusher pushes this image as linux_arm64_nginx:1 under the target namespace: give --target PREFIX to spell it'
    )
  })

  test('platforms are written in their canonical spelling; two spellings of one are one', () => {
    const text =
      '--platform=linux/x86_64 nginx:1\n--platform=linux/amd64 nginx:1\n--platform linux/armhf nginx:1\n'
    const yaml = importConfig(text, 'list', 'images.txt', PREFIX)
    expect(yaml).toContain('platforms: [linux/amd64]')
    expect(yaml).toContain('platforms: [linux/arm/v7]')
    expect(parseConfig(yaml, 'o.yaml').images.map(e => targetFor(e))).toEqual([
      `${PREFIX}/linux_x86_64_nginx:1`,
      `${PREFIX}/linux_armhf_nginx:1`
    ])
  })

  test('without --target the output says what to set, and parseConfig names the gap', () => {
    const yaml = importConfig('nginx:1.27\n', 'list', 'images.txt')
    expect(yaml).toContain('entries with ~ need defaults.target')
    expect(() => parseConfig(yaml, 'o.yaml')).toThrow('no target; give one, or set defaults.target')
  })

  test('the 4th argument may be an options object, as the CLI passes it', () => {
    const c = parseConfig(importConfig('nginx:1.27\n', 'list', 'images.txt', { target: PREFIX }), 'o.yaml')
    expect(targetFor(c.images[0])).toBe(`${PREFIX}/nginx:1.27`)
  })

  test('an empty list converts to a config with no images', () => {
    expect(importConfig('# nothing\n\n', 'list', 'images.txt', PREFIX)).toContain('no images were found')
  })

  test.each([
    ['nginx:1.27 a b\n', 'in.txt:1:14: expected IMAGE or IMAGE TARGET on one line'],
    ['ok:1\n  Bad:1\n', 'in.txt:2:3: invalid reference "Bad:1": repository name must be lowercase'],
    ['--platform=linux/x86 nginx\n', 'in.txt:1:1: --platform: invalid platform "linux/x86"'],
    ['--pull nginx\n', 'in.txt:1:1: unknown option --pull'],
    ['nginx:1 Registry.example.com/UP\n', 'in.txt:1:9: target: invalid reference']
  ])('error %j', (text, expected) => {
    const errs = importErrors(text, 'list')
    expect(errs.some(e => e.startsWith(expected))).toBe(true)
  })
})

test('an unknown format is a ConfigErrors naming it', () => {
  expect(() => importConfig('x', 'crane' as ImportFormat, 'in.txt')).toThrow(
    'in.txt:1:1: unknown import format "crane": use skopeo, image-syncer, regsync or list'
  )
})

describe('conversion helpers', () => {
  test.each([
    ['^1\\.13$', '/1\\.13/'],
    ['^v1', '/v1.*/'],
    ['rc$', '/.*rc/'],
    ['alpine', '/.*alpine.*/'],
    ['^a|b$', '/.*(?:^a|b$).*/'],
    ['(?i)^Stable$', '/Stable/i'],
    ['^(?P<major>\\d+)$', '/(?<major>\\d+)/'],
    ['^a\\$', '/a\\$.*/']
  ])('Go regex %j → %j', (go, ours) => {
    expect(goRegexToTagPattern(go)).toBe(ours)
  })

  test.each([
    ['>= 3.12.0', '>=3.12.0'],
    ['>= 1.2, < 3.0.0', '>=1.2 <3.0.0'],
    ['~1.2 || ^3', '~1.2 || ^3']
  ])('Masterminds %j → %j', (c, range) => {
    expect(goSemverToRange(c)).toBe(range)
  })

  test.each([
    'nginx:1.27',
    '1.10',
    '~',
    'true',
    'null',
    "it's",
    '#x',
    'a: b',
    '*',
    '',
    '-x',
    'x:',
    '\t',
    '/^v[0-9]+$/'
  ])('yamlString(%j) reads back as itself, in any YAML reader', s => {
    expect(parse(`k: ${yamlString(s)}\n`, { schema: 'core' })).toEqual({ k: s })
  })
})
