import type { Incident } from '@pengcheng/protocol';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ageSince, anchorScroll, formatAge } from '../alarms/alarmRows.js';
import { useViewer, useViewerStoreApi } from '../storeContext.js';
import { focusIncident } from './focusIncident.js';
import { countIncidents, openIncidents } from './incidentLoop.js';
import { IncidentRow } from './IncidentRow.js';
import { useNow, useRootFontPx } from './useClock.js';
import './incidents.css';

export type IncidentListVariant = 'wall' | 'desk';

export interface IncidentListProps {
  /** `wall`: big type for three metres away; `desk`: compact, in a side column. */
  readonly variant: IncidentListVariant;
}

/** Row heights in rem: fixed per variant, so the virtualiser needs no measuring. */
const ROW_REM: Record<IncidentListVariant, number> = { wall: 5.6, desk: 5.4 };

/** The live list of open incidents (事件), newest first, virtualised; a row opens the incident's panel and flies there. */
export function IncidentList({ variant }: IncidentListProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const store = useViewerStoreApi();
  const incidents = useViewer((s) => s.live.incidents);
  const connection = useViewer((s) => s.live.connection);
  const selectedId = useViewer((s) => s.live.selectedIncidentId);

  const rows = useMemo(() => openIncidents(incidents), [incidents]);
  const ids = useMemo(() => rows.map((i) => i.id), [rows]);
  const counts = useMemo(() => countIncidents(rows), [rows]);
  const number = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const now = useNow(rows.length > 0);

  const rowPx = ROW_REM[variant] * useRootFontPx();
  const scroller = useRef<HTMLDivElement>(null);
  // A stable key function: the virtualiser recomputes every row's place when it changes.
  const getItemKey = useCallback((index: number) => ids[index] ?? index, [ids]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowPx, getItemKey, overscan: 4 });
  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowPx]);

  // New incidents arrive on top: keep the row the user scrolled to where it was, and say how many came.
  const shownIds = useRef(ids);
  const [newAbove, setNewAbove] = useState(0);
  useLayoutEffect(() => {
    const element = scroller.current;
    const previous = shownIds.current;
    shownIds.current = ids;
    if (!element || previous === ids) return;
    const anchored = anchorScroll(previous, ids, element.scrollTop, rowPx);
    if (anchored.scrollTop !== element.scrollTop) element.scrollTop = anchored.scrollTop;
    if (anchored.insertedAbove > 0) setNewAbove((n) => n + anchored.insertedAbove);
  }, [ids, rowPx]);

  const select = useCallback((incident: Incident) => focusIncident(store.getState(), incident), [store]);

  const unavailable = connection === 'offline' || connection === 'refused';
  const className = variant === 'wall' ? 'wall-panel incident-list incident-list--wall' : 'panel incident-list incident-list--desk';
  return (
    <section className={className} data-testid="incident-list-panel" aria-label={t('incidents.title')}>
      <header className="incident-list__header">
        <h2 className={variant === 'wall' ? 'wall-panel__title incident-list__title' : 'panel__title incident-list__title'}>{t('incidents.title')}</h2>
        {!unavailable && (
          <span className="incident-list__total" data-testid="incident-count" data-count={counts.total}>
            {t('incidents.total', { n: number.format(counts.total) })}
          </span>
        )}
      </header>
      {unavailable ? (
        <p className="incident-list__message" data-testid="incident-list-offline">
          {t(connection === 'refused' ? 'incidents.refused' : 'incidents.offline')}
        </p>
      ) : (
        <>
          <dl className="incident-list__summary">
            <div className="incident-list__figure incident-list__figure--reported">
              <dt>{t('incidents.summary.reported')}</dt>
              <dd>{number.format(counts.reported)}</dd>
            </div>
            <div className="incident-list__figure">
              <dt>{t('incidents.summary.inProgress')}</dt>
              <dd>{number.format(counts.inProgress)}</dd>
            </div>
            <div className="incident-list__figure incident-list__figure--critical">
              <dt>{t('incidents.summary.critical')}</dt>
              <dd>{number.format(counts.critical)}</dd>
            </div>
          </dl>
          {connection === 'reconnecting' && <p className="incident-list__note">{t('incidents.reconnecting')}</p>}
          {rows.length === 0 && (
            <p className="incident-list__message" data-testid="incident-list-empty">
              {t(connection === 'connecting' ? 'incidents.connecting' : 'incidents.empty')}
            </p>
          )}
          <div className="incident-list__viewport" hidden={rows.length === 0}>
            {newAbove > 0 && (
              <button
                type="button"
                className="incident-list__new"
                onClick={() => {
                  scroller.current?.scrollTo({ top: 0 });
                  setNewAbove(0);
                }}
              >
                {t('incidents.newAbove', { n: number.format(newAbove) })}
              </button>
            )}
            <div
              ref={scroller}
              className="incident-list__scroller"
              role="list"
              aria-label={t('incidents.list')}
              data-testid="incident-list"
              onScroll={(event) => {
                if (event.currentTarget.scrollTop <= 0) setNewAbove(0);
              }}
            >
              <div className="incident-list__rows" role="none" style={{ height: virtualizer.getTotalSize() }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const incident = rows[item.index] as Incident;
                  return (
                    <IncidentRow
                      key={item.key}
                      incident={incident}
                      age={formatAge(locale, ageSince(now, incident.createdAtMs))}
                      index={item.index}
                      setSize={rows.length}
                      top={item.start}
                      height={item.size}
                      selected={incident.id === selectedId}
                      onSelect={select}
                    />
                  );
                })}
              </div>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
