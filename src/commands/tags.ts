/** `mirror-action tags`: not yet implemented. Returns the process exit code. */
export async function tagsCommand(_args: string[]): Promise<number> {
  process.stderr.write('mirror-action tags: not yet implemented\n')
  return 2
}
