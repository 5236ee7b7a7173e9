import { normaliseIdentifyingText } from './text';

describe('normaliseIdentifyingText', () => {
  it('trims, collapses any whitespace to one space, folds width and case', () => {
    expect(normaliseIdentifyingText('  Shanghai \t bay\u00a0 3 ')).toBe('SHANGHAI BAY 3');
    expect(normaliseIdentifyingText('Ｂａｙ\u30003')).toBe('BAY 3');
    expect(normaliseIdentifyingText('ｓｔｒａßｅ')).toBe(normaliseIdentifyingText('STRASSE'));
  });

  it('is plain upper-casing for ASCII text without whitespace runs', () => {
    expect(normaliseIdentifyingText('lot-7/a')).toBe('LOT-7/A');
  });

  it('keeps what tells texts apart: characters, digits and single spaces', () => {
    expect(new Set(['Bay 3', 'Bay3', 'Bay 30', 'Bay-3', '仓库 3', '仓房 3'].map(normaliseIdentifyingText)).size).toBe(6);
  });
});
