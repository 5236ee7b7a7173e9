import { varint } from './protobuf-wire';

describe('varint', () => {
  it('writes 7 bits a byte, low first, the high bit on all but the last', () => {
    expect(varint(0)).toEqual([0]);
    expect(varint(127)).toEqual([0x7f]);
    expect(varint(128)).toEqual([0x80, 0x01]);
    expect(varint(300)).toEqual([0xac, 0x02]);
    expect(varint(2 ** 35)).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
  });

  it('refuses what a varint of this kind cannot hold', () => {
    expect(() => varint(-1)).toThrow(RangeError);
    expect(() => varint(1.5)).toThrow(RangeError);
    expect(() => varint(2 ** 60)).toThrow(RangeError);
  });
});
