import { csvCell, CSV_COLUMNS, fieldLabel, parseStatusFilter, reportStatus, reportWords, REPORT_STATUSES, toCsv } from '../report';
import { fieldName } from '../messages';
import { placeholderGuide, PLACEHOLDERS } from '../templates';

describe('reportStatus: one status per published reprint, the most urgent first', () => {
  const window = { today: '2026-01-10', until: '2026-02-09' };
  it('says expired when the permission lapsed (the rules’ permissionExpiresAt.past: on the day itself too)', () => {
    expect(reportStatus({ complete: false, permissionExpiresAt: '2026-01-09', ...window })).toBe('expired');
    expect(reportStatus({ complete: false, permissionExpiresAt: '2026-01-10', ...window })).toBe('expired');
  });
  it('says incomplete for anything else publishing would refuse', () => {
    expect(reportStatus({ complete: false, permissionExpiresAt: null, ...window })).toBe('incomplete');
    expect(reportStatus({ complete: false, permissionExpiresAt: '2026-01-20', ...window })).toBe('incomplete');
  });
  it('says expiring within the window, complete after it or without a permission to lapse', () => {
    expect(reportStatus({ complete: true, permissionExpiresAt: '2026-01-11', ...window })).toBe('expiring');
    expect(reportStatus({ complete: true, permissionExpiresAt: '2026-02-09', ...window })).toBe('expiring');
    expect(reportStatus({ complete: true, permissionExpiresAt: '2026-02-10', ...window })).toBe('complete');
    expect(reportStatus({ complete: true, permissionExpiresAt: null, ...window })).toBe('complete');
  });
});

describe('parseStatusFilter', () => {
  it('reads a comma list or a repeated parameter, in the statuses’ order', () => {
    expect(parseStatusFilter(undefined)).toEqual({ statuses: null, unknown: [] });
    expect(parseStatusFilter('')).toEqual({ statuses: null, unknown: [] });
    expect(parseStatusFilter('complete,expired')).toEqual({ statuses: ['expired', 'complete'], unknown: [] });
    expect(parseStatusFilter(['incomplete', 'expiring'])).toEqual({ statuses: ['incomplete', 'expiring'], unknown: [] });
  });
  it('names what is not a status', () => {
    expect(parseStatusFilter('late,complete').unknown).toEqual(['late']);
    expect(parseStatusFilter({ $ne: 'x' }).unknown).toEqual(['[object Object]']);
  });
});

describe('words in the admin’s language', () => {
  it('labels fields, statuses and columns in en, zh-Hans and ru, and falls back to English', () => {
    // the form's labels, as the checklist and refusals name fields (messages.ts)
    expect(fieldLabel('reprint.originalUrl', 'en')).toBe(fieldName('originalUrl', 'en'));
    expect(fieldLabel('reprint.originalUrl', 'en')).toMatch(/Original/);
    expect(fieldLabel('reprint.originalUrl', 'zh-Hans')).toMatch(/原文/);
    expect(fieldLabel('source', 'zh')).toBe(fieldName('source', 'zh-Hans'));
    expect(fieldLabel('reprint.license', 'ru')).toMatch(/Лицензия/i);
    expect(fieldLabel('title', 'ja')).toBe(fieldName('title', 'en'));
    expect(fieldLabel('cover', 'en')).toBe('cover');
    expect(fieldLabel('reprint.creditLineOverride', 'en')).toBe('reprint.creditLineOverride');
    for (const language of ['en', 'zh-Hans', 'ru']) {
      const words = reportWords(language);
      expect(Object.keys(words.statuses).sort()).toEqual([...REPORT_STATUSES].sort());
      expect(Object.keys(words.columns)).toEqual([...CSV_COLUMNS]);
    }
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });
  it('keeps formulas as text: = + - @ (and a tab or CR before them) get an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
  });
  it('starts with a UTF-8 byte order mark and ends lines with CRLF', () => {
    expect(toCsv([['标题', 'Заголовок'], ['中新网辽宁', 'x']])).toBe('\uFEFF标题,Заголовок\r\n中新网辽宁,x\r\n');
  });
});

describe('placeholderGuide: the placeholders with their meaning for the settings page', () => {
  it('lists every placeholder once, with a meaning in each admin language and English otherwise', () => {
    for (const language of ['en', 'zh-Hans', 'ru', 'zh', 'ja', null]) {
      const guide = placeholderGuide(language);
      expect(guide.map((item) => item.name)).toEqual([...PLACEHOLDERS]);
      for (const item of guide) expect(item.meaning.trim().length).toBeGreaterThan(2);
    }
    expect(placeholderGuide('zh').find((item) => item.name === 'sourceName')?.meaning).toMatch(/媒体/);
    expect(placeholderGuide('ja')).toEqual(placeholderGuide('en'));
  });
  it('marks the required ones and what a select can test', () => {
    const guide = placeholderGuide('en');
    expect(guide.filter((item) => item.required).map((item) => item.name)).toEqual(['sourceName', 'originalTitle']);
    expect(guide.find((item) => item.name === 'reprintType')?.selectKeys).toEqual(['full', 'excerpt', 'translation', 'adaptation']);
    expect(guide.find((item) => item.name === 'translator')?.selectKeys).toEqual([]);
  });
  it('has meanings that are plain text, not ICU (the page shows them as is)', () => {
    for (const language of ['en', 'zh-Hans', 'ru']) {
      for (const item of placeholderGuide(language)) expect(item.meaning).not.toMatch(/[{}]/);
    }
  });
});
