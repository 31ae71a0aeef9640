import type { SearchResult } from '@pengcheng/protocol';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer, useViewerStoreApi } from '../storeContext.js';
import { showSearchResult } from './showSearchResult.js';
import './search.css';

/**
 * The desk's search: names (行政中心, 主楼), addresses (昆仑大道1号), English words and ids
 * (BLD-000001, PIPE-GS-000001). A combobox: arrows move through the results, Enter or a click
 * flies there and selects the thing, Escape closes the list and then clears the field. What is
 * typed goes to the store; app/searchSync.ts asks the server and puts the answer there.
 */
export function SearchBox() {
  const { t, i18n } = useTranslation();
  const store = useViewerStoreApi();
  const sceneReady = useViewer((s) => s.engine !== undefined);
  const answer = useViewer((s) => s.searchAnswer);
  const setSearchQuery = useViewer((s) => s.setSearchQuery);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [flownTo, setFlownTo] = useState<string | undefined>(undefined);
  const listId = useId();
  // Enter pressed before the answer for what is typed came: take its best result when it comes.
  const chooseWhenAnswered = useRef(false);

  const query = text.trim();
  // While the next answer comes, the last one stays up rather than flickering away.
  const results = answer.phase === 'done' ? answer.response.results : answer.phase === 'loading' ? (answer.previous?.results ?? []) : [];
  const english = i18n.language === 'en';
  const nameOf = (r: SearchResult): string => (english ? (r.name.en ?? r.name.zh) : r.name.zh);
  const detailOf = (r: SearchResult): string => {
    const address = r.address ? (english ? (r.address.en ?? r.address.zh) : r.address.zh) : undefined;
    return address && address !== nameOf(r) ? `${address} · ${r.id}` : r.id;
  };

  const type = (next: string): void => {
    setText(next);
    setSearchQuery(next);
    setActive(0);
  };

  const choose = (result: SearchResult): void => {
    chooseWhenAnswered.current = false;
    setOpen(false);
    setText(nameOf(result));
    setFlownTo(undefined);
    void showSearchResult(store, result, { fly: true, reveal: true }).then(() => setFlownTo(result.id));
  };

  useEffect(() => {
    if (!chooseWhenAnswered.current || answer.phase === 'loading' || answer.phase === 'idle') return;
    chooseWhenAnswered.current = false;
    const best = answer.phase === 'done' ? answer.response.results[0] : undefined;
    if (best) choose(best);
    // Only a new answer may make the choice; `choose` is a new function every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      else if (results.length > 0) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const answered = answer.phase === 'done' && answer.query === query;
      const result = answered ? (results[active] ?? results[0]) : undefined;
      if (result) choose(result);
      else if (query && !answered) chooseWhenAnswered.current = true;
    } else if (event.key === 'Escape') {
      if (open && query) setOpen(false);
      else type('');
    }
  };

  const showList = open && query !== '' && answer.phase !== 'idle';
  const activeId = showList && results[active] ? `${listId}-${active}` : undefined;

  return (
    <div className="search" role="search" data-testid="search" data-state={answer.phase} {...(flownTo ? { 'data-flown-to': flownTo } : {})}>
      <input
        className="search__input"
        data-testid="search-input"
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        {...(activeId ? { 'aria-activedescendant': activeId } : {})}
        placeholder={t('search.placeholder')}
        value={text}
        disabled={!sceneReady}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          type(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <div className="search__popup">
          <ul id={listId} className="search__results" role="listbox" aria-label={t('search.results')} data-testid="search-results">
            {results.map((result, i) => (
              <li
                key={result.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className="search__result"
                data-testid="search-result"
                data-id={result.id}
                // Before the input's blur closes the list.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(result)}
                onMouseEnter={() => setActive(i)}
              >
                <span className="search__name">{nameOf(result)}</span>
                <span className="search__kind">{t(`search.kinds.${result.kind}`)}</span>
                <span className="search__detail">{detailOf(result)}</span>
              </li>
            ))}
          </ul>
          <p className="search__status" role="status" aria-live="polite">
            {answer.phase === 'loading' && t('search.searching')}
            {answer.phase === 'error' && t('search.failed')}
            {answer.phase === 'done' && results.length === 0 && t('search.none', { query: answer.query })}
            {answer.phase === 'done' && answer.response.total > results.length && t('search.more', { shown: results.length, total: answer.response.total })}
          </p>
        </div>
      )}
    </div>
  );
}
