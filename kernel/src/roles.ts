/** The roles a registered participant can hold. */
export const ROLES = ['bank', 'core-enterprise', 'supplier', 'warehouse', 'auditor', 'price-oracle', 'risk-gateway'] as const;
export type Role = (typeof ROLES)[number];

export const BANK_ORGS = ['BankAMSP', 'BankBMSP'] as const;
export const BORROWER_ORGS = ['SuppliersMSP', 'CoreMSP'] as const;

/**
 * Which organisation may host which role. An org admin can only register participants of
 * its own org, so this table is what stops, say, the suppliers' platform from minting a
 * bank officer or a price oracle.
 */
export const ROLE_HOME_ORGS: Readonly<Record<Role, readonly string[]>> = {
  bank: BANK_ORGS,
  'risk-gateway': BANK_ORGS,
  'core-enterprise': ['CoreMSP'],
  supplier: ['SuppliersMSP'],
  warehouse: ['WarehouseMSP'],
  auditor: ['AuditorMSP'],
  'price-oracle': ['AuditorMSP'],
};

export const MAX_SUPPLIER_TIER = 9;

/** The certificate attribute (ecert) the org CAs put a client identity's role in. */
export const ROLE_ATTRIBUTE = 'scf.role';
