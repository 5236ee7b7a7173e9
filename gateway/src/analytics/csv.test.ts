import { csvField, toCsv } from './csv';

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('writes a header and CRLF-terminated rows', () => {
    expect(
      toCsv(
        ['id', 'note'],
        [
          ['r1', 'a,"b"'],
          ['r2', null],
        ],
      ),
    ).toBe('id,note\r\nr1,"a,""b"""\r\nr2,\r\n');
    expect(toCsv(['id'], [])).toBe('id\r\n');
  });
});
