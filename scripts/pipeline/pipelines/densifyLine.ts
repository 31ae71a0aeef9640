import { elementAt } from '../tiles3d/elementAt.js';
import { localMetres, type LonLatDeg } from '../tiles3d/localMetres.js';

/**
 * The line with points added so no piece is longer than `maxStepM`: a straight piece between two
 * points at one depth rises towards the ellipsoid in the middle (1.2 mm over 250 m, 8 cm over 2 km).
 */
export function densifyLine(line: readonly LonLatDeg[], maxStepM: number): LonLatDeg[] {
  const out: LonLatDeg[] = line.slice(0, 1);
  for (let i = 1; i < line.length; i++) {
    const [a, b] = [elementAt(line, i - 1), elementAt(line, i)];
    const steps = Math.ceil(Math.hypot(...localMetres(a)(b)) / maxStepM);
    for (let k = 1; k < steps; k++) out.push([a[0] + ((b[0] - a[0]) * k) / steps, a[1] + ((b[1] - a[1]) * k) / steps]);
    out.push(b);
  }
  return out;
}
