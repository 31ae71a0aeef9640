import type { IncidentState } from '@pengcheng/protocol';
import { useTranslation } from 'react-i18next';
import { loopSteps } from './incidentLoop.js';

/** The closed loop 上报 → 派遣 → 处置 → 办结 → 关闭 with the incident's step marked; `compact` is dots for a list row. */
export function LoopSteps({ state, compact = false }: { readonly state: IncidentState; readonly compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <ol className={compact ? 'incident-steps incident-steps--compact' : 'incident-steps'} aria-label={t('incidents.steps.label')} data-testid="incident-steps">
      {loopSteps(state).map((step) => {
        const name = t(`incidents.steps.${step.state}`);
        return (
          <li
            key={step.state}
            className={`incident-steps__step incident-steps__step--${step.status}`}
            data-step={step.state}
            data-status={step.status}
            aria-current={step.status === 'current' ? 'step' : undefined}
            title={compact ? t(`incidents.steps.${step.status}`, { step: name }) : undefined}
          >
            <span className="incident-steps__mark" aria-hidden="true" />
            <span className={compact ? 'incident-steps__name incident-steps__name--hidden' : 'incident-steps__name'}>{compact ? t(`incidents.steps.${step.status}`, { step: name }) : name}</span>
          </li>
        );
      })}
    </ol>
  );
}
