import { quantitySpec, type ObservationHistoryResponse, type Sensor, type StoredObservation } from '@pengcheng/protocol';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATE_COLOURS } from '../../engine/live/sensors/sensorPalette.js';
import { sensorState, thresholdLevel, worseState, type SensorState } from '../../engine/live/sensors/sensorState.js';
import { EChart } from '../charts/EChart.js';
import type { LiveActions } from '../live/liveActions.js';
import { useViewer } from '../storeContext.js';
import {
  chartPoints,
  DEFAULT_RANGE,
  defaultQuantity,
  fractionDigits,
  HISTORY_RANGES,
  historyChartOption,
  historyPoints,
  quantitiesOf,
  relativeTime,
  thresholdLines,
  UNIT_KEYS,
  type HistoryRange,
} from './sensorChart.js';
import './sensors.css';

export interface SensorPanelProps {
  readonly actions: Pick<LiveActions, 'sensorHistory'>;
  /** Where the layout puts the panel (the desk and the wall place it differently). */
  readonly className?: string;
}

/** The clock the panel's relative times and staleness follow. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The root font size in CSS pixels, which chart text follows (the wall's is large). */
function useRemPx(): number {
  const [remPx, setRemPx] = useState(16);
  useEffect(() => {
    const measure = () => setRemPx(Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
    measure();
    // The wall's root size follows the window height.
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  return remPx;
}

/** The panel of the selected sensor (`live.selectedSensorId`); nothing when none is selected or it is not in the registry. */
export function SensorPanel({ actions, className }: SensorPanelProps) {
  const selectedId = useViewer((s) => s.live.selectedSensorId);
  const sensor = useViewer((s) => (selectedId === undefined ? undefined : s.live.sensors.get(selectedId)));
  if (!sensor) return null;
  // Keyed by sensor: a new selection starts with its own quantity, range and live tail.
  return <SensorDetails key={sensor.id} sensor={sensor} actions={actions} className={className} />;
}

function SensorDetails({ sensor, actions, className }: { sensor: Sensor; actions: Pick<LiveActions, 'sensorHistory'>; className: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const en = language === 'en';
  const reading = useViewer((s) => s.live.readings.get(sensor.id));
  const allAlarms = useViewer((s) => s.live.alarms);
  const engine = useViewer((s) => s.engine);
  const setLive = useViewer((s) => s.setLive);
  const now = useNow(15_000);

  const alarms = useMemo(() => allAlarms.filter((alarm) => alarm.sensorId === sensor.id && alarm.state !== 'cleared'), [allAlarms, sensor.id]);
  const state = sensorState(sensor, reading, alarms, now);
  const quantities = quantitiesOf(sensor);
  const [quantity, setQuantity] = useState(() => defaultQuantity(sensor, alarms) ?? '');
  const [range, setRange] = useState<HistoryRange>(DEFAULT_RANGE);

  const formatValue = useMemo(() => {
    const formats = new Map<number, Intl.NumberFormat>();
    return (q: string, value: number): string => {
      const spec = quantitySpec(sensor.kind, q);
      const digits = spec ? fractionDigits(spec.unit) : 1;
      let format = formats.get(digits);
      if (!format) {
        format = new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits });
        formats.set(digits, format);
      }
      const unitKey = spec ? UNIT_KEYS[spec.unit] : undefined;
      return unitKey ? t('sensors.value', { value: format.format(value), unit: t(`sensors.units.${unitKey}`) }) : format.format(value);
    };
  }, [sensor.kind, language, t]);
  const quantityName = (q: string): string => {
    const spec = quantitySpec(sensor.kind, q);
    return spec ? (en ? (spec.name.en ?? spec.name.zh) : spec.name.zh) : q;
  };
  const absolute = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' }), [language]);
  const relative = useMemo(() => new Intl.RelativeTimeFormat(language, { numeric: 'auto' }), [language]);
  const when = (timeMs: number) => {
    const ago = relativeTime(now - timeMs);
    return t('sensors.panel.readingAt', { relative: relative.format(ago.value, ago.unit), absolute: absolute.format(timeMs) });
  };

  const showAsset = () => {
    engine?.selectFeature(sensor.asset.id);
    void engine?.flyTo({ longitude: sensor.position.lon, latitude: sensor.position.lat, heightM: sensor.position.height, radiusM: 80 });
  };

  return (
    <aside className={`panel sensor-panel ${className ?? ''}`} data-testid="sensor-panel" data-sensor-id={sensor.id} data-state={state} aria-label={t('sensors.panel.title')}>
      <header className="panel__header sensor-panel__header">
        <div className="sensor-panel__heading">
          <h2 className="panel__title">{en ? (sensor.name.en ?? sensor.name.zh) : sensor.name.zh}</h2>
          <p className="sensor-panel__kind">{t(`sensors.kinds.${sensor.kind}`)}</p>
        </div>
        <span className={`sensor-badge sensor-badge--${state}`} style={{ ['--state' as string]: STATE_COLOURS[state] }} data-testid="sensor-state">
          {t(`sensors.states.${state}`)}
        </span>
        <button type="button" className="panel__close" aria-label={t('sensors.panel.close')} onClick={() => setLive({ selectedSensorId: undefined })}>
          ×
        </button>
      </header>

      <dl className="sensor-panel__facts">
        <div className="sensor-panel__row">
          <dt>{t('sensors.panel.id')}</dt>
          <dd>{sensor.id}</dd>
        </div>
        <div className="sensor-panel__row">
          <dt>{t('sensors.panel.watches')}</dt>
          <dd>
            {t(`sensors.assets.${sensor.asset.kind}`)} {sensor.asset.id}
            {engine ? (
              <button type="button" className="sensor-panel__asset" onClick={showAsset}>
                {t('sensors.panel.showAsset')}
              </button>
            ) : null}
          </dd>
        </div>
      </dl>

      {alarms.length > 0 ? (
        <ul className="sensor-panel__alarms">
          {alarms.map((alarm) => (
            <li key={alarm.id} className={`sensor-panel__alarm sensor-panel__alarm--${alarm.level}`}>
              {t('sensors.panel.openAlarm', { level: t(`sensors.levels.${alarm.level}`), quantity: quantityName(alarm.quantity), value: formatValue(alarm.quantity, alarm.lastValue), time: absolute.format(alarm.raisedAtMs) })}
            </li>
          ))}
        </ul>
      ) : null}

      <section className="sensor-panel__section" aria-label={t('sensors.panel.latest')}>
        <h3 className="sensor-panel__subtitle">{t('sensors.panel.latest')}</h3>
        {reading ? <LatestValues sensor={sensor} reading={reading} formatValue={formatValue} quantityName={quantityName} /> : <p className="sensor-panel__note">{t('sensors.panel.noReading')}</p>}
        {reading ? (
          <p className="sensor-panel__note" data-testid="sensor-reading-time">
            {when(reading.timeMs)}
            {reading.quality !== 'good' ? ` · ${t(reading.quality === 'bad' ? 'sensors.states.offline' : 'sensors.panel.suspect')}` : ''}
          </p>
        ) : null}
      </section>

      <section className="sensor-panel__section" aria-label={t('sensors.panel.history')}>
        <h3 className="sensor-panel__subtitle">{t('sensors.panel.history')}</h3>
        <div className="sensor-panel__choices" role="group" aria-label={t('sensors.panel.range')}>
          {(Object.keys(HISTORY_RANGES) as HistoryRange[]).map((r) => (
            <button key={r} type="button" className="sensor-panel__choice" aria-pressed={r === range} onClick={() => setRange(r)}>
              {t(`sensors.ranges.${r}`)}
            </button>
          ))}
        </div>
        {quantities.length > 1 ? (
          <div className="sensor-panel__choices" role="group" aria-label={t('sensors.panel.quantity')}>
            {quantities.map((q) => (
              <button key={q} type="button" className="sensor-panel__choice" aria-pressed={q === quantity} onClick={() => setQuantity(q)}>
                {quantityName(q)}
              </button>
            ))}
          </div>
        ) : null}
        <HistoryChart
          sensor={sensor}
          quantity={quantity}
          range={range}
          reading={reading}
          now={now}
          actions={actions}
          name={quantityName(quantity)}
          formatValue={formatValue}
        />
      </section>
    </aside>
  );
}

function LatestValues({ sensor, reading, formatValue, quantityName }: { sensor: Sensor; reading: StoredObservation; formatValue: (q: string, v: number) => string; quantityName: (q: string) => string }) {
  return (
    <dl className="sensor-panel__values" data-testid="sensor-values">
      {quantitiesOf(sensor).map((q) => {
        const value = reading.values[q];
        const level = value === undefined ? 'normal' : sensor.thresholds.filter((th) => th.quantity === q).reduce<SensorState>((worst, th) => worseState(worst, thresholdLevel(th, value)), 'normal');
        return (
          <div key={q} className={`sensor-panel__value sensor-panel__value--${level}`}>
            <dt>{quantityName(q)}</dt>
            <dd>{value === undefined ? '—' : formatValue(q, value)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

type Fetched = { key: string; history: ObservationHistoryResponse; error?: undefined } | { key: string; history?: undefined; error: string };

interface HistoryChartProps {
  readonly sensor: Sensor;
  readonly quantity: string;
  readonly range: HistoryRange;
  readonly reading: StoredObservation | undefined;
  readonly now: number;
  readonly actions: Pick<LiveActions, 'sensorHistory'>;
  readonly name: string;
  readonly formatValue: (quantity: string, value: number) => string;
}

function HistoryChart({ sensor, quantity, range, reading, now, actions, name, formatValue }: HistoryChartProps) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const key = `${sensor.id}|${range}|${attempt}`;
  const [fetched, setFetched] = useState<Fetched | undefined>(undefined);
  const [live, setLiveTail] = useState<{ key: string; readings: readonly StoredObservation[] }>({ key, readings: [] });

  useEffect(() => {
    const controller = new AbortController();
    const toMs = Date.now();
    actions.sensorHistory(sensor.id, toMs - HISTORY_RANGES[range], toMs, controller.signal).then(
      (history) => setFetched({ key, history }),
      (error: unknown) => {
        if (!controller.signal.aborted) setFetched({ key, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [actions, sensor.id, range, key]);

  // The live readings since the fetch, kept while the key holds (derived state, set during render).
  if (live.key !== key) setLiveTail({ key, readings: reading ? [reading] : [] });
  else if (reading && (live.readings.at(-1)?.timeMs ?? -Infinity) < reading.timeMs) setLiveTail({ key, readings: [...live.readings, reading] });

  const current = fetched?.key === key ? fetched : undefined;
  const fromMs = now - HISTORY_RANGES[range];
  const history = useMemo(() => (current?.history ? historyPoints(current.history, quantity) : []), [current, quantity]);
  const points = useMemo(() => chartPoints(history, live.key === key ? live.readings : [], quantity, fromMs), [history, live, key, quantity, fromMs]);
  const lines = useMemo(() => thresholdLines(sensor.thresholds, quantity), [sensor.thresholds, quantity]);

  const remPx = useRemPx();
  const format = useCallback((value: number) => formatValue(quantity, value), [formatValue, quantity]);
  const option = useMemo(
    () =>
      historyChartOption(
        {
          name,
          points,
          lines,
          lineLabel: (line) => t('sensors.panel.lineLabel', { level: t(`sensors.levels.${line.level}`), value: format(line.value) }),
          formatValue: format,
          fromMs,
          toMs: Math.max(now, points.at(-1)?.[0] ?? now),
        },
        { remPx, lineColour: '#37b6ff', textColour: '#9fb3cc', levelColours: { warning: STATE_COLOURS.warning, alarm: STATE_COLOURS.alarm } },
      ),
    [name, points, lines, fromMs, now, format, t, remPx],
  );

  if (current?.error !== undefined) {
    return (
      <div className="sensor-panel__chart-state sensor-panel__chart-state--error" role="alert">
        <p>{t('sensors.panel.error', { message: current.error })}</p>
        <button type="button" className="sensor-panel__choice" onClick={() => setAttempt((n) => n + 1)}>
          {t('sensors.panel.retry')}
        </button>
      </div>
    );
  }
  return (
    <div className="sensor-panel__chart-box">
      <EChart option={option} className="sensor-panel__chart" testId="sensor-history-chart" label={t('sensors.panel.chart', { name, range: t(`sensors.ranges.${range}`) })} />
      {!current ? (
        <p className="sensor-panel__chart-state" role="status">
          {t('sensors.panel.loading')}
        </p>
      ) : points.length === 0 ? (
        <p className="sensor-panel__chart-state">{t('sensors.panel.empty')}</p>
      ) : null}
    </div>
  );
}
