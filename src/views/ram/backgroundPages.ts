import type { ProfileSession } from '../../credentials/profileSessions';
import type { Log } from '../../util/log';

/** An answer that may have failed; the view shows the error and retries on click. */
export type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** One page of a Marker-paged RAM list; no marker on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly marker?: string;
}

/** Items shown at once; "Show more" adds as many again. */
export const DISPLAY_STEP = 1000;

/**
 * One generation's Marker-paged RAM list (users, roles): every page, loaded in the background once
 * asked for, and how many of them are shown. Answers that arrive once the generation is no longer
 * current are dropped; after a failed page, Retry continues from the marker where it stopped.
 */
export class BackgroundPages<T> {
  readonly list: T[] = [];
  private marker: string | undefined;
  private started = false;
  protected loading = false;
  protected done = false;
  protected error: unknown;
  private firstPage: Promise<void> | undefined;
  /** Settles when every page is in, or loading stopped on an error. */
  finished: Promise<void> | undefined;
  displayLimit = DISPLAY_STEP;

  constructor(
    private readonly fetch: (session: ProfileSession, marker: string | undefined) => Promise<Page<T>>,
    private readonly session: () => Promise<ProfileSession | undefined>,
    private readonly isCurrent: () => boolean,
    private readonly changed: () => void,
    private readonly log: Log,
    /** What the items are, for the log: "users", "roles". */
    private readonly noun: string,
  ) {}

  /** Starts loading every page (once); resolves when the first page or an error is in. */
  load(): Promise<void> {
    if (!this.started) {
      this.start();
    }
    return this.firstPage ?? Promise.resolve();
  }

  /** Resolves when every page is in, or loading stopped on an error. */
  async whenLoaded(): Promise<void> {
    await this.load();
    await this.finished;
  }

  showMore(): void {
    this.displayLimit += DISPLAY_STEP;
    this.changed();
  }

  retry(): void {
    if (this.loading || this.done) {
      return;
    }
    this.error = undefined;
    this.start();
  }

  /** The items matching `matches`, at most the display limit of them, with the counts. */
  protected shown(matches: ((item: T) => boolean) | undefined): { items: readonly T[]; matching: number; total: number } {
    const matching = matches ? this.list.filter(matches) : this.list;
    return { items: matching.slice(0, this.displayLimit), matching: matching.length, total: this.list.length };
  }

  private start(): void {
    this.started = true;
    this.loading = true;
    let firstDone: () => void = () => undefined;
    this.firstPage = new Promise<void>((resolve) => (firstDone = resolve));
    this.finished = (async () => {
      const current = await this.session();
      if (!current) {
        this.loading = false;
        firstDone();
        return;
      }
      const started = Date.now();
      try {
        do {
          const page = await this.fetch(current, this.marker);
          if (!this.isCurrent()) {
            firstDone();
            return; // a late answer for an old generation
          }
          this.list.push(...page.items);
          this.marker = page.marker;
          this.done = !page.marker;
          this.loading = !this.done;
          firstDone();
          this.changed();
        } while (!this.done);
        this.log.info(`[ram] ${this.list.length} ${this.noun} loaded in ${Date.now() - started} ms`);
      } catch (error) {
        if (!this.isCurrent()) {
          firstDone();
          return;
        }
        this.loading = false;
        this.error = error;
        firstDone();
        this.changed();
      }
    })();
  }
}
