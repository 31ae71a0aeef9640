import * as Cesium from 'cesium';
import type { BoundingSphere, ComponentDatatype, IndexDatatype, Matrix4, PrimitiveType } from 'cesium';

/**
 * Typed access to the parts of Cesium's renderer that a primitive of our own needs (draw commands,
 * GPU buffers, shaders). Cesium exports them but leaves them out of its type definitions; this is
 * the one place that names them, typed as far as we use them, for the Cesium version pinned in
 * package.json.
 */

/** The WebGL context wrapper a primitive is handed each frame. */
export interface RenderContext {
  readonly webgl2: boolean;
  readonly instancedArrays: boolean;
}

/** What Cesium hands a primitive's `update` each frame. */
export interface FrameState {
  readonly context: RenderContext;
  readonly commandList: DrawCommand[];
  readonly passes: { readonly render: boolean; readonly pick: boolean };
}

/** A scene primitive: Cesium calls `update` once a frame and `destroy` when it is removed. */
export interface ScenePrimitive {
  show: boolean;
  update(frameState: FrameState): void;
  isDestroyed(): boolean;
  destroy(): void;
}

export interface GpuBuffer {
  readonly sizeInBytes: number;
  /** Whether destroying a vertex array that draws from this buffer destroys it too (default true). */
  vertexArrayDestroyable: boolean;
  copyFromArrayView(view: ArrayBufferView, offsetInBytes?: number): void;
  destroy(): void;
}

export interface VertexAttribute {
  readonly index: number;
  readonly vertexBuffer: GpuBuffer;
  readonly componentsPerAttribute: 1 | 2 | 3 | 4;
  readonly componentDatatype: ComponentDatatype;
  readonly offsetInBytes?: number;
  readonly strideInBytes?: number;
  /** 1: the attribute advances once per instance, not per vertex. */
  readonly instanceDivisor?: number;
}

export interface VertexArray {
  destroy(): void;
}

export interface ShaderProgram {
  destroy(): void;
}

export type RenderState = object;

type UniformValue = number | object | readonly object[];

export interface DrawCommandOptions {
  readonly vertexArray: VertexArray;
  readonly shaderProgram: ShaderProgram;
  readonly renderState: RenderState;
  readonly uniformMap: Readonly<Record<string, () => UniformValue>>;
  readonly primitiveType: PrimitiveType;
  readonly pass: number;
  readonly count: number;
  readonly instanceCount: number;
  readonly modelMatrix: Matrix4;
  readonly boundingVolume: BoundingSphere;
  readonly owner: object;
}

export interface DrawCommand {
  vertexArray: VertexArray;
  instanceCount: number;
  modelMatrix: Matrix4;
  boundingVolume: BoundingSphere;
}

/** The pass a command is drawn in (Cesium's Renderer/Pass). */
export interface Passes {
  readonly OPAQUE: number;
  readonly TRANSLUCENT: number;
}

export interface BufferUsages {
  readonly STATIC_DRAW: number;
  readonly DYNAMIC_DRAW: number;
  readonly STREAM_DRAW: number;
}

interface Renderer {
  readonly DrawCommand: new (options: DrawCommandOptions) => DrawCommand;
  readonly Buffer: {
    createVertexBuffer(options: { context: RenderContext; typedArray?: ArrayBufferView; sizeInBytes?: number; usage: number }): GpuBuffer;
    createIndexBuffer(options: { context: RenderContext; typedArray: ArrayBufferView; usage: number; indexDatatype: IndexDatatype }): GpuBuffer;
  };
  readonly VertexArray: new (options: { context: RenderContext; attributes: readonly VertexAttribute[]; indexBuffer?: GpuBuffer }) => VertexArray;
  readonly ShaderProgram: {
    fromCache(options: { context: RenderContext; vertexShaderSource: string; fragmentShaderSource: string; attributeLocations: Readonly<Record<string, number>> }): ShaderProgram;
  };
  readonly RenderState: {
    fromCache(state: object): RenderState;
    removeFromCache(state: RenderState): void;
  };
  readonly Pass: Passes;
  readonly BufferUsage: BufferUsages;
}

// One static member access each, never the namespace as a value, so the bundler still drops the
// rest of Cesium that the viewer does not use.
export const DrawCommand = (Cesium as unknown as Renderer).DrawCommand;
export const Buffer = (Cesium as unknown as Renderer).Buffer;
export const VertexArray = (Cesium as unknown as Renderer).VertexArray;
export const ShaderProgram = (Cesium as unknown as Renderer).ShaderProgram;
export const RenderState = (Cesium as unknown as Renderer).RenderState;
export const Pass = (Cesium as unknown as Renderer).Pass;
export const BufferUsage = (Cesium as unknown as Renderer).BufferUsage;
