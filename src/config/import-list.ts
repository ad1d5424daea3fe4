/**
 * Plain image lists, one image per line, as docker_image_pusher's images.txt keeps them:
 * `IMAGE`, `IMAGE TARGET`, `--platform=os/arch IMAGE`, `#` comments and blank lines.
 *
 * Target names follow docker_image_pusher, so a switch keeps every pushed name: under the target
 * prefix, `[PLATFORM_][NAMESPACE_]NAME[:TAG]`, where PLATFORM is the `--platform` value as written
 * with `/` as `_`, and NAMESPACE (the path part before NAME: the 2nd of three parts, the 1st of two)
 * is added only when images of one NAME come from different namespaces. A digest is dropped from
 * the name, so `nginx@sha256:…` is pushed as `nginx` (tag `latest`), as `docker tag` does.
 */
import { formatPlatform, parsePlatform, parseReference, type Reference } from '../oci/index.js'
import { ErrorCollector } from './errors.js'
import { emptyImport, type Imported, type ImportedEntry } from './import-render.js'
import { NO_DEFAULT_TAG, lastComponent, transportOf } from './targets.js'

interface Token {
  text: string
  col: number
}

function tokens(line: string): Token[] {
  const out: Token[] = []
  const re = /\S+/g
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[0].startsWith('#')) break
    out.push({ text: m[0], col: m.index + 1 })
  }
  return out
}

interface ListEntry extends ImportedEntry {
  ref: Reference
  /** The image as written (docker_image_pusher names targets from the text, not the parsed ref). */
  text: string
  /** `--platform` as written, for the name. */
  platformText?: string
  line: number
}

export function importList(text: string, file: string, defaultsTarget: string | undefined): Imported {
  const errors = new ErrorCollector(file)
  const out = emptyImport()
  const byKey = new Map<string, ListEntry>()
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1
    let platform: string | undefined
    let platformText: string | undefined
    const rest: Token[] = []
    const toks = tokens(raw)
    for (let t = 0; t < toks.length; t++) {
      const tok = toks[t]
      if (tok.text.startsWith('--platform')) {
        const value = tok.text.startsWith('--platform=') ? tok.text.slice(11) : toks[++t]?.text
        try {
          if (value === undefined) throw new Error('missing value')
          platformText = value
          // Written back in its canonical spelling, so the generated config reads linux/amd64.
          platform = formatPlatform(parsePlatform(value))
        } catch (err) {
          errors.atLineCol(lineNo, tok.col, `--platform: ${(err as Error).message}`)
        }
      } else if (tok.text.startsWith('-')) {
        errors.atLineCol(
          lineNo,
          tok.col,
          `unknown option ${tok.text} (only --platform=os/arch is understood)`
        )
      } else {
        rest.push(tok)
      }
    }
    if (rest.length === 0) {
      if (platform !== undefined) errors.atLineCol(lineNo, 1, '--platform without an image')
      return
    }
    if (rest.length > 2) {
      errors.atLineCol(lineNo, rest[2].col, 'expected IMAGE or IMAGE TARGET on one line')
      return
    }
    let ref: Reference
    try {
      ref = parseReference(rest[0].text, NO_DEFAULT_TAG)
    } catch (err) {
      errors.atLineCol(lineNo, rest[0].col, err instanceof Error ? err.message : String(err))
      return
    }
    const target = rest[1]?.text
    if (target !== undefined && transportOf(target) === undefined) {
      try {
        parseReference(target, NO_DEFAULT_TAG)
      } catch (err) {
        errors.atLineCol(lineNo, rest[1].col, `target: ${err instanceof Error ? err.message : String(err)}`)
        return
      }
    }
    // `docker pull IMAGE` means IMAGE:latest; say so explicitly, since our config requires a tag or filter.
    const source = ref.tag === undefined && ref.digest === undefined ? `${rest[0].text}:latest` : rest[0].text
    // One platform per line is one pushed name per platform: the same image twice is one entry.
    const key = `${source} ${target ?? '~'} ${platform ?? ''}`
    if (byKey.has(key)) return
    const e: ListEntry = {
      source,
      target,
      ref,
      text: rest[0].text,
      platformText,
      line: lineNo,
      platforms: platform ? [platform] : undefined
    }
    byKey.set(key, e)
    out.entries.push(e)
  })
  errors.throwIfAny()
  pusherNames(out.entries as ListEntry[], defaultsTarget, errors)
  errors.throwIfAny()
  for (const e of out.entries as Partial<ListEntry>[]) {
    delete e.ref
    delete e.text
    delete e.platformText
    delete e.line
  }
  return out
}

/** docker_image_pusher's namespace of an image as written: 2nd of three parts, 1st of two, else none. */
function namespaceOf(text: string): string {
  const parts = text.split('/')
  return parts.length === 3 ? parts[1]! : parts.length === 2 ? parts[0]! : ''
}

/** NAME[:TAG] of an image as written: its last path part without a digest. */
function nameTagOf(text: string): string {
  return text.split('/').at(-1)!.replace(/@.*$/, '')
}

/**
 * Targets as docker_image_pusher names them (see the module comment). A name it would prefix
 * needs the prefix spelt out: without --target that is an error naming the line.
 */
function pusherNames(entries: ListEntry[], prefix: string | undefined, errors: ErrorCollector): void {
  const namespaces = new Map<string, Set<string>>()
  for (const e of entries) {
    // Lines with their own target (our extension) are not pushed under the prefix.
    if (e.target !== undefined) continue
    const name = nameTagOf(e.text).replace(/:.*$/, '')
    namespaces.set(name, (namespaces.get(name) ?? new Set()).add(namespaceOf(e.text)))
  }
  for (const e of entries) {
    if (e.target !== undefined) continue
    const nameTag = nameTagOf(e.text)
    const name = nameTag.replace(/:.*$/, '')
    const ns = namespaceOf(e.text)
    const nsPrefix = namespaces.get(name)!.size > 1 && ns ? `${ns}_` : ''
    const platformPrefix = e.platformText ? `${e.platformText.replace(/\//g, '_')}_` : ''
    const tagged = nameTag.includes(':') ? nameTag : `${nameTag}:latest`
    const pushed = `${platformPrefix}${nsPrefix}${tagged}`
    // `~` spells the same name when nothing is added and the source has its tag.
    if (pushed === `${lastComponent(e.ref.repository)}:${e.ref.tag ?? 'latest'}` && !e.ref.digest) continue
    if (prefix === undefined) {
      errors.atLineCol(
        e.line,
        1,
        `docker_image_pusher pushes this image as ${pushed} under the target namespace: give --target PREFIX to spell it`
      )
      continue
    }
    const target = `${prefix.replace(/\/+$/, '')}/${pushed}`
    try {
      parseReference(target, NO_DEFAULT_TAG)
    } catch (err) {
      errors.atLineCol(e.line, 1, `target ${target}: ${err instanceof Error ? err.message : String(err)}`)
      continue
    }
    e.target = target
  }
}
