/**
 * Where reports are, for "someone nearby already reported this": geohash
 * cells as table keys, so a lookup reads the few cells around a point and
 * never scans. No imports: the citizen site may use it as is.
 */
const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** Cells of this precision are 153 m north to south and ≤ 153 m east to west (120 m at 38° N). */
export const NEARBY_PRECISION = 7;
/** "Nearby" (API.md): within 50 m. */
export const NEARBY_METERS = 50;

/** The geohash of a point (Niemeyer's base-32 interleaving of longitude and latitude bits). */
export function geohash(lat: number, lng: number, precision = NEARBY_PRECISION): string {
  let [latMin, latMax, lngMin, lngMax] = [-90, 90, -180, 180];
  let hash = '';
  let bits = 0;
  let value = 0;
  let evenBit = true;
  while (hash.length < precision) {
    if (evenBit) {
      const mid = (lngMin + lngMax) / 2;
      value = value * 2 + (lng >= mid ? 1 : 0);
      if (lng >= mid) lngMin = mid;
      else lngMax = mid;
    } else {
      const mid = (latMin + latMax) / 2;
      value = value * 2 + (lat >= mid ? 1 : 0);
      if (lat >= mid) latMin = mid;
      else latMax = mid;
    }
    evenBit = !evenBit;
    if (++bits === 5) {
      hash += BASE32.charAt(value);
      bits = 0;
      value = 0;
    }
  }
  return hash;
}

const EARTH_RADIUS_METERS = 6_371_008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A cell's size in degrees: longitude takes the odd bits. */
const cellDegrees = (precision: number) => ({
  lat: 180 / 2 ** Math.floor((5 * precision) / 2),
  lng: 360 / 2 ** Math.ceil((5 * precision) / 2),
});

/** From `min` to `max` in steps no longer than `step`, both ends included. */
function span(min: number, max: number, step: number): number[] {
  const points = [];
  for (let at = min; at < max; at += step) points.push(at);
  return [...points, max];
}

/**
 * The cells that hold every point within `meters` of a point: the cells met
 * by the square around it, sampled a cell apart so none is skipped. At 50 m
 * that is 1 to 4 cells in China (a cell is wider than 100 m south of 49° N).
 */
export function cellsAround(lat: number, lng: number, meters = NEARBY_METERS): string[] {
  const dLat = (meters / EARTH_RADIUS_METERS) * (180 / Math.PI);
  const dLng = dLat / Math.max(Math.cos(radians(lat)), 0.01);
  const cell = cellDegrees(NEARBY_PRECISION);
  const cells = new Set<string>();
  for (const la of span(lat - dLat, lat + dLat, cell.lat))
    for (const ln of span(lng - dLng, lng + dLng, cell.lng)) cells.add(geohash(la, ln));
  return [...cells].sort();
}
