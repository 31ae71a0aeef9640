/** A key figure: big number, its unit, and what it counts. */
export function Kpi({ label, value, unit, testId }: { label: string; value: string; unit?: string; testId?: string }) {
  return (
    <div className="wall-kpi" data-testid={testId}>
      <span className="wall-kpi__value">
        {value}
        {unit && <span className="wall-kpi__unit">{unit}</span>}
      </span>
      <span className="wall-kpi__label">{label}</span>
    </div>
  );
}
