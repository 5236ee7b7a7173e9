import 'reflect-metadata';
import { JSONSerializer } from 'fabric-contract-api';
import DataMarshall from 'fabric-shim/lib/contract-spi/datamarshall';
import { contracts } from '../index';
import { type MarshalledFunction, plainStringArguments, withPlainStrings } from './string-parameters';

/** Every transaction function of our contracts, with the parameter metadata fabric-contract-api gives fabric-shim. */
const FUNCTIONS: readonly (readonly [string, MarshalledFunction])[] = contracts.flatMap((contract) =>
  (Reflect.getMetadata('fabric:transactions', contract.prototype as object) as (MarshalledFunction & { name: string })[]).map(
    (fn) => [`${contract.name}.${fn.name}`, fn] as const,
  ),
);

const original = DataMarshall.prototype.handleParameters;
const marshall = new DataMarshall('jsonSerializer', { jsonSerializer: JSONSerializer }, {});

const SAMPLES: readonly Uint8Array[] = [
  Buffer.from('supplier-1'),
  Buffer.from(''),
  Buffer.from('{"a":[1,2]}'),
  Buffer.from('数量 12.5 \u{1F4B0}'),
  Buffer.from([0xff, 0xfe, 0x41, 0xc3]), // not UTF-8: both decode it to replacement characters
  Buffer.from(' 42 '),
];

function argsFor(fn: MarshalledFunction, round: number): Uint8Array[] {
  return (fn.parameters ?? []).map((_, i) => SAMPLES[(i + round) % SAMPLES.length] ?? new Uint8Array());
}

describe('string parameters taken as they are (fabric-shim DataMarshall.handleParameters)', () => {
  it('finds every SCF transaction string-only, so every call takes the direct path', () => {
    expect(FUNCTIONS.length).toBeGreaterThan(50);
    const notPlain = FUNCTIONS.filter(([, fn]) => plainStringArguments(fn, argsFor(fn, 0)) === undefined).map(([name]) => name);
    expect(notPlain).toEqual([]);
  });

  it.each(FUNCTIONS)('%s: the same arguments as fabric-shim would pass', (_name, fn) => {
    for (let round = 0; round < SAMPLES.length; round++) {
      const args = argsFor(fn, round);
      expect(plainStringArguments(fn, args)).toEqual(original.call(marshall, fn, args, 'test'));
    }
  });

  it("leaves a wrong argument count and other schemas to fabric-shim's own checks", () => {
    const patched = withPlainStrings(original);
    const twoStrings: MarshalledFunction = { parameters: [{ schema: { type: 'string' } }, { schema: { type: 'string' } }] };
    expect(() => patched.call(marshall, twoStrings, [Buffer.from('one')], 'test')).toThrow(
      'Expected 2 parameters, but 1 have been supplied',
    );
    const aNumber: MarshalledFunction = { parameters: [{ schema: { type: 'number' } }] };
    expect(plainStringArguments(aNumber, [Buffer.from('7')])).toBeUndefined();
    expect(patched.call(marshall, aNumber, [Buffer.from('7')], 'test')).toEqual([7]);
    const constrained: MarshalledFunction = { parameters: [{ schema: { type: 'string', maxLength: 2 } }] };
    expect(plainStringArguments(constrained, [Buffer.from('abc')])).toBeUndefined();
    expect(() => patched.call(marshall, constrained, [Buffer.from('abc')], 'test')).toThrow('Unable to validate parameter');
  });
});
