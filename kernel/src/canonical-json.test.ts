import fc from 'fast-check';
import { canonicalJson, parseJsonQuietly, sha256Hex } from './canonical-json';
import { ScfError } from './errors';

describe('canonicalJson', () => {
  it('sorts keys recursively and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('gives equal bytes for objects built in any key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (dict) => {
        const reversed = Object.fromEntries(Object.entries(dict).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(dict));
      }),
    );
  });

  it.each([[1.5], [Number.NaN], [10n], [() => 1]])('refuses %p', (value) => {
    expect(() => canonicalJson({ value })).toThrow(ScfError);
  });

  it('hashes with sha256', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('parseJsonQuietly', () => {
  it('never echoes the input in its error', () => {
    const secret = '{"rateBps":"SENTINEL-4242"';
    try {
      parseJsonQuietly(secret, 'terms');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ScfError);
      expect((error as Error).message).not.toContain('SENTINEL');
      expect((error as Error).message).toBe('{"code":"INVALID_ARGUMENT","message":"terms is not valid JSON"}');
    }
  });
});
