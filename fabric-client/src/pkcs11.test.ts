import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HSM_REF_FILE, readHsmRef, type HsmKeyRef } from './pkcs11';

describe('readHsmRef', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-hsm-ref-'));
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is undefined for an MSP folder whose key is a file (no hsm.json)', () => {
    expect(readHsmRef(dir, {})).toBeUndefined();
  });

  it("reads the token's reference, with the PKCS#11 module SCF_PKCS11_LIBRARY names in place of the stored one", () => {
    const ref: HsmKeyRef = {
      library: '/usr/lib/softhsm/libsofthsm2.so',
      tokenLabel: 'BankA',
      keyId: 'ab12',
      pinFile: '/secrets/pin',
      softhsmConf: '/secrets/softhsm2.conf',
    };
    fs.writeFileSync(path.join(dir, HSM_REF_FILE), JSON.stringify(ref));
    expect(readHsmRef(dir, {})).toEqual(ref);
    expect(readHsmRef(dir, { SCF_PKCS11_LIBRARY: '/opt/vendor/pkcs11.so' })).toEqual({ ...ref, library: '/opt/vendor/pkcs11.so' });
  });
});
