/**
 * Turns a free-text question ("what's my favourite colour?") into the words FTS5 should
 * look for. Only runs of letters, digits and marks survive, and each is searched as a
 * quoted phrase, so operators, quotes, parentheses, NEAR, column filters (`fact:`), `*`,
 * `-` and SQL-looking text are matched as plain words — no input can make FTS5 report a
 * syntax error. How the words combine is memory-search.ts's job.
 *
 * No word is prefix-matched: queries come from agents in whole words, and with the porter
 * stemmer a prefix ("cat"*) also pulls in unrelated stems ("category") and costs a scan.
 */

/** Beyond this, extra words add bm25 work but almost never change the top results. */
const MAX_TERMS = 12;
/** Read only this much of a query: a question, not a document. */
const MAX_QUERY_CHARS = 1000;
const MAX_TERM_CHARS = 64;

/**
 * Words that say how something is asked, not what about. Kept short on purpose:
 * dropping a word that carries meaning ("favourite", "home") hurts more than keeping filler.
 */
const STOPWORDS = new Set(
  (
    'a an the and or but nor not no of to in on at by for from with about into onto over under ' +
    'as is am are was were be been being do does did doing done have has had having ' +
    'i me my mine myself you your yours yourself we us our ours he him his she her hers it its ' +
    'they them their theirs this that these those there here ' +
    'what whats which who whom whose when where why how ' +
    'can could would should will shall may might must ' +
    'please tell know remember recall saved save said say told like ' +
    'anything something everything any some all ' +
    'if then than so just also too very really ' +
    'll ve re d s t m'
  ).split(/\s+/u),
);

/** The distinct content words of a query, lower-cased, in the order they were said. */
export function searchTerms(query: string): string[] {
  const words = query.slice(0, MAX_QUERY_CHARS).normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const terms: string[] = [];
  for (const word of words) {
    if (STOPWORDS.has(word)) continue;
    // Single letters are fragments of contractions or initials; single digits still mean something.
    if (word.length === 1 && !/\p{N}/u.test(word)) continue;
    const term = word.slice(0, MAX_TERM_CHARS);
    if (!terms.includes(term)) terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/** A term from searchTerms() as an FTS5 phrase: it holds no quotes, so none need escaping. */
export function asPhrase(term: string): string {
  return `"${term}"`;
}
