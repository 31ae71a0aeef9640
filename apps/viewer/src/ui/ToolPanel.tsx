import type { ReactNode } from 'react';
import './toolPanel.css';

export interface ToolPanelProps {
  readonly title: string;
  readonly closeLabel: string;
  readonly onClose: () => void;
  readonly testId: string;
  /** While an area is drawn for this tool: its hint is lit. */
  readonly drawing: boolean;
  readonly children: ReactNode;
}

/** A tool's panel in the desk's right column (underground, section box): title, close, body. */
export function ToolPanel({ title, closeLabel, onClose, testId, drawing, children }: ToolPanelProps) {
  return (
    <section className="panel tool-panel" data-testid={testId} data-drawing={drawing ? 'true' : 'false'} aria-label={title}>
      <header className="panel__header">
        <h2 className="panel__title">{title}</h2>
        <button type="button" className="panel__close" aria-label={closeLabel} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="tool-panel__body">{children}</div>
    </section>
  );
}
