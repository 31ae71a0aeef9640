import { Color, type Scene, type SkyBox } from 'cesium';

/** What shows through a translucent or cut-away ground instead of the stars on the far side of the globe. */
const EARTH_BELOW = Color.fromCssColorString('#0b1118');
const savedSkyBoxes = new WeakMap<Scene, SkyBox>();
/** Who wants the backdrop now (underground view, section box): it stays while anyone does. */
const holders = new WeakMap<Scene, Set<string>>();

/**
 * Dark earth instead of sky and stars behind the ground, while `holder` asks for it: through a
 * translucent ground, or around a section box, one would otherwise look into space.
 */
export function setEarthBackdrop(scene: Scene, holder: string, on: boolean): void {
  const set = holders.get(scene) ?? new Set<string>();
  holders.set(scene, set);
  if (on) set.add(holder);
  else set.delete(holder);
  const dark = set.size > 0;
  // The background colour shows only where there is no sky box.
  if (dark && scene.skyBox) {
    savedSkyBoxes.set(scene, scene.skyBox);
    scene.skyBox = undefined as unknown as SkyBox;
  } else if (!dark && savedSkyBoxes.has(scene)) {
    scene.skyBox = savedSkyBoxes.get(scene) as SkyBox;
    savedSkyBoxes.delete(scene);
  }
  if (scene.skyAtmosphere) scene.skyAtmosphere.show = !dark;
  scene.backgroundColor = dark ? EARTH_BELOW : Color.BLACK;
}
