import { useTranslation } from 'react-i18next';
import { useViewer } from '../storeContext.js';
import './live.css';

/**
 * Whether what the screen shows is live: 实时, reconnecting, replay, or why there is no live
 * data. A dot and a word, so it reads without colour too.
 */
export function ConnectionBadge({ className }: { className?: string }) {
  const { t } = useTranslation();
  const connection = useViewer((s) => s.live.connection);
  const refusal = useViewer((s) => s.live.refusal);
  const principal = useViewer((s) => s.live.principal);
  const detail = connection === 'refused' ? t(`live.refusals.${refusal ?? 'other'}`, { defaultValue: t('live.refusals.other') }) : undefined;
  return (
    <p
      className={`live-badge live-badge--${connection}${className ? ` ${className}` : ''}`}
      data-testid="live-connection"
      data-state={connection}
      role="status"
      aria-live="polite"
      title={principal ? t('live.as', { subject: principal.subject, role: t(`live.roles.${principal.role}`) }) : undefined}
    >
      <span className="live-badge__dot" aria-hidden="true" />
      <span className="live-badge__text">{t(`live.states.${connection}`)}</span>
      {detail && <span className="live-badge__detail">{detail}</span>}
    </p>
  );
}
