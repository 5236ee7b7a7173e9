import { FakeIdentity } from './fake-identity';

/** The identities the integration tests use, per org: cryptogen names, NodeOUs, MSP ids. */
function org(mspId: string, domain: string) {
  return {
    admin: FakeIdentity.of(mspId, 'Admin', 'admin', domain),
    user: (n: number): FakeIdentity => FakeIdentity.of(mspId, `User${n}`, 'client', domain),
  };
}

const bankA = org('BankAMSP', 'banka.scf.local');
const bankB = org('BankBMSP', 'bankb.scf.local');
const core = org('CoreMSP', 'core.scf.local');
const suppliers = org('SuppliersMSP', 'suppliers.scf.local');
const warehouse = org('WarehouseMSP', 'warehouse.scf.local');
const auditor = org('AuditorMSP', 'auditor.scf.local');

export const ID = {
  bankAAdmin: bankA.admin,
  bankAOfficer: bankA.user(1),
  bankAGateway: bankA.user(2),
  bankBAdmin: bankB.admin,
  bankBOfficer: bankB.user(1),
  bankBGateway: bankB.user(2),
  coreAdmin: core.admin,
  core: core.user(1),
  suppliersAdmin: suppliers.admin,
  supplier1: suppliers.user(1),
  supplier2: suppliers.user(2),
  supplier3: suppliers.user(3),
  warehouseAdmin: warehouse.admin,
  warehouse: warehouse.user(1),
  auditorAdmin: auditor.admin,
  auditor: auditor.user(1),
  oracle: auditor.user(2),
  /** A client of a member org that no admin registered. */
  stranger: suppliers.user(9),
  /** Registered then suspended by the matrix world. */
  suspendedSupplier: suppliers.user(8),
  /** Not registered; the matrix registers it. */
  newSupplier: suppliers.user(7),
} as const;

export type IdentityName = keyof typeof ID;
