import i18next, { type i18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.replay.json';
import zhCN from '../../i18n/locales/zh-CN.replay.json';
import { ReplayBar, ReplayButton } from './ReplayBar.js';
import type { ReplayControls, ReplayControlsState } from './replayControls.js';

// 2026-07-01 08:30:15 in Xuzhou (+08:00).
const MOMENT = Date.UTC(2026, 6, 1, 0, 30, 15);
const RANGE: [number, number] = [MOMENT - 20 * 3_600_000, MOMENT + 4 * 3_600_000];

function controls(state: ReplayControlsState): ReplayControls {
  const none = () => undefined;
  return { state, start: none, play: none, pause: none, seek: none, setSpeed: none, backToLive: none, subscribe: () => none };
}

const instances = new Map<string, i18n>();
beforeAll(async () => {
  for (const [language, translation] of [
    ['zh-CN', zhCN],
    ['en', en],
  ] as const) {
    const instance = i18next.createInstance().use(initReactI18next);
    await instance.init({ lng: language, resources: { [language]: { translation } }, interpolation: { escapeValue: false } });
    instances.set(language, instance);
  }
});
const render = (language: string, node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={instances.get(language) as i18n}>{node}</I18nextProvider>);

describe('the replay bar', () => {
  it('shows the replayed moment in Beijing time, play, the speeds and 返回实时', () => {
    const html = render('zh-CN', <ReplayBar controls={controls({ active: true, timeMs: MOMENT, playing: false, speed: 60, rangeMs: RANGE })} />);
    for (const id of ['replay-bar', 'replay-slider', 'replay-time', 'replay-play', 'replay-live']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('08:30:15');
    expect(html).toContain('2026/07/01');
    expect(html).toContain('返回实时');
    expect(html).toContain('aria-label="播放"');
    expect(html).toMatch(/aria-pressed="true"[^>]*>60倍/);
    // Hour ticks over the day, every third one labelled.
    expect(html.match(/class="replay-bar__tick"/g)).toHaveLength(24);
    expect(html).toContain('09:00');
  });

  it('reads in English, says it is playing, loading or failing', () => {
    const html = render('en', <ReplayBar controls={controls({ active: true, timeMs: MOMENT, playing: true, speed: 1, rangeMs: RANGE, error: 'HTTP 503' })} />);
    expect(html).toContain('Back to live');
    expect(html).toContain('aria-label="Pause"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Recorded data could not be loaded');
    const loading = render('en', <ReplayBar controls={controls({ active: true, timeMs: MOMENT, playing: true, speed: 1, rangeMs: RANGE, loading: true })} />);
    expect(loading).toContain('Loading recorded data');
  });

  it('is not there while live, where the desk offers the replay button instead', () => {
    const live = controls({ active: false, playing: false, speed: 1, rangeMs: RANGE });
    expect(render('zh-CN', <ReplayBar controls={live} />)).toBe('');
    expect(render('zh-CN', <ReplayButton controls={live} />)).toContain('data-testid="replay-open"');
    expect(render('zh-CN', <ReplayButton controls={controls({ ...live.state, active: true, timeMs: MOMENT })} />)).toBe('');
  });
});
