import type { StateStore } from '../activeProfile';

/** A disabled old key waiting to be deleted; nothing secret, so it may live in globalState. */
export interface DeleteReminder {
  readonly accessKeyId: string;
  readonly userName?: string;
  readonly accountId: string;
  /** The rotated profile, and the profile whose key may delete the old one. */
  readonly profileId: string;
  readonly profileName: string;
  readonly managerProfileId: string;
  readonly disabledAt: string;
  /** Ask again from this time on. */
  readonly remindAt: string;
}

const KEY = 'alibabaCloud.ram.deleteReminders';
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long an old key stays disabled before we suggest deleting it. */
export const DELETE_REMINDER_DAYS = 7;

export class RotationReminders {
  constructor(private readonly state: StateStore, private readonly now: () => Date = () => new Date()) {}

  all(): DeleteReminder[] {
    return [...(this.state.get<DeleteReminder[]>(KEY) ?? [])];
  }

  due(): DeleteReminder[] {
    const now = this.now().getTime();
    return this.all().filter((r) => Date.parse(r.remindAt) <= now);
  }

  find(accessKeyId: string): DeleteReminder | undefined {
    return this.all().find((r) => r.accessKeyId === accessKeyId);
  }

  async add(reminder: Omit<DeleteReminder, 'remindAt' | 'disabledAt'>, days = DELETE_REMINDER_DAYS): Promise<DeleteReminder> {
    const now = this.now();
    const full: DeleteReminder = {
      ...reminder,
      disabledAt: now.toISOString(),
      remindAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
    };
    await this.state.update(KEY, [...this.all().filter((r) => r.accessKeyId !== reminder.accessKeyId), full]);
    return full;
  }

  async snooze(accessKeyId: string, days = DELETE_REMINDER_DAYS): Promise<void> {
    const remindAt = new Date(this.now().getTime() + days * DAY_MS).toISOString();
    await this.state.update(KEY, this.all().map((r) => (r.accessKeyId === accessKeyId ? { ...r, remindAt } : r)));
  }

  async remove(accessKeyId: string): Promise<void> {
    const all = this.all();
    if (all.some((r) => r.accessKeyId === accessKeyId)) {
      await this.state.update(KEY, all.filter((r) => r.accessKeyId !== accessKeyId));
    }
  }
}
