import { describe, expect, it, vi } from 'vitest';
import { createNotifier, type NotificationClassLike } from '../../electron/main/desktop/notifications/notifier';
import { NOTIFICATION_BODY_MAX, runFinishedNotification, shouldNotify, truncateForNotification } from '../../electron/main/desktop/notifications/run-notifications';
import { createMemoryLogger } from '../../electron/main/logger';

describe('shouldNotify', () => {
  it('tells the person when no FROK window is in front of them', () => {
    expect(shouldNotify({ windowsVisible: false, windowFocused: false, source: 'quick-ask' })).toBe(true);
    expect(shouldNotify({ windowsVisible: false, windowFocused: false, source: 'conversation' })).toBe(true);
    // Visible but behind another app.
    expect(shouldNotify({ windowsVisible: true, windowFocused: false, source: 'conversation' })).toBe(true);
  });

  it('stays quiet while they are looking at FROK, and for voice (the answer is spoken)', () => {
    expect(shouldNotify({ windowsVisible: true, windowFocused: true, source: 'quick-ask' })).toBe(false);
    expect(shouldNotify({ windowsVisible: true, windowFocused: true, source: 'conversation' })).toBe(false);
    expect(shouldNotify({ windowsVisible: false, windowFocused: false, source: 'voice' })).toBe(false);
  });
});

describe('the notification text', () => {
  it('is one line of plain text, cut at a word with an ellipsis', () => {
    expect(truncateForNotification('**Sunny**, 21 °C\n\nin `Paris`')).toBe('Sunny, 21 °C in Paris');
    expect(truncateForNotification('See [the docs](https://example.com) now')).toBe('See the docs now');
    expect(truncateForNotification('Run:\n```\nrm -rf /\n```\ndone')).toBe('Run: [code] done');
    const long = 'word '.repeat(100);
    const cut = truncateForNotification(long);
    expect(cut.length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX);
    expect(cut).toMatch(/word…$/);
    const noSpaces = 'x'.repeat(400);
    expect(truncateForNotification(noSpaces)).toHaveLength(NOTIFICATION_BODY_MAX);
  });

  it('names the quick ask in the title, and never has an empty body', () => {
    expect(runFinishedNotification({ source: 'quick-ask', query: 'Weather in Paris?', response: 'Sunny.' })).toEqual({ title: 'FROK answered: Weather in Paris?', body: 'Sunny.' });
    expect(runFinishedNotification({ source: 'conversation', query: 'q', response: '  ' })).toEqual({ title: 'FROK’s specialists have finished', body: 'The answer is ready in FROK.' });
  });
});

describe('createNotifier', () => {
  function notificationClass(supported = true) {
    const made: { options: unknown; shown: boolean; click?: () => void }[] = [];
    class FakeNotification {
      static isSupported = () => supported;
      entry: (typeof made)[number];
      constructor(options: unknown) {
        this.entry = { options, shown: false };
        made.push(this.entry);
      }
      on(_event: 'click', listener: () => void) {
        this.entry.click = listener;
      }
      show() {
        this.entry.shown = true;
      }
    }
    return { made, NotificationClass: FakeNotification as unknown as NotificationClassLike };
  }

  it('shows the notification and runs onClick when it is clicked', () => {
    const { made, NotificationClass } = notificationClass();
    const onClick = vi.fn();
    createNotifier(NotificationClass, createMemoryLogger())({ title: 'T', body: 'B', onClick });
    expect(made).toEqual([expect.objectContaining({ options: { title: 'T', body: 'B' }, shown: true })]);
    made[0]!.click!();
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('does nothing where notifications are not supported, and never throws', () => {
    const { made, NotificationClass } = notificationClass(false);
    createNotifier(NotificationClass, createMemoryLogger())({ title: 'T', body: 'B' });
    expect(made).toEqual([]);
    const log = createMemoryLogger();
    const Broken = { isSupported: () => true } as unknown as NotificationClassLike;
    expect(() => createNotifier(Broken, log)({ title: 'T', body: 'B' })).not.toThrow();
    expect(log.lines[0]).toMatchObject({ level: 'warn' });
  });
});
