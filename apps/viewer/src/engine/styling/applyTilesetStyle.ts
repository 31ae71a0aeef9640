import { Cesium3DTileColorBlendMode, Cesium3DTileStyle, type Cesium3DTileset } from 'cesium';
import type { StyleRule } from './styleRule.js';

/** How much of the thematic colour replaces the material's: enough to read, keeping roofs apart from walls. */
const THEMATIC_BLEND = 0.85;

function colour(hex: string, alpha: number): string {
  return `color('${hex}', ${alpha.toFixed(3)})`;
}

/**
 * Puts a thematic rule and an opacity on a tileset: no rule and full opacity is Cesium's own
 * rendering (no style); opacity alone tints white with alpha, which keeps the materials' colours.
 */
export function applyTilesetStyle(tileset: Cesium3DTileset, rule: StyleRule | undefined, opacity: number): void {
  const alpha = Math.min(1, Math.max(0, opacity));
  if (!rule) {
    tileset.colorBlendMode = Cesium3DTileColorBlendMode.HIGHLIGHT;
    tileset.style = alpha >= 1 ? undefined : new Cesium3DTileStyle({ color: colour('#ffffff', alpha) });
    return;
  }
  tileset.colorBlendMode = Cesium3DTileColorBlendMode.MIX;
  tileset.colorBlendAmount = THEMATIC_BLEND;
  tileset.style = new Cesium3DTileStyle({
    color: { conditions: rule.conditions.map(([when, hex]) => [when, colour(hex, alpha)]) },
  });
}
