import { readFile } from 'node:fs/promises';
import { SensorListResponse, type Sensor } from '@pengcheng/protocol';
import secureJson from 'secure-json-parse';
import { describeDuplicates, findDuplicates } from './sensorDirectory.js';

export class SensorRegistryError extends Error {
  override readonly name = 'SensorRegistryError';
}

/** Checks a registry file's text (`{ "sensors": Sensor[] }`); errors name `file` and the problem. */
export function parseSensorRegistry(text: string, file: string): Sensor[] {
  let json: unknown;
  try {
    json = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw new SensorRegistryError(`sensors file ${file} is not valid JSON (or holds __proto__/constructor keys)`);
  }
  const parsed = SensorListResponse.safeParse(json);
  if (!parsed.success) {
    const reasons = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new SensorRegistryError(`sensors file ${file}: ${reasons.join('; ')}`);
  }
  const duplicates = findDuplicates(parsed.data.sensors);
  if (duplicates.ids.length > 0 || duplicates.externalIds.length > 0) throw new SensorRegistryError(`sensors file ${file}: ${describeDuplicates(duplicates)}`);
  return parsed.data.sensors;
}

/** Reads and checks the sensor registry (`SENSORS_FILE`, by default the district's sensors.json). */
export async function loadSensorRegistry(file: string): Promise<Sensor[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SensorRegistryError(code === 'ENOENT' ? `sensors file ${file} does not exist` : `sensors file ${file} cannot be read (${code ?? 'error'})`);
  }
  return parseSensorRegistry(text, file);
}
