// The Memory view's pure rules: who saved a memory and where it came from in plain
// words, dates in the person's locale, tags typed as text, edit checks, paging without
// repeats, where focus goes after a delete — and one memory as it is drawn.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MemoryView } from '@shared/history';
import { MemoryItem, type MemoryItemProps } from '../../renderer/src/memory/MemoryItem';
import {
  appendMemories,
  countText,
  describeOrigin,
  editProblem,
  focusAfterDelete,
  formatWhen,
  goneText,
  isUnchanged,
  parseTags,
  savedByText,
  shortFact,
  tagsText,
  whenText,
} from '../../renderer/src/memory/memory-model';

const memory = (over: Partial<MemoryView> = {}): MemoryView => ({
  id: 'mem_1',
  fact: 'Likes warm light in the evening',
  tags: ['home', 'lighting'],
  createdAt: '2025-03-12T09:30:00.000Z',
  updatedAt: '2025-03-12T09:30:00.000Z',
  source: 'agent',
  origin: { conversationId: 'conv-1', savedBy: 'memory', voiceSessionId: null },
  conversationTitle: 'Evening lights',
  ...over,
});

describe('Memory: who saved it', () => {
  it('says it in plain words', () => {
    expect(savedByText(memory())).toBe('Saved by the memory specialist');
    expect(savedByText(memory({ origin: { conversationId: 'c', savedBy: 'voice', voiceSessionId: 'v1' } }))).toBe('Saved in a voice session');
    expect(savedByText(memory({ source: 'user' }))).toBe('You asked FROK to remember this');
    // The person's own request wins over which agent wrote it down.
    expect(savedByText(memory({ source: 'user', origin: { conversationId: 'c', savedBy: 'voice', voiceSessionId: 'v1' } }))).toBe('You asked FROK to remember this');
  });

  it('falls back sensibly for other specialists and for memories without an origin', () => {
    expect(savedByText(memory({ origin: { conversationId: 'c', savedBy: 'general', voiceSessionId: null } }))).toBe('Saved by the general specialist');
    expect(savedByText(memory({ origin: { conversationId: null, savedBy: null, voiceSessionId: 'v1' } }))).toBe('Saved in a voice session');
    expect(savedByText(memory({ origin: null }))).toBe('Saved by FROK');
    expect(savedByText(memory({ origin: { conversationId: null, savedBy: '  ', voiceSessionId: null } }))).toBe('Saved by FROK');
  });
});

describe('Memory: where it came from', () => {
  it('links a kept conversation by its title', () => {
    expect(describeOrigin(memory())).toEqual({ kind: 'conversation', conversationId: 'conv-1', title: 'Evening lights' });
  });
  it('says when that conversation is no longer kept', () => {
    expect(describeOrigin(memory({ conversationTitle: null }))).toEqual({ kind: 'gone' });
    expect(describeOrigin(memory({ conversationTitle: '   ' }))).toEqual({ kind: 'gone' });
    expect(goneText()).toBe('From a conversation that is no longer kept');
  });
  it('says nothing when nothing is known', () => {
    expect(describeOrigin(memory({ origin: null, conversationTitle: null }))).toEqual({ kind: 'unknown' });
    expect(describeOrigin(memory({ origin: { conversationId: null, savedBy: 'memory', voiceSessionId: null } }))).toEqual({ kind: 'unknown' });
  });
});

describe('Memory: when', () => {
  it('formats in the given locale', () => {
    const iso = '2025-03-12T09:30:00.000Z';
    expect(formatWhen(iso, 'en-US')).toBe(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)));
    expect(formatWhen(iso, 'de-DE')).toContain('2025');
    expect(formatWhen(iso, 'de-DE')).not.toBe(formatWhen(iso, 'en-US'));
    expect(formatWhen('not a date')).toBe('an unknown time');
  });
  it('mentions the update only when the memory changed after it was saved', () => {
    expect(whenText(memory(), 'en-US').updated).toBeNull();
    expect(whenText(memory({ updatedAt: '2025-03-12T09:29:00.000Z' }), 'en-US').updated).toBeNull();
    const later = whenText(memory({ updatedAt: '2025-03-14T18:00:00.000Z' }), 'en-US');
    expect(later.saved).toBe(formatWhen('2025-03-12T09:30:00.000Z', 'en-US'));
    expect(later.updated).toBe(formatWhen('2025-03-14T18:00:00.000Z', 'en-US'));
  });
});

describe('Memory: editing', () => {
  it('reads tags typed with commas: trimmed, lower case, without blanks or repeats', () => {
    expect(parseTags(' Home, lighting ,, HOME,  evening   light ')).toEqual(['home', 'lighting', 'evening light']);
    expect(parseTags('')).toEqual([]);
    expect(tagsText(['home', 'lighting'])).toBe('home, lighting');
    expect(parseTags(tagsText(['a', 'b c']))).toEqual(['a', 'b c']);
  });
  it('refuses an empty memory and tags main would refuse, before asking main', () => {
    expect(editProblem('   ', [])).toMatch(/can’t be empty/);
    expect(editProblem('x'.repeat(2001), [])).toMatch(/2001 characters.*2000/);
    expect(editProblem('fine', Array.from({ length: 21 }, (_, i) => `t${i}`))).toMatch(/21 tags/);
    expect(editProblem('fine', ['x'.repeat(41)])).toMatch(/longer than 40/);
    expect(editProblem('Likes tea', ['drinks'])).toBeNull();
  });
  it('knows an edit that changes nothing', () => {
    expect(isUnchanged(memory(), '  Likes warm light in the evening ', ['home', 'lighting'])).toBe(true);
    expect(isUnchanged(memory(), 'Likes cool light', ['home', 'lighting'])).toBe(false);
    expect(isUnchanged(memory(), 'Likes warm light in the evening', ['home'])).toBe(false);
  });
});

describe('Memory: the list', () => {
  it('adds the next page without repeating a memory already shown', () => {
    const a = memory({ id: 'a' });
    const b = memory({ id: 'b' });
    const c = memory({ id: 'c' });
    expect(appendMemories([a, b], [b, c]).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });
  it('moves focus to the next memory after a delete, else the previous, else nowhere', () => {
    expect(focusAfterDelete(['a', 'b', 'c'], 'b')).toBe('c');
    expect(focusAfterDelete(['a', 'b', 'c'], 'c')).toBe('b');
    expect(focusAfterDelete(['a'], 'a')).toBeNull();
    expect(focusAfterDelete(['a'], 'x')).toBeNull();
  });
  it('counts what is shown', () => {
    expect(countText(1, 1, false)).toBe('1 memory.');
    expect(countText(45, 20, false)).toBe('45 memories — showing 20.');
    expect(countText(3, 3, true)).toBe('3 memories match.');
    expect(countText(0, 0, true)).toBe('No memories match.');
  });
  it('shortens a long memory for button names', () => {
    expect(shortFact('Likes\n tea')).toBe('Likes tea');
    const long = shortFact('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('Memory: one memory as drawn', () => {
  const noop = () => {};
  const draw = (m: MemoryView, over: Partial<MemoryItemProps> = {}) =>
    renderToStaticMarkup(
      createElement(MemoryItem, {
        memory: m,
        mode: 'view',
        busy: false,
        locked: false,
        problem: null,
        onStartEdit: noop,
        onSave: noop,
        onCancelEdit: noop,
        onAskDelete: noop,
        onConfirmDelete: noop,
        onCancelDelete: noop,
        onOpenConversation: noop,
        ...over,
      }),
    );

  it('shows the fact, tags, who saved it, when, and a link to the kept conversation; buttons name the memory', () => {
    const html = draw(memory());
    expect(html).toContain('Likes warm light in the evening');
    expect(html).toMatch(/<ul[^>]*aria-label="Tags"[^>]*>.*home.*lighting.*<\/ul>/);
    expect(html).toContain('Saved by the memory specialist');
    expect(html).toContain('<time dateTime="2025-03-12T09:30:00.000Z">');
    expect(html).toContain('From: Evening lights');
    expect(html).toContain('aria-label="Edit the memory “Likes warm light in the evening”"');
    expect(html).toContain('aria-label="Delete the memory “Likes warm light in the evening”"');
    expect(html).not.toContain(goneText());
  });

  it('says when the conversation is no longer kept, with no link', () => {
    const html = draw(memory({ conversationTitle: null, source: 'user' }));
    expect(html).toContain(goneText());
    expect(html).toContain('You asked FROK to remember this');
    expect(html).not.toContain('memory-origin-link');
  });

  it('edits in a labelled textarea with Save and Cancel, and shows main’s objection next to it', () => {
    const html = draw(memory(), { mode: 'editing', problem: 'Another memory already says that.' });
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(html).toContain('What FROK remembers');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Another memory already says that.');
    expect(html).toContain('>Save<');
    expect(html).toContain('>Cancel<');
    expect(html).toContain('value="home, lighting"');
    expect(html).not.toContain('data-testid="memory-edit"');
  });

  it('asks before deleting, naming the memory', () => {
    const html = draw(memory(), { mode: 'confirming-delete' });
    expect(html).toContain('Delete this memory?');
    expect(html).toContain('aria-label="Yes, delete the memory “Likes warm light in the evening”"');
    expect(html).toContain('aria-label="Keep the memory “Likes warm light in the evening”"');
  });
});
