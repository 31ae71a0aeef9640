import { ImageryLayer, TileMapServiceImageryProvider, buildModuleUrl } from 'cesium';

/**
 * Natural Earth II, shipped inside Cesium's own assets and served by our server: a globe that
 * shows with no network beyond this machine. The district's own imagery replaces it later.
 */
export function createOfflineBaseLayer(): ImageryLayer {
  return ImageryLayer.fromProviderAsync(
    TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII')),
    {},
  );
}
