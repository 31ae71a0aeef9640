import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState, type Key, type KeyboardEvent, type ReactNode } from 'react';
import { anchorScroll } from './anchorScroll.js';
import { useRootFontPx } from './useClock.js';
import './liveList.css';

/** Where the virtualiser puts a row: its place in the list, px from the list's top, and its height. */
export interface RowPlace {
  readonly index: number;
  readonly setSize: number;
  readonly top: number;
  readonly height: number;
}

export interface VirtualListProps<T> {
  /** The rows, in the order shown. */
  readonly rows: readonly T[];
  /** The rows' ids, in the same order: the virtualiser's keys and the scroll anchor's. */
  readonly ids: readonly string[];
  /** Every id the list could show, filtered out or not (default `ids`): a row a filter gives back is not news. */
  readonly knownIds?: readonly string[];
  /** Row height in rem: fixed, so the virtualiser needs no measuring. */
  readonly rowRem: number;
  readonly label: string;
  readonly testId: string;
  /** The "N new above" button's text. */
  readonly newAbove: (count: number) => string;
  readonly renderRow: (row: T, place: RowPlace) => ReactNode;
}

/**
 * A live list of fixed-height rows, newest first, virtualised for thousands of rows. New rows
 * arrive on top: the row the user scrolled to stays where it was, and a button says how many came.
 */
export function VirtualList<T>({ rows, ids, knownIds = ids, rowRem, label, testId, newAbove, renderRow }: VirtualListProps<T>) {
  const rowPx = rowRem * useRootFontPx();
  const scroller = useRef<HTMLDivElement>(null);
  // A stable key function: the virtualiser recomputes every row's place when it changes.
  const getItemKey = useCallback((index: number): Key => ids[index] ?? index, [ids]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowPx, getItemKey, overscan: 4 });
  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowPx]);

  const shown = useRef({ ids, knownIds });
  const [above, setAbove] = useState(0);
  useLayoutEffect(() => {
    const element = scroller.current;
    const previous = shown.current;
    shown.current = { ids, knownIds };
    if (!element || previous.ids === ids) return;
    const anchored = anchorScroll(previous.ids, ids, element.scrollTop, rowPx, new Set(previous.knownIds));
    if (anchored.scrollTop !== element.scrollTop) element.scrollTop = anchored.scrollTop;
    if (anchored.insertedAbove > 0) setAbove((n) => n + anchored.insertedAbove);
  }, [ids, knownIds, rowPx]);

  return (
    <div className="live-list__viewport" hidden={rows.length === 0}>
      {above > 0 && (
        <button
          type="button"
          className="live-list__new"
          onClick={() => {
            scroller.current?.scrollTo({ top: 0 });
            setAbove(0);
          }}
        >
          {newAbove(above)}
        </button>
      )}
      <div
        ref={scroller}
        className="live-list__scroller"
        role="list"
        aria-label={label}
        data-testid={testId}
        onScroll={(event) => {
          if (event.currentTarget.scrollTop <= 0) setAbove(0);
        }}
      >
        <div className="live-list__rows" role="none" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <Fragment key={item.key}>{renderRow(rows[item.index] as T, { index: item.index, setSize: rows.length, top: item.start, height: item.size })}</Fragment>
          ))}
        </div>
      </div>
    </div>
  );
}

export interface VirtualRowProps extends RowPlace {
  /** The row's own classes, beside `live-row`. */
  readonly className: string;
  readonly selected: boolean;
  readonly testId: string;
  /** The row's `data-*` attributes, in the order they are written. */
  readonly data: Readonly<Record<`data-${string}`, string>>;
  readonly onSelect: () => void;
  readonly children: ReactNode;
}

/** One row of a VirtualList: a list item placed by the virtualiser, chosen by click, Enter or Space, left by the arrow keys. */
export function VirtualRow({ index, setSize, top, height, className, selected, testId, data, onSelect, children }: VirtualRowProps) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Keys pressed on a button inside the row are the button's.
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      // The virtualiser's overscan keeps the neighbours in the DOM; focusing one scrolls it into view.
      const next = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      if (next instanceof HTMLElement) next.focus();
    }
  }

  return (
    <div
      className={`live-row ${className}`}
      style={{ transform: `translateY(${top}px)`, height }}
      role="listitem"
      tabIndex={0}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-current={selected ? 'true' : undefined}
      data-testid={testId}
      {...data}
      onClick={onSelect}
      onKeyDown={onKeyDown}
    >
      {children}
    </div>
  );
}
