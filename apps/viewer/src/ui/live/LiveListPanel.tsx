import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewer } from '../storeContext.js';
import './liveList.css';

export interface LiveListFigure {
  readonly label: string;
  readonly value: string;
  /** The list's own modifier class, for the figure's colour. */
  readonly className?: string;
}

export interface LiveListPanelProps {
  /** `wall`: a .wall-panel, type for three metres away; `desk`: a compact .panel. */
  readonly variant: 'wall' | 'desk';
  /** The list's own block class (`alarm-list`, `incident-list`): its colours and sizes. */
  readonly block: string;
  /** The list's messages (`alarms`, `incidents`): its title, total and what it says of the connection. */
  readonly messages: 'alarms' | 'incidents';
  readonly testId: string;
  /** Test ids: `<prefix>-count`, `<prefix>-list-offline` and `<prefix>-list-empty`. */
  readonly testIdPrefix: string;
  readonly total: number;
  readonly figures: readonly LiveListFigure[];
  /** Shown under the figures (the desk's filters). */
  readonly controls?: ReactNode;
  /** What to say while there are no rows, undefined while there are; while connecting the panel says that instead. */
  readonly empty: string | undefined;
  /** The rows: a VirtualList. */
  readonly children: ReactNode;
}

/** A live list's panel: title and total, summary figures, then the rows, or why there are none. */
export function LiveListPanel({ variant, block, messages, testId, testIdPrefix, total, figures, controls, empty, children }: LiveListPanelProps) {
  const { t, i18n } = useTranslation();
  const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
  const connection = useViewer((s) => s.live.connection);
  const title = t(`${messages}.title`);
  const unavailable = connection === 'offline' || connection === 'refused' ? t(connection === 'refused' ? `${messages}.refused` : `${messages}.offline`) : undefined;
  const className = variant === 'wall' ? `wall-panel live-list live-list--wall ${block} ${block}--wall` : `panel live-list live-list--desk ${block} ${block}--desk`;
  return (
    <section className={className} data-testid={testId} aria-label={title}>
      <header className="live-list__header">
        <h2 className={variant === 'wall' ? 'wall-panel__title live-list__title' : 'panel__title live-list__title'}>{title}</h2>
        {unavailable === undefined && (
          <span className="live-list__total" data-testid={`${testIdPrefix}-count`} data-count={total}>
            {t(`${messages}.total`, { n: number.format(total) })}
          </span>
        )}
      </header>
      {unavailable !== undefined ? (
        <p className="live-list__message" data-testid={`${testIdPrefix}-list-offline`}>
          {unavailable}
        </p>
      ) : (
        <>
          <dl className="live-list__summary">
            {figures.map((figure) => (
              <div key={figure.label} className={figure.className ? `live-list__figure ${figure.className}` : 'live-list__figure'}>
                <dt>{figure.label}</dt>
                <dd>{figure.value}</dd>
              </div>
            ))}
          </dl>
          {controls}
          {connection === 'reconnecting' && <p className="live-list__note">{t(`${messages}.reconnecting`)}</p>}
          {empty !== undefined && (
            <p className="live-list__message" data-testid={`${testIdPrefix}-list-empty`}>
              {connection === 'connecting' ? t(`${messages}.connecting`) : empty}
            </p>
          )}
          {children}
        </>
      )}
    </section>
  );
}
