import { CONFUSABLES, DECIMAL_DIGIT_ZEROS } from './text-unicode-tables.generated';

/**
 * Folding for fingerprints: two texts that a person reads as the same (an invoice number, a
 * lot id, a location) fold to one string. Deterministic and table-driven: the tables are
 * compiled in (text-unicode-tables.generated.ts, from Unicode's own data files), no locale
 * is consulted and nothing is read at run time, so every endorser computes the same folding.
 */

let confusableMap: ReadonlyMap<number, string> | undefined;

function confusables(): ReadonlyMap<number, string> {
  if (confusableMap === undefined) {
    const map = new Map<number, string>();
    for (const entry of CONFUSABLES.flatMap((chunk) => chunk.split(','))) {
      const separator = entry.indexOf(':');
      const target = entry
        .slice(separator + 1)
        .split(' ')
        .map((hex) => parseInt(hex, 16));
      map.set(parseInt(entry.slice(0, separator), 16), String.fromCodePoint(...target));
    }
    confusableMap = map;
  }
  return confusableMap;
}

/** The ASCII digit of a decimal digit of any script (General_Category Nd), or undefined. */
function asciiDigit(codePoint: number): string | undefined {
  for (const zero of DECIMAL_DIGIT_ZEROS) {
    if (codePoint >= zero && codePoint <= zero + 9) {
      return String.fromCharCode(0x30 + codePoint - zero);
    }
  }
  return undefined;
}

/** Every decimal digit of any script becomes its ASCII digit: "٤٢", "४२", "４２" and "𝟒𝟐" are "42". */
export function foldDigits(text: string): string {
  return Array.from(text, (char) => asciiDigit(char.codePointAt(0) ?? 0) ?? char).join('');
}

function mapConfusables(text: string): string {
  const map = confusables();
  return Array.from(text.normalize('NFD'), (char) => map.get(char.codePointAt(0) ?? 0) ?? char)
    .join('')
    .normalize('NFD');
}

/** A prototype can decompose into code points that map again (Ǆ → DŽ → DZ + caron → DZ + breve); a few rounds reach a fixed point. */
const MAX_SKELETON_ROUNDS = 4;

/**
 * The UTS #39 skeleton: NFD, each code point replaced by its prototype from confusables.txt,
 * NFD again; repeated until nothing changes, so that skeleton(skeleton(x)) = skeleton(x).
 * Cyrillic "а", Greek "Α" and Latin "a"/"A" share their skeletons.
 */
export function skeleton(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_SKELETON_ROUNDS; round += 1) {
    const next = mapConfusables(current);
    if (next === current) {
      return next;
    }
    current = next;
  }
  return current;
}

/**
 * The folded form of a text that identifies something, for fingerprints, in this order:
 * NFKC (full-width and other compatibility forms become plain letters and digits), trimmed and
 * every whitespace run one space; decimal digits of every script to ASCII (before the skeleton,
 * which would map e.g. ARABIC-INDIC DIGIT ZERO to a full stop); then upper case and skeleton,
 * so capitals that look like Latin ones (Greek Ν, Cyrillic В) meet them; then lower case
 * and skeleton again, so lower-case look-alikes (Latin ɑ, Cyrillic о) meet theirs and the
 * skeleton's mixed-case prototypes ("0" → "O", "I" → "l") end in one case. Case never matters
 * ("ß", "SS" and "ss" agree); no locale is consulted. "Bay 3", " bay  3 ", "ＢＡＹ ３" and
 * "Ваy ३" (Cyrillic В and а, Devanagari 3) fold alike; so do "I", "l" and "1", and "0", "O" and
 * "o", which a person can misread for each other too.
 */
export function foldIdentifyingText(text: string): string {
  const spaced = foldDigits(text.normalize('NFKC').trim().replace(/\s+/gu, ' '));
  return skeleton(skeleton(spaced.toUpperCase()).toLowerCase());
}

/**
 * An invoice number folded (foldIdentifyingText), then everything but letters, marks and digits
 * dropped: "inv-001", "INV 001", "ＩＮＶ－００１" and "ІNV-٠٠١" (Cyrillic І, Arabic-Indic digits) are one
 * invoice. Letters of any script are kept, so "发票-1" and "收据-1" stay different invoices.
 */
export function foldInvoiceNumber(invoiceNumber: string): string {
  return foldIdentifyingText(invoiceNumber).replace(/[^\p{L}\p{M}\p{N}]/gu, '');
}
