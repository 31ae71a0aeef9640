/** One bar: a label, its value as shown, and its share of the longest bar. */
export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  readonly share: number;
  readonly colour?: string;
}

/** Horizontal bars with their figures, readable across a room: label, bar, number. */
export function BarList({ bars, testId }: { bars: readonly Bar[]; testId?: string }) {
  return (
    <ul className="wall-bars" data-testid={testId}>
      {bars.map((bar) => (
        <li className="wall-bars__row" key={bar.key}>
          <span className="wall-bars__label">{bar.label}</span>
          <span className="wall-bars__track" aria-hidden="true">
            <span className="wall-bars__fill" style={{ width: `${Math.max(1.5, Math.min(100, bar.share * 100))}%`, ...(bar.colour ? { background: bar.colour } : {}) }} />
          </span>
          <span className="wall-bars__value">{bar.value}</span>
        </li>
      ))}
    </ul>
  );
}
