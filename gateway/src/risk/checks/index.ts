import type { Check } from '../finding';
import { advanceRate } from './advance-rate';
import { chainConcentration } from './chain-concentration';
import { chainDilutionRising } from './chain-dilution-rising';
import { chainOverdueRising } from './chain-overdue-rising';
import { chainPledgeCoverage } from './chain-pledge-coverage';
import { chainTierVolume } from './chain-tier-volume';
import { circularTrade } from './circular-trade';
import { collateralConfirmed } from './collateral-confirmed';
import { collateralDisputed } from './collateral-disputed';
import { collateralEncumbered } from './collateral-encumbered';
import { collateralOverdue } from './collateral-overdue';
import { concentration } from './concentration';
import { consortiumCap } from './consortium-cap';
import { dilution } from './dilution';
import { invoiceNearDuplicate, invoiceUnique } from './invoice-unique';
import { lineHeadroom } from './line-headroom';
import { onTimeShare } from './on-time-share';
import { pledgeValue } from './pledge-value';
import { priceFreshness } from './price-freshness';
import { provenance } from './provenance';
import { tenor } from './tenor';
import { tenure } from './tenure';
import { velocity } from './velocity';
import { volumeStability } from './volume-stability';

/** Every check the engine runs, in no significant order (findings are sorted by code). */
export const CHECKS: readonly Check[] = [
  collateralConfirmed,
  collateralEncumbered,
  collateralDisputed,
  collateralOverdue,
  provenance,
  invoiceUnique,
  invoiceNearDuplicate,
  advanceRate,
  tenor,
  lineHeadroom,
  consortiumCap,
  concentration,
  onTimeShare,
  dilution,
  tenure,
  volumeStability,
  velocity,
  circularTrade,
  pledgeValue,
  priceFreshness,
  chainOverdueRising,
  chainDilutionRising,
  chainConcentration,
  chainPledgeCoverage,
  chainTierVolume,
];
