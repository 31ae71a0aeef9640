import type { Incident } from '@pengcheng/protocol';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { VirtualRow, type RowPlace } from '../live/VirtualList.js';
import { LoopSteps } from './LoopSteps.js';

export interface IncidentRowProps extends RowPlace {
  readonly incident: Incident;
  /** "3 minutes ago", from the list's one clock. */
  readonly age: string;
  readonly selected: boolean;
  readonly onSelect: (incident: Incident) => void;
}

/** One open incident: how bad, what, where, how far along the loop, who has it, since when. */
export const IncidentRow = memo(function IncidentRow({ incident, age, selected, onSelect, ...place }: IncidentRowProps) {
  const { t, i18n } = useTranslation();
  const reportedAt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' }).format(incident.createdAtMs);
  const who = incident.department
    ? t('incidents.departmentAssignee', { department: incident.department, assignee: incident.assignee ?? t('incidents.unassigned') })
    : t('incidents.noDepartment');

  return (
    <VirtualRow
      {...place}
      className={`incident-row incident-row--${incident.severity} incident-row--${incident.state}`}
      selected={selected}
      testId="incident-row"
      data={{ 'data-incident-id': incident.id, 'data-state': incident.state, 'data-severity': incident.severity }}
      onSelect={() => onSelect(incident)}
    >
      <div className="live-row__line incident-row__head">
        <span className="incident-severity">{t(`incidents.severities.${incident.severity}`)}</span>
        <span className="incident-row__title" title={incident.title}>
          {incident.title}
        </span>
        <time className="live-row__age" dateTime={new Date(incident.createdAtMs).toISOString()} title={t('incidents.reportedAt', { time: reportedAt })}>
          {age}
        </time>
      </div>
      <div className="live-row__line incident-row__where">
        <span className="incident-row__category">{t(`incidents.categories.${incident.category}`)}</span>
        {incident.address && (
          <span className="incident-row__address" title={incident.address}>
            {incident.address}
          </span>
        )}
      </div>
      <div className="live-row__line live-row__foot incident-row__foot">
        <LoopSteps state={incident.state} compact />
        <span className={`incident-state incident-state--${incident.state}`}>{t(`incidents.states.${incident.state}`)}</span>
        <span className="incident-row__who" title={who}>
          {who}
        </span>
      </div>
    </VirtualRow>
  );
});
