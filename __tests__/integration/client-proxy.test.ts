/**
 * HTTP(S)_PROXY from the environment: a forward proxy on loopback stands between the client and a
 * registry addressed by a name that never resolves (`.invalid`), so only the proxy can reach it —
 * nothing leaves the machine. Loopback registries stay direct.
 */
import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createServer, request, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import {
  buildImage,
  pushImage,
  startRegistry,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { testClient } from './client-helpers.js'

jest.setTimeout(120_000)

interface ForwardProxy {
  url: string
  /** `CONNECT host:port` and `GET http://host/...` lines, in order. */
  seen: string[]
  stop(): Promise<void>
}

/** Forwards absolute-form requests and CONNECT tunnels for any host to `target` (a loopback port). */
async function startForwardProxy(target: { host: string; port: number }): Promise<ForwardProxy> {
  const seen: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    const u = new URL(req.url ?? '/')
    const out = request(
      {
        host: target.host,
        port: target.port,
        method: req.method,
        path: u.pathname + u.search,
        headers: req.headers
      },
      up => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      }
    )
    out.on('error', () => res.destroy())
    req.pipe(out)
  })
  server.on('connection', s => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('connect', (req, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`)
    const up = connect(target.port, target.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      up.write(head)
      up.pipe(client)
      client.pipe(up)
    })
    const close = () => {
      up.destroy()
      client.destroy()
    }
    up.on('error', close)
    client.on('error', close)
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise(r => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      })
  }
}

describe('proxies from the environment', () => {
  let reg: StartedRegistry
  let img: BuiltImage
  let proxy: ForwardProxy
  const saved = { ...process.env }
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'anonymous' })
    img = buildImage({ seed: 'proxy-img' })
    await pushImage(reg, 'p/app', 'v1', img)
    proxy = await startForwardProxy({ host: '127.0.0.1', port: Number(reg.host.split(':')[1]) })
  })
  afterEach(() => {
    for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
      if (saved[k] === undefined) delete process.env[k]
      else process.env[k] = saved[k]
    }
  })
  afterAll(async () => {
    await proxy?.stop()
    await reg?.stop()
  })

  test('a non-loopback registry is reached through HTTPS_PROXY/HTTP_PROXY ', async () => {
    for (const k of ['http_proxy', 'https_proxy', 'no_proxy', 'NO_PROXY']) delete process.env[k]
    process.env.HTTPS_PROXY = proxy.url
    process.env.HTTP_PROXY = proxy.url
    const host = `registry.invalid:${reg.host.split(':')[1]}`
    // insecure: this registry speaks plain HTTP, so HTTPS is tried and then HTTP.
    const { client, done } = await testClient({}, { registries: { [host]: { insecure: true } } })
    try {
      proxy.seen.length = 0
      const m = await client.manifestGet({ registry: host, repository: 'p/app', tag: 'v1' })
      expect(m.digest).toBe(img.manifest.digest)
      // undici tunnels plain HTTP through CONNECT too: one for the HTTPS try, then the HTTP requests.
      expect(proxy.seen.length).toBeGreaterThanOrEqual(2)
      expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT ${host}`]))
    } finally {
      await done()
    }
  })

  test('loopback registries stay direct even with a proxy set', async () => {
    process.env.HTTPS_PROXY = proxy.url
    process.env.HTTP_PROXY = proxy.url
    const { client, done } = await testClient()
    try {
      proxy.seen.length = 0
      expect((await client.manifestGet({ registry: reg.host, repository: 'p/app', tag: 'v1' })).digest).toBe(
        img.manifest.digest
      )
      expect(proxy.seen).toEqual([])
    } finally {
      await done()
    }
  })
})
