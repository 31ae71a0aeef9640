import type { Incident } from '@pengcheng/protocol';
import { memo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoopSteps } from './LoopSteps.js';

export interface IncidentRowProps {
  readonly incident: Incident;
  /** "3 minutes ago", from the list's one clock. */
  readonly age: string;
  readonly index: number;
  readonly setSize: number;
  /** Where the virtualiser puts the row, px from the list's top, and its height. */
  readonly top: number;
  readonly height: number;
  readonly selected: boolean;
  readonly onSelect: (incident: Incident) => void;
}

/** One open incident: how bad, what, where, how far along the loop, who has it, since when. */
export const IncidentRow = memo(function IncidentRow({ incident, age, index, setSize, top, height, selected, onSelect }: IncidentRowProps) {
  const { t, i18n } = useTranslation();
  const reportedAt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' }).format(incident.createdAtMs);
  const who = incident.department
    ? t('incidents.departmentAssignee', { department: incident.department, assignee: incident.assignee ?? t('incidents.unassigned') })
    : t('incidents.noDepartment');

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(incident);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      // The virtualiser's overscan keeps the neighbours in the DOM; focusing one scrolls it into view.
      const next = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      if (next instanceof HTMLElement) next.focus();
    }
  }

  return (
    <div
      className={`incident-row incident-row--${incident.severity} incident-row--${incident.state}`}
      style={{ transform: `translateY(${top}px)`, height }}
      role="listitem"
      tabIndex={0}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-current={selected ? 'true' : undefined}
      data-testid="incident-row"
      data-incident-id={incident.id}
      data-state={incident.state}
      data-severity={incident.severity}
      onClick={() => onSelect(incident)}
      onKeyDown={onKeyDown}
    >
      <div className="incident-row__line incident-row__head">
        <span className="incident-severity">{t(`incidents.severities.${incident.severity}`)}</span>
        <span className="incident-row__title" title={incident.title}>
          {incident.title}
        </span>
        <time className="incident-row__age" dateTime={new Date(incident.createdAtMs).toISOString()} title={t('incidents.reportedAt', { time: reportedAt })}>
          {age}
        </time>
      </div>
      <div className="incident-row__line incident-row__where">
        <span className="incident-row__category">{t(`incidents.categories.${incident.category}`)}</span>
        {incident.address && (
          <span className="incident-row__address" title={incident.address}>
            {incident.address}
          </span>
        )}
      </div>
      <div className="incident-row__line incident-row__foot">
        <LoopSteps state={incident.state} compact />
        <span className={`incident-state incident-state--${incident.state}`}>{t(`incidents.states.${incident.state}`)}</span>
        <span className="incident-row__who" title={who}>
          {who}
        </span>
      </div>
    </div>
  );
});
