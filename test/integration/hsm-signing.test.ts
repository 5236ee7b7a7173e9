import { common, msp, peer } from '@hyperledger/fabric-protos';
import { dataDir, openToken, orgByName, readHsmRef, readTokenPrivateValue, tokenKeyAttributes, userOf } from '@scf/network';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { TransientKey } from '@scf/kernel/transient';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { network, withContract } from '../support/fabric';
import { approvalCall } from '../support/decisions';
import { evaluateAs, invoiceTerms, grantedLineTerms, grantLineAs, lineTerms, runId, submitAs } from '../support/ledger';
import type { RiskKey } from '@scf/kernel/records/gate-decision';

/**
 * The banks' risk gateways sign through PKCS#11 (SoftHSM2 here): the key was generated in the
 * bank's token, the bank's CA certified it from a request the token signed, and no file holds it.
 */

const riskGateway = (bank: string): ReturnType<typeof userOf> => userOf(orgByName(network(), bank), 'User2');

/** Every file under `dir` (recursively) that parses as a private key. */
function privateKeyFiles(dir: string): { file: string; key: crypto.KeyObject }[] {
  const found: { file: string; key: crypto.KeyObject }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...privateKeyFiles(file));
    } else if (entry.isFile() && fs.statSync(file).size < 64 * 1024) {
      const text = fs.readFileSync(file, 'latin1');
      if (text.includes('PRIVATE KEY-----')) {
        try {
          found.push({ file, key: crypto.createPrivateKey(text) });
        } catch {
          // not a usable key
        }
      }
    }
  }
  return found;
}

/** The creator (certificate PEM) of a committed transaction, read back through qscc. */
async function creatorOf(txId: string): Promise<{ validationCode: number; creator: string }> {
  const bytes = await withContract(
    'Auditor',
    'Admin',
    '',
    (c) => c.evaluateTransaction('GetTransactionByID', network().channel, txId),
    'qscc',
  );
  const processed = peer.ProcessedTransaction.deserializeBinary(bytes);
  const payload = common.Payload.deserializeBinary(processed.getTransactionenvelope()?.getPayload_asU8() ?? new Uint8Array());
  const header = common.SignatureHeader.deserializeBinary(payload.getHeader()?.getSignatureHeader_asU8() ?? new Uint8Array());
  const creator = msp.SerializedIdentity.deserializeBinary(header.getCreator_asU8());
  return { validationCode: processed.getValidationcode(), creator: Buffer.from(creator.getIdBytes_asU8()).toString('utf8') };
}

/** Without SoftHSM2 (not installable here) the network keeps the risk gateways' keys in files: nothing to test. */
const hsmOn = fs.existsSync(path.join(riskGateway('BankA').mspDir, 'hsm.json'));
if (!hsmOn) {
  process.stderr.write(
    "[hsm-signing] SKIPPED: the risk gateways' keys are files (no SoftHSM2, or SCF_HSM=off); install softhsm2 and `npm run reset` to run these tests\n",
  );
}
const withHsm = hsmOn ? describe : describe.skip;

withHsm("the banks' risk gateways sign through the HSM", () => {
  it.each([
    ['BankA', 'BankAMSP'],
    ['BankB', 'BankBMSP'],
  ])("%s's registered risk key is the public key of its token's key (its certificate's)", async (bank, bankMsp) => {
    const key = await evaluateAs<RiskKey>('auditor', call(tx.participant.GetRiskKey, { bankMsp }));
    const certKey = new crypto.X509Certificate(fs.readFileSync(riskGateway(bank).certPath)).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(key.publicKeyPem).toBe(certKey);
  });

  it.each(['BankA', 'BankB'])("%s's risk-gateway identity has a certificate and a token reference, no key file", (bank) => {
    const identity = riskGateway(bank);
    const ref = readHsmRef(identity.mspDir);
    expect(ref).toMatchObject({ tokenLabel: bank, keyId: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown });
    expect(fs.existsSync(identity.keyPath)).toBe(false);
    expect(fs.existsSync(path.join(identity.mspDir, 'keystore'))).toBe(false);
  });

  it('the key is sensitive and never extractable in the token, and no file on disk holds it', () => {
    const identity = riskGateway('BankA');
    const ref = readHsmRef(identity.mspDir);
    if (!ref) {
      throw new Error('BankA risk gateway has no HSM reference');
    }
    const keyId = Buffer.from(ref.keyId, 'hex');
    const token = openToken(ref);
    try {
      expect(tokenKeyAttributes(token, keyId)).toEqual({ extractable: false, sensitive: true, neverExtractable: true });
      expect(() => readTokenPrivateValue(token, keyId)).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
    } finally {
      token.close();
    }
    // The certificate's public key has no private key in any file of the data folder (every org's keys are there).
    const certKey = new crypto.X509Certificate(fs.readFileSync(identity.certPath)).publicKey.export({ type: 'spki', format: 'der' });
    const keys = privateKeyFiles(dataDir);
    expect(keys.length).toBeGreaterThan(10);
    const matching = keys.filter(({ key }) => crypto.createPublicKey(key).export({ type: 'spki', format: 'der' }).equals(certKey));
    expect(matching.map((m) => m.file)).toEqual([]);
  });

  it('a financing approved through the HSM-signing identity commits, signed by its certificate', async () => {
    const id = runId('hsm');
    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
    await grantLineAs('bank-a', lineTerms(`${id}-line`));
    await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id)));
    await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
    await submitAs(
      'supplier-1',
      call(tx.financing.RequestFinancing, { financingId: `${id}-f`, receivableId: id, lineId: `${id}-line`, amount: '500000' }),
    );
    const assessment = { decision: 'APPROVE', policyVersion: 'test-1', inputsHash: 'b'.repeat(64) };
    // The decision is signed through the token too (support/decisions.ts signs with the identity's Fabric signer).
    const approve = await approvalCall(`${id}-f`, JSON.stringify(assessment));
    const { txId, status } = await withContract('BankA', 'User2', approve.contract, async (contract) => {
      // The line's terms, as the bank's gateway passes them (read as an officer: this identity's key is in the HSM).
      const transientData = { [TransientKey.lineTerms]: JSON.stringify(grantedLineTerms(`${id}-line`)) };
      const submitted = await contract.submitAsync(approve.transaction, { arguments: [...approve.args], transientData });
      return { txId: submitted.getTransactionId(), status: await submitted.getStatus() };
    });
    expect(status.successful).toBe(true);
    const committed = await creatorOf(txId);
    expect(committed.validationCode).toBe(peer.TxValidationCode.VALID);
    expect(committed.creator).toBe(fs.readFileSync(riskGateway('BankA').certPath, 'utf8'));
  });
});
