/** A bad input: main.ts fails the step with this message. */
export class InputError extends Error {
  override name = 'InputError'
}
