import fc from 'fast-check';
import { toJsonValue } from './inputs-hash';
import { canonicalJson } from '@scf/kernel/canonical-json';

describe('toJsonValue', () => {
  it('turns every bigint into its decimal string, leaving the input untouched', () => {
    const input = { a: 1n, b: [2n, { c: 3n, d: 'x' }], e: { f: true, g: null } };
    expect(toJsonValue(input)).toEqual({ a: '1', b: ['2', { c: '3', d: 'x' }], e: { f: true, g: null } });
    expect(input.a).toBe(1n);
  });

  it('returns parts holding no bigint as they are', () => {
    const edges = [{ from: 'a', to: 'b' }];
    const book = { s: 1n };
    const converted = toJsonValue({ edges, book }) as { edges: unknown; book: unknown };
    expect(converted.edges).toBe(edges);
    expect(converted.book).not.toBe(book);
  });

  it('gives the JSON a bigint-to-string replacer would', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        fc.integer(),
        fc.string(),
        fc.boolean(),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const viaReplacer: unknown = JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
        expect(canonicalJson(toJsonValue(value))).toBe(canonicalJson(viaReplacer));
      }),
    );
  });
});
