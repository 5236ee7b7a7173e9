import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

interface PropertySchema {
  readonly type?: unknown;
}

/** A query or path value as the type its schema declares, only when the text is exactly that: '1' → 1, 'true' → true, 'true' → 'true' for an integer. */
function convertText(schema: PropertySchema | undefined, text: string): unknown {
  switch (schema?.type) {
    case 'integer':
      return INTEGER.test(text) ? Number(text) : text;
    case 'number':
      return NUMBER.test(text) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    default:
      return text;
  }
}

function convertStrictly(schema: TSchema, value: unknown): unknown {
  const properties = (schema as { properties?: Record<string, PropertySchema> }).properties;
  if (properties === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, item]) => [
      name,
      typeof item === 'string' ? convertText(properties[name], item) : item,
    ]),
  );
}

/**
 * Fastify's validator over TypeBox schemas. Query strings, path parameters and headers arrive as
 * text: a value is converted to the number or boolean its schema declares only when the text is
 * exactly one (TypeBox's own Value.Convert also turns `true` into 1 for an integer, so
 * `?limit=true` would pass as `limit=1`: a request /openapi.json calls invalid, accepted). Bodies
 * are JSON and are checked as they are.
 */
export const strictValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  return (value: unknown) => {
    const converted = httpPart === 'body' ? value : convertStrictly(schema, value);
    if (check.Check(converted)) {
      return { value: converted };
    }
    return { error: check.Errors(converted) as unknown as Error };
  };
};
