/**
 * UN/CEFACT Recommendation 20 codes (what NGSI-LD's `unitCode` holds) for the units our
 * quantities can be converted from, as UCUM codes (what we store and SensorThings uses).
 */
const UN_CEFACT_TO_UCUM: Readonly<Record<string, string>> = {
  GQ: 'ug/m3',
  GP: 'mg/m3',
  M1: 'mg/L',
  CEL: 'Cel',
  KEL: 'K',
  FAH: '[degF]',
  P1: '%',
  C62: '1',
  '2N': 'dB',
  KMH: 'km/h',
  MTS: 'm/s',
  CMT: 'cm',
  MTR: 'm',
  MMT: 'mm',
  DD: 'deg',
  MPA: 'MPa',
  KPA: 'kPa',
  BAR: 'bar',
  MQH: 'm3/h',
  D10: 'S/m',
};

/** The UCUM code of a UN/CEFACT code, or undefined when we cannot use it. */
export function ucumOfUnitCode(code: string): string | undefined {
  return Object.hasOwn(UN_CEFACT_TO_UCUM, code) ? UN_CEFACT_TO_UCUM[code] : undefined;
}
