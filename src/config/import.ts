/**
 * Converts other tools' mirror lists into our YAML so users can switch in minutes: skopeo sync YAML,
 * image-syncer's images.yaml, regsync's config, and plain lists of images (docker_image_pusher's
 * images.txt).
 * Credentials are never carried over: they belong in the credentials input, not in a config file.
 */
import { basename } from 'node:path'
import { LineCounter, parseDocument, type Document } from 'yaml'
import { parseReference } from '../oci/index.js'
import { ConfigErrors, ErrorCollector } from './errors.js'
import { tagPatternError, validSemverRange } from './filters.js'
import { importList } from './import-list.js'
import { importImageSyncer } from './import-syncer.js'
import { importRegsync } from './import-regsync.js'
import {
  emptyImport,
  goRegexToTagPattern,
  goSemverToRange,
  renderImported,
  type Imported,
  type ImportedEntry
} from './import-render.js'
import { NodeReader, type Entry } from './nodes.js'
import { NO_DEFAULT_TAG } from './targets.js'
import { MAX_CONFIG_BYTES } from './types.js'

export type ImportFormat = 'skopeo' | 'image-syncer' | 'list' | 'regsync'

/**
 * Returns our YAML for `text` in `format`. `defaultsTarget` (a string, or `{ target }` as the CLI
 * passes it) becomes defaults.target, which `~` entries need. Throws ConfigErrors, positioned in
 * the input file, for input that cannot be converted.
 */
export function importConfig(
  text: string,
  format: ImportFormat,
  file: string,
  defaultsTarget?: string | { target?: string }
): string {
  const target = typeof defaultsTarget === 'string' ? defaultsTarget : defaultsTarget?.target
  const errors = new ErrorCollector(file)
  if (Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES) {
    errors.at(0, `input is over the ${MAX_CONFIG_BYTES / 1024 / 1024} MiB limit`)
    errors.throwIfAny()
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let imported: Imported
  if (format === 'list') {
    imported = importList(body, file, target)
  } else if (format === 'skopeo' || format === 'image-syncer' || format === 'regsync') {
    const lines = new LineCounter()
    const errs = new ErrorCollector(file, lines)
    const doc = parseDocument(body, { lineCounter: lines, uniqueKeys: false, prettyErrors: false })
    for (const e of [...doc.errors, ...doc.warnings]) errs.at(e.pos[0], `YAML: ${e.message.split('\n')[0]}`)
    errs.throwIfAny()
    const r = new NodeReader(doc, errs)
    imported =
      format === 'skopeo'
        ? importSkopeo(r, doc)
        : format === 'regsync'
          ? importRegsync(r, doc)
          : importImageSyncer(r, doc, { rootEntries, checkedSource })
    errs.throwIfAny()
  } else {
    errors.at(0, `unknown import format "${String(format)}": use skopeo, image-syncer, regsync or list`)
    throw new ConfigErrors(errors.errors)
  }
  return renderImported(imported, format, basename(file), target)
}

function rootEntries(r: NodeReader, doc: Document, what: string): Entry[] {
  const root = r.deref(doc.contents)
  if (r.kind(root) !== 'map') {
    r.error(root, `expected ${what} (a map), got ${r.describe(root)}`)
    return []
  }
  return r.entries(root, 'the file')
}

function checkedSource(r: NodeReader, source: string, offset: number): boolean {
  try {
    parseReference(source, NO_DEFAULT_TAG)
    return true
  } catch (err) {
    r.errors.at(offset, err instanceof Error ? err.message : String(err))
    return false
  }
}

const SKOPEO_KEYS = [
  'images',
  'images-by-tag-regex',
  'images-by-semver',
  'credentials',
  'tls-verify',
  'cert-dir'
]

/** skopeo sync --src yaml: registry → { images, images-by-tag-regex, images-by-semver, tls-verify, … }. */
function importSkopeo(r: NodeReader, doc: Document): Imported {
  const out = emptyImport()
  for (const reg of rootEntries(r, doc, 'registry → settings')) {
    const where = `"${reg.key}"`
    if (r.kind(reg.value) !== 'map') {
      r.typeError(reg, where, 'a map (images, images-by-tag-regex, tls-verify, …)')
      continue
    }
    const known = r.known(r.entries(reg.value, where), SKOPEO_KEYS, where)
    if (known.has('credentials')) {
      out.notes.push(`credentials for ${reg.key} were not imported: pass them with the credentials input.`)
    }
    const cert = known.get('cert-dir')
    if (cert) {
      out.notes.push(
        `cert-dir ${r.text(cert.value) ?? ''} of ${reg.key} was not imported: set registries."${reg.key}".ca-file / cert-file / key-file.`
      )
    }
    const tls = known.get('tls-verify')
    if (tls) {
      const v = r.bool(tls, `${where}.tls-verify`)
      if (v === false) out.registries.set(reg.key, { insecure: true })
    }
    const byTag = new Map<string, ImportedEntry>()
    const images = known.get('images')
    if (images && r.kind(images.value) !== 'map')
      r.typeError(images, `${where}.images`, 'a map of repository → tags')
    for (const img of images ? r.entries(images.value, `${where}.images`) : []) {
      const repo = `${reg.key}/${img.key}`
      if (!checkedSource(r, repo, img.offset)) continue
      const k = r.kind(img.value)
      const items = k === 'null' || isEmptyList(r, img) ? [] : r.stringList(img, repo)
      if (items === undefined) continue
      const tags: string[] = []
      for (const it of items) {
        if (/^[a-z0-9]+:/.test(it.value)) {
          if (checkedSource(r, `${repo}@${it.value}`, it.offset)) {
            out.entries.push({ source: `${repo}@${it.value}` })
          }
        } else if (tagPatternError(it.value) === undefined) {
          tags.push(it.value)
        } else {
          r.errors.at(it.offset, `${repo}: ${tagPatternError(it.value)}`)
        }
      }
      if (items.length === 0) byTag.set(repo, { source: repo, tags: ['*'] })
      else if (tags.length === 1) out.entries.push({ source: `${repo}:${tags[0]}` })
      else if (tags.length > 1) byTag.set(repo, { source: repo, tags })
    }
    const regexes = known.get('images-by-tag-regex')
    for (const img of regexes ? r.entries(regexes.value, `${where}.images-by-tag-regex`) : []) {
      const repo = `${reg.key}/${img.key}`
      const re = r.string(img, repo)
      if (re === undefined || !checkedSource(r, repo, img.offset)) continue
      const pattern = goRegexToTagPattern(re)
      const problem = tagPatternError(pattern)
      if (problem) {
        r.errors.at(r.valueOffset(img), `${repo}: ${problem}`)
        continue
      }
      const prev = byTag.get(repo)
      // Both lists select tags of one repository: one `tags` list is their union.
      if (prev && prev.tags && !prev.tags.includes('*')) prev.tags.push(pattern)
      else if (!prev) byTag.set(repo, { source: repo, tags: [pattern] })
    }
    out.entries.push(...byTag.values())
    const semvers = known.get('images-by-semver')
    for (const img of semvers ? r.entries(semvers.value, `${where}.images-by-semver`) : []) {
      const repo = `${reg.key}/${img.key}`
      const c = r.string(img, repo)
      if (c === undefined || !checkedSource(r, repo, img.offset)) continue
      const range = goSemverToRange(c)
      if (validSemverRange(range) === undefined) {
        r.errors.at(r.valueOffset(img), `${repo}: cannot convert the semver constraint "${c}"`)
        continue
      }
      out.entries.push({ source: repo, semver: range })
    }
  }
  return out
}

function isEmptyList(r: NodeReader, e: Entry): boolean {
  const n = r.deref(e.value) as { items?: unknown[] } | null
  return Array.isArray(n?.items) && n.items.length === 0
}
