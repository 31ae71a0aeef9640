/**
 * The pilot area of the digital-twin government district (数字孪生政务区): the Xuzhou municipal
 * administrative centre, No. 1 Kunlun Avenue (昆仑大道1号). WGS84 degrees, ±200 m (two public
 * records agree once their GCJ-02 / BD-09 offsets are removed).
 */
export const ADMINISTRATIVE_CENTRE = {
  longitude: 117.2784,
  latitude: 34.205,
} as const;
