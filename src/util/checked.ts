/** A validation result: the cleaned value, or a message to show in the input box. */
export type CheckedValue<T> = { ok: true; value: T } | { ok: false; message: string };
