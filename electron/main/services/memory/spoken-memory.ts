/**
 * Saved facts read back aloud. Facts are stored in the person's own first person ("I
 * prefer warm lighting"), so speaking one back means turning it to "you".
 */
import { UserFacingError } from '../../errors.ts';
import { searchTerms } from './fts-query.ts';
import type { MemoryStore } from './memory-store.ts';

const APOSTROPHE = "['’]";
/** Longest first, so "I am" is handled before "I". */
const FIRST_TO_SECOND_PERSON: ReadonlyArray<[RegExp, string]> = [
  [/\bI am\b/gu, 'you are'],
  [/\bI was\b/gu, 'you were'],
  [new RegExp(`\\bI${APOSTROPHE}m\\b`, 'gu'), 'you’re'],
  [new RegExp(`\\bI${APOSTROPHE}ve\\b`, 'gu'), 'you’ve'],
  [new RegExp(`\\bI${APOSTROPHE}d\\b`, 'gu'), 'you’d'],
  [new RegExp(`\\bI${APOSTROPHE}ll\\b`, 'gu'), 'you’ll'],
  [/\bI\b/gu, 'you'],
  [/\bmyself\b/giu, 'yourself'],
  [/\bmine\b/giu, 'yours'],
  [/\bmy\b/giu, 'your'],
  [/\bme\b/giu, 'you'],
  // Agents sometimes write about "the user"; the possessive converts without grammar trouble.
  [new RegExp(`\\b(?:the )?user${APOSTROPHE}s\\b`, 'giu'), 'your'],
];

/** "My favourite colour is teal." → "your favourite colour is teal." */
export function toSecondPerson(text: string): string {
  let spoken = text;
  for (const [pattern, replacement] of FIRST_TO_SECOND_PERSON) spoken = spoken.replace(pattern, replacement);
  return spoken;
}

function asSentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  return /[.!?]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The topic as it can be said back: "my favourite colour?" → "your favourite colour". */
function spokenTopic(topic: string): string {
  const clean = toSecondPerson(topic.trim().replace(/\s+/gu, ' ').replace(/[\s.!?…]+$/u, ''));
  if (!clean) return 'that';
  return clean.length > 80 ? `${clean.slice(0, 80).trimEnd()}…` : clean;
}

/**
 * A short answer for the voice agent about one topic: "You told me: you prefer warm
 * lighting in the evening." or "I don't have anything saved about <topic>."
 */
export function recallPreferenceForVoice(store: MemoryStore, topic: string): string {
  const text = typeof topic === 'string' ? topic : '';
  // Without searchable words recall would list the latest memories, which isn't an answer.
  if (searchTerms(text).length === 0) return `I don't have anything saved about ${spokenTopic(text)}.`;
  let best;
  try {
    // Every word must match: "favourite film" must not be answered with the favourite colour.
    best = store.recall({ query: text, limit: 1, allWords: true })[0];
  } catch (err) {
    if (err instanceof UserFacingError) return "I can't reach my memory right now, so I can't check that.";
    throw err;
  }
  if (!best) return `I don't have anything saved about ${spokenTopic(text)}.`;
  return `You told me: ${asSentence(toSecondPerson(best.fact))}`;
}
