import { roleMay } from '@pengcheng/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ToolPopover } from '../popover/ToolPopover.js';
import { useViewer } from '../storeContext.js';
import { LiveActionError, type LiveActions } from './liveActions.js';
import './live.css';

/**
 * The desk's login (operators and planners): the scene needs none, live data and actions do.
 * Logged in, the button names the user and the panel logs out.
 */
export function LoginButton({ actions }: { actions: Pick<LiveActions, 'login' | 'logout'> }) {
  const { t } = useTranslation();
  const principal = useViewer((s) => (s.live.principal?.kind === 'user' ? s.live.principal : undefined));
  return (
    <ToolPopover label={principal ? principal.subject : t('live.login.button')} title={principal ? t('live.login.signedIn') : t('live.login.title')} closeLabel={t('live.login.close')} testId="login">
      {(close) =>
        principal ? (
          <div className="login">
            <p className="login__who" data-testid="login-who">
              {t('live.as', { subject: principal.subject, role: t(`live.roles.${principal.role}`) })}
            </p>
            <p className="login__hint">{roleMay(principal.role, 'incidents:write') ? t('live.login.mayAct') : t('live.login.readOnly')}</p>
            <button
              type="button"
              className="tool-button"
              data-testid="logout"
              onClick={() => {
                actions.logout();
                close();
              }}
            >
              {t('live.login.logout')}
            </button>
          </div>
        ) : (
          <LoginForm actions={actions} onDone={close} />
        )
      }
    </ToolPopover>
  );
}

function LoginForm({ actions, onDone }: { actions: Pick<LiveActions, 'login'>; onDone: () => void }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    actions.login(String(form.get('username') ?? ''), String(form.get('password') ?? '')).then(
      () => onDone(),
      (failure: unknown) => {
        setPending(false);
        const code = failure instanceof LiveActionError ? failure.code : 'failed';
        setError(t(`live.login.errors.${code}`, { defaultValue: t('live.login.errors.failed') }));
      },
    );
  };

  return (
    <form className="login" onSubmit={submit} data-testid="login-form">
      <label className="login__field">
        <span>{t('live.login.username')}</span>
        <input name="username" autoComplete="username" required maxLength={64} data-testid="login-username" />
      </label>
      <label className="login__field">
        <span>{t('live.login.password')}</span>
        <input name="password" type="password" autoComplete="current-password" required maxLength={256} data-testid="login-password" />
      </label>
      {error && (
        <p className="login__error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      <button type="submit" className="tool-button login__submit" disabled={pending} data-testid="login-submit">
        {pending ? t('live.login.pending') : t('live.login.submit')}
      </button>
    </form>
  );
}
