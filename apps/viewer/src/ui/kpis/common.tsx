import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedState } from './figures.js';

/** Number and clock formats in the UI language. */
export function useKpiFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const decimals = [0, 1, 2].map((digits) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
    const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return {
      integer: (n: number) => integer.format(n),
      decimal: (n: number, digits: 0 | 1 | 2 = 1) => (decimals[digits] ?? integer).format(n),
      time: (ms: number) => clock.format(ms),
    };
  }, [locale]);
}

/** A wall panel; stale figures are dimmed so nobody takes them for current ones. */
export function Panel({ title, feed, testId, children }: { title: string; feed: FeedState; testId?: string; children: ReactNode }) {
  return (
    <section className={`wall-panel kpis-panel kpis-panel--${feed}`} data-testid={testId} data-feed={feed}>
      <h2 className="wall-panel__title">{title}</h2>
      {children}
    </section>
  );
}

/** What a panel shows before it has figures, or after its feed dropped: a deliberate line, not blanks. */
export function FeedNote({ feed, timeMs }: { feed: FeedState; timeMs: number | undefined }) {
  const { t } = useTranslation();
  const f = useKpiFormat();
  if (feed === 'live') return null;
  if (feed === 'stale') return <p className="kpis-feed kpis-feed--stale">{t('kpis.feed.stale', { time: timeMs === undefined ? t('kpis.noData') : f.time(timeMs) })}</p>;
  return (
    <p className={`kpis-feed kpis-feed--${feed}`}>
      <span className="kpis-feed__dot" aria-hidden="true" />
      {t(`kpis.feed.${feed}`)}
    </p>
  );
}
