/**
 * Settings (issue #12): one saving behaviour — only the newest save's outcome is shown —
 * which listed models each picker offers, which section is current as the screen scrolls,
 * and the shipped price table with its date.
 */
import { describe, expect, it } from 'vitest';
import { INITIAL_SAVE_STATE, saveReducer, type SaveAction, type SaveState } from '../../renderer/src/screens/settings/autosave';
import { modelChoices } from '../../renderer/src/screens/settings/model-choices';
import { currentSectionId } from '../../renderer/src/screens/settings/section-nav';
import { differsFromShipped, pricesCheckedOn } from '../../renderer/src/screens/settings/PricingSection';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { SHIPPED_PRICES, SHIPPED_PRICES_CHECKED_ON, shippedPriceTable } from '../../shared/prices';
import { PricingSchema } from '../../shared/settings';

const run = (...actions: SaveAction[]): SaveState => actions.reduce(saveReducer, INITIAL_SAVE_STATE);

describe('saving a setting', () => {
  it('goes saving → saved, or saving → error with the reason', () => {
    expect(run({ type: 'start', seq: 1 }).status).toEqual({ phase: 'saving' });
    expect(run({ type: 'start', seq: 1 }, { type: 'done', seq: 1 }).status).toEqual({ phase: 'saved' });
    expect(run({ type: 'start', seq: 1 }, { type: 'failed', seq: 1, message: 'Disk full' }).status).toEqual({ phase: 'error', message: 'Disk full' });
  });

  it('shows only the newest save: an older one finishing later does not overwrite it', () => {
    const state = run({ type: 'start', seq: 1 }, { type: 'start', seq: 2 }, { type: 'done', seq: 2 }, { type: 'failed', seq: 1, message: 'stale' });
    expect(state.status).toEqual({ phase: 'saved' });
    expect(run({ type: 'start', seq: 1 }, { type: 'start', seq: 2 }, { type: 'done', seq: 1 }).status).toEqual({ phase: 'saving' });
  });

  it('forgets "Saved" (or the error) once the value is edited again, but not while a save is under way', () => {
    expect(run({ type: 'start', seq: 1 }, { type: 'done', seq: 1 }, { type: 'edited' }).status).toEqual({ phase: 'idle' });
    expect(run({ type: 'start', seq: 1 }, { type: 'failed', seq: 1, message: 'x' }, { type: 'edited' }).status).toEqual({ phase: 'idle' });
    expect(run({ type: 'start', seq: 1 }, { type: 'edited' }).status).toEqual({ phase: 'saving' });
  });
});

describe('model pickers', () => {
  const listed = ['gpt-5.6-luna', 'gpt-realtime-2.1', 'gpt-4o-mini-transcribe', 'gpt-4o-mini-tts', 'text-embedding-3-small', 'gpt-4.1', 'gpt-realtime-2.1-mini', 'dall-e-3'];

  it('offers realtime models for voice, and models that answer text for text', () => {
    expect(modelChoices(listed, 'realtime', 'gpt-realtime-2.1').map((c) => c.id)).toEqual(['gpt-realtime-2.1', 'gpt-realtime-2.1-mini']);
    expect(modelChoices(listed, 'text', 'gpt-5.6-luna').map((c) => c.id)).toEqual(['gpt-4.1', 'gpt-5.6-luna']);
  });

  it('keeps the saved model as a choice when the provider does not list it, marked as such', () => {
    expect(modelChoices(listed, 'text', 'my-model')[0]).toEqual({ id: 'my-model', listed: false });
    expect(modelChoices([], 'realtime', 'gpt-realtime-2.1')).toEqual([{ id: 'gpt-realtime-2.1', listed: false }]);
    expect(modelChoices(listed, 'text', 'gpt-4.1').every((c) => c.listed)).toBe(true);
  });

  it("offers a local server's own model names for text, once each", () => {
    expect(modelChoices(['llama3.1:8b', 'qwen2.5', 'llama3.1:8b', ' '], 'text', 'qwen2.5')).toEqual([
      { id: 'llama3.1:8b', listed: true },
      { id: 'qwen2.5', listed: true },
    ]);
  });
});

describe('the current section', () => {
  const tops = [
    { id: 'account', top: -900, bottom: -100 },
    { id: 'voice', top: 40, bottom: 480 },
    { id: 'privacy', top: 500, bottom: 780 },
    { id: 'about', top: 800, bottom: 1000 },
  ];
  const view = { lineY: 96, viewTop: 0, viewBottom: 600, atBottom: false, chosen: null };

  it('is the last section whose top has passed the reading line', () => {
    expect(currentSectionId(tops, view)).toBe('voice');
    expect(currentSectionId(tops.map((t) => ({ ...t, top: t.top + 2000, bottom: t.bottom + 2000 })), view)).toBe('account');
    expect(currentSectionId([], view)).toBeNull();
  });

  it('at the end of the page: the one chosen while it is on screen, otherwise the last', () => {
    expect(currentSectionId(tops, { ...view, atBottom: true })).toBe('about');
    expect(currentSectionId(tops, { ...view, atBottom: true, chosen: 'privacy' })).toBe('privacy');
    // Chosen, but scrolled away from since.
    expect(currentSectionId(tops, { ...view, atBottom: true, chosen: 'account' })).toBe('about');
  });
});

describe('the shipped prices', () => {
  it('are the default table, valid settings, with the day they were checked', () => {
    expect(DEFAULT_SETTINGS.pricing).toEqual(shippedPriceTable());
    expect(PricingSchema.safeParse(DEFAULT_SETTINGS.pricing).success).toBe(true);
    expect(DEFAULT_SETTINGS.pricing[DEFAULT_SETTINGS.models.text]).toBeDefined();
    expect(DEFAULT_SETTINGS.pricing[DEFAULT_SETTINGS.models.realtime]).toBeDefined();
    expect(SHIPPED_PRICES_CHECKED_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(pricesCheckedOn()).toBe('Dec 4, 2026');
  });

  it('are copied, so editing the settings never changes what FROK ships', () => {
    const table = shippedPriceTable();
    table['gpt-5.6-luna']!.inputPerMillionUsd = 99;
    expect(SHIPPED_PRICES['gpt-5.6-luna']!.inputPerMillionUsd).not.toBe(99);
    expect(DEFAULT_SETTINGS.pricing['gpt-5.6-luna']!.inputPerMillionUsd).not.toBe(99);
  });

  it("tells the person's own prices from the shipped ones", () => {
    const luna = SHIPPED_PRICES['gpt-5.6-luna']!;
    expect(differsFromShipped({ model: 'gpt-5.6-luna', input: String(luna.inputPerMillionUsd), output: String(luna.outputPerMillionUsd) })).toBe(false);
    expect(differsFromShipped({ model: 'gpt-5.6-luna', input: '9', output: String(luna.outputPerMillionUsd) })).toBe(true);
    expect(differsFromShipped({ model: 'local-model', input: '0', output: '0' })).toBe(true);
  });
});
