import type { CatalogEntry } from '@pengcheng/protocol';

/** What every tileset built from assets/source must say: the district is not survey data. */
export const SYNTHETIC_DISTRICT_ATTRIBUTION: CatalogEntry['attribution'] = {
  zh: '合成数据：徐州政务区的示意替代数据，非测绘成果',
  en: 'Synthetic stand-in for the Xuzhou government district, not survey data',
};
