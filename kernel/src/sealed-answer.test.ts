import { generateKeyPairSync } from 'crypto';
import { isSealedAnswer, openSealed, sealToCertificate } from './sealed-answer';
import { CLIENT_CERT, SEALING_CERT, SEALING_KEY } from './testing/certificates';

const terms = Buffer.from('{"rateBps":"735","rateKind":"INTEREST","salt":"5eed5eed5eed5eed5eed5eed5eed5eed"}');
const context = 'scf.financing:GetTerms f-1 0f3c';

describe('sealed answers', () => {
  it('open with the certificate holder key to the plaintext', () => {
    const sealed = sealToCertificate(terms, SEALING_CERT, terms, context);
    expect(isSealedAnswer(sealed)).toBe(true);
    expect(openSealed(sealed, SEALING_KEY).equals(terms)).toBe(true);
  });

  it('are deterministic for one context (every endorser answers the same bytes) and differ between contexts', () => {
    expect(sealToCertificate(terms, SEALING_CERT, terms, context)).toEqual(sealToCertificate(terms, SEALING_CERT, terms, context));
    const other = sealToCertificate(terms, SEALING_CERT, terms, `${context}x`);
    expect(other.ephemeralPublicKey).not.toBe(sealToCertificate(terms, SEALING_CERT, terms, context).ephemeralPublicKey);
  });

  it('show nothing of the plaintext', () => {
    const text = JSON.stringify(sealToCertificate(terms, SEALING_CERT, terms, context));
    for (const value of ['735', 'INTEREST', '5eed5eed', Buffer.from('5eed5eed').toString('base64')]) {
      expect(text).not.toContain(value);
    }
  });

  it('do not open with another key, nor with an altered context or ciphertext', () => {
    const sealed = sealToCertificate(terms, SEALING_CERT, terms, context);
    const stranger = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' });
    expect(() => openSealed(sealed, stranger)).toThrow();
    expect(() => openSealed({ ...sealed, context: 'scf.financing:GetTerms f-2 0f3c' }, SEALING_KEY)).toThrow();
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => openSealed({ ...sealed, ciphertext: flipped.toString('base64') }, SEALING_KEY)).toThrow();
  });

  it('seal to the test network client certificate too (a P-256 key)', () => {
    expect(isSealedAnswer(sealToCertificate(terms, CLIENT_CERT, terms, context))).toBe(true);
    expect(() => sealToCertificate(terms, 'not a certificate', terms, context)).toThrow(/INVALID_ARGUMENT/);
  });
});
