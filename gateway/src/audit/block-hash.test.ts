import { createHash } from 'node:crypto';
import { blockDataHash, blockHeaderDer, blockHeaderHash } from './block-hash';

const hex = (text: string): Buffer => Buffer.from(text, 'hex');

// Two consecutive headers of this network's channel (number, previous_hash, data_hash), read with qscc.
const REAL = [
  {
    number: 128n,
    previous: '6d7c87deecc60f9ee9716a6af8dc0775120a601bb0f4332559bb5c452d64c371',
    data: '7a7fae323960f512dfecb14e83bef85548f1f21580dc988dfc2487001e586333',
  },
  {
    number: 129n,
    previous: 'cf17e4133aa5cd863dfe1e1bff92bda1ad2373c36ce3eb35243916418f76aa52',
    data: '9edb266c99aad02c5b904c059900ff03cd6a965abc8bfd25d4dd93d35448dc69',
  },
] as const;

describe('block header DER', () => {
  it('encodes SEQUENCE { INTEGER, OCTET STRING, OCTET STRING } as Go asn1 does', () => {
    expect(blockHeaderDer(0n, new Uint8Array(), hex('ab')).toString('hex')).toBe('3008' + '020100' + '0400' + '0401ab');
  });

  it('keeps integers minimal and positive', () => {
    expect(blockHeaderDer(127n, new Uint8Array(), new Uint8Array()).subarray(2, 5).toString('hex')).toBe('02017f');
    expect(blockHeaderDer(128n, new Uint8Array(), new Uint8Array()).subarray(2, 6).toString('hex')).toBe('02020080');
    expect(blockHeaderDer(256n, new Uint8Array(), new Uint8Array()).subarray(2, 6).toString('hex')).toBe('02020100');
    expect(
      blockHeaderDer(2n ** 63n, new Uint8Array(), new Uint8Array())
        .subarray(2, 13)
        .toString('hex'),
    ).toBe('0209008000000000000000');
  });

  it('uses the long length form past 127 bytes', () => {
    const der = blockHeaderDer(1n, new Uint8Array(200), new Uint8Array());
    expect(der.subarray(0, 3).toString('hex')).toBe('3081d0');
    expect(der.subarray(6, 9).toString('hex')).toBe('0481c8');
    expect(der.length).toBe(3 + 208);
  });

  it("links two consecutive real blocks: the hash of one header is the next one's previous_hash", () => {
    const [first, second] = REAL;
    expect(blockHeaderHash(first.number, hex(first.previous), hex(first.data)).toString('hex')).toBe(second.previous);
  });

  it('hashes block data as the concatenated envelopes', () => {
    const expected = createHash('sha256').update(Buffer.from('abcdef')).digest();
    expect(blockDataHash([Buffer.from('abc'), Buffer.from('def')]).equals(expected)).toBe(true);
  });
});
