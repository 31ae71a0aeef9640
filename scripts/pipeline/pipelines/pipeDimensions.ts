/** How big pipes, nodes and their parts are drawn, in metres. */
export const pipeDimensions = {
  /** Cables of a few centimetres would vanish between pixels: nothing is drawn thinner. */
  minRadiusM: 0.15,
  /** A culvert is drawn no wider than this, so it does not swallow the networks beside it. */
  maxRadiusM: 1,
  /** Longest straight piece of a drawn line: between two points at one depth it sags upwards by at most 1.2 mm. */
  maxPieceM: 250,
  /** Earth left above the crown of a pipe drawn wider than it is, so it stays underground. */
  minCoverM: 0.05,

  /** Drawn radius of a pipe of a diameter whose centre line lies at a depth. */
  radiusM(diameterMm: number, depthM: number): number {
    const cap = Math.min(pipeDimensions.maxRadiusM, depthM - pipeDimensions.minCoverM);
    return Math.min(cap, Math.max(pipeDimensions.minRadiusM, diameterMm / 2000));
  },
  /** Sides of a tube: more for wide ones, whose facets would show. */
  sides(radiusM: number): number {
    return radiusM < 0.25 ? 8 : radiusM < 0.5 ? 10 : 12;
  },

  /** A manhole's shaft: room around the widest pipe it serves, 1 m across at least. */
  manholeRadiusM(pipeRadiusM: number): number {
    return Math.min(1.25, Math.max(0.5, pipeRadiusM + 0.25));
  },
  /** The cast-iron cover (井盖) rests in the street surface: 0.7 m across, 7 cm thick, its top 3 cm down. */
  lid: { radiusM: 0.35, topDepthM: 0.03, bottomDepthM: 0.1 },
  /** A valve body: a cube around the pipe, a little wider than it. */
  valveSideM(pipeRadiusM: number): number {
    return Math.max(0.4, 2.7 * pipeRadiusM);
  },
  /** A junction or an end: a knot a little thicker than its pipe, stretched down to join pipes at other depths. */
  knotRadiusM(pipeRadiusM: number): number {
    return 1.15 * pipeRadiusM;
  },
} as const;
