import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ToolPopover } from '../popover/ToolPopover.js';
import './share.css';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Share the view: the address bar always holds it (camera, layers, styles, selection; kept
 * current by app/urlStateSync.ts), so the link is the page's own URL. Opening the panel copies
 * it; the link stays shown, selected, for browsers that refuse the clipboard.
 */
export function ShareButton() {
  const { t } = useTranslation();
  return (
    <ToolPopover label={t('share.button')} title={t('share.title')} closeLabel={t('share.close')} testId="share">
      {() => <ShareLink />}
    </ToolPopover>
  );
}

/** Mounted as the panel opens: the link as it is now, copied at once. */
function ShareLink() {
  const { t } = useTranslation();
  const [url] = useState(() => window.location.href);
  const [copy, setCopy] = useState<CopyState>('idle');
  const field = useRef<HTMLInputElement>(null);

  const copyLink = useCallback((link: string): void => {
    setCopy('idle');
    // Undefined outside a secure context (plain http to another host).
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) {
      setCopy('failed');
      return;
    }
    clipboard.writeText(link).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  }, []);

  useEffect(() => {
    copyLink(url);
    field.current?.select();
  }, [copyLink, url]);

  return (
    <>
      <p className="share__hint">{t('share.hint')}</p>
      <input ref={field} className="share__url" data-testid="share-url" aria-label={t('share.link')} readOnly value={url} onFocus={(event) => event.target.select()} />
      <div className="share__actions">
        <button type="button" className="tool-button" onClick={() => copyLink(url)}>
          {t('share.copy')}
        </button>
        <span className="share__status" role="status" aria-live="polite" data-testid="share-status" data-state={copy}>
          {copy === 'copied' && t('share.copied')}
          {copy === 'failed' && t('share.copyFailed')}
        </span>
      </div>
    </>
  );
}
