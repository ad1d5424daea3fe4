/**
 * A loopback stand-in for GitHub's cache service v2, speaking exactly what @actions/cache 6 sends:
 * Twirp JSON calls (CreateCacheEntry, FinalizeCacheEntryUpload, GetCacheEntryDownloadURL) with the
 * runtime token as Bearer, the Azure Blob SDK's upload to the signed URL (a single `PUT` with
 * `x-ms-blob-type: BlockBlob`, or `comp=block` + `comp=blocklist` for large archives), and a plain GET
 * of the signed download URL. Entries become visible only once finalized, and a lookup matches the
 * exact key first, then the newest entry whose key starts with a restore key, version included.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/'
const ACCOUNT = 'devstoreaccount1'

export interface CacheEntry {
  id: number
  key: string
  version: string
  finalized: boolean
  data?: Buffer
  blocks: Map<string, Buffer>
  createdAt: number
}

export interface CacheServiceRequest {
  method: string
  path: string
  status: number
}

export interface FakeCacheService {
  url: string
  /** What the runner would set for a step: merge into the action's environment. */
  env: Record<string, string>
  requests(): CacheServiceRequest[]
  entries(): { key: string; version: string; size: number; finalized: boolean }[]
  stop(): Promise<void>
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export async function startCacheService(): Promise<FakeCacheService> {
  const token = randomBytes(16).toString('hex')
  const sig = randomBytes(16).toString('hex')
  const entries: CacheEntry[] = []
  const log: CacheServiceRequest[] = []
  let nextId = 1
  let clock = 0
  let base = ''

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    res.end(text)
  }

  const twirp = (method: string, body: Record<string, unknown>, res: ServerResponse): void => {
    const key = String(body.key ?? '')
    const version = String(body.version ?? '')
    switch (method) {
      case 'CreateCacheEntry': {
        if (entries.some(e => e.key === key && e.version === version)) {
          return json(res, 200, { ok: false, message: `cache entry with key ${key} already exists` })
        }
        const e: CacheEntry = {
          id: nextId++,
          key,
          version,
          finalized: false,
          blocks: new Map(),
          createdAt: clock++
        }
        entries.push(e)
        return json(res, 200, {
          ok: true,
          signed_upload_url: `${base}/blob/${ACCOUNT}/caches/${e.id}?sig=${sig}&sp=w`
        })
      }
      case 'FinalizeCacheEntryUpload': {
        const e = entries.find(x => x.key === key && x.version === version && !x.finalized)
        if (!e || !e.data || String(e.data.length) !== String(body.size_bytes)) {
          return json(res, 200, { ok: false, message: 'no uploaded entry of that size' })
        }
        e.finalized = true
        return json(res, 200, { ok: true, entry_id: String(e.id) })
      }
      case 'GetCacheEntryDownloadURL': {
        const done = entries.filter(e => e.finalized && e.version === version)
        const newest = (list: CacheEntry[]): CacheEntry | undefined =>
          list.sort((a, b) => b.createdAt - a.createdAt)[0]
        let hit = done.find(e => e.key === key)
        for (const prefix of (body.restore_keys as string[] | undefined) ?? []) {
          hit ??= newest(done.filter(e => e.key.startsWith(prefix)))
        }
        if (!hit) return json(res, 200, { ok: false })
        return json(res, 200, {
          ok: true,
          signed_download_url: `${base}/download/${hit.id}?sig=${sig}`,
          matched_key: hit.key
        })
      }
      default:
        return json(res, 404, { code: 'bad_route', msg: `no method ${method}` })
    }
  }

  const blob = (req: IncomingMessage, url: URL, data: Buffer, res: ServerResponse): void => {
    const id = Number(url.pathname.split('/').pop())
    const e = entries.find(x => x.id === id)
    if (!e || e.finalized || url.searchParams.get('sig') !== sig) {
      res.writeHead(403, { 'x-ms-error-code': 'AuthenticationFailed' }).end()
      return
    }
    const headers = {
      etag: `"0x${id.toString(16)}"`,
      'last-modified': new Date(0).toUTCString(),
      'x-ms-request-id': randomBytes(8).toString('hex'),
      'x-ms-version': String(req.headers['x-ms-version'] ?? '2025-01-05'),
      'x-ms-request-server-encrypted': 'true'
    }
    const comp = url.searchParams.get('comp')
    if (comp === 'block') {
      e.blocks.set(String(url.searchParams.get('blockid')), data)
    } else if (comp === 'blocklist') {
      const ids = [...data.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map(
        m => m[1]!
      )
      e.data = Buffer.concat(ids.map(b => e.blocks.get(b) ?? Buffer.alloc(0)))
    } else if (req.headers['x-ms-blob-type'] === 'BlockBlob') {
      e.data = data
    } else {
      res.writeHead(400, { 'x-ms-error-code': 'MissingRequiredHeader' }).end()
      return
    }
    res.writeHead(201, headers).end()
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base)
      const data = await readBody(req)
      res.on('finish', () =>
        log.push({ method: req.method ?? '', path: url.pathname, status: res.statusCode })
      )
      if (url.pathname.startsWith(SERVICE) && req.method === 'POST') {
        if (req.headers.authorization !== `Bearer ${token}`)
          return json(res, 401, { code: 'unauthenticated', msg: 'bad token' })
        let body: Record<string, unknown>
        try {
          body = JSON.parse(data.toString('utf8') || '{}') as Record<string, unknown>
        } catch {
          return json(res, 400, { code: 'malformed', msg: 'not JSON' })
        }
        return twirp(url.pathname.slice(SERVICE.length), body, res)
      }
      if (url.pathname.startsWith(`/blob/${ACCOUNT}/`) && req.method === 'PUT')
        return blob(req, url, data, res)
      if (url.pathname.startsWith('/download/') && req.method === 'GET') {
        const e = entries.find(x => x.id === Number(url.pathname.split('/').pop()) && x.finalized)
        if (!e?.data || url.searchParams.get('sig') !== sig) return void res.writeHead(404).end()
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': e.data.length })
        return void res.end(e.data)
      }
      res.writeHead(404).end()
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    env: {
      ACTIONS_RESULTS_URL: `${base}/`,
      ACTIONS_RUNTIME_TOKEN: token,
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_CACHE_URL: '',
      GITHUB_SERVER_URL: 'https://github.com'
    },
    requests: () => [...log],
    entries: () =>
      entries.map(e => ({
        key: e.key,
        version: e.version,
        size: e.data?.length ?? 0,
        finalized: e.finalized
      })),
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
