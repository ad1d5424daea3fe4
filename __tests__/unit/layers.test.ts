/**
 * The layer rule (CONTRIBUTING.md): each folder of src/ imports only folders below it, no module
 * cycle, and whatever crosses a folder boundary goes through that folder's index.ts face. Tests and
 * bench/ share the harness through its face too, and tests run the bench only as a command. The
 * graph is read from the sources, so a new import that breaks the rule fails `npm test`.
 */
import { describe, expect, test } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

/** Lower rank = lower layer. Equal ranks may not import each other. */
const RANK: Record<string, number> = {
  oci: 0,
  http: 1,
  auth: 2,
  registry: 3,
  transports: 4,
  copy: 4,
  config: 5,
  signatures: 6,
  sync: 7,
  report: 8,
  action: 9,
  cli: 9
}
/** The copy engine sees the world only through the model's interfaces. */
const ONLY: Record<string, string[]> = { copy: ['oci'] }
/** Subfolders with faces of their own (tests reach the file transports without loading them all). */
const SUBFACES = ['transports/oci-layout', 'transports/docker-archive', 'transports/fs']
/** The registries, images and proxies tests and bench/ share, behind one face of their own. */
const HARNESS = '__tests__/harness'

export interface Edge {
  from: string
  to: string
  dynamic: boolean
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap(n => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|mjs)$/.test(n) && !n.endsWith('.d.ts') ? [p] : []
  })
}

const IMPORT =
  /(?:import|export)(?:\s+type)?\s*(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+)\s*from\s*'(\.{1,2}\/[^']+)'/g
const DYNAMIC = /import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g

function resolveSpec(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec)
  for (const c of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.mjs'), `${base}.ts`])
    if (existsSync(c)) return relative(ROOT, c)
  return undefined
}

export function edgesOf(files: string[]): Edge[] {
  const edges: Edge[] = []
  for (const f of files) {
    // Comments may quote an import; drop them before matching.
    const text = readFileSync(f, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
    const from = relative(ROOT, f)
    for (const [rx, dynamic] of [
      [IMPORT, false],
      [DYNAMIC, true]
    ] as const) {
      for (const m of text.matchAll(rx)) {
        const to = resolveSpec(f, m[1]!)
        if (to) edges.push({ from, to, dynamic })
      }
    }
  }
  return edges
}

/** `src/registry/client.ts` → `registry`; files directly under src/ have no folder. */
function folderOf(p: string): string | undefined {
  const parts = p.split('/')
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : undefined
}

function faceOf(p: string): string | undefined {
  if (p.startsWith(`${HARNESS}/`)) return HARNESS
  const inSrc = p.startsWith('src/') ? p.slice(4) : undefined
  if (!inSrc) return undefined
  for (const s of SUBFACES) if (inSrc.startsWith(`${s}/`)) return `src/${s}`
  const f = folderOf(p)
  return f ? `src/${f}` : undefined
}

/** Every rule an edge breaks, as a readable line. */
export function violations(edges: Edge[]): string[] {
  const out: string[] = []
  for (const e of edges) {
    // The product never loads test code; tests run the bench as users do, through its command line.
    if (e.from.startsWith('src/') && !e.to.startsWith('src/')) {
      out.push(`${e.from} → ${e.to}: src/ imports only src/`)
      continue
    }
    if (e.to.startsWith('bench/') && !e.from.startsWith('bench/')) {
      out.push(`${e.from} → ${e.to}: run the bench through its command line instead`)
      continue
    }
    const toFace = faceOf(e.to)
    if (!toFace) continue
    if (toFace === HARNESS) {
      if (!e.from.startsWith(`${HARNESS}/`) && e.to !== `${HARNESS}/index.ts`)
        out.push(`${e.from} → ${e.to}: import the face ${HARNESS}/index.ts`)
      continue
    }
    const fromFolder = e.from.startsWith('src/') ? folderOf(e.from) : undefined
    const toFolder = folderOf(e.to)!
    const sameTop = fromFolder === toFolder
    // A face may load its own subfolders lazily (code splitting of the file transports).
    const crossesFace = !e.from.startsWith(`${toFace}/`) && !(sameTop && e.dynamic)
    if (crossesFace && !e.to.endsWith('/index.ts'))
      out.push(`${e.from} → ${e.to}: import the face ${toFace}/index.ts`)
    if (!e.from.startsWith('src/') || sameTop || fromFolder === undefined) continue
    const allowed = ONLY[fromFolder]
    if (allowed && !allowed.includes(toFolder))
      out.push(`${e.from} → ${e.to}: ${fromFolder}/ may import only ${allowed.join(', ')}/`)
    const rf = RANK[fromFolder]
    const rt = RANK[toFolder]
    if (rf === undefined || rt === undefined) out.push(`${e.from} → ${e.to}: folder without a layer in RANK`)
    else if (rt >= rf)
      out.push(`${e.from} → ${e.to}: ${fromFolder}/ (layer ${rf}) imports ${toFolder}/ (layer ${rt})`)
  }
  return out
}

/** Module cycles (Tarjan's strongly connected components of more than one module, or a self-import). */
export function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>()
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to])
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const on = new Set<string>()
  const found: string[][] = []
  let i = 0
  const visit = (v: string): void => {
    index.set(v, i)
    low.set(v, i++)
    stack.push(v)
    on.add(v)
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop()!
        on.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1 || (next.get(v) ?? []).includes(v)) found.push(scc.sort())
    }
  }
  for (const v of next.keys()) if (!index.has(v)) visit(v)
  return found
}

describe('the checker', () => {
  const e = (from: string, to: string, dynamic = false): Edge => ({ from, to, dynamic })
  test.each([
    ['upward import', e('src/registry/a.ts', 'src/sync/index.ts'), /layer 3\) imports sync/],
    ['same layer', e('src/copy/a.ts', 'src/transports/index.ts'), /may import only oci/],
    ['deep import across folders', e('src/sync/a.ts', 'src/registry/client.ts'), /import the face/],
    ['deep import from a test', e('__tests__/unit/x.ts', 'src/oci/platform.ts'), /import the face/],
    ['unknown folder', e('src/newthing/a.ts', 'src/oci/index.ts'), /without a layer/],
    [
      'the bench reaching past the harness face',
      e('bench/a.ts', '__tests__/harness/http.ts'),
      /import the face/
    ],
    ['a test importing bench code', e('__tests__/integration/x.ts', 'bench/rss-1g.ts'), /command line/],
    ['the product importing test code', e('src/copy/a.ts', '__tests__/harness/index.ts'), /only src/]
  ])('flags %s', (_name, edge, message) => {
    expect(violations([edge]).join('\n')).toMatch(message)
  })
  test.each([
    ['downward through a face', e('src/sync/a.ts', 'src/registry/index.ts')],
    ['inside a folder', e('src/registry/a.ts', 'src/registry/b.ts')],
    ['a test through a subfolder face', e('__tests__/unit/x.ts', 'src/transports/fs/index.ts')],
    [
      'a lazy load inside a folder',
      e('src/transports/index.ts', 'src/transports/oci-layout/source.ts', true)
    ],
    ['the bench through the harness face', e('bench/a.ts', '__tests__/harness/index.ts')],
    ['the harness inside itself', e('__tests__/harness/index.ts', '__tests__/harness/http.ts')],
    ['bench code inside the bench', e('bench/run.ts', 'bench/options.ts')]
  ])('allows %s', (_name, edge) => {
    expect(violations([edge])).toEqual([])
  })
  test('finds a cycle and leaves a chain alone', () => {
    expect(cycles([e('a', 'b'), e('b', 'c'), e('c', 'a')])).toEqual([['a', 'b', 'c']])
    expect(cycles([e('a', 'b'), e('b', 'c')])).toEqual([])
  })
})

describe('the project', () => {
  const files = ['src', '__tests__', 'bench'].flatMap(d => walk(join(ROOT, d)))
  const edges = edgesOf(files)
  test('reads a graph of the size of the project', () => {
    expect(files.length).toBeGreaterThan(150)
    expect(edges.length).toBeGreaterThan(400)
  })
  test('every import goes down a layer, through a face', () => {
    expect(violations(edges)).toEqual([])
  })
  test('has no import cycle', () => {
    expect(cycles(edges.filter(x => x.from.startsWith('src/')))).toEqual([])
  })
})
