/**
 * When the voice screen hears of a change. A realtime event is handled in the data
 * channel's task, where the SDK may be carrying a tool call to main: a render there (or
 * while main's answer is on its way back) makes the call wait. So a change is delivered:
 *  - at once when the person did it (`byPerson`: a pressed button shows its effect);
 *  - in a task of its own, right after, when `phase` changed (the session opening, say);
 *  - otherwise before the next paint, all of a frame's changes in one render;
 *  - but while `holdMs` says to wait (a tool call under way, a session being opened), not
 *    before it is over or the hold runs out (the source notifies again when it is over).
 * Plain code over an injected clock, so the rules have unit tests.
 */
export type Subscribe = (listener: () => void) => () => void;

export interface ScheduleRules {
  byPerson?: () => boolean;
  phase?: () => unknown;
  holdMs?: () => number;
}

export interface ScheduleClock {
  /** Before the next paint; returns a cancel. */
  frame(run: () => void): () => void;
  /** A task of its own, after the current one. */
  task(run: () => void): void;
  after(ms: number, run: () => void): () => void;
  /** The subscription ended: let go of what the clock holds. */
  close?(): void;
}

export const browserClock = (): ScheduleClock => {
  const channel = new MessageChannel();
  const queued: (() => void)[] = [];
  channel.port1.onmessage = () => queued.shift()?.();
  return {
    frame(run) {
      const id = requestAnimationFrame(run);
      return () => cancelAnimationFrame(id);
    },
    task(run) {
      queued.push(run);
      channel.port2.postMessage(null);
    },
    after(ms, run) {
      const id = setTimeout(run, ms);
      return () => clearTimeout(id);
    },
    close: () => channel.port1.close(),
  };
};

export function scheduled(subscribe: Subscribe, rules: ScheduleRules = {}, clock: () => ScheduleClock = browserClock): Subscribe {
  const byPerson = rules.byPerson ?? (() => false);
  const phase = rules.phase ?? (() => null);
  const holdMs = rules.holdMs ?? (() => 0);
  return (listener) => {
    const on = clock();
    let told = phase();
    let subscribed = true;
    let task = false;
    let cancelFrame: (() => void) | null = null;
    let cancelHold: (() => void) | null = null;
    const stopFrame = () => {
      cancelFrame?.();
      cancelFrame = null;
    };
    const deliver = () => {
      task = false;
      stopFrame();
      cancelHold?.();
      cancelHold = null;
      if (!subscribed) return;
      told = phase();
      listener();
    };
    // A task or frame asked for before a tool call left must not render while it is out.
    const due = () => {
      if (holdMs() > 0) changed();
      else deliver();
    };
    const changed = (): void => {
      // React reads the latest snapshot either way; a delivery queued before this one then changes nothing.
      if (byPerson()) return deliver();
      const hold = holdMs();
      if (hold > 0) {
        stopFrame();
        cancelHold ??= on.after(hold, () => {
          cancelHold = null;
          changed();
        });
        return;
      }
      if (task) return;
      if (phase() !== told) {
        task = true;
        on.task(() => {
          task = false;
          due();
        });
        return;
      }
      cancelFrame ??= on.frame(() => {
        cancelFrame = null;
        due();
      });
    };
    const unsubscribe = subscribe(changed);
    return () => {
      subscribed = false;
      stopFrame();
      cancelHold?.();
      unsubscribe();
      on.close?.();
    };
  };
}
