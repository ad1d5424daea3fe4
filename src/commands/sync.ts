/** `mirror-action sync`: not yet implemented. Returns the process exit code. */
export async function syncCommand(_args: string[]): Promise<number> {
  process.stderr.write('mirror-action sync: not yet implemented\n')
  return 2
}
