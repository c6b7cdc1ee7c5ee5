import { mulRatio, type Fen } from '../money';
import { percentText, text, yuanText } from './steps';
import type { LocalizedText } from '../text';
import type { Band } from './tables/common';

/** One band's share of an amount: `amountFen` of it falls in the band and is paid at `ratioBp`. */
export interface BandPart {
  amountFen: Fen;
  ratioBp: number;
}

/**
 * What banded ratios pay on the stretch of a running amount from `fromFen` to `toFen` (both measured above
 * the deductible). Per-claim bands use `fromFen = 0`; yearly bands start where the year's earlier claims
 * ended. `bonusBp` raises every band's ratio (capped at 100%). Exact: one rounding of Σ part × ratio.
 */
export function bandedPay(fromFen: Fen, toFen: Fen, bands: readonly Band[], bonusBp = 0): { payFen: Fen; parts: BandPart[] } {
  const parts: BandPart[] = [];
  let numerator = 0;
  let lower = 0;
  for (const band of bands) {
    const upper = band.uptoFen ?? Number.POSITIVE_INFINITY;
    const lo = Math.max(fromFen, lower);
    const hi = Math.min(toFen, upper);
    if (hi > lo) {
      const ratioBp = Math.min(10_000, band.ratioBp + bonusBp);
      parts.push({ amountFen: hi - lo, ratioBp });
      numerator += (hi - lo) * ratioBp;
    }
    if (band.uptoFen === null || toFen <= band.uptoFen) break;
    lower = band.uptoFen;
  }
  return { payFen: mulRatio(numerator, 1, 10_000), parts };
}

/** "20,000.00 × 70% + 10,000.00 × 80% = 22,000.00" */
export function bandDetail(parts: readonly BandPart[], payFen: Fen): LocalizedText {
  if (parts.length === 0) return text(`无可计算部分，${yuanText(0)} 元`, `nothing to pay on, ${yuanText(0)} yuan`);
  const sum = parts.map((p) => `${yuanText(p.amountFen)} × ${percentText(p.ratioBp)}`).join(' + ');
  return text(`${sum} = ${yuanText(payFen)} 元`, `${sum} = ${yuanText(payFen)} yuan`);
}
