/**
 * Names of the chaincode events, one per state-changing transaction. Payloads are canonical
 * JSON of public fields plus the txId; they never carry private terms.
 */
export const EVENTS = {
  heartbeat: 'scf.system.Heartbeat',
  participantRegistered: 'scf.participant.Registered',
  participantSuspended: 'scf.participant.Suspended',
  participantReinstated: 'scf.participant.Reinstated',
  riskKeyRegistered: 'scf.participant.RiskKeyRegistered',
  invitationIssued: 'scf.participant.InvitationIssued',
  creditLineGranted: 'scf.creditline.Granted',
  creditLineLimitChanged: 'scf.creditline.LimitChanged',
  creditLineClosed: 'scf.creditline.Closed',
  consortiumCapSet: 'scf.creditline.ConsortiumCapSet',
  receivableIssued: 'scf.receivable.Issued',
  receivableConfirmed: 'scf.receivable.Confirmed',
  receivableDisputed: 'scf.receivable.Disputed',
  receivableSplit: 'scf.receivable.Split',
  receivableDiluted: 'scf.receivable.Diluted',
  dilutionRequested: 'scf.receivable.DilutionRequested',
  dilutionRejected: 'scf.receivable.DilutionRejected',
  dilutionWithdrawn: 'scf.receivable.DilutionWithdrawn',
  financingRequested: 'scf.financing.Requested',
  financingApproved: 'scf.financing.Approved',
  financingRejected: 'scf.financing.Rejected',
  financingCancelled: 'scf.financing.Cancelled',
  financingTermsRecorded: 'scf.financing.TermsRecorded',
  paymentRecorded: 'scf.repayment.PaymentRecorded',
  paymentAcknowledged: 'scf.repayment.PaymentAcknowledged',
  paymentCancelled: 'scf.repayment.PaymentCancelled',
  paymentRejected: 'scf.repayment.PaymentRejected',
  delinquencyMarked: 'scf.repayment.DelinquencyMarked',
  receiptIssued: 'scf.warehouse.ReceiptIssued',
  receiptRedeemed: 'scf.warehouse.ReceiptRedeemed',
  priceSet: 'scf.warehouse.PriceSet',
  pledgeRequested: 'scf.warehouse.PledgeRequested',
  pledgeAccepted: 'scf.warehouse.PledgeAccepted',
  pledgeReleased: 'scf.warehouse.PledgeReleased',
  pledgeCancelled: 'scf.warehouse.PledgeCancelled',
  pledgeTermsRecorded: 'scf.warehouse.PledgeTermsRecorded',
} as const;

export type EventName = (typeof EVENTS)[keyof typeof EVENTS];
