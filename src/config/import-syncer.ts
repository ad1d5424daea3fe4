/**
 * image-syncer's images file (and its older config.json: `auth` + `images`): `source: target`,
 * where the source is `repo` (every tag), `repo:t1,t2` (those tags), `repo:/regex/` or `repo@digest`,
 * and the target is a repository, `repo:n1,n2` (the source tags renamed left to right: as many
 * names as tags), a list of those, or "" (image-syncer's default registry/namespace: our `~`).
 * `insecure: true` in the older config.json's auth section carries over to `registries:`; an auth
 * file given alone is refused (it lists no images), naming its insecure registries.
 */
import type { Document } from 'yaml'
import { parseReference } from '../oci/index.js'
import { tagPatternError } from './filters.js'
import { emptyImport, goRegexToTagPattern, type Imported } from './import-render.js'
import type { Entry, NodeReader } from './nodes.js'
import { NO_DEFAULT_TAG } from './targets.js'

type Helpers = {
  rootEntries(r: NodeReader, doc: Document, what: string): Entry[]
  checkedSource(r: NodeReader, source: string, offset: number): boolean
}

const AUTH_KEYS = new Set(['username', 'password', 'insecure'])

/** `host` or `host/namespace` → { username, password, insecure }: insecure carries over, per host. */
function readAuth(r: NodeReader, entries: Entry[], out: Imported): void {
  let secrets = false
  for (const a of entries) {
    if (r.kind(a.value) !== 'map') continue
    const host = a.key.split('/')[0]!
    for (const f of r.entries(a.value, a.key)) {
      if (f.key !== 'insecure') {
        secrets = true
        continue
      }
      if (r.bool(f, `${a.key}.insecure`) !== true) continue
      out.registries.set(host, { insecure: true })
      if (host !== a.key)
        out.notes.push(
          `insecure: true of ${a.key} applies to all of ${host} here (registries: options are per registry).`
        )
    }
  }
  if (secrets)
    out.notes.push('the auth section was not imported: pass credentials with the credentials input.')
}

/** Repository and tags of a target: `repo`, `repo:a,b`; a digest only when it is the source's. */
function splitTarget(t: string): { repo: string; tags: string[]; digest?: string } {
  const at = t.indexOf('@')
  if (at >= 0) return { repo: t.slice(0, at), tags: [], digest: t.slice(at + 1) }
  const colon = t.indexOf(':', t.lastIndexOf('/') + 1)
  if (colon < 0) return { repo: t, tags: [] }
  return {
    repo: t.slice(0, colon),
    tags: t
      .slice(colon + 1)
      .split(',')
      .map(x => x.trim())
  }
}

export function importImageSyncer(r: NodeReader, doc: Document, h: Helpers): Imported {
  const out = emptyImport()
  let entries = h.rootEntries(r, doc, 'source → target')
  const wrapped = entries.find(e => e.key === 'images' && r.kind(e.value) === 'map')
  if (wrapped && entries.every(e => e.key === 'images' || e.key === 'auth')) {
    const auth = entries.find(e => e.key === 'auth')
    if (auth && r.kind(auth.value) === 'map') readAuth(r, r.entries(auth.value, 'auth'), out)
    entries = r.entries(wrapped.value, 'images')
  } else if (
    entries.length > 0 &&
    entries.every(
      e => r.kind(e.value) === 'map' && r.entries(e.value, e.key).every(f => AUTH_KEYS.has(f.key))
    )
  ) {
    // An auth file given alone (its values are maps; an images file's never are): nothing to mirror.
    readAuth(r, entries, out)
    const insecure = [...out.registries.keys()]
    r.errors.at(
      0,
      'this is an image-syncer auth file, which lists no images: import the images file' +
        (insecure.length ? ` (and set insecure: true under registries: for ${insecure.join(', ')})` : '')
    )
    return out
  }
  for (const e of entries) {
    const m = /^(.*?):(\/.+\/)$/.exec(e.key)
    let repo = e.key
    let tags: string[] | undefined
    let pattern: string | undefined
    let digest: string | undefined
    if (m) {
      repo = m[1]!
      pattern = goRegexToTagPattern(m[2]!.slice(1, -1))
    } else if (e.key.includes('@')) {
      digest = e.key.slice(e.key.indexOf('@') + 1)
    } else {
      const colon = e.key.indexOf(':', e.key.lastIndexOf('/') + 1)
      if (colon >= 0) {
        repo = e.key.slice(0, colon)
        tags = e.key
          .slice(colon + 1)
          .split(',')
          .map(t => t.trim())
      }
    }
    if (!h.checkedSource(r, repo, e.offset)) continue
    if (pattern !== undefined && tagPatternError(pattern)) {
      r.errors.at(e.offset, `${e.key}: ${tagPatternError(pattern)}`)
      continue
    }
    for (const target of readTargets(r, e) ?? []) {
      const t = target === undefined ? undefined : splitTarget(target)
      if (t && t.digest !== undefined && t.digest !== digest) {
        r.errors.at(r.valueOffset(e), `${target}: a target may name only the source's own digest`)
        continue
      }
      if (t && t.tags.length > 0 && !tags && !digest) {
        r.errors.at(
          r.valueOffset(e),
          `${target}: the source selects tags by ${pattern ? 'regex' : 'listing all of them'}, so image-syncer keeps their names; the target cannot name tags`
        )
        continue
      }
      if (t && t.tags.length > 0 && tags && t.tags.length !== tags.length) {
        r.errors.at(
          r.valueOffset(e),
          `${target}: ${tags.length} source tag(s) but ${t.tags.length} target tag(s); image-syncer renames them left to right and needs as many`
        )
        continue
      }
      if (t && (t.tags.length > 0 || t.digest !== undefined) && !targetOk(r, t.repo, r.valueOffset(e)))
        continue
      const dst = t?.repo ?? undefined
      if (pattern !== undefined) out.entries.push({ source: repo, target: dst, tags: [pattern] })
      else if (digest !== undefined) {
        if (t && t.tags.length > 1) {
          r.errors.at(r.valueOffset(e), `${target}: a digest is one image; the target can name one tag`)
          continue
        }
        out.entries.push({ source: e.key, target: t && t.tags.length ? `${t.repo}:${t.tags[0]}` : t?.repo })
      } else if (tags === undefined) out.entries.push({ source: repo, target, tags: ['*'] })
      else
        tags.forEach((tag, i) => {
          if (!h.checkedSource(r, `${repo}:${tag}`, e.offset)) return
          const renamed = t && t.tags.length > 0 ? `${t.repo}:${t.tags[i]}` : target
          out.entries.push({ source: `${repo}:${tag}`, target: renamed })
        })
    }
  }
  return out
}

function targetOk(r: NodeReader, repo: string, offset: number): boolean {
  try {
    parseReference(repo, NO_DEFAULT_TAG)
    return true
  } catch (err) {
    r.errors.at(offset, `target ${repo}: ${err instanceof Error ? err.message : String(err)}`)
    return false
  }
}

function readTargets(r: NodeReader, e: Entry): (string | undefined)[] | undefined {
  const k = r.kind(e.value)
  if (k === 'null') return [undefined]
  if (k === 'string') return [r.text(e.value) || undefined]
  const items = r.stringList(e, e.key)
  return items?.map(i => i.value || undefined)
}
