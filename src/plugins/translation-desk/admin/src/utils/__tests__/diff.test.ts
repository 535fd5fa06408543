import { textChange } from '../diff';

describe('textChange (the badge’s “what changed”)', () => {
  it('keeps the common start and end, and gives each side’s changed middle', () => {
    expect(textChange('辽宁大学召开翻译工作研讨会', '辽宁大学召开第二届翻译工作研讨会')).toEqual({
      prefix: '辽宁大学召开',
      removed: '',
      added: '第二届',
      suffix: '翻译工作研讨会',
      cutStart: false,
      cutEnd: false,
    });
    expect(textChange('held on 22 March', 'held on 23 March')).toMatchObject({ prefix: 'held on 2', removed: '2', added: '3', suffix: ' March' });
  });

  it('counts characters, not UTF-16 units (a character outside the BMP is never split)', () => {
    expect(textChange('a😀b', 'a😃b')).toMatchObject({ prefix: 'a', removed: '😀', added: '😃', suffix: 'b' });
  });

  it('cuts long common parts to their nearest characters', () => {
    const change = textChange(`${'x'.repeat(200)}old${'y'.repeat(200)}`, `${'x'.repeat(200)}new${'y'.repeat(200)}`, 10);
    expect(change).toEqual({ prefix: 'x'.repeat(10), removed: 'old', added: 'new', suffix: 'y'.repeat(10), cutStart: true, cutEnd: true });
  });

  it('handles an empty or missing side (a field added or emptied)', () => {
    expect(textChange(null, 'Body')).toMatchObject({ prefix: '', removed: '', added: 'Body', suffix: '' });
    expect(textChange('Body', '')).toMatchObject({ removed: 'Body', added: '' });
    expect(textChange('same', 'same')).toMatchObject({ prefix: 'same', removed: '', added: '' });
  });
});
