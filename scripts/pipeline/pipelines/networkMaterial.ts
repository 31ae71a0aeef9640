import { PIPE_NETWORK_COLOURS, type PipeNetwork } from '@pengcheng/protocol';
import type { FeatureMaterial } from '../tiles3d/createFeatureGlb.js';

/** glTF colour factors are linear; the convention's colours are sRGB. */
function srgbToLinear(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

function linearRgb(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`"${hex}" is not a #rrggbb colour`);
  const [r, g, b] = match.slice(1).map((pair) => srgbToLinear(parseInt(pair, 16) / 255));
  return [r ?? 0, g ?? 0, b ?? 0];
}

/** The material of a network's pipes and nodes: its colour of the Chinese pipeline-map convention. */
export function networkMaterial(network: PipeNetwork): FeatureMaterial {
  return { name: `network-${network}`, baseColor: linearRgb(PIPE_NETWORK_COLOURS[network]), roughness: 0.6 };
}
