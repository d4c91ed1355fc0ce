import { describe, expect, it } from 'vitest';
import { firstLaunchRequest, LaunchRequestQueue, startsHiddenAt, type LaunchRequest } from '../../electron/main/desktop/second-launch';

describe('launch requests during start-up', () => {
  it('waits for start-up, then carries out each kind once, in order; later ones run at once', () => {
    const queue = new LaunchRequestQueue();
    const done: LaunchRequest[] = [];
    queue.push('voice');
    queue.push('quickAsk');
    queue.push('voice');
    expect(done).toEqual([]);
    queue.ready((r) => done.push(r));
    expect(done).toEqual(['voice', 'quickAsk']);
    queue.push('voice');
    queue.push('show');
    expect(done).toEqual(['voice', 'quickAsk', 'voice', 'show']);
  });

  it('the first launch itself may ask for voice or quick ask', () => {
    expect(firstLaunchRequest(['/opt/FROK/frok', '--voice'])).toBe('voice');
    expect(firstLaunchRequest(['/opt/FROK/frok', '--quick-ask'])).toBe('quickAsk');
    expect(firstLaunchRequest(['/opt/FROK/frok'])).toBeNull();
    expect(firstLaunchRequest(['/opt/FROK/frok', '--hidden'])).toBeNull();
  });

  it('starts hidden with --hidden, or on macOS when the system opened it at login', () => {
    const never = () => false;
    expect(startsHiddenAt({ argv: ['frok', '--hidden'], platform: 'linux', wasOpenedAtLogin: never })).toBe(true);
    expect(startsHiddenAt({ argv: ['frok'], platform: 'linux', wasOpenedAtLogin: () => true })).toBe(false);
    expect(startsHiddenAt({ argv: ['FROK'], platform: 'darwin', wasOpenedAtLogin: () => true })).toBe(true);
    expect(startsHiddenAt({ argv: ['FROK'], platform: 'darwin', wasOpenedAtLogin: never })).toBe(false);
  });
});
