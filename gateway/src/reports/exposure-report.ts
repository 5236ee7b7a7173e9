import type { ReportCapRow, ReportFinancingRow, ReportLineRow } from '../readmodel/report-source';
import { seesBank, type ReportViewer } from './report-viewer';
import { parseAmount } from '@scf/kernel/money';

export interface LineExposure {
  readonly lineId: string;
  readonly status: string;
  readonly expiresOn: string;
  /** The line's limit as granted. */
  readonly lineLimit: string;
  /** What the line may still fund against on the report date: its limit if ACTIVE and not expired, else 0. */
  readonly limit: string;
  readonly exposure: string;
  readonly headroom: string;
}

export interface BankExposure {
  readonly bankMsp: string;
  readonly lineIds: string[];
  readonly limit: string;
  readonly exposure: string;
  readonly headroom: string;
  readonly lines: LineExposure[];
}

export interface CoreExposure {
  readonly coreId: string;
  readonly currency: string;
  /** null when the auditor has set no cap for this core and currency. */
  readonly consortiumCap: string | null;
  /** Outstanding principal of every bank's funded financings on this core: a consortium-wide total. */
  readonly exposure: string;
  readonly headroom: string | null;
  readonly banks: BankExposure[];
}

export interface BankTotal {
  readonly bankMsp: string;
  readonly currency: string;
  readonly limit: string;
  readonly exposure: string;
  readonly headroom: string;
}

export interface ExposureReport {
  readonly asOf: string;
  readonly byCore: CoreExposure[];
  readonly byBank: BankTotal[];
}

export interface ExposureInputs {
  readonly lines: readonly ReportLineRow[];
  readonly caps: readonly ReportCapRow[];
  /** Every bank's open financings: the consortium totals need them all, whoever asks. */
  readonly financings: readonly ReportFinancingRow[];
}

interface Tally {
  limit: bigint;
  exposure: bigint;
}

const key = (...parts: string[]): string => JSON.stringify(parts);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function openLimit(line: ReportLineRow, asOf: string): bigint {
  return line.status === 'ACTIVE' && line.expiresOn >= asOf ? parseAmount(line.limit, 'creditLine.limit') : 0n;
}

/**
 * Exposure against credit lines and consortium caps. Exposure is outstanding principal of
 * ACTIVE and DEFAULTED financings (what the lines' tranches and the caps' shards hold drawn);
 * a line's limit counts while it is ACTIVE and not expired on `asOf`; headroom = limit − exposure
 * (negative when a closed or expired line still carries financings). Each core's cap, exposure
 * and headroom are consortium-wide; the per-bank and per-line rows are only the viewer's own
 * bank's (all of them for the auditor).
 */
export function buildExposureReport(inputs: ExposureInputs, viewer: ReportViewer, asOf: string): ExposureReport {
  const cores = new Map<string, { coreId: string; currency: string; exposure: bigint }>();
  const coreOf = (coreId: string, currency: string) => {
    const k = key(coreId, currency);
    let core = cores.get(k);
    if (!core) {
      core = { coreId, currency, exposure: 0n };
      cores.set(k, core);
    }
    return core;
  };
  const lineTallies = new Map<string, Tally & { row: ReportLineRow }>();
  for (const line of inputs.lines) {
    coreOf(line.coreId, line.currency);
    if (seesBank(viewer, line.bankMsp)) {
      lineTallies.set(line.id, { row: line, limit: openLimit(line, asOf), exposure: 0n });
    }
  }
  const caps = new Map(inputs.caps.map((cap) => [key(cap.coreId, cap.currency), parseAmount(cap.cap, 'consortiumCap.cap')]));
  for (const cap of inputs.caps) {
    coreOf(cap.coreId, cap.currency);
  }
  const bankCore = new Map<string, Tally & { bankMsp: string; coreId: string; currency: string; lineIds: Set<string> }>();
  const bankCoreOf = (bankMsp: string, coreId: string, currency: string) => {
    const k = key(bankMsp, coreId, currency);
    let entry = bankCore.get(k);
    if (!entry) {
      entry = { bankMsp, coreId, currency, lineIds: new Set(), limit: 0n, exposure: 0n };
      bankCore.set(k, entry);
    }
    return entry;
  };
  for (const line of lineTallies.values()) {
    const entry = bankCoreOf(line.row.bankMsp, line.row.coreId, line.row.currency);
    entry.lineIds.add(line.row.id);
    entry.limit += line.limit;
  }
  for (const financing of inputs.financings) {
    const amount = parseAmount(financing.outstandingPrincipal, 'financing.outstandingPrincipal');
    coreOf(financing.coreId, financing.currency).exposure += amount;
    if (!seesBank(viewer, financing.bankMsp)) {
      continue;
    }
    const entry = bankCoreOf(financing.bankMsp, financing.coreId, financing.currency);
    entry.lineIds.add(financing.lineId);
    entry.exposure += amount;
    const line = lineTallies.get(financing.lineId);
    if (line) {
      line.exposure += amount;
    }
  }

  const lineView = (id: string): LineExposure[] => {
    const line = lineTallies.get(id);
    return line
      ? [
          {
            lineId: id,
            status: line.row.status,
            expiresOn: line.row.expiresOn,
            lineLimit: line.row.limit,
            limit: String(line.limit),
            exposure: String(line.exposure),
            headroom: String(line.limit - line.exposure),
          },
        ]
      : [];
  };
  const byCore = [...cores.values()]
    .sort((a, b) => byText(a.coreId, b.coreId) || byText(a.currency, b.currency))
    .map((core): CoreExposure => {
      const cap = caps.get(key(core.coreId, core.currency));
      const banks = [...bankCore.values()]
        .filter((entry) => entry.coreId === core.coreId && entry.currency === core.currency)
        .sort((a, b) => byText(a.bankMsp, b.bankMsp))
        .map((entry): BankExposure => {
          const lineIds = [...entry.lineIds].sort(byText);
          return {
            bankMsp: entry.bankMsp,
            lineIds,
            limit: String(entry.limit),
            exposure: String(entry.exposure),
            headroom: String(entry.limit - entry.exposure),
            lines: lineIds.flatMap(lineView),
          };
        });
      return {
        coreId: core.coreId,
        currency: core.currency,
        consortiumCap: cap === undefined ? null : String(cap),
        exposure: String(core.exposure),
        headroom: cap === undefined ? null : String(cap - core.exposure),
        banks,
      };
    });

  const bankTotals = new Map<string, Tally & { bankMsp: string; currency: string }>();
  for (const entry of bankCore.values()) {
    const k = key(entry.bankMsp, entry.currency);
    const total = bankTotals.get(k) ?? { bankMsp: entry.bankMsp, currency: entry.currency, limit: 0n, exposure: 0n };
    total.limit += entry.limit;
    total.exposure += entry.exposure;
    bankTotals.set(k, total);
  }
  const byBank = [...bankTotals.values()]
    .sort((a, b) => byText(a.bankMsp, b.bankMsp) || byText(a.currency, b.currency))
    .map((t): BankTotal => ({
      bankMsp: t.bankMsp,
      currency: t.currency,
      limit: String(t.limit),
      exposure: String(t.exposure),
      headroom: String(t.limit - t.exposure),
    }));
  return { asOf, byCore, byBank };
}
