import type { Logger } from 'pino';
import { readDistrictDocuments } from './districtDocuments.js';
import { createSearchIndex, type SearchIndex } from './searchIndex.js';

/** The search index of the district in `dir` (DISTRICT_DIR), built once at boot. */
export async function loadDistrictSearch(dir: string, logger: Logger): Promise<SearchIndex> {
  const started = performance.now();
  const { documents, report } = await readDistrictDocuments(dir);
  const index = createSearchIndex(documents);
  const log = logger.child({ component: 'search' });
  if (report.missing.length > 0) log.warn({ dir, files: report.missing }, 'district files missing or unreadable: search leaves them out');
  if (report.skipped > 0) log.warn({ dir, skipped: report.skipped }, 'district features that do not match the protocol were left out of search');
  log.info({ documents: index.size, ms: Math.round(performance.now() - started) }, 'search index built');
  return index;
}
