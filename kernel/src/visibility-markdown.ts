import { READER_CLASSES, type ReaderClass, type RecordVisibility, VISIBILITY } from './visibility';

const BEGIN = '<!-- visibility:table (generated from kernel/src/visibility.ts; npm run docs:catalogue) -->';
const END = '<!-- /visibility:table -->';

const readers = (classes: readonly ReaderClass[]): string => classes.map((c) => READER_CLASSES[c]).join('; ');

/** The visibility table as Markdown: per record, who reads it, the fields only some of them see, and what everyone else gets. */
export function visibilityTable(): string {
  const rows = Object.values<RecordVisibility>(VISIBILITY).map((v) => {
    const narrower = v.narrower.length === 0 ? '–' : v.narrower.map((f) => `\`${f.field}\`: ${readers(f.readers)}`).join('<br>');
    return `| ${v.title} | ${readers(v.readers)} | ${narrower} | ${v.others} |`;
  });
  return ['| Record | Who may read it | Fields only some of them see | Everyone else |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** `text` with the table between the visibility markers replaced by visibilityTable(); throws when they are missing. */
export function withVisibilityTable(text: string): string {
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  if (from < 0 || to < from) {
    throw new Error(`no ${BEGIN} … ${END} section`);
  }
  return `${text.slice(0, from)}${BEGIN}\n${visibilityTable()}\n${text.slice(to)}`;
}
