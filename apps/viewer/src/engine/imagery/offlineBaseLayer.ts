import { ImageryLayer, TileMapServiceImageryProvider, buildModuleUrl } from 'cesium';

/**
 * Natural Earth II, shipped inside Cesium's own assets and served by our server: a globe that
 * shows with no network beyond this machine. The district's own imagery replaces it later.
 */
export function createOfflineBaseLayer(): ImageryLayer {
  return ImageryLayer.fromProviderAsync(
    TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII')),
    // Dimmed and desaturated: the world around the district is context, not content, and the
    // command-centre theme is dark.
    { brightness: 0.45, saturation: 0.35, contrast: 1.1 },
  );
}
