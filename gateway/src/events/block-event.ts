/** What GET /v1/events sends for each block the read model projects (`event: block`). */
export interface BlockEvent {
  /** Decimal string, as every block number in the API. */
  readonly blockNumber: string;
  readonly transactions: readonly { readonly txId: string; readonly fn: string; readonly chaincode: string; readonly valid: boolean }[];
}
