/** Bad flags or arguments: the command prints its usage hint and exits 2. */
export class UsageError extends Error {}
