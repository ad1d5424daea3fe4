// Connections are reused, HEADs included: counted by TCP proxies in front of real registries.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import net from 'node:net'
import { CopyEngine, DEFAULT_PER_REGISTRY_CONCURRENCY } from '../../src/copy/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { testClient } from './client-helpers.js'
import { destination, rawManifest, source } from './copy-helpers.js'

interface CountingProxy {
  /** What goes in image references instead of the registry's host. */
  registry: StartedRegistry
  connections(): number
  stop(): Promise<void>
}

/** A plain TCP relay to `reg` that counts the connections it accepts. */
async function countingProxy(reg: StartedRegistry): Promise<CountingProxy> {
  const port = Number(reg.host.split(':')[1])
  let n = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer(client => {
    n++
    const upstream = net.connect(port, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', () => {})
      s.on('close', () => sockets.delete(s))
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  const host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`
  return {
    registry: { ...reg, host, url: `http://${host}` },
    connections: () => n,
    stop: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>(r => server.close(() => r()))
    }
  }
}

/** A server speaking raw HTTP/1.1 on one socket per connection, to see exactly what the client reuses. */
async function rawServer(headBody: string) {
  let n = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer(s => {
    n++
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
    let buf = ''
    s.on('data', d => {
      buf += d.toString('latin1')
      for (let i = buf.indexOf('\r\n\r\n'); i >= 0; i = buf.indexOf('\r\n\r\n')) {
        const method = buf.slice(0, buf.indexOf(' '))
        buf = buf.slice(i + 4)
        // A HEAD answer announces the GET's length and sends no body (or, broken, one anyway).
        if (method === 'HEAD') s.write(`HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n${headBody}`)
        else s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
      }
    })
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v2/`,
    connections: () => n,
    stop: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>(r => server.close(() => r()))
    }
  }
}

describe('keep-alive', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
  })
  afterAll(async () => {
    await Promise.all([src?.stop(), dst?.stop()])
  })

  test('a cold copy of a 3-platform index reuses connections: at most twice the per-registry concurrency on each side', async () => {
    const img = buildImage({
      seed: 'keepalive',
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      layerSizes: [4096, 4096, 8192]
    })
    await pushImage(src, 'ka/app', 'v1', img)
    const [srcProxy, dstProxy] = await Promise.all([countingProxy(src), countingProxy(dst)])
    const { client, done } = await testClient()
    try {
      const r = await new CopyEngine().copy(
        source(client, srcProxy.registry, 'ka/app:v1'),
        destination(client, dstProxy.registry, 'ka/app:v1'),
        'v1'
      )
      expect(r.blobsCopied).toBe(img.blobs.length)
      expect((await rawManifest(dst, 'ka/app:v1')).equals(img.manifest.bytes)).toBe(true)
      // Without reuse every HEAD (blob checks, tag lookups) costs the target a connection: 25-40
      // for this image. With it: the HTTPS probe, then up to the limiter's slots, plus a few opened
      // while a finished request's body is still being drained.
      const bound = 2 * DEFAULT_PER_REGISTRY_CONCURRENCY + 1
      expect(srcProxy.connections()).toBeLessThanOrEqual(bound)
      expect(dstProxy.connections()).toBeLessThanOrEqual(bound)
    } finally {
      await done()
      await Promise.all([srcProxy.stop(), dstProxy.stop()])
    }
  })

  test.each([
    ['no body (as the protocol says): connections are reused', '', 2],
    ['a stray body (a broken server): that connection is dropped, no request fails', 'hello', Infinity]
  ])('a HEAD answered with a Content-Length and %s', async (_what, headBody, connections) => {
    const server = await rawServer(headBody)
    const { client, done } = await testClient()
    try {
      for (let i = 0; i < 4; i++) {
        const head = await client.session.http.request({ method: 'HEAD', url: server.url })
        expect([head.status, head.headers['content-length']]).toEqual([200, '1234'])
        await head.body?.dump()
        const get = await client.session.http.request({ method: 'GET', url: server.url, bufferLimit: 100 })
        expect([get.status, get.data?.toString()]).toEqual([200, 'ok'])
      }
      // The pool may open a second socket while the first HEAD's (empty) body is being released.
      expect(server.connections()).toBeLessThanOrEqual(connections)
    } finally {
      await done()
      await server.stop()
    }
  })
})
