import { PIPE_NETWORKS, PipeNodeProperties, PipeSegmentProperties, type UtilityTunnelProperties } from '@pengcheng/protocol';
import type { MetadataEnum, MetadataRow, MetadataSchema } from '../tiles3d/MetadataSchema.js';

const NO_PRESSURE_CLASS = 'none';

const enumOf = (names: readonly string[], extra: MetadataEnum['values'] = []): MetadataEnum => ({
  valueType: 'UINT8',
  values: [...names.map((name, value) => ({ name, value })), ...extra],
});

/**
 * One schema for the whole tileset, embedded in every GLB, with a class per kind of feature. Each
 * GLB holds features of one class only (one property table): CesiumJS binds a single property
 * table per glTF model, so segments, nodes and the tunnel are separate contents.
 */
const schema: MetadataSchema = {
  id: 'pengcheng_pipelines',
  name: 'Pengcheng Twin underground pipelines',
  version: '1.0.0',
  enums: {
    pipeNetwork: enumOf(PIPE_NETWORKS),
    pipeMaterial: enumOf(PipeSegmentProperties.shape.material.options),
    pressureClass: enumOf(PipeSegmentProperties.shape.pressureClass.unwrap().options, [{ name: NO_PRESSURE_CLASS, value: 255 }]),
    pipeNodeKind: enumOf(PipeNodeProperties.shape.kind.options),
  },
  classes: {
    pipe_segment: {
      name: 'Pipe segment',
      description: 'A pipe or cable of an underground network between two nodes.',
      properties: {
        id: { type: 'STRING', required: true, description: 'Stable asset id (数字身份证), e.g. PIPE-WS-000123.' },
        network: { type: 'ENUM', enumType: 'pipeNetwork', required: true },
        material: { type: 'ENUM', enumType: 'pipeMaterial', required: true },
        diameterMm: { type: 'SCALAR', componentType: 'UINT16', required: true, description: 'Nominal diameter, millimetres.' },
        depthM: { type: 'SCALAR', componentType: 'FLOAT32', required: true, description: 'Depth of the centre line below ground, metres.' },
        pressureClass: { type: 'ENUM', enumType: 'pressureClass', noData: NO_PRESSURE_CLASS, description: 'Water supply, gas and heating only.' },
        installYear: { type: 'SCALAR', componentType: 'UINT16', required: true },
        fromNode: { type: 'STRING', required: true, description: 'Id of the pipe node where the segment starts.' },
        toNode: { type: 'STRING', required: true, description: 'Id of the pipe node where the segment ends.' },
        lengthM: { type: 'SCALAR', componentType: 'FLOAT32', required: true, description: 'Geodesic length, metres.' },
        // 0/1 rather than BOOLEAN: loaders.gl 4.5 cannot decode BOOLEAN property tables.
        inTunnel: { type: 'SCALAR', componentType: 'UINT8', required: true, description: '1 if the segment runs in the utility tunnel (综合管廊), else 0.' },
        roadEdgeId: { type: 'STRING', noData: '', description: 'Id of the road edge the segment runs under.' },
      },
    },
    pipe_node: {
      name: 'Pipe node',
      description: 'A manhole, valve, junction or end of an underground network.',
      properties: {
        id: { type: 'STRING', required: true, description: 'Stable asset id, e.g. PN-SD-000123.' },
        network: { type: 'ENUM', enumType: 'pipeNetwork', required: true },
        kind: { type: 'ENUM', enumType: 'pipeNodeKind', required: true },
        depthM: { type: 'SCALAR', componentType: 'FLOAT32', required: true, description: 'Depth below ground, metres (a chamber\'s floor).' },
      },
    },
    utility_tunnel: {
      name: 'Utility tunnel',
      description: 'A utility tunnel (综合管廊) carrying several networks.',
      properties: {
        id: { type: 'STRING', required: true, description: 'Stable asset id, e.g. UTN-001.' },
        name: { type: 'STRING', required: true, description: 'Name in Chinese.' },
        nameEn: { type: 'STRING', noData: '', description: 'Name in English.' },
        widthM: { type: 'SCALAR', componentType: 'FLOAT32', required: true },
        heightM: { type: 'SCALAR', componentType: 'FLOAT32', required: true },
        depthM: { type: 'SCALAR', componentType: 'FLOAT32', required: true, description: 'Depth of the centre line below ground, metres.' },
        networks: { type: 'STRING', required: true, description: 'Networks carried, comma-separated (e.g. water_supply,power).' },
        lengthM: { type: 'SCALAR', componentType: 'FLOAT32', required: true },
      },
    },
  },
};

export type PipeMetadataClass = 'pipe_segment' | 'pipe_node' | 'utility_tunnel';

/** The metadata of the pipelines tileset: the schema and a feature's row in its class's table. */
export const pipeMetadata = {
  schema,
  segmentRow(p: PipeSegmentProperties): MetadataRow {
    return { ...p, inTunnel: p.inTunnel ? 1 : 0 };
  },
  nodeRow(p: PipeNodeProperties): MetadataRow {
    return { ...p };
  },
  tunnelRow(p: UtilityTunnelProperties): MetadataRow {
    return { id: p.id, name: p.name.zh, nameEn: p.name.en, widthM: p.widthM, heightM: p.heightM, depthM: p.depthM, networks: p.networks.join(','), lengthM: p.lengthM };
  },
} as const;
