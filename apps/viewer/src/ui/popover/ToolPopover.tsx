import { useId, type ReactNode } from 'react';
import { usePopover } from './usePopover.js';
import './popover.css';

export interface ToolPopoverProps {
  /** The toolbar button's text. */
  readonly label: string;
  readonly title: string;
  readonly closeLabel: string;
  /** `<testId>-button` and `<testId>-panel` for browser tests. */
  readonly testId: string;
  /** The panel's content, mounted each time the panel opens; `close` shuts it (after an action that is done). */
  readonly children: (close: () => void) => ReactNode;
}

/**
 * A toolbar button with a drop-down dialog under it (share, bookmarks): a header with its title
 * and a close button; Escape and a press outside close it, as a menu does.
 */
export function ToolPopover({ label, title, closeLabel, testId, children }: ToolPopoverProps) {
  const { open, toggle, close, rootRef } = usePopover();
  const titleId = useId();
  return (
    <div className="popover" ref={rootRef}>
      <button type="button" className="tool-button" aria-expanded={open} aria-haspopup="dialog" data-testid={`${testId}-button`} onClick={toggle}>
        {label}
      </button>
      {open && (
        <div className="popover__panel" role="dialog" aria-labelledby={titleId} data-testid={`${testId}-panel`}>
          <header className="popover__header">
            <h2 id={titleId} className="popover__title">
              {title}
            </h2>
            <button type="button" className="panel__close" aria-label={closeLabel} onClick={close}>
              ×
            </button>
          </header>
          {children(close)}
        </div>
      )}
    </div>
  );
}
