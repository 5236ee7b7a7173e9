/**
 * fabric-shim's DataMarshall.handleParameters (lib/contract-spi/datamarshall.js, 2.5.8) formats
 * every argument with util.inspect for a debug line it then drops, and builds and looks up an
 * ajv validator per argument per call: 5% of a loaded chaincode server's CPU under heartbeats.
 * Every SCF transaction takes only strings (the catalogue's arguments), and for a parameter whose
 * schema is `{type: 'string'}` its answer is the argument's UTF-8 text whatever the bytes (ajv
 * accepts any string). So for those calls the same answer is computed directly; any other schema,
 * or a wrong number of arguments (the original's error), goes to the original.
 */

export interface ExpectedParameter {
  readonly schema?: Readonly<Record<string, unknown>>;
}

export interface MarshalledFunction {
  readonly parameters?: readonly ExpectedParameter[];
}

type HandleParameters<This> = (this: This, fn: MarshalledFunction, parameters: readonly Uint8Array[], loggerPrefix: string) => unknown[];

function isPlainString(parameter: ExpectedParameter): boolean {
  const schema = parameter.schema;
  return schema !== undefined && schema.type === 'string' && Object.keys(schema).length === 1;
}

/** The strings handleParameters would return, or undefined when the original must answer. */
export function plainStringArguments(fn: MarshalledFunction, parameters: readonly Uint8Array[]): string[] | undefined {
  const expected = fn.parameters;
  if (expected === undefined || expected.length !== parameters.length || !expected.every(isPlainString)) {
    return undefined;
  }
  return parameters.map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
}

/** handleParameters answering string-only calls directly and the rest through `original`. */
export function withPlainStrings<This>(original: HandleParameters<This>): HandleParameters<This> {
  return function handleParameters(this: This, fn, parameters, loggerPrefix) {
    return plainStringArguments(fn, parameters) ?? original.call(this, fn, parameters, loggerPrefix);
  };
}
