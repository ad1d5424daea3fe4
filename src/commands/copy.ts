/** `mirror-action copy`: not yet implemented. Returns the process exit code. */
export async function copyCommand(_args: string[]): Promise<number> {
  process.stderr.write('mirror-action copy: not yet implemented\n')
  return 2
}
