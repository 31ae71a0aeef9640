/**
 * Terms for the search index. Chinese has no spaces between words, so Chinese text is cut into
 * overlapping character pairs (行政中心 → 行政 政中 中心): any fragment of two or more characters
 * then finds the names that contain it, whatever the word boundaries. Latin words, numbers and
 * asset ids (BLD-000123) stay whole. A number between Chinese characters pairs with them too
 * (昆仑大道1号 → … 道1 1号), so 1号 does not match 11号.
 */

type Unit = { readonly cjk: boolean; readonly text: string } | null;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]/u;
/** Joins the parts of an id (PIPE-GS-000001, a_b) when a letter or digit follows. */
const JOINER = /[-_]/;
/** English words in nearly every name (Bridge over the Yudai Canal): they find nothing in particular. */
const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'by', 'with']);

/** NFKC folds full-width letters and digits (ＢＬＤ１) into their plain forms. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Chinese characters and Latin words in reading order; null where punctuation or space breaks the text. */
function units(text: string): Unit[] {
  const out: Unit[] = [];
  const chars = [...normalizeText(text)];
  let word = '';
  const flush = (): void => {
    if (word) out.push(STOP_WORDS.has(word) ? null : { cjk: false, text: word });
    word = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (CJK.test(c)) {
      flush();
      out.push({ cjk: true, text: c });
    } else if (WORD.test(c)) {
      word += c;
    } else if (JOINER.test(c) && word && WORD.test(chars[i + 1] ?? '') && !CJK.test(chars[i + 1] ?? '')) {
      word += c;
    } else {
      flush();
      out.push(null);
    }
  }
  flush();
  return out;
}

/** Pairs of neighbouring units with at least one Chinese character, and the units in no pair. */
function pairs(list: readonly Unit[]): { pairs: string[]; lone: string[] } {
  const found: string[] = [];
  const lone: string[] = [];
  list.forEach((unit, i) => {
    if (!unit?.cjk) return;
    const before = list[i - 1];
    const after = list[i + 1];
    if (after) found.push(unit.text + after.text);
    if (before && !before.cjk) found.push(before.text + unit.text);
    if (!before && !after) lone.push(unit.text);
  });
  return { pairs: found, lone };
}

const unique = (terms: readonly string[]): string[] => [...new Set(terms)];

/**
 * Terms of indexed text: Chinese pairs, every single Chinese character (so a one-character
 * query still finds something), and Latin words.
 */
export function indexTerms(text: string): string[] {
  const list = units(text);
  const words = list.flatMap((u) => (u ? [u.text] : []));
  return unique([...pairs(list).pairs, ...words]);
}

/**
 * Terms of a query: Chinese pairs (a character alone only when it has no neighbour), and Latin
 * words. Fewer terms than {@link indexTerms} gives, so every term must match.
 */
export function queryTerms(text: string): string[] {
  const list = units(text);
  const { pairs: found, lone } = pairs(list);
  const words = list.flatMap((u) => (u && !u.cjk ? [u.text] : []));
  return unique([...found, ...lone, ...words]);
}

/**
 * Terms of an asset id: the id and each tail of it after a dash (PIPE-GS-000001 → pipe-gs-000001,
 * gs-000001, 000001), so GS-000001 finds the gas pipe and the gas node of that number.
 */
export function idTerms(id: string): string[] {
  const parts = normalizeText(id).split('-').filter(Boolean);
  return parts.map((_, i) => parts.slice(i).join('-'));
}

/** True for a query term of Latin letters only, where a typo is likely and fuzzy matching helps. */
export function isLatinWord(term: string): boolean {
  return /^\p{Script=Latin}+$/u.test(term);
}

/** True for a query term made of letters, digits and dashes, which may be typed in part. */
export function isLatinTerm(term: string): boolean {
  return !CJK.test(term);
}
