/**
 * The traffic layer's shaders. Each vehicle is one instance of a screen-facing quad. The vertex
 * shader moves it from its last position to its next by the segment's progress, turns it the
 * short way to its new heading, grows it in when it is new and shrinks it with distance, so
 * between hub frames nothing is uploaded but a few uniforms. The fragment shader draws the
 * arrowhead (vehicleSymbol) from its outline, sharp at any size.
 */

/** Attribute locations; the per-vertex corner takes 0, which Cesium keeps free of instancing. */
export const VEHICLE_ATTRIBUTES = { a_corner: 0, a_from: 1, a_to: 2, a_motion: 3 } as const;

/** How many vehicle types the palette uniform holds. */
export const PALETTE_SIZE = 8;

export const VEHICLE_VERTEX_SHADER = /* glsl */ `
in vec2 a_corner;
in vec3 a_from;
in vec3 a_to;
// Heading at the segment's start (degrees clockwise from north), its turn (degrees), when the
// vehicle appeared relative to the segment's start (ms), and its type (palette index; < 0: empty).
in vec4 a_motion;

uniform float u_progress;
uniform float u_sinceSegmentMs;
uniform float u_appearMs;
uniform vec3 u_center;
uniform vec2 u_halfSizePx;
// near distance, scale there, far distance, scale there (Cesium's NearFarScalar).
uniform vec4 u_distanceScale;
uniform vec4 u_palette[${PALETTE_SIZE}];

out vec2 v_symbolPx;
out vec4 v_colour;
out float v_scale;

void main() {
  v_symbolPx = a_corner * u_halfSizePx;
  if (a_motion.w < 0.0) {
    // Empty slot: outside the clip volume, so nothing is drawn.
    gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
    v_colour = vec4(0.0);
    v_scale = 1.0;
    return;
  }
  vec3 position = mix(a_from, a_to, u_progress);
  vec4 eye = czm_modelView * vec4(position, 1.0);

  float grown = u_appearMs > 0.0 ? clamp((u_sinceSegmentMs - a_motion.z) / u_appearMs, 0.0, 1.0) : 1.0;
  float scale = 1.0 - (1.0 - grown) * (1.0 - grown);
  float far = clamp((length(eye.xyz) - u_distanceScale.x) / (u_distanceScale.z - u_distanceScale.x), 0.0, 1.0);
  scale *= mix(u_distanceScale.y, u_distanceScale.w, far);

  // The way of travel in the local horizontal plane, then where it points on the screen.
  float heading = radians(a_motion.x + a_motion.y * u_progress);
  vec3 up = normalize(u_center + position);
  vec3 east = normalize(vec3(-up.y, up.x, 0.0));
  vec3 north = cross(up, east);
  vec2 ahead = (czm_modelView * vec4(sin(heading) * east + cos(heading) * north, 0.0)).xy;
  float aheadLength = length(ahead);
  ahead = aheadLength > 1e-6 ? ahead / aheadLength : vec2(0.0, 1.0);
  vec2 right = vec2(ahead.y, -ahead.x);
  // Sizes are CSS pixels, as the rest of the viewer's symbols: czm_pixelRatio makes them drawing-buffer pixels.
  scale *= czm_pixelRatio;
  vec2 offsetPx = (a_corner.x * u_halfSizePx.x * right + a_corner.y * u_halfSizePx.y * ahead) * scale;

  vec4 clip = czm_projection * eye;
  clip.xy += offsetPx * 2.0 / czm_viewport.zw * clip.w;
  gl_Position = clip;
  v_colour = u_palette[int(a_motion.w)];
  v_scale = scale;
}
`;

export const VEHICLE_FRAGMENT_SHADER = /* glsl */ `
in vec2 v_symbolPx;
in vec4 v_colour;
in float v_scale;

uniform vec2 u_tip;
uniform vec2 u_barb;
uniform vec2 u_notch;
uniform float u_lineHalfPx;
uniform vec4 u_outline;

float distanceToSegment(vec2 p, vec2 a, vec2 b) {
  vec2 pa = p - a;
  vec2 ba = b - a;
  return length(pa - ba * clamp(dot(pa, ba) / dot(ba, ba), 0.0, 1.0));
}

float edge(vec2 a, vec2 b, vec2 p) {
  vec2 ab = b - a;
  vec2 ap = p - a;
  return ab.x * ap.y - ab.y * ap.x;
}

void main() {
  // The symbol is mirror-symmetric: measure against its right half.
  vec2 p = vec2(abs(v_symbolPx.x), v_symbolPx.y);
  float distance = min(distanceToSegment(p, u_tip, u_barb), distanceToSegment(p, u_barb, u_notch));
  bool inside = edge(u_tip, u_barb, p) < 0.0 && edge(u_barb, u_notch, p) < 0.0;
  float signedDistance = inside ? -distance : distance;
  // About one drawing-buffer pixel, in the symbol's own pixels, for smooth edges at any scale.
  float smoothing = 0.6 / max(v_scale, 0.05);
  float coverage = 1.0 - smoothstep(u_lineHalfPx - smoothing, u_lineHalfPx + smoothing, signedDistance);
  if (coverage <= 0.0) discard;
  float stroke = 1.0 - smoothstep(u_lineHalfPx - smoothing, u_lineHalfPx + smoothing, abs(signedDistance));
  vec3 colour = mix(v_colour.rgb, u_outline.rgb, stroke);
  out_FragColor = vec4(colour, v_colour.a * coverage);
}
`;
