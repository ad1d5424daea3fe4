/**
 * The floor of scenario 2 (2d): what any Node program needs for a no-change rerun with state, and
 * nothing else. It sends the requests mirror-action sends to the source (each repository's tag
 * list, then a HEAD per tag), through the same undici modules and bundle shims, and prints the
 * digests. No config, no state, no TLS probe, no report: the distance from mirror-action to this
 * is our own overhead; the distance from this to skopeo is Node's and undici's.
 *
 *   node floor.js HOST REPO...   (plain HTTP, as the bench's registries)
 */
import { Agent, request } from '../src/http/index.js'

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

const [host, ...repos] = process.argv.slice(2)
const agent = new Agent({ connections: 8 })
const base = `http://${host}`
let failed = 0
await Promise.all(
  repos.map(async repo => {
    const list = await request(new URL(`${base}/v2/${repo}/tags/list`), { method: 'GET', dispatcher: agent })
    const { tags } = (await list.body.json()) as { tags: string[] }
    await Promise.all(
      tags.map(async tag => {
        const url = new URL(`${base}/v2/${repo}/manifests/${tag}`)
        const res = await request(url, {
          method: 'HEAD',
          headers: { accept: ACCEPT },
          reset: false,
          dispatcher: agent
        })
        await res.body.dump()
        if (res.statusCode !== 200) failed++
        process.stdout.write(`${repo}:${tag} ${String(res.headers['docker-content-digest'])}\n`)
      })
    )
  })
)
await agent.close()
process.exitCode = failed ? 1 : 0
