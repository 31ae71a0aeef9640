import { useEffect, useRef, useState, useSyncExternalStore, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplayControls } from './replayControls.js';
import './replay.css';

/** The district's clock: a wall in Xuzhou reads Beijing time whatever the device is set to. */
const TIME_ZONE = 'Asia/Shanghai';
const HOUR_MS = 3_600_000;
/** Arrow keys move the slider by a minute (Page Up/Down by the browser's larger step). */
const STEP_MS = 60_000;
/** A drag seeks once it rests this long, not on every pixel. */
const SEEK_SETTLE_MS = 200;
const SPEEDS = [1, 10, 60, 300] as const;
/** Hours labelled under the slider: every third, so labels never crowd. */
const LABEL_EVERY_HOURS = 3;
/** Beijing time is UTC+8 all year (no daylight saving): labelled hours are 00, 03, … there. */
const ZONE_OFFSET_HOURS = 8;

function useControls(controls: ReplayControls) {
  return useSyncExternalStore(
    (listener) => controls.subscribe(listener),
    () => controls.state,
    () => controls.state,
  );
}

function formatters(locale: string) {
  return {
    date: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }),
    time: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
    hour: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  };
}

/**
 * The time slider of replay (回放): the last 24 hours with hour ticks, the replayed moment in
 * large type, play and pause, the speed, and a clear way back to live (返回实时). Shown only while
 * replay is on.
 */
export function ReplayBar({ controls }: { controls: ReplayControls }) {
  const { t, i18n } = useTranslation();
  const state = useControls(controls);
  const [dragMs, setDragMs] = useState<number | undefined>(undefined);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);
  if (!state.active) return null;

  const [startMs, endMs] = state.rangeMs;
  const shownMs = dragMs ?? state.timeMs ?? endMs;
  const format = formatters(i18n.language);
  const onSlide = (event: ChangeEvent<HTMLInputElement>) => {
    const value = Number(event.target.value);
    setDragMs(value);
    clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      setDragMs(undefined);
      controls.seek(value);
    }, SEEK_SETTLE_MS);
  };

  const hours: number[] = [];
  for (let hour = Math.ceil(startMs / HOUR_MS) * HOUR_MS; hour <= endMs; hour += HOUR_MS) hours.push(hour);
  const at = (timeMs: number) => `${((timeMs - startMs) / (endMs - startMs)) * 100}%`;
  const timeText = `${format.date.format(shownMs)} ${format.time.format(shownMs)}`;

  return (
    <section className="replay-bar" data-testid="replay-bar" aria-label={t('replay.title')} data-playing={state.playing} data-loading={state.loading === true}>
      <p className="replay-bar__badge">{t('replay.badge')}</p>
      <p className="replay-bar__time" data-testid="replay-time">
        <span className="replay-bar__date">{format.date.format(shownMs)}</span>
        <span className="replay-bar__clock">{format.time.format(shownMs)}</span>
      </p>
      <button
        type="button"
        className="replay-bar__play"
        data-testid="replay-play"
        aria-label={state.playing ? t('replay.pause') : t('replay.play')}
        onClick={() => (state.playing ? controls.pause() : controls.play())}
      >
        <span aria-hidden="true">{state.playing ? '❚❚' : '▶'}</span>
        <span className="replay-bar__play-text">{state.playing ? t('replay.pause') : t('replay.play')}</span>
      </button>
      <div className="replay-bar__speeds" role="group" aria-label={t('replay.speed')}>
        {SPEEDS.map((speed) => (
          <button key={speed} type="button" className="replay-bar__speed" aria-pressed={state.speed === speed} data-testid={`replay-speed-${speed}`} onClick={() => controls.setSpeed(speed)}>
            {t('replay.times', { speed })}
          </button>
        ))}
      </div>
      <div className="replay-bar__track">
        <input
          type="range"
          className="replay-bar__slider"
          data-testid="replay-slider"
          aria-label={t('replay.slider')}
          aria-valuetext={timeText}
          min={startMs}
          max={endMs}
          step={STEP_MS}
          value={shownMs}
          onChange={onSlide}
        />
        <ol className="replay-bar__ticks" aria-hidden="true">
          {hours.map((hour) => (
            <li key={hour} className="replay-bar__tick" style={{ left: at(hour) }}>
              {(Math.round(hour / HOUR_MS) + ZONE_OFFSET_HOURS) % LABEL_EVERY_HOURS === 0 ? <span className="replay-bar__tick-label">{format.hour.format(hour)}</span> : null}
            </li>
          ))}
        </ol>
      </div>
      <button type="button" className="replay-bar__live" data-testid="replay-live" onClick={() => controls.backToLive()}>
        {t('replay.backToLive')}
      </button>
      {state.loading && !state.error ? <p className="replay-bar__status" role="status">{t('replay.loading')}</p> : null}
      {state.error ? (
        <p className="replay-bar__status replay-bar__status--error" role="alert" title={state.error}>
          {t('replay.error')}
        </p>
      ) : null}
    </section>
  );
}

/** The desk's toolbar button: replay from an hour ago (hidden while replay is on). */
export function ReplayButton({ controls, className }: { controls: ReplayControls; className?: string }) {
  const { t } = useTranslation();
  const state = useControls(controls);
  if (state.active) return null;
  return (
    <button type="button" className={`replay-button${className ? ` ${className}` : ''}`} data-testid="replay-open" title={t('replay.openHint')} onClick={() => controls.start(Date.now() - HOUR_MS)}>
      {t('replay.open')}
    </button>
  );
}
