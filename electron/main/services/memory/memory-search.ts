/**
 * Ranks memories against a question's words with bm25, keeping the work per question
 * bounded so recall stays fast at 100,000 memories.
 *
 * Ranking costs about a microsecond per matching memory (bm25 reads each one's length),
 * and one common word ("room", "evening") can match a fifth of them. So:
 *  1. Memories containing every word are ranked first — what the person asked about.
 *  2. If that leaves room, memories containing any of the question's rarest words fill
 *     it: rarest first, as many words as match at most RANKED_MATCHES_CAP memories
 *     together. Rare words carry bm25's weight anyway (high IDF); commoner words still
 *     count through step 1.
 *  3. Whenever an expression matches more than RANKED_MATCHES_CAP memories (only when
 *     even the rarest word is that common), only the newest RANKED_MATCHES_CAP of them
 *     are ranked: among that many equally plausible matches newer is the better tie-break.
 * Counting matches up to the cap is cheap — no bm25, no row lengths. What stays is bm25's
 * own pass over each searched word's matches to weigh it (IDF), roughly ten times cheaper
 * per match than ranking.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { asPhrase } from './fts-query.ts';

export const RANKED_MATCHES_CAP = 2000;

export interface SearchHit {
  seq: number;
  /** bm25 relevance for the expression the memory was found by; higher is better. */
  score: number;
}

/**
 * Each statement comes in two forms, without and with a tag filter (`$tags`: a JSON list,
 * keeping memories filed under any of them); a single "$tags IS NULL OR …" form costs
 * every untagged recall a check per matching row.
 */
const TAG_FILTER = 'AND rowid IN (SELECT memory_seq FROM memory_tags WHERE tag IN (SELECT value FROM json_each($tags)))';

interface StatementPair {
  all: StatementSync;
  tagged: StatementSync;
}

function preparePair(db: DatabaseSync, sql: (tagFilter: string) => string): StatementPair {
  return { all: db.prepare(sql('')), tagged: db.prepare(sql(TAG_FILTER)) };
}

type Params = Record<string, string | number>;

// node:sqlite rejects named values a statement doesn't use, so `tags` goes only to the tagged form.
function allRows(pair: StatementPair, tags: string | null, params: Params): unknown[] {
  return tags === null ? pair.all.all(params) : pair.tagged.all({ ...params, tags });
}

function firstRow(pair: StatementPair, tags: string | null, params: Params): unknown {
  return tags === null ? pair.all.get(params) : pair.tagged.get({ ...params, tags });
}

/** The rarest words' phrases whose matches together stay within the cap; empty if even the rarest exceeds it. */
function rarestWithinCap(words: readonly { phrase: string; matches: number }[]): string[] {
  const chosen: string[] = [];
  let total = 0;
  for (const { phrase, matches } of [...words].filter((word) => word.matches > 0).sort((a, b) => a.matches - b.matches)) {
    if (total + matches > RANKED_MATCHES_CAP) break;
    chosen.push(phrase);
    total += matches;
  }
  return chosen;
}

export class MemorySearch {
  private readonly matchesUpToCap: StatementPair;
  private readonly matchBeyondCap: StatementPair;
  private readonly ranked: StatementPair;

  constructor(db: DatabaseSync) {
    this.matchesUpToCap = preparePair(
      db,
      (filter) => `SELECT count(*) AS n FROM (SELECT 1 FROM memories_fts WHERE memories_fts MATCH $match ${filter} LIMIT $cap + 1)`,
    );
    this.matchBeyondCap = preparePair(
      db,
      (filter) => `SELECT rowid FROM memories_fts WHERE memories_fts MATCH $match ${filter} ORDER BY rowid DESC LIMIT 1 OFFSET $cap`,
    );
    // Weights: a memory's own words count twice its tags'.
    this.ranked = preparePair(
      db,
      (filter) => `SELECT rowid AS seq, bm25(memories_fts, 1.0, 0.5) AS bm25 FROM memories_fts
        WHERE memories_fts MATCH $match AND rowid >= $from ${filter} ORDER BY bm25, rowid DESC LIMIT $limit`,
    );
  }

  /**
   * `terms` are plain words from searchTerms(); `tags` restricts to memories with any of
   * them; `allWords` skips step 2, for callers that must not answer with a partial match.
   */
  search(terms: readonly string[], limit: number, tags: readonly string[], allWords = false): SearchHit[] {
    if (terms.length === 0) return [];
    const tagsJson = tags.length ? JSON.stringify(tags) : null;
    const words = terms.map((term) => {
      const phrase = asPhrase(term);
      return { phrase, matches: Number((firstRow(this.matchesUpToCap, tagsJson, { match: phrase, cap: RANKED_MATCHES_CAP }) as { n: number }).n) };
    });
    const fewest = Math.min(...words.map((word) => word.matches));

    // Memories with every word can't outnumber those with the rarest word.
    const hits = fewest === 0 ? [] : this.rank(words.map((word) => word.phrase).join(' AND '), limit, tagsJson, fewest <= RANKED_MATCHES_CAP);
    if (hits.length >= limit || words.length === 1 || allWords) return hits;

    const rarest = rarestWithinCap(words);
    const anyWord = (rarest.length ? rarest : words.map((word) => word.phrase)).join(' OR ');
    const found = new Set(hits.map((hit) => hit.seq));
    for (const hit of this.rank(anyWord, limit + hits.length, tagsJson, rarest.length > 0)) {
      if (found.has(hit.seq)) continue;
      hits.push(hit);
      if (hits.length === limit) break;
    }
    return hits;
  }

  private rank(match: string, limit: number, tags: string | null, withinCap: boolean): SearchHit[] {
    const beyondCap = withinCap ? undefined : (firstRow(this.matchBeyondCap, tags, { match, cap: RANKED_MATCHES_CAP }) as { rowid: number } | undefined);
    const from = beyondCap ? beyondCap.rowid + 1 : 0;
    const rows = allRows(this.ranked, tags, { match, from, limit }) as { seq: number; bm25: number }[];
    // bm25 is negative, more negative meaning more relevant.
    return rows.map((row) => ({ seq: row.seq, score: -row.bm25 }));
  }
}
