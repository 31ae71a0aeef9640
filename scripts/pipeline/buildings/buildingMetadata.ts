import { BUILDING_USES } from '@pengcheng/protocol';
import type { MetadataRow, MetadataSchema } from '../tiles3d/MetadataSchema.js';
import type { BuildingRecord } from './BuildingRecord.js';

const UNKNOWN_USE = 'unknown';

const schema: MetadataSchema = {
  id: 'pengcheng_buildings',
  name: 'Pengcheng Twin buildings',
  version: '1.0.0',
  enums: {
    buildingUse: {
      valueType: 'UINT8',
      values: [...BUILDING_USES.map((name, value) => ({ name, value })), { name: UNKNOWN_USE, value: 255 }],
    },
  },
  classes: {
    building: {
      name: 'Building',
      description: 'A building of the district; one feature per building in every tile that shows it.',
      properties: {
        id: { type: 'STRING', required: true, description: 'Stable asset id (数字身份证), e.g. BLD-000123.' },
        name: { type: 'STRING', noData: '', description: 'Name in Chinese.' },
        nameEn: { type: 'STRING', noData: '', description: 'Name in English.' },
        use: { type: 'ENUM', enumType: 'buildingUse', noData: UNKNOWN_USE },
        heightM: { type: 'SCALAR', componentType: 'FLOAT32', required: true, description: 'Top of the building, metres above ground.' },
        floors: { type: 'SCALAR', componentType: 'UINT16', noData: 0 },
        yearBuilt: { type: 'SCALAR', componentType: 'UINT16', noData: 0 },
        address: { type: 'STRING', noData: '', description: 'Address in Chinese.' },
        addressEn: { type: 'STRING', noData: '', description: 'Address in English.' },
      },
    },
  },
};

/** The metadata of building features: the schema every tile embeds and a building's row in it. */
export const buildingMetadata = {
  schema,
  className: 'building',
  row(building: BuildingRecord): MetadataRow {
    return {
      id: building.id,
      name: building.name?.zh,
      nameEn: building.name?.en,
      use: building.use,
      heightM: building.heightM,
      floors: building.floors,
      yearBuilt: building.yearBuilt,
      address: building.address?.zh,
      addressEn: building.address?.en,
    };
  },
} as const;
