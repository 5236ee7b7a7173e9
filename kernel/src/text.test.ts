import fc from 'fast-check';
import { FREE_TEXT_PATTERN, parseText } from './text';

describe('FREE_TEXT_PATTERN', () => {
  const pattern = new RegExp(FREE_TEXT_PATTERN);
  const accepted = (text: string): boolean => {
    try {
      parseText(text, 'text', 1000);
      return true;
    } catch {
      return false;
    }
  };

  it('admits a one-character text exactly when parseText does, for every character of the BMP but the surrogates', () => {
    const disagreements: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) {
        continue;
      }
      const text = String.fromCharCode(code);
      // The pattern is stricter in one place only: it also refuses the C1 controls and U+FFFE/U+FFFF.
      const stricter = (code >= 0x80 && code <= 0x9f) || code >= 0xfffe;
      if (pattern.test(text) !== (accepted(text) && !stricter)) {
        disagreements.push(code.toString(16));
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('never admits a text parseText refuses', () => {
    fc.assert(
      fc.property(fc.stringMatching(pattern, { size: 'medium' }), (text) => {
        expect(accepted(text)).toBe(true);
      }),
    );
    expect(pattern.test(' a')).toBe(false);
    expect(pattern.test('a\u0000b')).toBe(false);
    expect(pattern.test('Bay 3, row\u00a07')).toBe(true);
  });
});
