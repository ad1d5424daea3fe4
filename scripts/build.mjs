// Bundles the action and the CLI into dist/ as ESM. The toolkit is ESM-only; some of its
// dependencies are CommonJS and call require(), hence the createRequire banner.
import { build } from 'esbuild'
import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

// --outdir lets tests bundle into a temp dir without touching the committed dist/.
const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } })
const outdir = values.outdir

const banner = {
  js: "import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);"
}
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  banner
}
await build({ ...common, entryPoints: ['src/index.ts'], outfile: join(outdir, 'index.js') })
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: join(outdir, 'cli.js'),
  banner: { js: '#!/usr/bin/env node\n' + banner.js }
})
await chmod(join(outdir, 'cli.js'), 0o755)
