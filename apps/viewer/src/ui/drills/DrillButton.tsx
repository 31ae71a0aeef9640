import { roleMay, ScenarioId, type ScenarioRun, type SimulatorStatus } from '@pengcheng/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveActionError, type LiveActions } from '../live/liveActions.js';
import { ToolPopover } from '../popover/ToolPopover.js';
import { useViewer } from '../storeContext.js';
import './drills.css';

type DrillActions = Pick<LiveActions, 'simulatorStatus' | 'startDrill' | 'cancelDrill'>;

/** While the panel is open the drills' progress is asked for this often. */
const POLL_MS = 5_000;

/**
 * Drills (演练) from the desk, for operators: start a rainstorm, a gas leak or a main burst in
 * the simulator and watch it unfold on every screen; stop one that runs. Others never see it.
 */
export function DrillButton({ actions }: { actions: DrillActions }) {
  const { t } = useTranslation();
  const mayRun = useViewer((s) => (s.live.principal ? roleMay(s.live.principal.role, 'scenarios:run') : false));
  if (!mayRun) return null;
  return (
    <ToolPopover label={t('live.drills.button')} title={t('live.drills.title')} closeLabel={t('live.drills.close')} testId="drills">
      {() => <DrillPanel actions={actions} />}
    </ToolPopover>
  );
}

function DrillPanel({ actions }: { actions: DrillActions }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<SimulatorStatus | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);

  const describe = useCallback((failure: unknown) => (failure instanceof LiveActionError ? t(`live.drills.errors.${failure.code}`, { defaultValue: failure.message }) : t('live.drills.errors.failed')), [t]);

  const refresh = useCallback(
    (signal?: AbortSignal) =>
      actions.simulatorStatus(signal).then(
        (next) => {
          setStatus(next);
          setError(undefined);
        },
        (failure: unknown) => {
          if (failure instanceof DOMException && failure.name === 'AbortError') return;
          setError(describe(failure));
        },
      ),
    [actions, describe],
  );

  useEffect(() => {
    const abort = new AbortController();
    void refresh(abort.signal);
    const timer = setInterval(() => void refresh(abort.signal), POLL_MS);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [refresh]);

  const act = (run: () => Promise<ScenarioRun>) => {
    setPending(true);
    setError(undefined);
    run()
      .then(() => refresh())
      .catch((failure: unknown) => setError(describe(failure)))
      .finally(() => setPending(false));
  };

  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
  const running = status?.scenarios.filter((run) => run.state === 'running') ?? [];
  return (
    <div className="drills" data-testid="drills-content">
      <p className="drills__hint">{t('live.drills.hint')}</p>
      <ul className="drills__list">
        {ScenarioId.options.map((scenario) => (
          <li key={scenario} className="drills__item">
            <span className="drills__name">{t(`live.drills.scenarios.${scenario}`)}</span>
            <button type="button" className="tool-button" disabled={pending || !status} data-testid={`drill-start-${scenario}`} onClick={() => act(() => actions.startDrill({ scenario }))}>
              {t('live.drills.start')}
            </button>
          </li>
        ))}
      </ul>
      {running.length > 0 && (
        <>
          <h3 className="drills__heading">{t('live.drills.running')}</h3>
          <ul className="drills__list" data-testid="drills-running">
            {running.map((run) => (
              <li key={run.runId} className="drills__item" data-run-id={run.runId}>
                <span className="drills__name">
                  {t(`live.drills.scenarios.${run.scenario}`)} · {run.assetId} · {t('live.drills.until', { time: time.format(run.endsAtMs) })}
                </span>
                <button type="button" className="tool-button" disabled={pending} onClick={() => act(() => actions.cancelDrill(run.runId))}>
                  {t('live.drills.stop')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="drills__error" role="alert" data-testid="drills-error">
          {error}
        </p>
      )}
    </div>
  );
}
