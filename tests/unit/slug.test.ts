import { isValidSlug, pickFreeSlug, slugCandidate, slugFromTitle } from '../../src/lib/slug';

describe('slugFromTitle', () => {
  it('transliterates Chinese titles to tone-less pinyin', () => {
    expect(slugFromTitle('辽宁大学召开研讨会')).toBe('liao-ning-da-xue-zhao-kai-yan-tao-hui');
    expect(slugFromTitle('绿色发展')).toBe('lv-se-fa-zhan');
  });

  it('keeps Latin words and digits inside Chinese titles', () => {
    expect(slugFromTitle('2025年LNU创新创业')).toBe('2025-nian-lnu-chuang-xin-chuang-ye');
  });

  it('transliterates Russian titles to Latin', () => {
    expect(slugFromTitle('Семинар в Ляонинском университете')).toBe('seminar-v-lyaoninskom-universitete');
    expect(slugFromTitle('Ёлка и щука')).toBe('yolka-i-shuka');
  });

  it('slugifies English titles, dropping punctuation and typographic quotes', () => {
    expect(slugFromTitle('Students’ Innovation & Entrepreneurship: Seminar Convened at LNU!')).toBe(
      'students-innovation-and-entrepreneurship-seminar-convened-at-lnu'
    );
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugFromTitle('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug).toMatch(/^(word-)+word$/);
  });

  it('returns an empty string when nothing usable remains', () => {
    expect(slugFromTitle('!!! ——— ???')).toBe('');
    expect(slugFromTitle('')).toBe('');
  });

  it('always produces a valid slug when it produces one', () => {
    for (const title of ['辽宁大学', 'Привет, мир', 'Hello World', 'Ünïcödé Çafé', '中文 and English 混合']) {
      expect(isValidSlug(slugFromTitle(title))).toBe(true);
    }
  });
});

describe('slug uniqueness helpers', () => {
  it('numbers clashing candidates from 2', () => {
    expect(slugCandidate('seminar', 1)).toBe('seminar');
    expect(slugCandidate('seminar', 2)).toBe('seminar-2');
  });

  it('picks the first free candidate', () => {
    expect(pickFreeSlug('seminar', [])).toBe('seminar');
    expect(pickFreeSlug('seminar', ['seminar'])).toBe('seminar-2');
    expect(pickFreeSlug('seminar', ['seminar', 'seminar-2', 'seminar-3', 'seminar-series'])).toBe('seminar-4');
    expect(pickFreeSlug('seminar', ['seminar-2'])).toBe('seminar');
  });
});

describe('isValidSlug', () => {
  it.each(['a', 'lnu-seminar-2025', '2025'])('accepts %s', (slug) => expect(isValidSlug(slug)).toBe(true));
  it.each(['', 'Upper', 'two--hyphens', '-leading', 'trailing-', 'spa ce', 'ünï', 'x'.repeat(121), 42])(
    'rejects %p',
    (slug) => expect(isValidSlug(slug)).toBe(false)
  );
});

describe('slugFromTitle by the locale’s own rules', () => {
  it('reads Chinese as pinyin in the Chinese edition (and a Chinese name in the others)', () => {
    expect(slugFromTitle('辽宁大学', { locale: 'zh-Hans' })).toBe('liao-ning-da-xue');
    expect(slugFromTitle('Seminar at 辽宁大学', { locale: 'en' })).toBe('seminar-at-liao-ning-da-xue');
  });

  it('reads Japanese kana as Hepburn romaji and never reads kanji as Chinese', () => {
    expect(slugFromTitle('とうきょう タワー', { locale: 'ja' })).toBe('toukyou-tawaa');
    // Japanese writes no spaces; without a dictionary, kana runs stay one word
    expect(slugFromTitle('東京でセミナー', { locale: 'ja' })).toBe('deseminaa');
    expect(slugFromTitle('東京大学', { locale: 'ja' })).toBe('');
    expect(slugFromTitle('東京大学', { locale: 'zh-Hans' })).toBe('dong-jing-da-xue');
  });

  it('transliterates Russian with the Russian map', () => {
    expect(slugFromTitle('Ёлка и щука', { locale: 'ru' })).toBe('yolka-i-shuka');
  });

  it('cuts at a word boundary within the length asked for', () => {
    expect(slugFromTitle('word '.repeat(40), { maxLength: 20 }).length).toBeLessThanOrEqual(20);
  });
});

