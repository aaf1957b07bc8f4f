// A minimal event emitter with the shape of vscode.Event, so model code needs no `vscode` import.
export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (e: T) => unknown) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(e: T) => unknown>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      listener(value);
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}

/** One event that fires whenever any of `events` fires. */
export function anyEvent<T>(...events: ReadonlyArray<Event<T>>): Event<T> {
  return (listener) => {
    const subscriptions = events.map((e) => e(listener));
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  };
}
