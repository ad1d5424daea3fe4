/** `mirror-action inspect`: not yet implemented. Returns the process exit code. */
export async function inspectCommand(_args: string[]): Promise<number> {
  process.stderr.write('mirror-action inspect: not yet implemented\n')
  return 2
}
