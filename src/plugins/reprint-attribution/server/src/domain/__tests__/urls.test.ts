import { HTTP_URL_PATTERN, httpUrlProblem, isHttpUrl } from '../urls';

// The one URL rule of the plugin and of the app (src/lib/field-rules.ts uses it).
const ACCEPTED = [
  'https://www.ln.chinanews.com.cn/',
  'http://example.com/a?b=c#d',
  'https://example.com:8443/a?b=c#d',
  'https://例子.中国/路径',
  'https://xn--fsqu00a.xn--fiqs8s/',
  'https://example.com/a%5Cb?q=%40',
  'https://example.com/path@with-at?x=a@b#c@d',
  'http://ln.chinanews.com.cn/news/2025/03-22/1.shtml',
];

const REFUSED: Array<[unknown, RegExp]> = [
  ['https://user:pass@example.com/', /user name or password/],
  ['https://user@example.com/', /user name or password/],
  ['https://evil.example\\@good.example', /backslash/],
  ['https://evil.example\\.good.example/', /backslash/],
  ['https:\\\\evil.example/', /backslash/],
  ['https://good.example/a\\b', /backslash/],
  ['https://good.example@evil.example/', /user name or password/],
  ['https://%65vil.example/', /percent/],
  ['https://exa mple.com', /space|control/],
  ['https://example.com/\u0000', /space|control/],
  ['https://example.com/\t', /space|control/],
  ['https://exa\u200bmple.com/', /space|control/],
  ['https://example.com/\u202e', /space|control/],
  [' https://example.com/', /space|control/],
  ['javascript:alert(1)', /http:\/\/ or https:\/\//],
  ['JaVaScRiPt:alert(1)', /http:\/\/ or https:\/\//],
  ['data:text/html;base64,PHNjcmlwdD4=', /http:\/\/ or https:\/\//],
  ['ftp://example.com/', /http:\/\/ or https:\/\//],
  ['HTTPS://EXAMPLE.COM/', /http:\/\/ or https:\/\//],
  ['https:example.com', /http:\/\/ or https:\/\//],
  ['https:/example.com', /http:\/\/ or https:\/\//],
  ['//cdn.example.com/x', /http:\/\/ or https:\/\//],
  ['/relative', /http:\/\/ or https:\/\//],
  ['www.example.com', /http:\/\/ or https:\/\//],
  ['https://', /host/],
  ['https:///path', /host/],
  ['https://?q', /host/],
  ['https://localhost/', /host/],
  ['https://.example.com/', /host/],
  ['https://example..com/', /host/],
  ['https://example.com:99999/', /not a valid/],
  ['https://[::1]/', /host/],
  [`https://example.com/${'a'.repeat(2048)}`, /2048/],
  ['', /empty/],
  [null, /text/],
  [42, /text/],
];

describe('the URL rule', () => {
  it.each(ACCEPTED)('accepts %s', (url) => {
    expect(httpUrlProblem(url)).toBeNull();
    expect(isHttpUrl(url)).toBe(true);
  });

  it.each(REFUSED)('refuses %p, saying why', (url, reason) => {
    expect(isHttpUrl(url)).toBe(false);
    expect(httpUrlProblem(url)).toMatch(reason);
  });

  // Strapi checks a schema `regex` on publish and the admin checks it in the form; the rule is
  // authoritative, so the regex must never refuse what the rule accepts.
  it('never disagrees with the schema regex on what is accepted', () => {
    const regex = new RegExp(HTTP_URL_PATTERN);
    for (const url of ACCEPTED) expect(regex.test(url)).toBe(true);
    for (const url of ['https://user:pass@example.com/', 'https://evil.example\\@good.example', 'javascript:alert(1)', 'https://exa mple.com']) {
      expect(regex.test(url)).toBe(false);
    }
  });
});
