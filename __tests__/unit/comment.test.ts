import { describe, expect, test } from '@jest/globals'
import { computeTotals, type ImageReport, type SyncReport } from '../../src/sync/index.js'
import {
  COMMENT_MARKER,
  MAX_COMMENT_CHARS,
  mdCode,
  mdText,
  renderComment,
  renderConfigErrorComment,
  upsertComment,
  type CommentsApi,
  type ExistingComment
} from '../../src/action/index.js'

function img(p: Partial<ImageReport> & Pick<ImageReport, 'source' | 'status'>): ImageReport {
  return { target: `acr.example/ns/${p.source}`, bytes: 0, durationMs: 10, ...p }
}
function rep(images: ImageReport[]): SyncReport {
  return { images, totals: computeTotals(images), warnings: [] }
}

/** An in-memory issue thread that records the calls made on it. */
function thread(
  initial: ExistingComment[] = []
): CommentsApi & { comments: ExistingComment[]; calls: string[] } {
  const comments = [...initial]
  const calls: string[] = []
  let next = 1000
  return {
    comments,
    calls,
    async list() {
      calls.push('list')
      return comments.map(c => ({ ...c }))
    },
    async create(body) {
      calls.push('create')
      comments.push({ id: next++, body })
    },
    async update(id, body) {
      calls.push(`update ${id}`)
      const c = comments.find(x => x.id === id)
      if (!c) throw new Error('no such comment')
      c.body = body
    }
  }
}

describe('upsertComment', () => {
  test('creates one comment, then updates that same one on every later push', async () => {
    const t = thread([{ id: 1, body: 'LGTM' }])
    expect(await upsertComment(t, `${COMMENT_MARKER}\nplan v1`)).toBe('created')
    expect(await upsertComment(t, `${COMMENT_MARKER}\nplan v2`)).toBe('updated')
    expect(await upsertComment(t, `${COMMENT_MARKER}\nplan v3`)).toBe('updated')
    expect(t.comments).toEqual([
      { id: 1, body: 'LGTM' },
      { id: 1000, body: `${COMMENT_MARKER}\nplan v3` }
    ])
    expect(t.calls).toEqual(['list', 'create', 'list', 'update 1000', 'list', 'update 1000'])
  })

  test('a human quoting our comment is left alone; the marker is added when missing', async () => {
    const t = thread([
      { id: 7, body: `> ${COMMENT_MARKER}\n> plan` },
      { id: 8, body: null }
    ])
    expect(await upsertComment(t, 'no marker here')).toBe('created')
    expect(t.comments[2]!.body).toBe(`${COMMENT_MARKER}\nno marker here`)
    expect(t.comments[0]!.body).toBe(`> ${COMMENT_MARKER}\n> plan`)
  })
})

describe('renderComment', () => {
  const report = rep([
    img({ source: 'docker.io/library/nginx:1.27', status: 'planned', change: 'new' }),
    img({
      source: 'docker.io/library/redis:7',
      status: 'skipped',
      change: 'unchanged',
      digest: 'sha256:' + '1'.repeat(64)
    }),
    img({ source: 'quay.io/x/y:v1', status: 'failed', error: 'MANIFEST_UNKNOWN: tag v1 not found' })
  ])

  test('starts with the marker, counts the plan, lists errors, collapses unchanged images', () => {
    const body = renderComment(report, {
      config: '.github/mirror.yaml',
      uncheckedTargets: ['acr.example'],
      runUrl: 'https://gh.example/r/1'
    })
    expect(body.startsWith(`${COMMENT_MARKER}\n### Mirror plan for \`.github/mirror.yaml\``)).toBe(true)
    expect(body).toContain('❌ **1** failed, **1** new, **0** changed, **1** unchanged.')
    expect(body).toContain(
      '- `quay.io/x/y:v1` → `acr.example/ns/quay.io/x/y:v1`: MANIFEST\\_UNKNOWN: tag v1 not found'
    )
    expect(body).toContain('No credentials for `acr.example`')
    expect(body).toMatch(
      /<details><summary>1 unchanged<\/summary>\n\n\| Status[^\n]*\n\|---[^\n]*\n\| ⏭️ up to date \| `docker.io\/library\/redis:7`/
    )
    const beforeDetails = body.slice(0, body.indexOf('<details>'))
    expect(beforeDetails).toMatch(/\| ❌ failed \| `quay.io\/x\/y:v1` \|[^\n]*\| error \|/)
    expect(beforeDetails).toMatch(/\| 📝 planned \| `docker.io\/library\/nginx:1.27` \|[^\n]*\| new \|/)
    expect(body).toContain('[Full log and job summary](https://gh.example/r/1)')
  })

  test('a host that is down is one error line with its images under it', () => {
    const down = (source: string): ImageReport =>
      img({
        source,
        status: 'failed',
        error: `source docker://dead.example/${source}: GET https://dead.example/v2/: ECONNREFUSED (after 5 attempts) (dead.example is down: not tried again this run)`
      })
    const body = renderComment(rep([down('a:1'), down('b:1'), report.images[2]!]), { config: 'm.yaml' })
    expect(body.split('is down').length - 1).toBe(1)
    expect(body).toContain(
      '- dead.example is down: 2 images failed (first error: GET https://dead.example/v2/: ECONNREFUSED (after 5 attempts)):\n' +
        '  - `a:1` → `acr.example/ns/a:1`\n  - `b:1` → `acr.example/ns/b:1`\n'
    )
    expect(body).toContain('- `quay.io/x/y:v1` → `acr.example/ns/quay.io/x/y:v1`: MANIFEST\\_UNKNOWN')
  })

  test('stays under GitHub’s size limit with thousands of images', () => {
    const many = rep(
      Array.from({ length: 5000 }, (_, i) =>
        img({ source: `r${i}/very/long/name/to/fill/space:tag-${i}`, status: 'planned', change: 'new' })
      )
    )
    const body = renderComment(many, { config: 'c' })
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(body).toMatch(/… \d+ more images are listed in the job summary/)
  })

  test.each([
    ['pipe breaks no table', 'a|b', '`a\\|b`'],
    ['backtick cannot close the span', 'a`b', "`a'b`"],
    ['newline stays on one row, visibly', 'a\nb', '`a%0Ab`']
  ])('mdCode: %s', (_n, input, want) => expect(mdCode(input)).toBe(want))

  test.each([
    ['html', '<img src=x>', '&lt;img src=x&gt;'],
    ['mention', 'ping @octocat', 'ping @\u200boctocat'],
    ['link', '[x](http://e)', '\\[x\\](http://e)'],
    ['pipe', 'a | b', 'a \\| b']
  ])('mdText neutralises %s', (_n, input, want) => expect(mdText(input)).toBe(want))
})

describe('renderConfigErrorComment', () => {
  test('lists each error at its line without the file prefix', () => {
    const body = renderConfigErrorComment(
      [
        {
          file: '/w/.github/mirror.yaml',
          line: 4,
          col: 3,
          message: '/w/.github/mirror.yaml:4:3: unknown key "platfroms"'
        }
      ],
      '.github/mirror.yaml'
    )
    expect(body.startsWith(COMMENT_MARKER)).toBe(true)
    expect(body).toContain('- line 4, column 3: unknown key "platfroms"')
  })
})

describe('renderComment: retention rows', () => {
  test('tags to delete are counted and listed with the change "delete", not as images', () => {
    const body = renderComment(
      rep([
        img({ source: 'app:2', status: 'planned', change: 'new' }),
        img({ source: 'app:1', status: 'prune-planned', prune: true, note: 'would delete' })
      ]),
      { config: 'm.yaml' }
    )
    expect(body).toContain('✅ **1** new, **0** changed, **0** unchanged, **1** tag to delete (prune).')
    expect(body).toMatch(/\| 🗑️ would delete \| `app:1` \| `acr\.example\/ns\/app:1` \| delete \|/)
  })
})
