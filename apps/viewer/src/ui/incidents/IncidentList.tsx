import type { Incident } from '@pengcheng/protocol';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ageSince, formatAge } from '../alarms/alarmRows.js';
import { LiveListPanel } from '../live/LiveListPanel.js';
import { useNow } from '../live/useClock.js';
import { VirtualList } from '../live/VirtualList.js';
import { useViewer, useViewerStoreApi } from '../storeContext.js';
import { focusIncident } from './focusIncident.js';
import { countIncidents, openIncidents } from './incidentLoop.js';
import { IncidentRow } from './IncidentRow.js';
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
  const selectedId = useViewer((s) => s.live.selectedIncidentId);

  const rows = useMemo(() => openIncidents(incidents), [incidents]);
  const ids = useMemo(() => rows.map((i) => i.id), [rows]);
  const counts = useMemo(() => countIncidents(rows), [rows]);
  const number = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const now = useNow(rows.length > 0);

  const select = useCallback((incident: Incident) => focusIncident(store.getState(), incident), [store]);

  return (
    <LiveListPanel
      variant={variant}
      block="incident-list"
      messages="incidents"
      testId="incident-list-panel"
      testIdPrefix="incident"
      total={counts.total}
      figures={[
        { label: t('incidents.summary.reported'), value: number.format(counts.reported), className: 'incident-list__figure--reported' },
        { label: t('incidents.summary.inProgress'), value: number.format(counts.inProgress) },
        { label: t('incidents.summary.critical'), value: number.format(counts.critical), className: 'incident-list__figure--critical' },
      ]}
      empty={rows.length === 0 ? t('incidents.empty') : undefined}
    >
      <VirtualList
        rows={rows}
        ids={ids}
        rowRem={ROW_REM[variant]}
        label={t('incidents.list')}
        testId="incident-list"
        newAbove={(n) => t('incidents.newAbove', { n: number.format(n) })}
        renderRow={(incident, place) => (
          <IncidentRow
            incident={incident}
            age={formatAge(locale, ageSince(now, incident.createdAtMs))}
            {...place}
            selected={incident.id === selectedId}
            onSelect={select}
          />
        )}
      />
    </LiveListPanel>
  );
}
