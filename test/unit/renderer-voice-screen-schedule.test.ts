// When the voice screen hears of a change (screen-schedule.ts), over a clock the test turns
// by hand: the person's own actions at once, a new phase in a task, the rest in a frame,
// and nothing at all while a tool call is out and the hold has not run out.
import { describe, expect, it, vi } from 'vitest';
import { scheduled, type ScheduleClock } from '../../renderer/src/voice/screen-schedule';

function manualClock() {
  let frames: (() => void)[] = [];
  let tasks: (() => void)[] = [];
  const timers: { at: number; run: () => void; live: boolean }[] = [];
  let now = 0;
  const clock: ScheduleClock = {
    frame(run) {
      frames.push(run);
      return () => {
        frames = frames.filter((f) => f !== run);
      };
    },
    task(run) {
      tasks.push(run);
    },
    after(ms, run) {
      const timer = { at: now + ms, run, live: true };
      timers.push(timer);
      return () => {
        timer.live = false;
      };
    },
  };
  return {
    clock,
    runTasks() {
      const due = tasks;
      tasks = [];
      for (const t of due) t();
    },
    paint() {
      const due = frames;
      frames = [];
      for (const f of due) f();
    },
    advance(ms: number) {
      now += ms;
      for (const t of timers) {
        if (t.live && t.at <= now) {
          t.live = false;
          t.run();
        }
      }
    },
  };
}

function source() {
  const listeners = new Set<() => void>();
  return {
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    change: () => listeners.forEach((l) => l()),
    count: () => listeners.size,
  };
}

describe('the voice screen schedule', () => {
  it("shows the person's own action at once", () => {
    const m = manualClock();
    const s = source();
    const heard = vi.fn();
    scheduled(s.subscribe, { byPerson: () => true }, () => m.clock)(heard);
    s.change();
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('gathers the changes of a frame into one delivery before the paint', () => {
    const m = manualClock();
    const s = source();
    const heard = vi.fn();
    scheduled(s.subscribe, {}, () => m.clock)(heard);
    s.change();
    s.change();
    s.change();
    m.runTasks();
    expect(heard).not.toHaveBeenCalled();
    m.paint();
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('a new phase goes in a task of its own, before the frame', () => {
    const m = manualClock();
    const s = source();
    let phase = 'connecting';
    const heard = vi.fn();
    scheduled(s.subscribe, { phase: () => phase }, () => m.clock)(heard);
    phase = 'connected';
    s.change();
    m.runTasks();
    expect(heard).toHaveBeenCalledTimes(1);
    // The same phase again: the frame, not a task.
    s.change();
    m.runTasks();
    expect(heard).toHaveBeenCalledTimes(1);
    m.paint();
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('holds every delivery while a tool call is out, also one asked for before it left', () => {
    const m = manualClock();
    const s = source();
    let hold = 0;
    let phase = 'connecting';
    const heard = vi.fn();
    scheduled(s.subscribe, { phase: () => phase, holdMs: () => hold }, () => m.clock)(heard);
    phase = 'connected';
    s.change(); // a task is queued …
    s.change();
    hold = 50; // … then the call leaves
    m.runTasks();
    m.paint();
    expect(heard).not.toHaveBeenCalled();
    s.change();
    m.paint();
    expect(heard).not.toHaveBeenCalled();
    // The call is back and the source says so: delivered as usual.
    hold = 0;
    s.change();
    m.runTasks();
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('a hold that runs out delivers anyway', () => {
    const m = manualClock();
    const s = source();
    let hold = 50;
    const heard = vi.fn();
    scheduled(s.subscribe, { holdMs: () => hold }, () => m.clock)(heard);
    s.change();
    m.advance(30);
    m.paint();
    expect(heard).not.toHaveBeenCalled();
    hold = 0; // 50 ms since the call left: the controller says the screen need not wait
    m.advance(20);
    m.paint();
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('stops delivering, and listening, once unsubscribed', () => {
    const m = manualClock();
    const s = source();
    const heard = vi.fn();
    const unsubscribe = scheduled(s.subscribe, {}, () => m.clock)(heard);
    s.change();
    unsubscribe();
    m.paint();
    expect(heard).not.toHaveBeenCalled();
    expect(s.count()).toBe(0);
  });
});
