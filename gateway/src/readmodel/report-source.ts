/** A credit line as the reports read it (amounts are canonical decimal strings of minor units). */
export interface ReportLineRow {
  readonly id: string;
  readonly bankMsp: string;
  readonly coreId: string;
  readonly currency: string;
  /** The line's terms are private to its bank and core enterprise: null unless the report's viewer holds them. */
  readonly limit: string | null;
  readonly status: string;
  readonly expiresOn: string | null;
}

export interface ReportCapRow {
  readonly coreId: string;
  readonly currency: string;
  readonly cap: string;
}

/** A funded financing still owed (ACTIVE or DEFAULTED, principal outstanding). */
export interface ReportFinancingRow {
  readonly id: string;
  readonly lineId: string;
  readonly bankMsp: string;
  readonly borrowerId: string;
  /** The core enterprise that owes the receivable: the consortium cap it draws on is this one's. */
  readonly coreId: string;
  readonly currency: string;
  readonly outstandingPrincipal: string;
  readonly maturityDate: string;
}

/** An open receivable (ISSUED, DISPUTED or CONFIRMED) with something outstanding. */
export interface ReportReceivableRow {
  readonly id: string;
  readonly debtorId: string;
  readonly holderId: string;
  readonly currency: string;
  readonly outstanding: string;
  readonly dueDate: string;
}

/**
 * What the gateway's reports read from the read model. `bankMsp` narrows a query to one bank's
 * book (its financings, and the receivables it has financed); omitted, the whole consortium.
 */
export interface ReportSource {
  reportCreditLines(bankMsp?: string): Promise<ReportLineRow[]>;
  reportConsortiumCaps(): Promise<ReportCapRow[]>;
  reportOpenFinancings(bankMsp?: string): Promise<ReportFinancingRow[]>;
  reportOpenReceivables(bankMsp?: string): Promise<ReportReceivableRow[]>;
}
