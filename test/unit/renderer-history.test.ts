// The History view's pure rules: conversations by the person's local day (Today,
// Yesterday, then dates in their locale), search snippets with the matches marked, and a
// kept conversation (voice, with tool calls) turned back into the Conversation screen's turns.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ConversationRecord, ConversationSummary } from '@shared/history';
import { toolArgumentsText, toolLine, turnsFromRecord } from '../../renderer/src/conversation/history-turns';
import {
  appendPage,
  dayLabel,
  focusAfterRemoval,
  groupByDay,
  kindLabel,
  localDayKey,
  messageCountLabel,
} from '../../renderer/src/history/history-model';
import { Snippet } from '../../renderer/src/history/Snippet';

// Local times, so the tests hold in every time zone.
const NOW = new Date(2025, 2, 12, 9, 30); // Wednesday 12 March 2025, 09:30
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m, d, h, min).getTime();

const summary = (id: string, updatedAt: number, kind: 'typed' | 'voice' = 'typed'): ConversationSummary => ({
  id,
  kind,
  title: `Conversation ${id}`,
  startedAt: updatedAt - 60_000,
  updatedAt,
  messageCount: 2,
});

describe('History: days', () => {
  it('names today and yesterday, by the local calendar day, not the last 24 hours', () => {
    expect(dayLabel(at(2025, 2, 12, 0, 1), NOW)).toBe('Today');
    expect(dayLabel(at(2025, 2, 12, 23, 59), NOW)).toBe('Today');
    expect(dayLabel(at(2025, 2, 11, 23, 59), NOW)).toBe('Yesterday');
    expect(dayLabel(at(2025, 2, 11, 0, 0), NOW)).toBe('Yesterday');
    // Just after midnight, 10 minutes ago is already yesterday.
    expect(dayLabel(at(2025, 2, 11, 23, 55), new Date(2025, 2, 12, 0, 5))).toBe('Yesterday');
    // Across a month (and year) boundary.
    expect(dayLabel(at(2024, 11, 31), new Date(2025, 0, 1, 8))).toBe('Yesterday');
  });

  it('formats older days in the given locale, with the year only when it is not this year', () => {
    // Punctuation varies between ICU versions; the words and their order do not.
    expect(dayLabel(at(2025, 2, 3), NOW, 'en-GB')).toMatch(/^Monday,? 3 March$/);
    expect(dayLabel(at(2025, 2, 3), NOW, 'en-US')).toMatch(/^Monday,? March 3$/);
    expect(dayLabel(at(2025, 2, 3), NOW, 'de-DE')).toMatch(/^Montag,? 3\. März$/);
    expect(dayLabel(at(2024, 11, 24), NOW, 'en-GB')).toMatch(/^Tuesday,? 24 December 2024$/);
  });

  it('groups newest first into one group per day, keeping the order within a day', () => {
    const items = [
      summary('a', at(2025, 2, 12, 9)),
      summary('b', at(2025, 2, 12, 8), 'voice'),
      summary('c', at(2025, 2, 11, 22)),
      summary('d', at(2025, 2, 3, 10)),
      summary('e', at(2025, 2, 3, 9)),
    ];
    const groups = groupByDay(items, NOW, 'en-GB');
    expect(groups.map((g) => [g.key, g.label, g.items.map((i) => i.id)])).toEqual([
      ['2025-03-12', 'Today', ['a', 'b']],
      ['2025-03-11', 'Yesterday', ['c']],
      ['2025-03-03', dayLabel(at(2025, 2, 3), NOW, 'en-GB'), ['d', 'e']],
    ]);
    expect(groupByDay([], NOW)).toEqual([]);
  });

  it('keys days by the local date', () => {
    expect(localDayKey(at(2025, 0, 5, 0, 0))).toBe('2025-01-05');
    expect(localDayKey(at(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });

  it('words kinds and counts', () => {
    expect(kindLabel('voice')).toBe('Voice');
    expect(kindLabel('typed')).toBe('Typed');
    expect(messageCountLabel(1)).toBe('1 message');
    expect(messageCountLabel(4)).toBe('4 messages');
  });

  it('speaks the locale’s language: German days, kinds and plurals, numbers grouped as Germans write them', () => {
    expect(dayLabel(at(2025, 2, 12, 8), NOW, 'de-DE')).toBe('Heute');
    expect(dayLabel(at(2025, 2, 11, 8), NOW, 'de')).toBe('Gestern');
    expect(kindLabel('voice', 'de-DE')).toBe('Gesprochen');
    expect(messageCountLabel(1, 'de-DE')).toBe('1 Nachricht');
    expect(messageCountLabel(1234, 'de-DE')).toBe('1.234 Nachrichten');
    expect(messageCountLabel(1234, 'en-US')).toBe('1,234 messages');
  });
});

describe('History: paging and focus', () => {
  it('adds a page without showing a conversation twice', () => {
    const first = [summary('a', 3), summary('b', 2)];
    expect(appendPage(first, [summary('b', 2), summary('c', 1)]).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('moves focus to the next row after a delete, else the one before, else nowhere', () => {
    expect(focusAfterRemoval(['a', 'b', 'c'], 'b')).toBe('c');
    expect(focusAfterRemoval(['a', 'b', 'c'], 'c')).toBe('b');
    expect(focusAfterRemoval(['a'], 'a')).toBeNull();
    expect(focusAfterRemoval(['a'], 'x')).toBeNull();
  });
});

describe('History: search snippets', () => {
  const html = (parts: { text: string; match: boolean }[]) => renderToStaticMarkup(createElement(Snippet, { parts }));

  it('marks the matching words and leaves the rest as text', () => {
    expect(html([
      { text: '…the ', match: false },
      { text: 'warm', match: true },
      { text: ' light in the ', match: false },
      { text: 'evening', match: true },
    ])).toBe('<p class="history-snippet" data-testid="history-hit-snippet"><span>…the </span><mark>warm</mark><span> light in the </span><mark>evening</mark></p>');
  });

  it('escapes what was said, so a snippet can never become markup', () => {
    const out = html([{ text: '<img src=x onerror=alert(1)>', match: false }, { text: '<b>', match: true }]);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('<mark>&lt;b&gt;</mark>');
    expect(out).not.toContain('<img');
  });
});

describe('Opening a kept conversation', () => {
  const message = (seq: number, role: 'user' | 'assistant' | 'tool', text: string, extra: object = {}) => ({ seq, at: 1000 + seq, role, text, runId: null, ...extra });

  it('puts a voice session’s tool calls under the question that asked for them, before the answer', () => {
    const record: ConversationRecord = {
      ...summary('v1', 2000, 'voice'),
      messages: [
        message(1, 'user', 'What is the weather in Berlin?'),
        message(2, 'tool', '', { tool: { name: 'get_weather', arguments: '{"city":"Berlin"}', output: '12 °C, sunny' } }),
        message(3, 'assistant', 'It is 12 degrees and sunny.'),
        message(4, 'user', 'And tomorrow?'),
        message(5, 'assistant', 'Rain, I’m afraid', { cutOff: true }),
      ],
    };
    const turns = turnsFromRecord(record);
    expect(turns.map((t) => [t.question, t.tools?.map(toolLine) ?? [], t.answer, t.cutOff ?? false])).toEqual([
      ['What is the weather in Berlin?', ['get_weather(city: "Berlin") → 12 °C, sunny'], 'It is 12 degrees and sunny.', false],
      ['And tomorrow?', [], 'Rain, I’m afraid', true],
    ]);
    expect(new Set(turns.map((t) => t.runId)).size).toBe(2);
    expect(turns.every((t) => t.status === 'restored')).toBe(true);
  });

  it('pairs typed answers with their run, keeps helpers, and shows a lone answer on its own', () => {
    const record: ConversationRecord = {
      ...summary('t1', 2000),
      messages: [
        message(1, 'assistant', 'Hello before any question.'),
        { ...message(2, 'user', 'Remember I like tea'), runId: 'r1' },
        { ...message(3, 'assistant', 'Noted.'), runId: 'r1', helpers: ['Memory specialist'] },
        { ...message(4, 'user', 'Unanswered'), runId: 'r2' },
      ],
    };
    const turns = turnsFromRecord(record);
    expect(turns.map((t) => [t.runId, t.question, t.answer, t.helpers ?? null])).toEqual([
      ['restored-t1-1', '', 'Hello before any question.', null],
      ['r1', 'Remember I like tea', 'Noted.', ['Memory specialist']],
      ['r2', 'Unanswered', '', null],
    ]);
  });

  it('writes a tool call as one short line', () => {
    expect(toolArgumentsText('{"a":1,"b":"x","c":[1,2],"d":null}')).toBe('a: 1, b: "x", c: [1,2], d: null');
    expect(toolArgumentsText('not json')).toBe('not json');
    expect(toolLine({ name: 'lights_off', arguments: '{}', output: null })).toBe('lights_off() → no result');
    expect(toolLine({ name: 'lights_off', arguments: '{}', output: '' })).toBe('lights_off() → done');
    const long = toolLine({ name: 'search', arguments: JSON.stringify({ q: 'x'.repeat(200) }), output: 'line one\n\nline two ' + 'y'.repeat(300) });
    expect(long.length).toBeLessThan(230);
    expect(long).toMatch(/^search\(q: "x+…\) → line one line two y+…$/);
  });
});
