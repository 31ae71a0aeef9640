import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePopover } from './usePopover.js';
import './share.css';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Share the view: the address bar always holds it (camera, layers, styles, selection; kept
 * current by app/urlStateSync.ts), so the link is the page's own URL. Opening the panel copies
 * it; the link stays shown, selected, for browsers that refuse the clipboard.
 */
export function ShareButton() {
  const { t } = useTranslation();
  const { open, toggle, close, rootRef } = usePopover();
  const [url, setUrl] = useState('');
  const [copy, setCopy] = useState<CopyState>('idle');
  const field = useRef<HTMLInputElement>(null);
  const titleId = useId();

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
    if (!open) return;
    const link = window.location.href;
    setUrl(link);
    copyLink(link);
  }, [open, copyLink]);

  useEffect(() => {
    if (open) field.current?.select();
  }, [open, url]);

  return (
    <div className="share" ref={rootRef}>
      <button type="button" className="tool-button" aria-expanded={open} aria-haspopup="dialog" data-testid="share-button" onClick={toggle}>
        {t('share.button')}
      </button>
      {open && (
        <div className="share__panel" role="dialog" aria-labelledby={titleId} data-testid="share-panel">
          <header className="share__header">
            <h2 id={titleId} className="share__title">
              {t('share.title')}
            </h2>
            <button type="button" className="panel__close" aria-label={t('share.close')} onClick={close}>
              ×
            </button>
          </header>
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
        </div>
      )}
    </div>
  );
}
