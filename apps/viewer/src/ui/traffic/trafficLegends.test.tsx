import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { heatmapQuantity } from '../../engine/live/heatmap/heatmapScale.js';
import { CONGESTION_COLOURS } from '../../engine/live/links/linkPalette.js';
import { createI18n } from '../../i18n/createI18n.js';
import type { Language } from '../../i18n/languages.js';
import { CongestionLegend } from './CongestionLegend.js';
import { HeatmapControl, type HeatmapChoice } from './HeatmapControl.js';
import { scaleLegend } from './heatmapLegend.js';

async function render(language: Language, element: React.ReactElement): Promise<string> {
  const i18n = await createI18n(language, [initReactI18next]);
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
}

const control = (value: HeatmapChoice, legendOnly?: boolean) => <HeatmapControl value={value} onChange={() => undefined} legendOnly={legendOnly} />;

describe('CongestionLegend', () => {
  it('names the four levels in Chinese, each with its road colour, and the grey of no data', async () => {
    const html = await render('zh-CN', <CongestionLegend />);
    for (const text of ['畅通', '基本畅通', '拥堵', '严重拥堵', '暂无数据']) expect(html).toContain(`<span>${text}</span>`);
    for (const colour of Object.values(CONGESTION_COLOURS)) expect(html).toContain(`background:${colour}`);
  });

  it('reads in English too', async () => {
    const html = await render('en', <CongestionLegend />);
    for (const text of ['Free flow', 'Slow', 'Congested', 'Jammed']) expect(html).toContain(text);
  });
});

describe('HeatmapControl', () => {
  it('offers none, noise and air quality, with the current choice checked', async () => {
    const html = await render('zh-CN', control('noise'));
    for (const text of ['不显示', '噪声', '空气质量']) expect(html).toContain(text);
    expect(html).toMatch(/checked="" value="noise"/);
    expect(html.match(/checked=""/g)).toHaveLength(1);
  });

  it('shows no scale while the heatmap is off', async () => {
    expect(await render('zh-CN', control('none'))).not.toContain('data-testid="heatmap-scale"');
  });

  it('shows the noise ramp from 35 to 85 dB(A)', async () => {
    const html = await render('zh-CN', control('noise'));
    expect(html).toContain('data-quantity="noise"');
    expect(html).toContain('dB(A)');
    expect(html).toContain('>35<');
    expect(html).toContain('>85<');
  });

  it('shows the AQI bands with their Chinese names and ranges', async () => {
    const html = await render('zh-CN', control('air_quality'));
    for (const text of ['0–50', '优', '51–100', '良', '轻度污染', '中度污染', '重度污染', '300 以上', '严重污染']) expect(html).toContain(text);
  });

  it('on the wall shows only the legend, no choices', async () => {
    const html = await render('en', control('air_quality', true));
    expect(html).not.toContain('type="radio"');
    expect(html).toContain('over 300');
  });
});

describe('scaleLegend', () => {
  it('places the ramp ticks along the bar from the bottom to the top of the scale', () => {
    const legend = scaleLegend(heatmapQuantity('noise').scale);
    if (legend.kind !== 'ramp') throw new Error('noise is a ramp');
    expect(legend.ticks[0]).toEqual({ value: 35, at: 0 });
    expect(legend.ticks.at(-1)).toEqual({ value: 85, at: 100 });
    expect(legend.gradient).toMatch(/^linear-gradient\(to right, #1a9850 0\.0%, .* #762a83 100\.0%\)$/);
  });
});
