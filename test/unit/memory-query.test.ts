import { describe, expect, it } from 'vitest';
import { asPhrase, searchTerms } from '../../electron/main/services/memory/fts-query';

describe('searchTerms', () => {
  it('keeps the words a question is about and drops how it is asked', () => {
    expect(searchTerms("What's my favourite colour?")).toEqual(['favourite', 'colour']);
    expect(searchTerms('Do you remember when my sister’s birthday is?')).toEqual(['sister', 'birthday']);
    expect(searchTerms('what do you know about me')).toEqual([]);
  });

  it('reduces operators, quotes and symbols to the plain words between them', () => {
    expect(searchTerms('NEAR("teal" -colour*): fact:home ^x {a b}')).toEqual(['near', 'teal', 'colour', 'fact', 'home']);
    expect(searchTerms("'; DROP TABLE memories; --")).toEqual(['drop', 'table', 'memories']);
    expect(searchTerms('🎉🏠✨')).toEqual([]);
  });

  it('keeps numbers, accents and non-Latin words', () => {
    expect(searchTerms('room 2 code 4411')).toEqual(['room', '2', 'code', '4411']);
    expect(searchTerms('Café Zoë')).toEqual(['café', 'zoë']);
    expect(searchTerms('東京 में')).toEqual(['東京', 'में']);
  });

  it('lists each word once and at most twelve', () => {
    expect(searchTerms('tea TEA Tea coffee')).toEqual(['tea', 'coffee']);
    expect(searchTerms('w01 w02 w03 w04 w05 w06 w07 w08 w09 w10 w11 w12 w13 w14')).toHaveLength(12);
  });

  it('makes phrases that need no escaping', () => {
    for (const term of searchTerms('a "quoted" (word) with \'apostrophes\' and "NEAR"')) {
      expect(asPhrase(term)).toMatch(/^"[^"]+"$/);
    }
  });
});
