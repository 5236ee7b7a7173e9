import 'reflect-metadata';
import type { AccessRule } from '@scf/kernel/catalogue/access-rules';
import type { TestNetwork } from './harness';

export interface DeclaredTransaction {
  /** 'scf.receivable:IssueReceivable' */
  readonly fcn: string;
  readonly contract: string;
  readonly name: string;
  readonly submit: boolean;
  readonly rule?: AccessRule;
}

/** Every transaction the contracts declare with @Transaction (what fabric-shim serves), with its access rule. */
export function declaredTransactions(net: TestNetwork): DeclaredTransaction[] {
  return net.contractNames().flatMap((contractName) => {
    const contract = net.contract(contractName);
    const declared = (Reflect.getMetadata('fabric:transactions', contract) ?? []) as { name: string; tag: string[] }[];
    return declared.map((tx) => ({
      fcn: `${contractName}:${tx.name}`,
      contract: contractName,
      name: tx.name,
      submit: tx.tag.includes('SUBMIT'),
      rule: contract.accessRules()[tx.name],
    }));
  });
}
