import type { AccessLogEntry } from '../__tests__/harness/index.js'

/** What each tool asked of the source and of the target, from the registries' own access logs. */
export interface RequestCounts {
  total: number
  manifestGet: number // answered 2xx/3xx: Docker Hub bills these
  manifestGetMissing: number // answered 4xx, e.g. probing the sha256-<hex> referrers fallback tag
  manifestHead: number
  manifestPut: number
  blobHead: number
  blobGet: number
  uploadStart: number // POST /blobs/uploads/ (including mount attempts)
  mounts: number // POST …?mount= answered 201
  blobUploads: number // completed uploads: PUT …/blobs/uploads/…?digest= or monolithic POST ?digest= (201)
  patch: number
  tagList: number
  referrers: number // GET /v2/NAME/referrers/DIGEST
  other: number
}

export function emptyCounts(): RequestCounts {
  return {
    total: 0,
    manifestGet: 0,
    manifestGetMissing: 0,
    manifestHead: 0,
    manifestPut: 0,
    blobHead: 0,
    blobGet: 0,
    uploadStart: 0,
    mounts: 0,
    blobUploads: 0,
    patch: 0,
    tagList: 0,
    referrers: 0,
    other: 0
  }
}

// The base /v2/ ping and token requests count in `total` and `other` only.
export function countRequests(log: AccessLogEntry[]): RequestCounts {
  const c = emptyCounts()
  for (const e of log) {
    c.total++
    const path = e.path.split('?')[0]
    const query = e.path.includes('?') ? e.path.slice(e.path.indexOf('?') + 1) : ''
    const isManifest = /\/manifests\/[^/]+$/.test(path)
    const isBlob = /\/blobs\/sha256:[0-9a-f]+$/.test(path)
    const isUpload = /\/blobs\/uploads\/?/.test(path)
    if (isManifest && e.method === 'GET' && e.status >= 400) c.manifestGetMissing++
    else if (isManifest && e.method === 'GET') c.manifestGet++
    else if (isManifest && e.method === 'HEAD') c.manifestHead++
    else if (isManifest && e.method === 'PUT') c.manifestPut++
    else if (isBlob && e.method === 'HEAD') c.blobHead++
    else if (isBlob && e.method === 'GET') c.blobGet++
    else if (isUpload && e.method === 'POST') {
      c.uploadStart++
      if (/(^|&)mount=/.test(query) && e.status === 201) c.mounts++
      else if (/(^|&)digest=/.test(query) && e.status === 201) c.blobUploads++
    } else if (isUpload && e.method === 'PATCH') c.patch++
    else if (isUpload && e.method === 'PUT') {
      if (e.status === 201) c.blobUploads++
    } else if (/\/tags\/list$/.test(path) && e.method === 'GET') c.tagList++
    else if (/\/referrers\/sha256:[0-9a-f]+$/.test(path) && e.method === 'GET') c.referrers++
    else c.other++
  }
  return c
}
