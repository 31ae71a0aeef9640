import { roleMay, type Alarm } from '@pengcheng/protocol';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveActions } from '../live/liveActions.js';
import { useViewer, useViewerStoreApi } from '../storeContext.js';
import { AlarmRow } from './AlarmRow.js';
import { ageSince, anchorScroll, arrivals, countAlarms, formatAge, NO_FILTER, visibleAlarms, type AlarmFilter } from './alarmRows.js';
import { focusAlarm } from './focusAlarm.js';
import './alarms.css';

export type AlarmListVariant = 'wall' | 'desk';

export interface AlarmListProps {
  /** `wall`: big type, no controls (nobody stands at the wall); `desk`: compact, with filters and acknowledging. */
  readonly variant: AlarmListVariant;
  /** The desk's server actions; without them (the wall) no row offers to acknowledge. */
  readonly actions?: Pick<LiveActions, 'acknowledgeAlarm'>;
}

/** Row heights in rem: fixed per variant, so the virtualiser needs no measuring. */
const ROW_REM: Record<AlarmListVariant, number> = { wall: 4.7, desk: 4.8 };
/** An alarm that shows up within a minute of being raised is new, not a snapshot catching up. */
const RECENT_MS = 60_000;
const HIGHLIGHT_MS = 6_000;

function rootFontPx(): number {
  return Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/** The root font size in px; it follows the screen (theme.css, wall.css), so rows resize with it. */
function useRootFontPx(): number {
  const [px, setPx] = useState(rootFontPx);
  useEffect(() => {
    const update = () => setPx(rootFontPx());
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return px;
}

/** One clock for every row's "3 minutes ago"; it stops while there is nothing to age. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return now;
}

/** Ids of alarms that arrived while the list was up, with when their highlight ends. */
function useArrivals(alarms: readonly Alarm[]): ReadonlyMap<string, number> {
  const known = useRef<ReadonlySet<string> | undefined>(undefined);
  const [fresh, setFresh] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    const now = Date.now();
    // The alarms on screen when the list opens are not news.
    const came = known.current ? arrivals(known.current, alarms, now, RECENT_MS) : [];
    known.current = new Set(alarms.map((a) => a.id));
    if (came.length === 0) return;
    setFresh((previous) => {
      const next = new Map([...previous].filter(([, until]) => until > now));
      for (const id of came) next.set(id, now + HIGHLIGHT_MS);
      return next;
    });
  }, [alarms]);
  return fresh;
}

/** The live list of open alarms (告警列表), newest first, virtualised for thousands of rows. */
export function AlarmList({ variant, actions }: AlarmListProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const store = useViewerStoreApi();
  const alarms = useViewer((s) => s.live.alarms);
  const sensors = useViewer((s) => s.live.sensors);
  const connection = useViewer((s) => s.live.connection);
  const role = useViewer((s) => s.live.principal?.role);
  const selectedSensorId = useViewer((s) => s.live.selectedSensorId);

  const [filter, setFilter] = useState<AlarmFilter>(NO_FILTER);
  const rows = useMemo(() => visibleAlarms(alarms, variant === 'desk' ? filter : NO_FILTER), [alarms, filter, variant]);
  const ids = useMemo(() => rows.map((a) => a.id), [rows]);
  const counts = useMemo(() => countAlarms(alarms), [alarms]);
  const number = useMemo(() => new Intl.NumberFormat(locale), [locale]);

  const now = useNow(rows.length > 0);
  const fresh = useArrivals(alarms);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [failures, setFailures] = useState<ReadonlyMap<string, string>>(new Map());
  const acknowledgeable = variant === 'desk' && actions !== undefined && role !== undefined && roleMay(role, 'alarms:acknowledge');

  const rowPx = ROW_REM[variant] * useRootFontPx();
  const scroller = useRef<HTMLDivElement>(null);
  // A stable key function: the virtualiser recomputes every row's place when it changes.
  const getItemKey = useCallback((index: number) => ids[index] ?? index, [ids]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowPx,
    getItemKey,
    overscan: 4,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowPx]);

  // New rows arrive on top: keep the row the user scrolled to where it was, and say how many came.
  const shown = useRef({ ids, alarms });
  const [newAbove, setNewAbove] = useState(0);
  useLayoutEffect(() => {
    const element = scroller.current;
    const previous = shown.current;
    shown.current = { ids, alarms };
    if (!element || previous.ids === ids) return;
    const known = new Set(previous.alarms.map((a) => a.id));
    const anchored = anchorScroll(previous.ids, ids, element.scrollTop, rowPx, known);
    if (anchored.scrollTop !== element.scrollTop) element.scrollTop = anchored.scrollTop;
    if (anchored.insertedAbove > 0) setNewAbove((n) => n + anchored.insertedAbove);
  }, [ids, alarms, rowPx]);

  const select = useCallback((alarm: Alarm) => focusAlarm(store.getState(), alarm), [store]);

  const acknowledge = useCallback(
    (alarmId: string) => {
      if (!actions) return;
      setPending((p) => new Set(p).add(alarmId));
      setFailures((f) => withoutKey(f, alarmId));
      // On success the button stays disabled until the hub's change reaches the store and takes it
      // away, so it cannot be pressed twice in between; a refusal is this row's to show.
      actions.acknowledgeAlarm(alarmId).catch((error: unknown) => {
        setFailures((f) => new Map(f).set(alarmId, error instanceof Error ? error.message : String(error)));
        setPending((p) => {
          const next = new Set(p);
          next.delete(alarmId);
          return next;
        });
      });
    },
    [actions],
  );

  const unavailable = connection === 'offline' || connection === 'refused';
  const className = variant === 'wall' ? 'wall-panel alarm-list alarm-list--wall' : 'panel alarm-list alarm-list--desk';
  return (
    <section className={className} data-testid="alarm-panel" aria-label={t('alarms.title')}>
      <header className="alarm-list__header">
        <h2 className={variant === 'wall' ? 'wall-panel__title alarm-list__title' : 'panel__title alarm-list__title'}>{t('alarms.title')}</h2>
        {!unavailable && (
          <span className="alarm-list__total" data-testid="alarm-count" data-count={counts.total}>
            {t('alarms.total', { n: number.format(counts.total) })}
          </span>
        )}
      </header>
      {unavailable ? (
        <p className="alarm-list__message" data-testid="alarm-list-offline">
          {t(connection === 'refused' ? 'alarms.refused' : 'alarms.offline')}
        </p>
      ) : (
        <>
          <dl className="alarm-list__summary">
            <div className="alarm-list__figure alarm-list__figure--alarm">
              <dt>{t('alarms.summary.alarm')}</dt>
              <dd>{number.format(counts.alarm)}</dd>
            </div>
            <div className="alarm-list__figure alarm-list__figure--warning">
              <dt>{t('alarms.summary.warning')}</dt>
              <dd>{number.format(counts.warning)}</dd>
            </div>
            <div className="alarm-list__figure">
              <dt>{t('alarms.summary.unacknowledged')}</dt>
              <dd>{number.format(counts.unacknowledged)}</dd>
            </div>
          </dl>
          {variant === 'desk' && (
            <div className="alarm-list__filters" role="group" aria-label={t('alarms.filters.label')}>
              <button
                type="button"
                className="alarm-list__filter"
                aria-pressed={filter.level === 'alarm'}
                onClick={() => setFilter((f) => ({ ...f, level: f.level === 'alarm' ? 'all' : 'alarm' }))}
              >
                {t('alarms.filters.alarmOnly')}
              </button>
              <button
                type="button"
                className="alarm-list__filter"
                aria-pressed={filter.unacknowledgedOnly}
                onClick={() => setFilter((f) => ({ ...f, unacknowledgedOnly: !f.unacknowledgedOnly }))}
              >
                {t('alarms.filters.unacknowledgedOnly')}
              </button>
            </div>
          )}
          {connection === 'reconnecting' && <p className="alarm-list__note">{t('alarms.reconnecting')}</p>}
          {rows.length === 0 && (
            <p className="alarm-list__message" data-testid="alarm-list-empty">
              {t(connection === 'connecting' ? 'alarms.connecting' : alarms.length > 0 ? 'alarms.emptyFiltered' : 'alarms.empty')}
            </p>
          )}
          <div className="alarm-list__viewport" hidden={rows.length === 0}>
            {newAbove > 0 && (
              <button
                type="button"
                className="alarm-list__new"
                onClick={() => {
                  scroller.current?.scrollTo({ top: 0 });
                  setNewAbove(0);
                }}
              >
                {t('alarms.newAbove', { n: number.format(newAbove) })}
              </button>
            )}
            <div
              ref={scroller}
              className="alarm-list__scroller"
              role="list"
              aria-label={t('alarms.list')}
              data-testid="alarm-list"
              onScroll={(event) => {
                if (event.currentTarget.scrollTop <= 0) setNewAbove(0);
              }}
            >
              <div className="alarm-list__rows" role="none" style={{ height: virtualizer.getTotalSize() }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const alarm = rows[item.index] as Alarm;
                  return (
                    <AlarmRow
                      key={item.key}
                      alarm={alarm}
                      sensor={sensors.get(alarm.sensorId)}
                      age={formatAge(locale, ageSince(now, alarm.raisedAtMs))}
                      index={item.index}
                      setSize={rows.length}
                      top={item.start}
                      height={item.size}
                      acknowledgeable={acknowledgeable}
                      pending={pending.has(alarm.id)}
                      failure={failures.get(alarm.id)}
                      fresh={(fresh.get(alarm.id) ?? 0) > now}
                      selected={alarm.sensorId === selectedSensorId}
                      onSelect={select}
                      onAcknowledge={acknowledge}
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

function withoutKey<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}
