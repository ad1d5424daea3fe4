import { describe, expect, test } from '@jest/globals'
import { formatTransportRef, parseTransportRef, type TransportRef } from '../../src/transports/index.js'

describe('parseTransportRef', () => {
  test.each<[string, TransportRef]>([
    [
      'docker://nginx:1.27',
      {
        transport: 'docker',
        ref: { registry: 'registry-1.docker.io', repository: 'library/nginx', tag: '1.27' }
      }
    ],
    [
      'ghcr.io/org/app:v1',
      { transport: 'docker', ref: { registry: 'ghcr.io', repository: 'org/app', tag: 'v1' } }
    ],
    [
      'localhost:5000/foo',
      { transport: 'docker', ref: { registry: 'localhost:5000', repository: 'foo', tag: 'latest' } }
    ],
    ['oci:./mirror', { transport: 'oci', dir: './mirror' }],
    ['oci:/data/layout:v1', { transport: 'oci', dir: '/data/layout', ref: 'v1' }],
    ['oci:layout:library/nginx:1.27', { transport: 'oci', dir: 'layout', ref: 'library/nginx:1.27' }],
    ['docker-archive:img.tar', { transport: 'docker-archive', file: 'img.tar' }],
    [
      'docker-archive:out/img.tar:busybox:1.36',
      { transport: 'docker-archive', file: 'out/img.tar', ref: 'busybox:1.36' }
    ],
    [
      'docker-archive:img.tar:localhost:5000/foo:v1',
      { transport: 'docker-archive', file: 'img.tar', ref: 'localhost:5000/foo:v1' }
    ],
    ['docker-archive:img.tar:@1', { transport: 'docker-archive', file: 'img.tar', ref: '@1' }],
    ['dir:./unpacked', { transport: 'dir', dir: './unpacked' }]
  ])('%s', (input, want) => {
    expect(parseTransportRef(input)).toEqual(want)
  })

  test.each([
    ['', /empty image reference/],
    ['oci:', /oci: needs a directory/],
    ['oci::v1', /oci: needs a directory/],
    ['oci:dir:../../etc', /invalid OCI reference name/],
    ['oci:dir:', /invalid OCI reference name/],
    ['oci:dir:/abs', /invalid OCI reference name/],
    ['docker-archive:', /needs a file/],
    ['docker-archive:x.tar:Bad/Name:1', /docker-archive:x.tar:Bad\/Name:1: invalid reference/],
    ['docker-archive:x.tar:name', /must be NAME:TAG/],
    ['dir:', /dir: needs a directory/],
    ['docker-daemon:nginx:1', /docker-daemon: transport is not supported/],
    ['oci-archive:x.tar', /oci-archive: transport is not supported/]
  ])('%j is refused', (input, msg) => {
    expect(() => parseTransportRef(input)).toThrow(msg)
  })

  test.each(['docker://nginx:1.27', 'oci:./m:v1', 'oci:./m', 'docker-archive:a.tar:x:1', 'dir:d'])(
    '%s formats back to an equivalent string',
    s => {
      const t = parseTransportRef(s)
      expect(parseTransportRef(formatTransportRef(t))).toEqual(t)
    }
  )
})
