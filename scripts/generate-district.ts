/**
 * Writes the synthetic district (a stand-in at the real place, not survey data) to
 * assets/source/: `npx tsx scripts/generate-district.ts [--seed N] [--out DIR]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRandom } from './district/createRandom.js';
import { DISTRICT_FILE_NAMES } from './district/districtFiles.js';
import { DEFAULT_SEED, generateDistrict } from './district/generateDistrict.js';
import { placeSensors, serializeSensors } from './district/placeSensors.js';
import { serializeFeatureCollection } from './district/serializeFeatureCollection.js';

const { values } = parseArgs({ options: { seed: { type: 'string' }, out: { type: 'string' } } });
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer (got ${values.seed})`);
const outDir = resolve(values.out ?? join(import.meta.dirname, '..', 'assets', 'source'));

const started = performance.now();
const files = generateDistrict({ seed });
mkdirSync(outDir, { recursive: true });
let total = 0;
for (const name of DISTRICT_FILE_NAMES) {
  const text = serializeFeatureCollection(files[name]);
  writeFileSync(join(outDir, name), text);
  const bytes = Buffer.byteLength(text);
  total += bytes;
  console.log(`${name.padEnd(24)} ${String(files[name].features.length).padStart(6)} features ${(bytes / 1024).toFixed(0).padStart(6)} KiB`);
}
// The sensors stand on the written assets and draw from their own fork, so they never reshuffle the district.
const sensors = placeSensors(files, createRandom(seed).fork('sensors'));
const sensorText = serializeSensors(sensors);
writeFileSync(join(outDir, 'sensors.json'), sensorText);
total += Buffer.byteLength(sensorText);
console.log(`${'sensors.json'.padEnd(24)} ${String(sensors.length).padStart(6)} sensors  ${(Buffer.byteLength(sensorText) / 1024).toFixed(0).padStart(6)} KiB`);
console.log(`seed ${seed}: ${(total / 1024 / 1024).toFixed(1)} MiB in ${outDir} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
