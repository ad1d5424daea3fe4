// Bundles the action and the CLI into dist/ as ESM. The toolkit is ESM-only; some of its
// dependencies are CommonJS and call require(), hence the createRequire banner.
//
// Code splitting: what a run may not need (the file transports, the GitHub API)
// is imported dynamically and lands in dist/chunks/, so a no-change rerun compiles and evaluates
// only what it uses. Chunks shared by the two entry points are emitted once.
import { build } from 'esbuild'
import { chmod, readFile, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

// --outdir lets tests bundle into a temp dir without touching the committed dist/; --entry
// NAME=FILE builds that entry point instead of the action and the CLI, the same way (bench/
// bundles its floor script so).
const { values } = parseArgs({
  options: {
    outdir: { type: 'string', default: 'dist' },
    entry: { type: 'string', multiple: true, default: [] }
  }
})
const outdir = values.outdir
const entryPoints = values.entry.length
  ? Object.fromEntries(values.entry.map(e => e.split('=', 2)))
  : { index: 'src/index.ts', cli: 'src/cli.ts' }

// Chunk names carry a content hash: remove the previous build's, or dist/ keeps stale files.
await rm(join(outdir, 'chunks'), { recursive: true, force: true })
// Two shims for our undici (the toolkit's own copy is left as it is), each worth a measurable part
// of a no-change rerun (bench/):
// - its HTTP/2 client loads node:http2, but the client never offers h2 (allowH2: false, so ALPN
//   cannot pick it): a stub that says so if ever reached;
// - it reads two values from node:http, which on Node 24 loads Node's own fetch stack (about 20 ms).
//   client.js wants the default header-size limit (Node's default, 16 KiB); core/util.js compares a
//   request body's constructor with IncomingMessage, and our bodies are never one.
const undiciDir = resolve('node_modules/undici/lib')
const shims = {
  'undici-client-h2': `module.exports = function connectH2 () {
  throw new Error('HTTP/2 is disabled in mirror-action (allowH2: false)')
}`,
  'undici-node-http': `module.exports = { maxHeaderSize: 16384, IncomingMessage: class NotUsedByMirrorAction {} }`
}
const undiciShims = {
  name: 'undici-shims',
  setup(b) {
    b.onResolve({ filter: /^\.\/client-h2\.js$/ }, args =>
      args.importer === join(undiciDir, 'dispatcher/client.js')
        ? { path: 'undici-client-h2', namespace: 'mirror-shim' }
        : undefined
    )
    b.onResolve({ filter: /^node:http$/ }, args => {
      if (!args.importer.startsWith(undiciDir + '/')) return undefined
      const known = ['dispatcher/client.js', 'core/util.js'].map(f => join(undiciDir, f))
      if (!known.includes(args.importer)) {
        return { errors: [{ text: `undici-shims: ${args.importer} imports node:http; review the shim` }] }
      }
      return { path: 'undici-node-http', namespace: 'mirror-shim' }
    })
    b.onLoad({ filter: /.*/, namespace: 'mirror-shim' }, args => ({
      contents: shims[args.path],
      loader: 'js'
    }))
  }
}

// The version goes into the bundle (src/registry/version.ts): an installed CLI has no package.json
// of ours to read at run time.
const { version } = JSON.parse(await readFile('package.json', 'utf8'))

await build({
  plugins: [undiciShims],
  define: { MIRROR_ACTION_VERSION: JSON.stringify(version) },
  entryPoints,
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);"
  }
})
if (entryPoints.cli) await chmod(join(outdir, 'cli.js'), 0o755)
