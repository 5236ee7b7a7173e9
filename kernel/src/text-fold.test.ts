import { invoiceFingerprint, lotFingerprint } from './fingerprints';
import { foldDigits, foldIdentifyingText, foldInvoiceNumber, skeleton } from './text-fold';
import { CONFUSABLES, DECIMAL_DIGIT_ZEROS } from './text-unicode-tables.generated';

describe('foldDigits', () => {
  it('maps the decimal digits of every script to ASCII and leaves everything else', () => {
    expect(foldDigits('٤٢ ۴۲ ४२ ৪২ ４２ 𝟒𝟐 ๔๒')).toBe('42 42 42 42 42 42 42');
    expect(foldDigits('INV-٠١٢٣٤٥٦٧٨٩')).toBe('INV-0123456789');
    expect(foldDigits('Ⅳ ² ½ 发票')).toBe('Ⅳ ² ½ 发票');
  });

  it('has a zero for each script, every run of ten within one script', () => {
    expect(DECIMAL_DIGIT_ZEROS.length).toBeGreaterThanOrEqual(60);
    for (const zero of DECIMAL_DIGIT_ZEROS) {
      expect(String.fromCodePoint(zero, zero + 9)).toMatch(/^\p{Nd}\p{Nd}$/u);
    }
  });
});

describe('skeleton (UTS #39)', () => {
  it('maps look-alike letters of other scripts to one prototype', () => {
    expect(skeleton('а')).toBe(skeleton('a')); // Cyrillic a
    expect(skeleton('Α')).toBe(skeleton('A')); // Greek Alpha
    expect(skeleton('ο')).toBe(skeleton('o')); // Greek omicron
    expect(skeleton('a')).not.toBe(skeleton('b'));
  });

  it('is idempotent on the whole table', () => {
    const sources = CONFUSABLES.flatMap((chunk) => chunk.split(',')).map((entry) =>
      String.fromCodePoint(parseInt(entry.split(':')[0] ?? '', 16)),
    );
    expect(sources.length).toBeGreaterThan(6000);
    for (const source of sources) {
      expect(skeleton(skeleton(source))).toBe(skeleton(source));
    }
  });
});

describe('foldInvoiceNumber', () => {
  const base = foldInvoiceNumber('INV-2024-0042');

  it.each([
    ['Cyrillic І', 'ІNV-2024-0042'],
    ['Greek Ι and Ν', 'ΙΝV-2024-0042'],
    ['Cyrillic lower-case о for the zeros', 'INV-2024-оо42'],
    ['full-width', 'ＩＮＶ－２０２４－００４２'],
    ['Arabic-Indic digits', 'INV-٢٠٢٤-٠٠٤٢'],
    ['Extended Arabic-Indic digits', 'INV-۲۰۲۴-۰۰۴۲'],
    ['Devanagari digits', 'INV-२०२४-००४२'],
    ['lower case and other separators', 'inv 2024/0042'],
  ])('folds %s onto the Latin number', (_name, lookAlike) => {
    expect(foldInvoiceNumber(lookAlike)).toBe(base);
  });

  it('keeps different invoices apart', () => {
    const others = ['INV-2024-0043', 'INV-2024-042', 'INV-2025-0042', 'INB-2024-0042', '发票-1', '收据-1', 'Ä1', 'A1'];
    expect(new Set([base, ...others.map(foldInvoiceNumber)]).size).toBe(others.length + 1);
  });

  it('folds the old normalisations too: spaces, case, ß', () => {
    expect(foldInvoiceNumber('Straße-7')).toBe(foldInvoiceNumber('STRASSE 7'));
    expect(foldInvoiceNumber('Überweisung 1')).toBe(foldInvoiceNumber('überweisung-1'));
  });
});

describe('foldIdentifyingText', () => {
  it('folds locations: spacing, width, case, look-alike letters and digits', () => {
    const base = foldIdentifyingText('Bay 3');
    for (const same of [' bay  3 ', 'ＢＡＹ ３', 'Ваy ३', 'BAY ٣']) {
      expect(foldIdentifyingText(same)).toBe(base);
    }
    expect(new Set(['Bay 3', 'Bay3', 'Bay 30', 'Bay-3', '仓库 3', '仓房 3'].map(foldIdentifyingText)).size).toBe(6);
  });
});

describe('fingerprints', () => {
  it('key on the legal entities and the folded number', () => {
    const base = invoiceFingerprint('E1', 'E2', 'INV-1');
    expect(invoiceFingerprint('E1', 'E2', 'ІNV-١')).toBe(base);
    expect(new Set([base, invoiceFingerprint('E3', 'E2', 'INV-1'), invoiceFingerprint('E1', 'E3', 'INV-1')]).size).toBe(3);
  });

  it('fold the lot and its location', () => {
    expect(lotFingerprint('W', 'Bay 3', 'LOT-7')).toBe(lotFingerprint('W', 'ВАY ３', 'ЛOT-7'.replace('Л', 'L')));
    expect(lotFingerprint('W', 'Bay 3', 'LOT-7')).not.toBe(lotFingerprint('W2', 'Bay 3', 'LOT-7'));
  });
});
