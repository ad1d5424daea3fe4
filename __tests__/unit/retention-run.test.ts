/**
 * Retention's acting half (sync/retention-run.ts) on a registry that CAN untag (OCI 1.1 tag
 * DELETE), which the harness's distribution 2.8 cannot: this checks the decisions only (untag
 * first, no listing or digest delete needed, a shared digest is no obstacle to an untag). The
 * digest-delete path, refusals and the shared-digest guard run against real registries in
 * __tests__/integration/sync-retention.test.ts. The client here is a recording stand-in.
 */
import { describe, expect, test } from '@jest/globals'
import type { RegistryClient } from '../../src/registry/index.js'
import { runRetention, type PruneCandidate } from '../../src/sync/index.js'

const W = 'sha256:' + 'a'.repeat(64)
const OTHER = 'sha256:' + 'b'.repeat(64)

function candidate(tag: string): PruneCandidate {
  return {
    state: {
      source: `src.example/lib/app:${tag}`,
      sourceDigest: W,
      target: `dst.example/m/app:${tag}`,
      digest: W,
      at: '2026-01-01T00:00:00.000Z'
    },
    ref: { registry: 'dst.example', repository: 'm/app', tag },
    group: 'dst.example/m/app',
    rules: { prune: true, keep: [], pruneLimit: 10 },
    verdict: { action: 'delete' }
  }
}

/** Tags → digests at the "registry"; records each call. */
function client(tags: Record<string, string>, untag: 'deleted' | 'unsupported') {
  const calls: string[] = []
  const c = {
    manifestHead: async (r: { tag?: string }) => {
      calls.push(`HEAD ${r.tag}`)
      const d = tags[r.tag!]
      return d ? { digest: d, mediaType: 'x', size: 1 } : undefined
    },
    tagDelete: async (_reg: string, _repo: string, tag: string) => {
      calls.push(`DELETE tag ${tag}`)
      if (untag === 'deleted') delete tags[tag]
      return untag
    },
    tagList: async () => {
      calls.push('LIST')
      return Object.keys(tags)
    },
    manifestDelete: async (r: { digest?: string }) => {
      calls.push(`DELETE ${r.digest === W ? 'W' : r.digest}`)
      for (const [t, d] of Object.entries(tags)) if (d === r.digest) delete tags[t]
    }
  }
  return { client: c as unknown as RegistryClient, calls, tags }
}

const run = (c: RegistryClient, cands: PruneCandidate[], dryRun = false) =>
  runRetention(cands, { client: c, dryRun, checkTargets: true, warnings: [], done: r => r })

describe('runRetention on a registry that can untag', () => {
  test.each([
    ['an unshared tag', { '1.0': W, latest: OTHER }],
    ['a tag whose digest another tag shares', { '1.0': W, pinned: W }]
  ])('%s: untagged alone, without a listing or a digest delete', async (_n, at) => {
    const { client: c, calls, tags } = client({ ...at }, 'deleted')
    const out = await run(c, [candidate('1.0')])
    expect(out.rows.map(r => [r.status, r.note])).toEqual([['pruned', 'tag deleted']])
    expect(calls).toEqual(['HEAD 1.0', 'DELETE tag 1.0'])
    expect(Object.keys(tags)).toEqual(Object.keys(at).filter(t => t !== '1.0'))
    expect(out.retain.size).toBe(0)
  })

  test('a registry that cannot untag is asked once; later tags go by digest', async () => {
    const { client: c, calls } = client(
      { '1.0': W, '1.1': OTHER, latest: 'sha256:' + 'c'.repeat(64) },
      'unsupported'
    )
    const second = candidate('1.1')
    second.state = { ...second.state, digest: OTHER }
    const out = await run(c, [candidate('1.0'), second])
    expect(out.rows.map(r => r.status)).toEqual(['pruned', 'pruned'])
    expect(calls.filter(x => x.startsWith('DELETE') || x === 'LIST')).toEqual([
      'DELETE tag 1.0',
      'LIST',
      'DELETE W',
      `DELETE ${OTHER}`
    ])
  })
})
