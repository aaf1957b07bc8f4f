import * as assert from 'node:assert/strict';
import { CLEAR_AFTER_MS, SecretClipboard, type ClipboardAccess, type Timers } from '../../src/util/secretClipboard';
import { MemoryLog } from './fakes';

const SECRET = 'unit-secret-clipboard-not-real1';

class FakeClipboard implements ClipboardAccess {
  text = 'before';
  reads = 0;
  async readText(): Promise<string> {
    this.reads++;
    return this.text;
  }
  async writeText(value: string): Promise<void> {
    this.text = value;
  }
}

/** Timers that run only when told to: `advance(ms)` fires what is due. */
class FakeTimers implements Timers {
  now = 0;
  private readonly due = new Map<number, { at: number; callback: () => void }>();
  private next = 1;
  set(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, callback });
    return id;
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }
  get pending(): number {
    return this.due.size;
  }
  async advance(ms: number): Promise<void> {
    this.now += ms;
    for (const [id, timer] of [...this.due]) {
      if (timer.at <= this.now) {
        this.due.delete(id);
        timer.callback();
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the copied secret on the clipboard', () => {
  it('is taken off the desktop clipboard a minute later when still there', async () => {
    const clipboard = new FakeClipboard();
    const timers = new FakeTimers();
    const log = new MemoryLog();
    const guard = new SecretClipboard(clipboard, { uiKind: 'desktop', timers, log });
    assert.equal(guard.clearsItself, true);
    await guard.copy(SECRET);
    assert.equal(clipboard.text, SECRET);
    await timers.advance(CLEAR_AFTER_MS - 1);
    assert.equal(clipboard.text, SECRET, 'cleared too early');
    assert.equal(clipboard.reads, 0);
    await timers.advance(1);
    assert.equal(clipboard.text, '');
    assert.equal(CLEAR_AFTER_MS, 60_000);
    assert.ok(!log.lines.join('\n').includes(SECRET));
  });

  it('leaves alone what the person copied since', async () => {
    const clipboard = new FakeClipboard();
    const timers = new FakeTimers();
    await new SecretClipboard(clipboard, { uiKind: 'desktop', timers }).copy(SECRET);
    clipboard.text = 'something else';
    await timers.advance(CLEAR_AFTER_MS);
    assert.equal(clipboard.reads, 1);
    assert.equal(clipboard.text, 'something else');
  });

  it('never reads the clipboard in a browser, where reading would prompt the person', async () => {
    const clipboard = new FakeClipboard();
    const timers = new FakeTimers();
    const guard = new SecretClipboard(clipboard, { uiKind: 'web', timers });
    assert.equal(guard.clearsItself, false);
    await guard.copy(SECRET);
    assert.equal(timers.pending, 0);
    await timers.advance(10 * CLEAR_AFTER_MS);
    assert.equal(clipboard.reads, 0);
    assert.equal(clipboard.text, SECRET);
  });

  it('stops waiting when disposed', async () => {
    const clipboard = new FakeClipboard();
    const timers = new FakeTimers();
    const guard = new SecretClipboard(clipboard, { uiKind: 'desktop', timers });
    await guard.copy(SECRET);
    guard.dispose();
    assert.equal(timers.pending, 0);
    await timers.advance(CLEAR_AFTER_MS);
    assert.equal(clipboard.reads, 0);
  });

  it('logs a failed read by its name only', async () => {
    const clipboard = new FakeClipboard();
    clipboard.readText = () => Promise.reject(new TypeError(`clipboard held ${SECRET}`));
    const timers = new FakeTimers();
    const log = new MemoryLog();
    await new SecretClipboard(clipboard, { uiKind: 'desktop', timers, log }).copy(SECRET);
    await timers.advance(CLEAR_AFTER_MS);
    assert.deepEqual(log.lines, ['warn [clipboard] could not check the clipboard for the copied secret: TypeError']);
  });
});
