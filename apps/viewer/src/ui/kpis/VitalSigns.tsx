import type { Kpis } from '@pengcheng/protocol';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../charts/EChart.js';
import { useViewer } from '../storeContext.js';
import { BarList, type Bar } from '../wall/BarList.js';
import { Kpi } from '../wall/Kpi.js';
import { aqiBand, trafficBand } from './bands.js';
import { aqiGaugeOption, trafficTrendOption } from './chartOptions.js';
import { useRootFontPx } from '../live/useClock.js';
import { FeedNote, Panel, useKpiFormat } from './common.js';
import { categoryRows, durationFigure, feedState, type FeedState } from './figures.js';
import { lifelineStates } from './lifelines.js';
import { addKpis, emptyTrend, trendSamples, TREND_WINDOW_MS } from './trend.js';
import './kpis.css';

/** Category rows the events panel has room for at 1080p; more are summed in the last row. */
const CATEGORY_ROWS = 5;
const AGES = ['underHour', 'underDay', 'older'] as const;

/** The live figures and how current they are, as every panel reads them. */
function useFeed(): { kpis: Kpis | undefined; feed: FeedState } {
  const kpis = useViewer((s) => s.live.kpis);
  const connection = useViewer((s) => s.live.connection);
  return { kpis, feed: feedState(connection, kpis) };
}

function AirQualityPanel() {
  const { t } = useTranslation();
  const f = useKpiFormat();
  const rem = useRootFontPx();
  const { kpis, feed } = useFeed();
  const aqi = kpis?.aqi ?? null;
  const band = aqi === null ? undefined : aqiBand(aqi);
  const option = useMemo(() => (aqi === null ? undefined : aqiGaugeOption(aqi, rem)), [aqi, rem]);
  const bandLabel = band ? t(`kpis.aqiBands.${band.band}`) : t('kpis.status.unknown');
  return (
    <Panel title={t('kpis.panels.airQuality')} feed={feed} testId="kpi-panel-air">
      <div className="kpis-aqi">
        {option && aqi !== null ? (
          <EChart className="kpis-aqi__gauge" option={option} label={t('kpis.aqiGauge', { value: f.integer(aqi), band: bandLabel })} />
        ) : (
          <div className="kpis-aqi__gauge kpis-aqi__gauge--empty" aria-hidden="true" />
        )}
        <div className="kpis-aqi__figure" data-testid="kpi-aqi" data-band={band?.band ?? 'none'}>
          <span className="kpis-aqi__value">{aqi === null ? t('kpis.noData') : f.integer(Math.round(aqi))}</span>
          <span className={band ? 'kpis-band' : 'kpis-band kpis-band--none'} style={band ? { background: band.colour, color: band.ink } : undefined}>
            {bandLabel}
          </span>
          <span className="kpis-aqi__label">{t('kpis.aqi')}</span>
        </div>
      </div>
      <FeedNote feed={feed} timeMs={kpis?.timeMs} />
    </Panel>
  );
}

function TrafficPanel() {
  const { t } = useTranslation();
  const f = useKpiFormat();
  const rem = useRootFontPx();
  const { kpis, feed } = useFeed();
  // The hub sends only current figures: the trend is what this screen has seen, fed per update
  // while rendering (React's pattern for state derived from a changing prop).
  const [trend, setTrend] = useState(emptyTrend);
  const [fed, setFed] = useState<Kpis | undefined>(undefined);
  if (kpis !== fed) {
    setFed(kpis);
    if (kpis) setTrend((held) => addKpis(held, kpis));
  }
  const traffic = kpis?.traffic ?? null;
  const band = traffic ? trafficBand(traffic.index) : undefined;
  const samples = useMemo(() => trendSamples(trend), [trend]);
  const colour = trafficBand(samples.at(-1)?.index ?? 0).colour;
  const option = useMemo(
    () => (samples.length < 2 ? undefined : trafficTrendOption(samples, { rem, colour, time: f.time, windowMs: TREND_WINDOW_MS })),
    [samples, rem, colour, f],
  );
  const parking = kpis?.parkingFreeSpaces ?? null;
  return (
    <Panel title={t('kpis.panels.traffic')} feed={feed} testId="kpi-panel-traffic">
      <div className="wall-kpis wall-kpis--three">
        <div className="wall-kpi" data-testid="kpi-traffic-index" data-band={band?.band ?? 'none'}>
          <span className="wall-kpi__value">{traffic ? f.decimal(traffic.index, 1) : t('kpis.noData')}</span>
          {band && (
            <span className="kpis-band kpis-band--small" style={{ background: band.colour, color: band.ink }}>
              {t(`kpis.trafficBands.${band.band}`)}
            </span>
          )}
          <span className="wall-kpi__label">{t('kpis.trafficIndex')}</span>
        </div>
        <Kpi label={t('kpis.averageSpeed')} value={traffic ? f.decimal(traffic.averageSpeedKmh, 0) : t('kpis.noData')} unit={traffic ? t('kpis.units.kmh') : undefined} testId="kpi-average-speed" />
        <Kpi label={t('kpis.parkingFree')} value={parking === null ? t('kpis.noData') : f.integer(parking)} unit={parking === null ? undefined : t('kpis.units.spaces')} testId="kpi-parking-free" />
      </div>
      <p className="kpis-caption">{t('kpis.trend')}</p>
      {option ? (
        <EChart className="kpis-trend" option={option} label={t('kpis.trendChart')} testId="kpi-traffic-trend" />
      ) : (
        <p className="kpis-trend kpis-trend--empty">{feed === 'live' ? t('kpis.trendCollecting') : t('kpis.noData')}</p>
      )}
      <FeedNote feed={feed} timeMs={kpis?.timeMs} />
    </Panel>
  );
}

function LifelinesPanel() {
  const { t } = useTranslation();
  const f = useKpiFormat();
  const { kpis, feed } = useFeed();
  const none = t('kpis.noData');
  const alarms = useViewer((s) => s.live.alarms);
  const sensors = useViewer((s) => s.live.sensors);
  const states = useMemo(() => lifelineStates(alarms, sensors), [alarms, sensors]);
  // Without a feed the open alarms are unknown: "normal" would be a claim nobody checked.
  const known = feed === 'live' || feed === 'stale';
  return (
    <Panel title={t('kpis.panels.lifelines')} feed={feed} testId="kpi-panel-lifelines">
      <ul className="kpis-lifelines" data-testid="kpi-lifelines">
        {states.map((state) => {
          const status = known && state.sensors > 0 ? state.status : 'unknown';
          const open = state.alarms + state.warnings;
          const detail =
            !known ? none : state.sensors === 0 ? t('kpis.noSensors') : open > 0 ? t('kpis.lifelineOpen', { count: open, n: f.integer(open) }) : t('kpis.lifelineSensors', { count: state.sensors, sensors: f.integer(state.sensors) });
          return (
            <li key={state.lifeline} className={`kpis-lifeline kpis-lifeline--${status}`} data-lifeline={state.lifeline} data-status={status}>
              <span className="kpis-lifeline__dot" aria-hidden="true" />
              <span className="kpis-lifeline__name">{t(`kpis.lifelines.${state.lifeline}`)}</span>
              <span className="kpis-lifeline__status">{t(`kpis.status.${status}`)}</span>
              <span className="kpis-lifeline__detail">{detail}</span>
            </li>
          );
        })}
      </ul>
      <div className="wall-kpis wall-kpis--two kpis-alarms">
        <div className={`kpis-tone${kpis && kpis.alarms.warning > 0 ? ' kpis-tone--warning' : ''}`}>
          <Kpi label={t('kpis.warnings')} value={kpis ? f.integer(kpis.alarms.warning) : none} testId="kpi-alarm-warnings" />
        </div>
        <div className={`kpis-tone${kpis && kpis.alarms.alarm > 0 ? ' kpis-tone--alarm' : ''}`}>
          <Kpi label={t('kpis.alarms')} value={kpis ? f.integer(kpis.alarms.alarm) : none} testId="kpi-alarm-alarms" />
        </div>
      </div>
      <FeedNote feed={feed} timeMs={kpis?.timeMs} />
    </Panel>
  );
}

function EventsPanel() {
  const { t } = useTranslation();
  const f = useKpiFormat();
  const { kpis, feed } = useFeed();
  const none = t('kpis.noData');
  const incidents = kpis?.incidents;
  const handling = incidents?.averageHandlingMs ?? null;
  const duration = handling === null ? undefined : durationFigure(handling);
  const bars = useMemo((): Bar[] => {
    if (!incidents) return [];
    const { top, rest } = categoryRows(incidents.byCategory, CATEGORY_ROWS);
    const largest = Math.max(1, ...top.map((row) => row.count), rest?.count ?? 0);
    const rows: Bar[] = top.map((row) => ({ key: row.category, label: t(`kpis.categories.${row.category}`), value: f.integer(row.count), share: row.count / largest }));
    if (rest) rows.push({ key: 'rest', label: t('kpis.otherCategories', { count: rest.categories }), value: f.integer(rest.count), share: rest.count / largest });
    return rows;
  }, [incidents, t, f]);
  const ageTotal = incidents ? AGES.reduce((sum, age) => sum + incidents.byAge[age], 0) : 0;
  return (
    <Panel title={t('kpis.panels.events')} feed={feed} testId="kpi-panel-events">
      <div className="wall-kpis wall-kpis--two">
        <Kpi label={t('kpis.openIncidents')} value={incidents ? f.integer(incidents.open) : none} testId="kpi-open-incidents" />
        <Kpi label={t('kpis.handlingTime')} value={duration ? f.decimal(duration.value, duration.digits) : none} unit={duration ? t(`kpis.units.${duration.unit}`) : undefined} testId="kpi-handling-time" />
      </div>
      <p className="kpis-caption">{t('kpis.handlingNote')}</p>
      <div className="kpis-ages" data-testid="kpi-incidents-by-age">
        <div className="kpis-ages__bar" aria-hidden="true">
          {incidents && ageTotal > 0 && AGES.map((age) => <span key={age} className={`kpis-ages__part kpis-ages__part--${age}`} style={{ flexGrow: incidents.byAge[age] }} />)}
        </div>
        <ul className="kpis-ages__legend">
          {AGES.map((age) => (
            <li key={age} className={`kpis-ages__item kpis-ages__item--${age}`} data-age={age}>
              <span className="kpis-ages__swatch" aria-hidden="true" />
              <span className="kpis-ages__label">{t(`kpis.ages.${age}`)}</span>
              <span className="kpis-ages__value">{incidents ? f.integer(incidents.byAge[age]) : none}</span>
            </li>
          ))}
        </ul>
      </div>
      {bars.length > 0 ? <BarList bars={bars} testId="kpi-incidents-by-category" /> : <p className="kpis-empty">{incidents ? t('kpis.noIncidents') : none}</p>}
      <FeedNote feed={feed} timeMs={kpis?.timeMs} />
    </Panel>
  );
}

/** The wall's left side of the city vital signs (数字体征): air quality, traffic and parking. */
export function VitalSignsLeft() {
  return (
    <>
      <AirQualityPanel />
      <TrafficPanel />
    </>
  );
}

/** The wall's right side: the lifelines' status and the alarm counts, then the incidents. */
export function VitalSignsRight() {
  return (
    <>
      <LifelinesPanel />
      <EventsPanel />
    </>
  );
}
