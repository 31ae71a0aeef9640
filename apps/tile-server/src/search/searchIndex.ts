import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import type { SearchResult } from '@pengcheng/protocol';
import type { SearchDocument } from './districtDocuments.js';
import { idTerms, indexTerms, isLatinTerm, isLatinWord, normalizeText, queryTerms } from './searchTokens.js';

export interface SearchAnswer {
  /** Everything that matched. */
  readonly total: number;
  /** The best `limit` of them, best first. */
  readonly results: readonly SearchResult[];
}

export interface SearchIndex {
  search(query: string, limit: number): SearchAnswer;
  /** Documents indexed. */
  readonly size: number;
}

interface Indexed {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  readonly keywords: string;
}

const FIELDS = ['id', 'name', 'address', 'keywords'] as const;
/** An id or a name says what a person looks for more than an address or a kind word. */
const BOOST = { id: 4, name: 3, address: 1.5, keywords: 0.6 };
/** Multiplies the score of a thing whose whole name is the query, or contains all of it. */
const NAME_EQUALS_QUERY = 3;
const NAME_CONTAINS_QUERY = 1.6;

const spaceless = (text: string): string => normalizeText(text).replace(/[\s\p{P}]+/gu, '');

/**
 * A full-text index of the district's things (MiniSearch), CJK-aware: Chinese by character
 * pairs, Latin words with prefix and fuzzy matching, ids whole and by their tails. Every term of
 * the query must match; only when nothing does is any term enough. An exact id comes first.
 */
export function createSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  const byId = new Map<string, SearchDocument>();
  for (const doc of documents) byId.set(doc.result.id, doc);
  const names = new Map<string, string[]>();
  for (const doc of byId.values()) names.set(doc.result.id, [doc.result.name.zh, doc.result.name.en ?? ''].map(spaceless).filter(Boolean));

  const index = new MiniSearch<Indexed>({
    fields: [...FIELDS],
    idField: 'id',
    tokenize: (text, field) => (field === 'id' ? idTerms(text) : indexTerms(text)),
    // The tokenizers already normalise; MiniSearch's default would lower-case again.
    processTerm: (term) => term,
    searchOptions: {
      tokenize: queryTerms,
      processTerm: (term) => term,
      boost: BOOST,
      // Search as you type; a short number alone is a house number and means just that.
      prefix: (term) => isLatinTerm(term) && !/^\d{1,3}$/.test(term),
      fuzzy: (term) => (isLatinWord(term) && term.length >= 4 ? 0.2 : false),
      weights: { fuzzy: 0.3, prefix: 0.5 },
      boostDocument: (id) => byId.get(String(id))?.prominence ?? 1,
    },
  });
  index.addAll(
    [...byId.values()].map(({ result, keywords, nameIndexed }) => ({
      id: result.id,
      name: nameIndexed ? [result.name.zh, result.name.en ?? ''].join(' ') : '',
      address: result.address ? [result.address.zh, result.address.en ?? ''].join(' ') : '',
      keywords,
    })),
  );

  const rank = (hits: readonly MiniSearchResult[], query: string): Array<{ doc: SearchDocument; score: number }> => {
    const wanted = spaceless(query);
    return hits
      .flatMap((hit) => {
        const doc = byId.get(String(hit.id));
        if (!doc) return [];
        const own = names.get(doc.result.id) ?? [];
        const factor = own.includes(wanted) ? NAME_EQUALS_QUERY : own.some((name) => name.includes(wanted)) ? NAME_CONTAINS_QUERY : 1;
        return [{ doc, score: hit.score * factor }];
      })
      .sort((a, b) => b.score - a.score || a.doc.result.id.localeCompare(b.doc.result.id));
  };

  return {
    size: byId.size,
    search(query, limit) {
      if (queryTerms(query).length === 0) return { total: 0, results: [] };
      let hits = index.search(query, { combineWith: 'AND' });
      if (hits.length === 0) hits = index.search(query, { combineWith: 'OR' });
      const ranked = rank(hits, query);
      const exact = byId.get(query.trim().normalize('NFKC').toUpperCase());
      if (exact) {
        const rest = ranked.filter(({ doc }) => doc !== exact);
        return { total: rest.length + 1, results: [exact.result, ...rest.slice(0, limit - 1).map(({ doc }) => doc.result)] };
      }
      return { total: ranked.length, results: ranked.slice(0, limit).map(({ doc }) => doc.result) };
    },
  };
}
