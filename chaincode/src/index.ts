import { CreditLineContract } from './contracts/credit-line-contract';
import { FinancingContract } from './contracts/financing-contract';
import { ParticipantContract } from './contracts/participant-contract';
import { ReceivableContract } from './contracts/receivable-contract';
import { RepaymentContract } from './contracts/repayment-contract';
import { SystemContract } from './contracts/system-contract';
import { WarehouseContract } from './contracts/warehouse-contract';

export {
  CreditLineContract,
  FinancingContract,
  ParticipantContract,
  ReceivableContract,
  RepaymentContract,
  SystemContract,
  WarehouseContract,
};

/** The contracts fabric-shim serves, first one is the default. */
export const contracts: (new () => object)[] = [
  SystemContract,
  ParticipantContract,
  CreditLineContract,
  ReceivableContract,
  FinancingContract,
  RepaymentContract,
  WarehouseContract,
];
