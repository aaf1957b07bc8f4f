/**
 * Arguments from code: a plain object handed to executeCommand (a test, another extension, a
 * notification button with everything decided), as opposed to a tree node (an instance of one of
 * our node classes) or nothing (the palette). Such callers get no pickers, but every question that
 * lets a secret out or changes the cloud is still asked.
 */
export function isArgs<A extends object>(arg: A | undefined): arg is A;
export function isArgs(arg: unknown): arg is Record<string, unknown>;
export function isArgs(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && Object.getPrototypeOf(arg) === Object.prototype;
}

/**
 * A command's input: the node it ran on (or arguments), and the options. A tree node with
 * arguments as second argument (`executeCommand(id, node, { confirm: true })`) runs on that node
 * without dialogs, like arguments alone.
 */
export function commandInput<A extends object>(arg: unknown, options: unknown): { node: unknown; args: A; interactive: boolean } {
  if (isArgs(arg)) {
    return { node: undefined, args: arg as A, interactive: false };
  }
  if (isArgs(options)) {
    return { node: arg, args: options as A, interactive: false };
  }
  return { node: arg, args: {} as A, interactive: true };
}
