import { BlendingState, BoundingSphere, Cartesian2, Cartesian3, Cartesian4, Color, ComponentDatatype, IndexDatatype, Matrix4, PrimitiveType, WebGLConstants } from 'cesium';
import {
  Buffer,
  BufferUsage,
  DrawCommand,
  Pass,
  RenderState,
  ShaderProgram,
  VertexArray,
  type FrameState,
  type GpuBuffer,
  type RenderContext,
  type ScenePrimitive,
  type DrawCommand as Command,
  type ShaderProgram as Program,
  type RenderState as State,
  type VertexArray as Vertices,
} from '../../cesium/cesiumRenderer.js';
import { INSTANCE_BYTES, INSTANCE_FLOATS, packInstances } from './vehicleInstances.js';
import { PALETTE_SIZE, VEHICLE_ATTRIBUTES, VEHICLE_FRAGMENT_SHADER, VEHICLE_VERTEX_SHADER } from './vehicleShaders.js';
import { vehicleArrowhead } from './vehicleSymbol.js';
import type { VehicleTable } from './vehicleTable.js';

export interface VehicleBatchOptions {
  /** Symbol length at full size, CSS pixels. */
  readonly symbolPx: number;
  /** Cesium NearFarScalar's four numbers: near distance, scale there, far distance, scale there. */
  readonly distanceScale: readonly [number, number, number, number];
  /** How long a new vehicle takes to grow in, ms. */
  readonly appearMs: number;
  /** Fill colour by type index; the first `PALETTE_SIZE` are used. */
  readonly palette: readonly Color[];
  readonly outline: Color;
}

/** A quad's corners (x, y in -1…1) and its two triangles. */
const CORNERS = new Float32Array([-1, -1, 1, -1, 1, 1, -1, 1]);
const QUAD = new Uint16Array([0, 1, 2, 0, 2, 3]);
/** Room around the outline for its smoothed edge, pixels. */
const EDGE_PX = 1;

interface GpuResources {
  readonly corners: GpuBuffer;
  readonly indices: GpuBuffer;
  instances: GpuBuffer;
  /** Instances the buffer holds. */
  capacity: number;
  vertexArray: Vertices;
  readonly program: Program;
  readonly renderState: State;
  readonly command: Command;
}

/**
 * The traffic layer's one draw call: every vehicle an instance of one quad, its segment's start
 * and end uploaded once per hub frame (`setVehicles`) and the motion between them done by the
 * vertex shader from `progress`, so a render in between uploads nothing but uniforms. A Cesium
 * primitive: add it to `scene.primitives`; the collection destroys it when it is removed.
 */
export class VehicleBatch implements ScenePrimitive {
  show = true;
  /** The segment's progress, 0–1, and the time since it started, ms: set before each render. */
  progress = 1;
  sinceSegmentMs = 0;
  /** Vehicles in the draw last handed to Cesium: 0 before the first render, and while hidden or empty. */
  drawn = 0;

  private instances = new Float32Array(0);
  private instanceCount = 0;
  private liveCount = 0;
  private dirty = false;
  private center: Cartesian3 | undefined;
  private readonly modelMatrix = Matrix4.clone(Matrix4.IDENTITY);
  private readonly bounds = new BoundingSphere();
  private gpu: GpuResources | undefined;
  private unsupported = false;
  private destroyed = false;
  private readonly uniforms: Readonly<Record<string, () => number | object | readonly object[]>>;

  constructor(options: VehicleBatchOptions) {
    const arrow = vehicleArrowhead(options.symbolPx);
    const halfSize = new Cartesian2(arrow.widthPx / 2 + EDGE_PX, arrow.heightPx / 2 + EDGE_PX);
    const distanceScale = new Cartesian4(...options.distanceScale);
    const palette = Array.from({ length: PALETTE_SIZE }, (_, i) => options.palette[i] ?? Color.WHITE);
    const tip = new Cartesian2(...arrow.tip);
    const barb = new Cartesian2(...arrow.barb);
    const notch = new Cartesian2(...arrow.notch);
    this.uniforms = {
      u_progress: () => this.progress,
      u_sinceSegmentMs: () => this.sinceSegmentMs,
      u_appearMs: () => options.appearMs,
      u_center: () => this.center ?? Cartesian3.ZERO,
      u_halfSizePx: () => halfSize,
      u_distanceScale: () => distanceScale,
      u_palette: () => palette,
      u_tip: () => tip,
      u_barb: () => barb,
      u_notch: () => notch,
      u_lineHalfPx: () => arrow.linePx / 2,
      u_outline: () => options.outline,
    };
  }

  /** Takes the table's vehicles as they stand after a frame: their segments' starts and ends. */
  setVehicles(table: VehicleTable): void {
    if (!this.center) {
      // The first vehicle ever seen: near enough to every other for single-precision offsets.
      const first = table.alive.subarray(0, table.highWater).indexOf(1);
      if (first < 0) return;
      this.center = new Cartesian3(table.to[3 * first] ?? 0, table.to[3 * first + 1] ?? 0, table.to[3 * first + 2] ?? 0);
      Matrix4.fromTranslation(this.center, this.modelMatrix);
    }
    const needed = table.highWater * INSTANCE_FLOATS;
    if (this.instances.length < needed) {
      const grown = new Float32Array(Math.max(needed, Math.ceil(this.instances.length * 1.5)));
      grown.set(this.instances);
      this.instances = grown;
    }
    const { count, min, max } = packInstances(table, this.center, this.instances);
    if (count === 0) {
      this.clear();
      return;
    }
    this.liveCount = count;
    const { center } = this.bounds;
    center.x = this.center.x + (min.x + max.x) / 2;
    center.y = this.center.y + (min.y + max.y) / 2;
    center.z = this.center.z + (min.z + max.z) / 2;
    // Half the box's diagonal, and a margin for the symbols drawn around each point.
    this.bounds.radius = Math.hypot(max.x - min.x, max.y - min.y, max.z - min.z) / 2 + 10;
    this.instanceCount = table.highWater;
    this.dirty = true;
  }

  clear(): void {
    this.instanceCount = 0;
    this.dirty = false;
  }

  update(frameState: FrameState): void {
    if (!frameState.passes.render) return;
    this.drawn = 0;
    if (this.destroyed || !this.show || this.instanceCount === 0) return;
    const context = frameState.context;
    if (!context.instancedArrays) {
      if (!this.unsupported) console.error('traffic layer: this browser cannot draw instanced geometry (WebGL 2 or ANGLE_instanced_arrays); vehicles are not shown');
      this.unsupported = true;
      return;
    }
    const gpu = (this.gpu ??= this.createResources(context));
    if (this.dirty) {
      if (gpu.capacity < this.instanceCount) {
        gpu.vertexArray.destroy();
        gpu.instances = this.createInstanceBuffer(context);
        gpu.capacity = this.instances.length / INSTANCE_FLOATS;
        gpu.vertexArray = this.createVertexArray(context, gpu.corners, gpu.indices, gpu.instances);
        gpu.command.vertexArray = gpu.vertexArray;
      } else {
        gpu.instances.copyFromArrayView(this.instances.subarray(0, this.instanceCount * INSTANCE_FLOATS));
      }
      this.dirty = false;
    }
    gpu.command.instanceCount = this.instanceCount;
    gpu.command.modelMatrix = this.modelMatrix;
    gpu.command.boundingVolume = this.bounds;
    frameState.commandList.push(gpu.command);
    this.drawn = this.liveCount;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const gpu = this.gpu;
    if (!gpu) return;
    // The vertex array destroys the instance buffer; the quad's buffers outlive every vertex array.
    gpu.vertexArray.destroy();
    gpu.corners.destroy();
    gpu.indices.destroy();
    gpu.program.destroy();
    RenderState.removeFromCache(gpu.renderState);
  }

  private createInstanceBuffer(context: RenderContext): GpuBuffer {
    // The whole array, so the buffer has room for the fleet's growth until the array next grows.
    return Buffer.createVertexBuffer({ context, typedArray: this.instances, usage: BufferUsage.DYNAMIC_DRAW });
  }

  private createVertexArray(context: RenderContext, corners: GpuBuffer, indices: GpuBuffer, instances: GpuBuffer): Vertices {
    const perInstance = (index: number, componentsPerAttribute: 3 | 4, offsetFloats: number) => ({
      index,
      vertexBuffer: instances,
      componentsPerAttribute,
      componentDatatype: ComponentDatatype.FLOAT,
      offsetInBytes: offsetFloats * Float32Array.BYTES_PER_ELEMENT,
      strideInBytes: INSTANCE_BYTES,
      instanceDivisor: 1,
    });
    return new VertexArray({
      context,
      indexBuffer: indices,
      attributes: [
        { index: VEHICLE_ATTRIBUTES.a_corner, vertexBuffer: corners, componentsPerAttribute: 2, componentDatatype: ComponentDatatype.FLOAT },
        perInstance(VEHICLE_ATTRIBUTES.a_from, 3, 0),
        perInstance(VEHICLE_ATTRIBUTES.a_to, 3, 3),
        perInstance(VEHICLE_ATTRIBUTES.a_motion, 4, 6),
      ],
    });
  }

  private createResources(context: RenderContext): GpuResources {
    const corners = Buffer.createVertexBuffer({ context, typedArray: CORNERS, usage: BufferUsage.STATIC_DRAW });
    const indices = Buffer.createIndexBuffer({ context, typedArray: QUAD, usage: BufferUsage.STATIC_DRAW, indexDatatype: IndexDatatype.UNSIGNED_SHORT });
    // Kept when the instance buffer outgrows its vertex array and both are replaced.
    corners.vertexArrayDestroyable = false;
    indices.vertexArrayDestroyable = false;
    const instances = this.createInstanceBuffer(context);
    const vertexArray = this.createVertexArray(context, corners, indices, instances);
    const program = ShaderProgram.fromCache({
      context,
      vertexShaderSource: VEHICLE_VERTEX_SHADER,
      fragmentShaderSource: VEHICLE_FRAGMENT_SHADER,
      attributeLocations: VEHICLE_ATTRIBUTES,
    });
    // As Cesium's translucent-only billboards: blended, and writing depth in lieu of sorting.
    const renderState = RenderState.fromCache({
      depthTest: { enabled: true, func: WebGLConstants.LEQUAL },
      depthMask: true,
      blending: BlendingState.ALPHA_BLEND,
    });
    const command = new DrawCommand({
      vertexArray,
      shaderProgram: program,
      renderState,
      uniformMap: this.uniforms,
      primitiveType: PrimitiveType.TRIANGLES,
      pass: Pass.TRANSLUCENT,
      count: QUAD.length,
      instanceCount: this.instanceCount,
      modelMatrix: this.modelMatrix,
      boundingVolume: this.bounds,
      owner: this,
    });
    return { corners, indices, instances, capacity: this.instances.length / INSTANCE_FLOATS, vertexArray, program, renderState, command };
  }
}
