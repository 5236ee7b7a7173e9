import { tx } from '@scf/kernel/catalogue/catalogue';
import { Type } from 'typebox';
import {
  acknowledgePayment,
  cancelPayment,
  getPayment,
  getPaymentHistory,
  listPaymentsByReceivable,
  markDelinquency,
  recordPayment,
  rejectPayment,
} from '../../usecases/repayments';
import { logCommit } from '../log-commit';
import type { RouteModule } from '../route-context';
import { Committed, HistoryOf, Id, ListOf, readSchema, writeSchema } from '../schemas/common';
import { Acknowledgement, ClosePaymentBody, Payment, PaymentClosure, RecordPaymentBody } from '../schemas/payments';
import { Receivable } from '../schemas/receivables';

const tag = 'repayments';
const PaymentParams = Type.Object({ paymentId: Id });
const ReceivableParams = Type.Object({ receivableId: Id });

/** scf.repayment: the debtor pays, payees acknowledge, overdue and default are marked. */
export const repaymentRoutes: RouteModule = (app, { ledgerOf }) => {
  app.post(
    '/v1/payments',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Record a payment on a receivable',
          description: 'Only the debtor; partial allowed, one pending at a time. Allocated bank first, then holder.',
          ledger: [tx.repayment.RecordPayment],
        },
        { body: RecordPaymentBody, response: { 201: Committed(Payment) } },
      ),
    },
    async (request, reply) => reply.code(201).send(logCommit(request, await recordPayment(ledgerOf(request), request.body))),
  );

  app.post(
    '/v1/payments/:paymentId/acknowledge',
    {
      schema: writeSchema(
        {
          tag,
          summary: "Acknowledge receipt of the caller's share",
          description: 'An officer of the paid bank, or the holder. Settles that share; a bank share repays principal.',
          ledger: [tx.repayment.AcknowledgePayment],
        },
        { params: PaymentParams, response: { 200: Committed(Acknowledgement) } },
      ),
    },
    async (request) => logCommit(request, await acknowledgePayment(ledgerOf(request), request.params.paymentId)),
  );

  app.post(
    '/v1/payments/:paymentId/cancel',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Debtor: cancel a pending payment a payee says never came',
          description:
            'Only the debtor, while PENDING. Shares not yet acknowledged are void and the receivable is free again (for a new payment, financing or dilution); acknowledged shares stay settled.',
          ledger: [tx.repayment.CancelPayment],
        },
        { params: PaymentParams, body: ClosePaymentBody, response: { 200: Committed(PaymentClosure) } },
      ),
    },
    async (request) => logCommit(request, await cancelPayment(ledgerOf(request), request.params.paymentId, request.body.reason)),
  );

  app.post(
    '/v1/payments/:paymentId/reject',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Payee: reject a pending payment as never received',
          description:
            'A payee whose share is not yet acknowledged (an officer of the paid bank, or the holder), while PENDING. As cancel: the unacknowledged shares are void and the receivable is free again.',
          ledger: [tx.repayment.RejectPayment],
        },
        { params: PaymentParams, body: ClosePaymentBody, response: { 200: Committed(PaymentClosure) } },
      ),
    },
    async (request) => logCommit(request, await rejectPayment(ledgerOf(request), request.params.paymentId, request.body.reason)),
  );

  app.post(
    '/v1/receivables/:receivableId/delinquency',
    {
      schema: writeSchema(
        {
          tag,
          summary: 'Mark a receivable OVERDUE or DEFAULTED as of now',
          description:
            'Only a party with a stake (debtor, holder, the financing bank or its risk gateway, any auditor). Only ever worsens.',
          ledger: [tx.repayment.MarkDelinquency],
        },
        { params: ReceivableParams, response: { 200: Committed(Receivable) } },
      ),
    },
    async (request) => logCommit(request, await markDelinquency(ledgerOf(request), request.params.receivableId)),
  );

  app.get(
    '/v1/payments/:paymentId',
    {
      schema: readSchema(
        { tag, summary: 'A payment', ledger: [tx.repayment.GetPayment] },
        { params: PaymentParams, response: { 200: Payment } },
      ),
    },
    (request) => getPayment(ledgerOf(request), request.params.paymentId),
  );

  app.get(
    '/v1/payments/:paymentId/history',
    {
      schema: readSchema(
        { tag, summary: 'Every committed version of a payment, newest first', ledger: [tx.repayment.GetPaymentHistory] },
        { params: PaymentParams, response: { 200: HistoryOf(Payment) } },
      ),
    },
    (request) => getPaymentHistory(ledgerOf(request), request.params.paymentId),
  );

  app.get(
    '/v1/receivables/:receivableId/payments',
    {
      schema: readSchema(
        { tag, summary: 'The payments on a receivable', ledger: [tx.repayment.ListPaymentsByReceivable] },
        { params: ReceivableParams, response: { 200: ListOf(Payment) } },
      ),
    },
    (request) => listPaymentsByReceivable(ledgerOf(request), request.params.receivableId),
  );
  return Promise.resolve();
};
