import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import {
  assertRealInside,
  confinedJoin,
  normaliseArchivePath,
  parseDigest,
  resolveArchiveLink,
  validateOciRefName
} from '../../src/transports/fs/index.js'
import { jsonErrorOffset, parseJsonText } from '../../src/transports/fs/index.js'
import { tempDir } from './transport-helpers.js'

const HEX = 'a'.repeat(64)

describe('parseDigest', () => {
  test.each([
    [`sha256:${HEX}`, 'sha256', HEX],
    [`sha512:${'b'.repeat(128)}`, 'sha512', 'b'.repeat(128)]
  ])('%s is accepted', (d, alg, hex) => {
    expect(parseDigest(d, 'x')).toEqual({ algorithm: alg, hex })
  })

  test.each([
    `sha256:../../../etc/passwd`,
    `sha256:${HEX}/../x`,
    `sha256:${HEX.toUpperCase()}`,
    `sha256:${HEX.slice(1)}`,
    `sha512:${HEX}`,
    `md5:${HEX}`,
    `../sha256:${HEX}`,
    `sha256:${HEX}\0`,
    ''
  ])('%j is refused', d => {
    expect(() => parseDigest(d, 'index.json')).toThrow(/index.json: invalid digest/)
  })

  test('non-strings are refused', () => {
    expect(() => parseDigest(42, 'm')).toThrow('m: digest is not a string')
  })
})

describe('validateOciRefName', () => {
  test.each(['latest', 'v1.0', 'foo/bar:v1', 'a--b', 'v1.0+build', 'x@y', 'sha256-abc.sig'])(
    '%s is accepted',
    r => {
      expect(validateOciRefName(r, 'oci:d')).toBe(r)
    }
  )

  test.each([
    '',
    '../x',
    '..',
    'a/../b',
    '/abs',
    'a//b',
    'a/',
    '.hidden',
    'a..b',
    'a b',
    'a\0b',
    'x'.repeat(600)
  ])('%j is refused', r => {
    expect(() => validateOciRefName(r, 'oci:d')).toThrow(/oci:d: invalid OCI reference name/)
  })
})

describe('normaliseArchivePath', () => {
  test.each([
    ['manifest.json', 'manifest.json'],
    ['./manifest.json', 'manifest.json'],
    ['blobs//sha256/./x', 'blobs/sha256/x'],
    ['abc/layer.tar', 'abc/layer.tar']
  ])('%s → %s', (input, out) => {
    expect(normaliseArchivePath(input, 'a.tar')).toBe(out)
  })

  test.each([
    ['/etc/passwd', /absolute path/],
    ['../evil', /escapes the archive/],
    ['a/../../evil', /escapes the archive/],
    ['a/..', /escapes the archive/],
    ['C:\\Windows\\x', /absolute path/],
    ['\\\\server\\share', /absolute path/],
    ['', /empty path/],
    ['./', /empty path/],
    ['a\0b', /NUL byte/]
  ])('%j is refused', (input, msg) => {
    expect(() => normaliseArchivePath(input, 'a.tar')).toThrow(msg)
  })
})

describe('resolveArchiveLink', () => {
  test.each([
    ['id/layer.tar', '../abc.tar', 'abc.tar'],
    ['id/layer.tar', '../other/layer.tar', 'other/layer.tar'],
    ['a/b/c', 'd', 'a/b/d'],
    ['x', './y', 'y']
  ])('%s -> %s resolves to %s', (link, target, out) => {
    expect(resolveArchiveLink(link, target, 'a.tar')).toBe(out)
  })

  test.each([
    ['x', '/etc/passwd'],
    ['x', '../etc/passwd'],
    ['a/b', '../../../etc/passwd'],
    ['a/b', '..'],
    ['x', 'C:/x']
  ])('%s -> %s is refused', (link, target) => {
    expect(() => resolveArchiveLink(link, target, 'a.tar')).toThrow(/outside the archive|is empty/)
  })
})

describe('confinedJoin', () => {
  test('stays inside', () => {
    expect(confinedJoin('/data/layout', 'blobs', 'sha256', HEX)).toBe(
      path.resolve('/data/layout/blobs/sha256', HEX)
    )
  })

  test.each([['..'], ['../x'], ['/etc/passwd'], ['a/../../x'], ['a\0']])('%j is refused', seg => {
    expect(() => confinedJoin('/data/layout', seg)).toThrow(/escapes the directory/)
  })
})

describe('assertRealInside', () => {
  test('a symlink inside the directory that leads out is refused; plain files and new paths pass', async () => {
    const t = await tempDir()
    try {
      const root = path.join(t.dir, 'layout')
      const outside = path.join(t.dir, 'outside')
      await mkdir(root)
      await mkdir(outside)
      await writeFile(path.join(root, 'ok'), 'x')
      await symlink(outside, path.join(root, 'blobs'))
      await expect(assertRealInside(root, path.join(root, 'ok'))).resolves.toBeUndefined()
      await expect(assertRealInside(root, path.join(root, 'new-file'))).resolves.toBeUndefined()
      await expect(assertRealInside(root, path.join(root, 'blobs'))).rejects.toThrow(/resolves outside/)
      await expect(assertRealInside(root, path.join(root, 'blobs', 'x'))).rejects.toThrow(/resolves outside/)
    } finally {
      await t.cleanup()
    }
  })
})

describe('JSON errors name file:line:col', () => {
  test.each([
    ['{"a":1,}', 1, 8],
    ['{\n  "a": tru\n}', 2, 8],
    ['[1,\n2,\n', 3, 1],
    ['{"a" 1}', 1, 6],
    ['"abc', 1, 5],
    ['{"a":1} x', 1, 9]
  ])('%j → line %i col %i', (text, line, col) => {
    const off = jsonErrorOffset(text)
    const before = text.slice(0, off)
    expect([before.split('\n').length, off - before.lastIndexOf('\n')]).toEqual([line, col])
    expect(() => parseJsonText(text, 'dir/index.json')).toThrow(`dir/index.json:${line}:${col}: invalid JSON`)
  })
})
