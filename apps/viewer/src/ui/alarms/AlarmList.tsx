import { roleMay, type Alarm } from '@pengcheng/protocol';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveActions } from '../live/liveActions.js';
import { LiveListPanel } from '../live/LiveListPanel.js';
import { useNow } from '../live/useClock.js';
import { VirtualList } from '../live/VirtualList.js';
import { useViewer, useViewerStoreApi } from '../storeContext.js';
import { AlarmRow } from './AlarmRow.js';
import { ageSince, arrivals, countAlarms, formatAge, NO_FILTER, visibleAlarms, type AlarmFilter } from './alarmRows.js';
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
  const role = useViewer((s) => s.live.principal?.role);
  const selectedSensorId = useViewer((s) => s.live.selectedSensorId);

  const [filter, setFilter] = useState<AlarmFilter>(NO_FILTER);
  const rows = useMemo(() => visibleAlarms(alarms, variant === 'desk' ? filter : NO_FILTER), [alarms, filter, variant]);
  const ids = useMemo(() => rows.map((a) => a.id), [rows]);
  const knownIds = useMemo(() => alarms.map((a) => a.id), [alarms]);
  const counts = useMemo(() => countAlarms(alarms), [alarms]);
  const number = useMemo(() => new Intl.NumberFormat(locale), [locale]);

  const now = useNow(rows.length > 0);
  const fresh = useArrivals(alarms);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [failures, setFailures] = useState<ReadonlyMap<string, string>>(new Map());
  const acknowledgeable = variant === 'desk' && actions !== undefined && role !== undefined && roleMay(role, 'alarms:acknowledge');

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

  return (
    <LiveListPanel
      variant={variant}
      block="alarm-list"
      messages="alarms"
      testId="alarm-panel"
      testIdPrefix="alarm"
      total={counts.total}
      figures={[
        { label: t('alarms.summary.alarm'), value: number.format(counts.alarm), className: 'alarm-list__figure--alarm' },
        { label: t('alarms.summary.warning'), value: number.format(counts.warning), className: 'alarm-list__figure--warning' },
        { label: t('alarms.summary.unacknowledged'), value: number.format(counts.unacknowledged) },
      ]}
      controls={
        variant === 'desk' && (
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
        )
      }
      empty={rows.length === 0 ? t(alarms.length > 0 ? 'alarms.emptyFiltered' : 'alarms.empty') : undefined}
    >
      <VirtualList
        rows={rows}
        ids={ids}
        knownIds={knownIds}
        rowRem={ROW_REM[variant]}
        label={t('alarms.list')}
        testId="alarm-list"
        newAbove={(n) => t('alarms.newAbove', { n: number.format(n) })}
        renderRow={(alarm, place) => (
          <AlarmRow
            alarm={alarm}
            sensor={sensors.get(alarm.sensorId)}
            age={formatAge(locale, ageSince(now, alarm.raisedAtMs))}
            {...place}
            acknowledgeable={acknowledgeable}
            pending={pending.has(alarm.id)}
            failure={failures.get(alarm.id)}
            fresh={(fresh.get(alarm.id) ?? 0) > now}
            selected={alarm.sensorId === selectedSensorId}
            onSelect={select}
            onAcknowledge={acknowledge}
          />
        )}
      />
    </LiveListPanel>
  );
}

function withoutKey<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}
