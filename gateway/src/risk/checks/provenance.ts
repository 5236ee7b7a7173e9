import { raise, type Check } from '../finding';

/**
 * World state alone is not evidence: the financed receivable's confirmation must have been signed
 * by the debtor's registered identity and endorsed by the debtor's peer, and each split on its way
 * to the borrower by the then-holder's (as the blocks show them; gathered by risk-gate/provenance.ts).
 */
export const provenance: Check = (policy, inputs) => {
  if (inputs.kind !== 'financing' || inputs.receivable.provenanceFaults.length === 0) {
    return undefined;
  }
  const { id, provenanceFaults } = inputs.receivable;
  return raise(policy, 'PROVENANCE_UNVERIFIED', 'reject', `receivable ${id}'s provenance is not verified: ${provenanceFaults.join('; ')}`);
};
