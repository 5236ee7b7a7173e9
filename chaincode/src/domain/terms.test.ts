import { parsePrivateTerms, termsBytes } from './terms';
import { allTermsCollections, termsCollection } from '@scf/kernel/records/terms';
import { codeOf } from '@scf/kernel/testing/expect-code';

const salt = 'ab'.repeat(16);

describe('private terms', () => {
  it('parses and canonicalises', () => {
    const terms = parsePrivateTerms(JSON.stringify({ rateBps: '450', salt, rateKind: 'DISCOUNT', feeAmount: '1000' }));
    expect(Buffer.from(termsBytes(terms)).toString()).toBe(`{"feeAmount":"1000","rateBps":"450","rateKind":"DISCOUNT","salt":"${salt}"}`);
  });

  const secret = 'SENTINEL777';
  it.each([
    { salt: secret, rateKind: 'DISCOUNT', rateBps: '450' },
    { salt, rateKind: 'DISCOUNT', rateBps: secret },
    { salt, rateKind: secret, rateBps: '450' },
    { salt, rateKind: 'DISCOUNT', rateBps: '450', [secret]: secret },
    { salt, rateKind: 'DISCOUNT', rateBps: '450', feeAmount: `-${secret}` },
    { salt, rateKind: 'DISCOUNT', rateBps: '450', internalScore: `${secret} !` },
  ])('rejects %j without echoing values', (terms) => {
    let message = '';
    try {
      parsePrivateTerms(JSON.stringify(terms));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^\{"code":"INVALID_ARGUMENT"/);
    expect(message).not.toContain(secret);
  });

  it('rejects malformed JSON without echoing it', () => {
    expect(codeOf(() => parsePrivateTerms(`{"salt":"${secret}"`))).toBe('INVALID_ARGUMENT');
  });
});

describe('collections', () => {
  it('one per bank × borrower org', () => {
    expect(allTermsCollections()).toEqual([
      'terms_BankAMSP_SuppliersMSP',
      'terms_BankAMSP_CoreMSP',
      'terms_BankBMSP_SuppliersMSP',
      'terms_BankBMSP_CoreMSP',
    ]);
    expect(codeOf(() => termsCollection('CoreMSP', 'SuppliersMSP'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => termsCollection('BankAMSP', 'WarehouseMSP'))).toBe('INVALID_ARGUMENT');
  });
});
