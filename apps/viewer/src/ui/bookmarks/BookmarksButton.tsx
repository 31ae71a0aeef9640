import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ToolPopover } from '../popover/ToolPopover.js';
import { addBookmark, MAX_NAME_LENGTH, openingSearch, readBookmarks, removeBookmark, writeBookmarks, type Bookmark } from './bookmarkList.js';
import '../share/share.css';
import './bookmarks.css';

function newId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Named views kept in this browser (localStorage): save the view as it is now (the address
 * bar's shared state), go back to one (a navigation within the page: app/urlStateSync.ts flies
 * there and restores its layers, styles and selection; Back returns), delete one.
 */
export function BookmarksButton() {
  const { t, i18n } = useTranslation();
  const [bookmarks, setBookmarks] = useState<Bookmark[]>(() => readBookmarks(window.localStorage));
  const [name, setName] = useState('');
  const nameId = useId();

  const store = (next: Bookmark[]): void => {
    setBookmarks(next);
    writeBookmarks(window.localStorage, next);
  };

  const save = (event: FormEvent): void => {
    event.preventDefault();
    const label = name.trim() || t('bookmarks.defaultName', { number: bookmarks.length + 1 });
    store(addBookmark(bookmarks, label, window.location.search, Date.now(), newId()));
    setName('');
  };

  const go = (bookmark: Bookmark, close: () => void): void => {
    const search = openingSearch(bookmark, window.location.search);
    window.history.pushState(window.history.state, '', `${window.location.pathname}${search}`);
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
    close();
  };

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <ToolPopover label={t('bookmarks.button')} title={t('bookmarks.title')} closeLabel={t('bookmarks.close')} testId="bookmarks">
      {(close) => (
        <>
          <form className="bookmarks__form" onSubmit={save}>
            <label className="bookmarks__hidden-label" htmlFor={nameId}>
              {t('bookmarks.name')}
            </label>
            <input
              id={nameId}
              className="bookmarks__name"
              data-testid="bookmark-name"
              maxLength={MAX_NAME_LENGTH}
              placeholder={t('bookmarks.defaultName', { number: bookmarks.length + 1 })}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit" className="tool-button" data-testid="bookmark-add">
              {t('bookmarks.add')}
            </button>
          </form>
          {bookmarks.length === 0 ? (
            <p className="bookmarks__empty">{t('bookmarks.empty')}</p>
          ) : (
            <ul className="bookmarks__list" data-testid="bookmark-list">
              {bookmarks.map((bookmark) => (
                <li key={bookmark.id} className="bookmarks__item" data-testid="bookmark">
                  <button type="button" className="bookmarks__go" aria-label={t('bookmarks.go', { name: bookmark.name })} onClick={() => go(bookmark, close)}>
                    <span className="bookmarks__label">{bookmark.name}</span>
                    <span className="bookmarks__date">{date.format(bookmark.savedAt)}</span>
                  </button>
                  <button
                    type="button"
                    className="bookmarks__delete"
                    aria-label={t('bookmarks.delete', { name: bookmark.name })}
                    onClick={() => store(removeBookmark(bookmarks, bookmark.id))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </ToolPopover>
  );
}
