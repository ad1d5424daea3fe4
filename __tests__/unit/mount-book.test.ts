// Mount sources for a blob in a target registry: order, and what a registry's refusal teaches the run.
import { describe, expect, test } from '@jest/globals'
import { MountBook, namespaceOf } from '../../src/copy/index.js'
import type { MountHints } from '../../src/oci/index.js'

const REG = 'reg.example:5000'
const D = 'sha256:' + 'a'.repeat(64)
const at = (repository: string, registry = REG) => ({ registry, repository })

/** Hints from a fixed table, recording what the book tells back. */
function hints(table: string[]): MountHints & { staled: string[]; helds: string[] } {
  const h = {
    staled: [] as string[],
    helds: [] as string[],
    candidates: () => table.filter(r => !h.staled.includes(r)),
    stale: (_reg: string, repo: string) => void h.staled.push(repo),
    held: (_reg: string, repo: string) => void h.helds.push(repo)
  }
  return h
}

describe('MountBook', () => {
  test.each([
    ['library/app', 'library'],
    ['app', ''],
    ['team/sub/app', 'team']
  ])('namespace of %s is %j', (repo, ns) => expect(namespaceOf(repo)).toBe(ns))

  test('the destination namespace first, then known holders before hints; never the destination itself', () => {
    const book = new MountBook(hints(['proj/hinted', 'other/hinted']))
    book.record(at('other/held'), D)
    book.record(at('proj/held'), D)
    book.record(at('proj/dst'), D)
    const got = book.candidates(at('proj/dst'), at('proj/src'), D).map(c => `${c.from.repository} ${c.known}`)
    // At most three: a fourth round trip costs more than small blobs save.
    expect(got).toEqual(['proj/held true', 'proj/src true', 'proj/hinted false'])
  })

  test('a source in another registry is no candidate', () => {
    const book = new MountBook()
    expect(book.candidates(at('a/dst'), at('a/src', 'elsewhere.example'), D)).toEqual([])
  })

  test('a known holder refused within a namespace: the registry is not asked again this run', () => {
    const book = new MountBook()
    book.record(at('ns/one'), D)
    const [c] = book.candidates(at('ns/two'), undefined, D)
    book.missed(at('ns/two'), c!, D)
    expect(book.refusesAll(REG)).toBe(true)
    expect(book.candidates(at('ns/three'), undefined, D)).toEqual([])
  })

  test('refused across namespaces (Harbor projects): only that pair stops, same-namespace mounts go on', () => {
    const book = new MountBook()
    book.record(at('a/one'), D)
    book.record(at('b/one'), D)
    const first = book.candidates(at('b/two'), undefined, D)
    expect(first.map(c => c.from.repository)).toEqual(['b/one', 'a/one'])
    book.missed(at('b/two'), first[1]!, D)
    expect(book.refusesAll(REG)).toBe(false)
    expect(book.candidates(at('b/three'), undefined, D).map(c => c.from.repository)).toEqual(['b/one'])
  })

  test('a hint that does not mount is stale: told back, dropped, and teaches nothing about the registry', () => {
    const h = hints(['ns/gone'])
    const book = new MountBook(h)
    const [c] = book.candidates(at('ns/new'), undefined, D)
    expect(c).toEqual({ from: at('ns/gone'), known: false })
    book.missed(at('ns/new'), c!, D)
    expect(h.staled).toEqual(['ns/gone'])
    expect(book.refusesAll(REG)).toBe(false)
    expect(book.candidates(at('ns/new'), undefined, D)).toEqual([])
    book.record(at('ns/new'), D)
    expect(h.helds).toEqual(['ns/new'])
  })
})
