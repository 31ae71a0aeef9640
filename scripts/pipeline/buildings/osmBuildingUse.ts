import type { BuildingUse } from '@pengcheng/protocol';

/** OSM building=*, amenity=*, shop=*, tourism=* values (Tilezen `kind_detail`) and land uses, by our use. */
const USES: Readonly<Record<BuildingUse, readonly string[]>> = {
  government: ['government', 'public', 'civic', 'townhall', 'embassy', 'courthouse', 'police', 'fire_station', 'post_office'],
  office: ['office', 'company', 'commercial_office'],
  residential: ['residential', 'apartments', 'house', 'detached', 'semidetached_house', 'terrace', 'dormitory', 'bungalow'],
  commercial: [
    'commercial', 'retail', 'mall', 'shop', 'supermarket', 'department_store', 'kiosk', 'restaurant', 'cafe', 'fast_food',
    'bank', 'bar', 'pub', 'jewelry', 'ice_cream', 'computer', 'marketplace', 'clothes',
  ],
  school: ['school', 'university', 'college', 'kindergarten'],
  hospital: ['hospital', 'clinic', 'doctors'],
  cultural: ['museum', 'arts_centre', 'theatre', 'cinema', 'library', 'place_of_worship', 'church', 'temple', 'cathedral', 'attraction', 'gallery'],
  sports: ['stadium', 'sports_centre', 'sports_hall', 'pitch'],
  hotel: ['hotel', 'hostel', 'guest_house', 'motel'],
  industrial: ['industrial', 'warehouse', 'factory', 'manufacture'],
  utility: ['communications_tower', 'tower', 'transformer_tower', 'water_tower', 'service', 'shed', 'garage', 'garages', 'roof', 'construction'],
  transport: ['transportation', 'train_station', 'station', 'parking', 'ferry_terminal', 'bus_station', 'subway_entrance'],
  mixed: [],
};

const BY_TAG = new Map(Object.entries(USES).flatMap(([use, tags]) => tags.map((tag) => [tag, use as BuildingUse])));

/**
 * Our use of an OSM building from its Tilezen properties: the building's own kind detail first,
 * then the land use it stands on; undefined when neither says.
 */
export function osmBuildingUse(properties: Readonly<Record<string, unknown>>): BuildingUse | undefined {
  for (const key of ['kind_detail', 'landuse_kind']) {
    const value = properties[key];
    const use = typeof value === 'string' ? BY_TAG.get(value) : undefined;
    if (use) return use;
  }
  return undefined;
}
