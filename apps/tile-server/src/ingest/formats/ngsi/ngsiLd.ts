import { rejected, type ParseContext, type ParsedItem } from '../../ingestTypes.js';
import { describeValue } from '../jsonValue.js';
import { parseAlertEntity } from './alertEntity.js';
import { readEntity } from './ngsiEntity.js';
import { parseObservedEntity } from './observedEntity.js';
import { OBSERVED_MODELS, observedModel } from './observedModels.js';

const TYPES = [...Object.keys(OBSERVED_MODELS), 'Alert'].join(', ');

/** One NGSI-LD (or NGSI v2) entity: observations from the observed types, an incident from an Alert. */
export function parseNgsiItem(item: unknown, index: number, context: ParseContext): ParsedItem[] {
  const entity = readEntity(item);
  if (typeof entity === 'string') return [rejected(index, 'invalid', entity)];
  if (entity.type === 'Alert') return [parseAlertEntity(entity, index, context)];
  const model = observedModel(entity.type);
  if (!model) return [rejected(index, 'unknown_format', `Entities of type ${describeValue(entity.type)} are not ingested; we take ${TYPES}.`)];
  return parseObservedEntity(entity, model, index, context);
}
