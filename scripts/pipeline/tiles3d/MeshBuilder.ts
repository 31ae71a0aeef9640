import type { Vec3 } from './createEnuFrame.js';

/** Triangles with per-vertex normals and feature ids, as typed arrays for a FeatureMeshPart. */
export interface MeshArrays {
  /** ENU metres in the tile frame, three per vertex. */
  readonly positions: Float32Array;
  readonly normals: Float32Array;
  readonly featureIds: Uint32Array;
  readonly indices: Uint32Array;
}

/** Collects vertices and triangles of one material while a tile's mesh is built. */
export class MeshBuilder {
  private readonly positions: number[] = [];
  private readonly normals: number[] = [];
  private readonly featureIds: number[] = [];
  private readonly indices: number[] = [];

  vertex(position: Vec3, normal: Vec3, featureId: number): number {
    this.positions.push(...position);
    this.normals.push(...normal);
    this.featureIds.push(featureId);
    return this.featureIds.length - 1;
  }

  triangle(a: number, b: number, c: number): void {
    this.indices.push(a, b, c);
  }

  build(): MeshArrays {
    return {
      positions: new Float32Array(this.positions),
      normals: new Float32Array(this.normals),
      featureIds: new Uint32Array(this.featureIds),
      indices: new Uint32Array(this.indices),
    };
  }
}
