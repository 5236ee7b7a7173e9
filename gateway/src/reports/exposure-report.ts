import type { ReportCapRow, ReportFinancingRow, ReportLineRow } from '../readmodel/report-source';
import { seesBank, type ReportViewer } from './report-viewer';
import { parseAmount } from '@scf/kernel/money';

export interface LineExposure {
  readonly lineId: string;
  readonly status: string;
  /** The line's terms are private to its bank and core enterprise: null for the auditor. */
  readonly expiresOn: string | null;
  /** The line's limit as granted (null for the auditor, who does not read line terms). */
  readonly lineLimit: string | null;
  /** What the line may still fund against on the report date: its limit if ACTIVE and not expired, else 0 (null: terms not held). */
  readonly limit: string | null;
  readonly exposure: string;
  readonly headroom: string | null;
}

export interface BankExposure {
  readonly bankMsp: string;
  readonly lineIds: string[];
  /** null when the viewer does not hold every one of these lines' terms (the auditor). */
  readonly limit: string | null;
  readonly exposure: string;
  readonly headroom: string | null;
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
  readonly limit: string | null;
  readonly exposure: string;
  readonly headroom: string | null;
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
  /** Whether every line counted here came with its terms (the auditor's view has none). */
  known: boolean;
}

/** Limit and headroom as text, or both null when a line's terms are not held. */
function limitAndHeadroom(t: Tally): { limit: string | null; headroom: string | null } {
  return t.known ? { limit: String(t.limit), headroom: String(t.limit - t.exposure) } : { limit: null, headroom: null };
}

const key = (...parts: string[]): string => JSON.stringify(parts);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A line whose terms the viewer does not hold (the auditor) counts no limit. */
function openLimit(line: ReportLineRow, asOf: string): bigint {
  if (line.limit === null || line.expiresOn === null) {
    return 0n;
  }
  return line.status === 'ACTIVE' && line.expiresOn >= asOf ? parseAmount(line.limit, 'creditLine.limit') : 0n;
}

/**
 * Exposure against credit lines and consortium caps. Exposure is outstanding principal of
 * ACTIVE and DEFAULTED financings (what the lines' tranches and the caps' shards hold drawn);
 * a line's limit counts while it is ACTIVE and not expired on `asOf` (and only for a viewer who holds
 * the line's private terms: its bank; the auditor's report counts no line limit); headroom = limit − exposure
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
      lineTallies.set(line.id, { row: line, limit: openLimit(line, asOf), exposure: 0n, known: line.limit !== null });
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
      entry = { bankMsp, coreId, currency, lineIds: new Set(), limit: 0n, exposure: 0n, known: true };
      bankCore.set(k, entry);
    }
    return entry;
  };
  for (const line of lineTallies.values()) {
    const entry = bankCoreOf(line.row.bankMsp, line.row.coreId, line.row.currency);
    entry.lineIds.add(line.row.id);
    entry.limit += line.limit;
    entry.known &&= line.known;
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
            exposure: String(line.exposure),
            ...limitAndHeadroom(line),
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
            exposure: String(entry.exposure),
            ...limitAndHeadroom(entry),
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
    const total = bankTotals.get(k) ?? { bankMsp: entry.bankMsp, currency: entry.currency, limit: 0n, exposure: 0n, known: true };
    total.limit += entry.limit;
    total.exposure += entry.exposure;
    total.known &&= entry.known;
    bankTotals.set(k, total);
  }
  const byBank = [...bankTotals.values()]
    .sort((a, b) => byText(a.bankMsp, b.bankMsp) || byText(a.currency, b.currency))
    .map((t): BankTotal => ({
      bankMsp: t.bankMsp,
      currency: t.currency,
      exposure: String(t.exposure),
      ...limitAndHeadroom(t),
    }));
  return { asOf, byCore, byBank };
}
