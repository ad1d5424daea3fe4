import { readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import {
  openDockerArchiveDestination,
  openDockerArchiveSource
} from '../../src/transports/docker-archive/index.js'
import { indexTar } from '../../src/transports/docker-archive/index.js'
import { classicEntries, makeTar, tempDir, type Entry } from './transport-helpers.js'

let t: { dir: string; cleanup(): Promise<void> }
let file: string
beforeEach(async () => {
  t = await tempDir()
  file = path.join(t.dir, 'image.tar')
})
afterEach(() => t.cleanup())

describe('docker-archive: hostile and broken archives are refused', () => {
  const manifest = (Config: string, Layers: string[]): Entry => ({
    name: 'manifest.json',
    data: JSON.stringify([{ Config, RepoTags: [], Layers }])
  })
  test.each<[string, Entry[], RegExp]>([
    [
      'a member named ../evil',
      [{ name: '../evil', data: 'x' }, manifest('c.json', [])],
      /escapes the archive/
    ],
    [
      'an absolute member name',
      [{ name: '/etc/passwd', data: 'x' }, manifest('c.json', [])],
      /absolute path/
    ],
    [
      'a symlink to an absolute path',
      [{ name: 'l.tar', type: 'symlink', linkname: '/etc/passwd' }, manifest('c.json', ['l.tar'])],
      /points outside the archive/
    ],
    [
      'a symlink that climbs out',
      [{ name: 'a/l.tar', type: 'symlink', linkname: '../../etc/passwd' }, manifest('c.json', ['a/l.tar'])],
      /points outside the archive/
    ],
    [
      'a hard link that climbs out',
      [{ name: 'h', type: 'link', linkname: '../x' }, manifest('c.json', [])],
      /escapes the archive/
    ],
    [
      'a Config path that climbs out',
      [{ name: 'c.json', data: '{}' }, manifest('../c.json', [])],
      /escapes the archive/
    ],
    [
      'an absolute layer path',
      [{ name: 'c.json', data: '{}' }, manifest('c.json', ['/etc/passwd'])],
      /absolute path/
    ],
    [
      'a symlink loop',
      [
        { name: 'c.json', data: '{}' },
        { name: 'a', type: 'symlink', linkname: 'b' },
        { name: 'b', type: 'symlink', linkname: 'a' },
        manifest('c.json', ['a'])
      ],
      /too many levels of links/
    ],
    [
      'a missing layer',
      [{ name: 'c.json', data: '{}' }, manifest('c.json', ['nope.tar'])],
      /nope.tar is not in the archive/
    ],
    ['no manifest.json', [{ name: 'x', data: 'y' }], /not a docker-archive \(no manifest.json\)/],
    [
      'manifest.json that is not a list',
      [{ name: 'manifest.json', data: '{"Config":"x"}' }],
      /expected a JSON array/
    ],
    [
      'broken manifest.json',
      [{ name: 'manifest.json', data: '[{"Config":\n  ]' }],
      /manifest.json:2:3: invalid JSON/
    ]
  ])('%s', async (_n, entries, msg) => {
    await makeTar(file, entries)
    await expect(openDockerArchiveSource(file)).rejects.toThrow(msg)
  })

  test('a corrupt header checksum, a truncated archive and a non-tar file', async () => {
    await makeTar(file, classicEntries().entries)
    const good = await readFile(file)
    const corrupt = Buffer.from(good)
    corrupt[600] ^= 0xff
    const second = (await indexTar(file)).values().next().value!
    const headerAt = second.offset + Math.ceil(second.size / 512) * 512
    corrupt[headerAt + 3] ^= 0x01
    await writeFile(file, corrupt)
    await expect(openDockerArchiveSource(file)).rejects.toThrow(/corrupt tar header at offset/)
    await writeFile(file, good.subarray(0, Math.floor(good.length / 2)))
    await expect(openDockerArchiveSource(file)).rejects.toThrow(/truncated tar member|corrupt tar header/)
    await writeFile(file, Buffer.from('{"not":"a tar"}'))
    await expect(openDockerArchiveSource(file)).rejects.toThrow(/not a tar archive/)
    await expect(openDockerArchiveSource(path.join(t.dir, 'missing.tar'))).rejects.toThrow(
      /missing.tar does not exist/
    )
    expect((await stat(file)).isFile()).toBe(true)
  })

  test.each(['../../x:1', 'UPPER:1', 'name@sha256:abc', 'notag'])(
    'destination name %j is refused',
    async ref => {
      await expect(openDockerArchiveDestination(file, ref)).rejects.toThrow(/docker-archive:/)
    }
  )
})
