import { sign } from 'node:crypto';
import type { DecisionSigners } from '../ledger/decision-signers';
import { BANK_A_RISK_KEY, BANK_B_RISK_KEY } from '@scf/kernel/testing/risk-keys';

/** Test signers: each bank's risk gateway signs with the fixed test key of its bank (kernel/src/testing/risk-keys.ts). */
export const testDecisionSigners: DecisionSigners = (identity) => ({
  sign: (message) => Promise.resolve(sign('sha256', message, identity.mspId === 'BankBMSP' ? BANK_B_RISK_KEY : BANK_A_RISK_KEY)),
});
