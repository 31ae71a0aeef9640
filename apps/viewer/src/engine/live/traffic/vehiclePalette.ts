import type { VehicleType } from '@pengcheng/protocol';

/**
 * Fill colours by vehicle type. Each is light enough to read on the wall's near-black scene, and
 * the symbol's dark outline ({@link VEHICLE_OUTLINE}) carries it on the desk's light map.
 * Emergency vehicles take the one red; the others keep clear of it and of each other.
 */
export const VEHICLE_COLOURS: Readonly<Record<VehicleType, string>> = {
  car: '#5cc8ff',
  taxi: '#ffd23f',
  bus: '#5be37d',
  truck: '#ff9f43',
  emergency: '#ff4d6d',
};

/** The symbol's outline, drawn into the image, so tinting leaves it dark. */
export const VEHICLE_OUTLINE = '#0b1220';
