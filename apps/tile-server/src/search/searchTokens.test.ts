import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idTerms, indexTerms, queryTerms } from './searchTokens.js';

describe('search terms', () => {
  it('cuts Chinese into character pairs and keeps Latin words and ids whole', () => {
    expect(queryTerms('行政中心')).toEqual(['行政', '政中', '中心']);
    expect(queryTerms('Main Building')).toEqual(['main', 'building']);
    expect(queryTerms('BLD-000001')).toEqual(['bld-000001']);
    expect(queryTerms('ＢＬＤ－０００００１')).toEqual(['bld-000001']);
  });

  it('pairs a number with the Chinese beside it, so 1号 is not 11号', () => {
    expect(queryTerms('昆仑大道1号')).toEqual(['昆仑', '仑大', '大道', '道1', '1号', '1']);
    expect(indexTerms('昆仑大道11号')).not.toContain('1号');
  });

  it('indexes single characters too, and a lone character is a query of its own', () => {
    expect(indexTerms('主楼')).toEqual(['主楼', '主', '楼']);
    expect(queryTerms('楼')).toEqual(['楼']);
  });

  it('gives an id and each of its tails', () => {
    expect(idTerms('PIPE-GS-000001')).toEqual(['pipe-gs-000001', 'gs-000001', '000001']);
  });

  it('every term of a query is among the terms of any text that holds the query as a word', () => {
    const text = fc.string({ unit: fc.constantFrom(...'行政中心主楼昆仑大道号 12abAB-'), maxLength: 12 });
    fc.assert(
      fc.property(text, text, text, (before, query, after) => {
        const indexed = new Set(indexTerms(`${before} ${query} ${after}`));
        for (const term of queryTerms(query)) expect(indexed.has(term)).toBe(true);
      }),
    );
  });
});
