import { ScfError } from './errors';
import { isValidLei, leiWithCheckDigits, parseLegalEntityId } from './legal-entity';

describe('legal entity ids (LEI)', () => {
  it('accepts published LEIs and refuses a changed character or check digit', () => {
    // Published LEIs (GLEIF): the check digits were computed by their issuers, not by this code.
    for (const lei of ['5493001KJTIIGC8Y1R12', '7LTWFZYICNSX8D621K86', 'HWUPKR0MPOU8FGXBT394']) {
      expect(isValidLei(lei)).toBe(true);
    }
    expect(isValidLei('5493001KJTIIGC8Y1R13')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1S12')).toBe(false);
    expect(isValidLei('5493001kjtiigc8y1r12')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1R1')).toBe(false);
  });

  it('computes check digits that validate', () => {
    expect(leiWithCheckDigits('5493001KJTIIGC8Y1R')).toBe('5493001KJTIIGC8Y1R12');
    expect(isValidLei(leiWithCheckDigits('SCFDEMO00000000001'))).toBe(true);
  });

  it('parses with a typed error', () => {
    expect(parseLegalEntityId('7LTWFZYICNSX8D621K86', 'legalEntityId')).toBe('7LTWFZYICNSX8D621K86');
    expect(() => parseLegalEntityId('ACME', 'legalEntityId')).toThrow(ScfError);
    expect(() => parseLegalEntityId(42, 'legalEntityId')).toThrow(/INVALID_ARGUMENT/);
  });
});
