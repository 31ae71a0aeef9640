type Conversion = (value: number) => number;

/** `from → to` conversions into the units our quantities are stored in (UCUM codes). */
const CONVERSIONS = new Map<string, Conversion>([
  ['mg/m3→ug/m3', (v) => v * 1000],
  ['ug/m3→mg/m3', (v) => v / 1000],
  ['K→Cel', (v) => v - 273.15],
  ['[degF]→Cel', (v) => ((v - 32) * 5) / 9],
  ['m/s→km/h', (v) => v * 3.6],
  ['m→cm', (v) => v * 100],
  ['mm→cm', (v) => v / 10],
  ['kPa→MPa', (v) => v / 1000],
  ['bar→MPa', (v) => v / 10],
  ['S/m→uS/cm', (v) => v * 10_000],
  ['mS/cm→uS/cm', (v) => v * 1000],
  ['1→%', (v) => v * 100],
  // A noise quantity (LAeq, LAmax) is A-weighted by definition; a feed saying only "dB" means that.
  ['dB→dB(A)', (v) => v],
]);

/** `value` in `from` expressed in `to`, or undefined when there is no conversion. */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  return CONVERSIONS.get(`${from}→${to}`)?.(value);
}
