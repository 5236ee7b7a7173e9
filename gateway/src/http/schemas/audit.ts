import { Type } from 'typebox';
import { Id } from './common';

export const IdParams = Type.Object({ id: Id });
/** An object the route documents by its description only (its fields come from the chaincode's records). */
export const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });
