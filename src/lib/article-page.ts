/**
 * The reference renderer of an article page (docs/preview.md, "Rendering an article"): one
 * article as the content API gives it (`GET /api/articles/:documentId?locale=…`, its `data`) and
 * the site's labels (`GET /api/site`, its `data`) in; a whole HTML page out. Pure: no Strapi, no
 * I/O, no client-side code but the preview's reload on the admin's "saved" message. The preview
 * route (src/preview) serves it; a site may copy it as its article template.
 *
 * Everything written from the data is HTML-escaped, with three deliberate exceptions, each the
 * API's own output: `attribution.creditLineHtml` (the plugin escapes every value and links only
 * URLs that pass its URL rule), `attribution.jsonLdScript` (escaped again here, so that even a
 * `JSON.stringify` of one's own cannot end the <script> element) and media/page URLs (escaped as
 * attributes; links in the body only for http(s), mailto: and root-relative addresses).
 */
import crypto from 'node:crypto';

type Maybe<T> = T | null | undefined;

export interface Media {
  url: string;
  alternativeText?: Maybe<string>;
  caption?: Maybe<string>;
  width?: Maybe<number>;
  height?: Maybe<number>;
  formats?: Maybe<Record<string, Maybe<{ url: string; width?: Maybe<number>; height?: Maybe<number> }>>>;
}

export interface TextNode {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
}
export interface LinkNode {
  type: 'link';
  url: string;
  children: TextNode[];
}
export type InlineNode = TextNode | LinkNode;
export interface Block {
  type: string;
  children?: Array<InlineNode | Block>;
  level?: number;
  format?: string;
  image?: Maybe<Media>;
  language?: string;
  [key: string]: unknown;
}

/** The fields of a content-API article (single read) the page shows. */
export interface ArticleData {
  documentId?: string;
  title?: Maybe<string>;
  locale: string;
  date?: Maybe<string>;
  section?: Maybe<string>;
  summary?: Maybe<string>;
  body?: Maybe<Block[]>;
  cover?: Maybe<Media>;
  source?: Maybe<{ name?: Maybe<string>; homepage?: Maybe<string>; url?: Maybe<string> }>;
  seo?: Maybe<{ metaTitle?: Maybe<string>; metaDescription?: Maybe<string> }>;
  url?: Maybe<string>;
  localizations?: Maybe<Array<{ locale: string; url?: Maybe<string>; hreflang?: Maybe<string> }>>;
  alternates?: Maybe<Array<{ hreflang: string; href: string }>>;
  attribution?: Maybe<{
    creditLine?: Maybe<string>;
    creditLineHtml?: Maybe<string>;
    jsonLd?: unknown;
    jsonLdScript?: Maybe<string>;
    canonicalUrl?: Maybe<string>;
    robots?: Maybe<Array<{ name: string; content: string }>>;
  }>;
}

/** What the page takes of `GET /api/site` (its `data`): language names and section names. */
export interface SiteData {
  locales?: Array<{ code: string; name: string }>;
  sections?: Array<{ key: string; names: Record<string, string> }>;
}

export interface PreviewInfo {
  status: 'draft' | 'published';
  /** when the preview link stops working (ISO date-time) */
  expiresAt?: string;
}

export interface ArticlePageInput {
  article: ArticleData;
  site?: SiteData;
  /** set on a preview: a banner, `noindex, nofollow`, no referrer, reload on the admin's save */
  preview?: PreviewInfo | null;
  /** the language switcher's link for each locale (null: named without a link); default: each edition's `url` on the site */
  editionHref?: Record<string, string | null>;
}

// --- escaping ----------------------------------------------------------------------------------

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value, escaped for HTML. */
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);

const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON text made safe to write inside `<script type="application/ld+json">…</script>`: `<`, `>`,
 * `&`, U+2028 and U+2029 as \u escapes. Those characters can only occur inside JSON strings,
 * where the escape means the same character, so `JSON.parse` gives the same value back; applied
 * to text that is already escaped (the API's `jsonLdScript`) it changes nothing.
 */
export const scriptSafeJson = (json: string): string => json.replace(/[<>&\u2028\u2029]/g, (char) => SCRIPT_ESCAPES[char]);

/** A link target the page writes: absolute http(s), mailto:, or root-relative (into the site). */
export const safeHref = (url: unknown): string | null => {
  if (typeof url !== 'string') return null;
  const value = url.trim();
  // Browsers drop tabs and line breaks inside an address ("/\t/evil.example" is "//evil.example"):
  // an address with any control character or space is not written.
  if (/[\u0000-\u0020\u007F]/.test(value)) return null;
  if (value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')) return value;
  try {
    const parsed = new URL(value);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? value : null;
  } catch {
    return null;
  }
};

/** A media address: absolute http(s) or root-relative, as the API gives them. */
const safeSrc = (url: unknown): string | null => {
  const href = safeHref(url);
  return href && !href.startsWith('mailto:') ? href : null;
};

// --- words -------------------------------------------------------------------------------------

type Words = Record<'colon' | 'date' | 'source' | 'languages' | 'preview' | 'draft' | 'published' | 'notIndexed' | 'validUntil' | 'untitled', string>;

const WORDS: Record<string, Words> = {
  en: {
    colon: ': ',
    date: 'Date',
    source: 'Source',
    languages: 'Other languages',
    preview: 'Preview',
    draft: 'Draft: not published yet',
    published: 'Published version',
    notIndexed: 'this preview is not indexed',
    validUntil: 'link valid until',
    untitled: '(untitled)',
  },
  'zh-Hans': {
    colon: '：',
    date: '日期',
    source: '来源',
    languages: '其他语言',
    preview: '预览',
    draft: '草稿：尚未发布',
    published: '已发布的版本',
    notIndexed: '本预览不会被搜索引擎收录',
    validUntil: '链接有效期至',
    untitled: '（无标题）',
  },
  ru: {
    colon: ': ',
    date: 'Дата',
    source: 'Источник',
    languages: 'Другие языки',
    preview: 'Предпросмотр',
    draft: 'Черновик: ещё не опубликован',
    published: 'Опубликованная версия',
    notIndexed: 'предпросмотр не индексируется',
    validUntil: 'ссылка действует до',
    untitled: '(без заголовка)',
  },
};

/** The page's words in a locale, else in its language (zh-Hant → zh-Hans, en-GB → en), else English. */
export const wordsFor = (locale: string): Words => {
  if (Object.prototype.hasOwnProperty.call(WORDS, locale)) return WORDS[locale];
  const language = locale.split('-')[0].toLowerCase();
  const match = Object.keys(WORDS).find((code) => code.split('-')[0].toLowerCase() === language);
  return WORDS[match ?? 'en'];
};

/** The editorial date (YYYY-MM-DD) as the locale writes it: 2025年3月22日, 22 March 2025, 22 марта 2025 г. */
export const formatDate = (date: string, locale: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  try {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  } catch {
    return date;
  }
};

const languageName = (code: string, site: SiteData | undefined): string => {
  const named = site?.locales?.find((entry) => entry.code === code)?.name;
  if (named) return named;
  try {
    return new Intl.DisplayNames([code], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
};

// --- body --------------------------------------------------------------------------------------

const inline = (nodes: Maybe<Array<InlineNode | Block>>): string =>
  (nodes ?? [])
    .map((node: any) => {
      if (node?.type === 'text') {
        let html = escapeHtml(node.text).replace(/\n/g, '<br>');
        if (node.code) html = `<code>${html}</code>`;
        if (node.bold) html = `<strong>${html}</strong>`;
        if (node.italic) html = `<em>${html}</em>`;
        if (node.underline) html = `<u>${html}</u>`;
        if (node.strikethrough) html = `<s>${html}</s>`;
        return html;
      }
      if (node?.type === 'link') {
        const text = inline(node.children);
        const href = safeHref(node.url);
        if (!href) return text;
        const external = /^https?:/i.test(href);
        return `<a href="${escapeHtml(href)}"${external ? ' rel="noopener noreferrer"' : ''}>${text}</a>`;
      }
      return inline(node?.children);
    })
    .join('');

const plainText = (nodes: Maybe<Array<InlineNode | Block>>): string =>
  (nodes ?? []).map((node: any) => (node?.type === 'text' ? String(node.text ?? '') : plainText(node?.children))).join('');

const image = (media: Maybe<Media>, className?: string): string => {
  const src = safeSrc(media?.url);
  if (!media || !src) return '';
  const formats = Object.values(media.formats ?? {}).filter((format): format is { url: string; width: number } => Boolean(format && safeSrc(format.url) && format.width));
  const candidates = [...formats, ...(media.width ? [{ url: src, width: media.width }] : [])].sort((a, b) => a.width - b.width);
  const srcset = candidates.length > 1 ? ` srcset="${escapeHtml(candidates.map((candidate) => `${candidate.url} ${candidate.width}w`).join(', '))}" sizes="(max-width: 46rem) 100vw, 46rem"` : '';
  const size = media.width && media.height ? ` width="${Number(media.width)}" height="${Number(media.height)}"` : '';
  const caption = media.caption ? `<figcaption>${escapeHtml(media.caption)}</figcaption>` : '';
  return `<figure${className ? ` class="${className}"` : ''}><img src="${escapeHtml(src)}" alt="${escapeHtml(media.alternativeText ?? '')}"${size}${srcset}>${caption}</figure>`;
};

const list = (block: Block): string => {
  const tag = block.format === 'ordered' ? 'ol' : 'ul';
  const items: string[] = [];
  for (const child of (block.children ?? []) as Block[]) {
    if (child?.type === 'list') {
      // A nested list belongs to the item before it.
      const nested = list(child);
      if (items.length > 0) items[items.length - 1] = items[items.length - 1].replace(/<\/li>$/, `${nested}</li>`);
      else items.push(`<li>${nested}</li>`);
    } else {
      items.push(`<li>${inline(child?.children)}</li>`);
    }
  }
  return `<${tag}>${items.join('')}</${tag}>`;
};

/** Strapi's blocks (docs/api.md, "Rendering the body") as HTML. */
export const renderBlocks = (blocks: Maybe<Block[]>): string =>
  (Array.isArray(blocks) ? blocks : [])
    .map((block) => {
      switch (block?.type) {
        case 'paragraph':
          return `<p>${inline(block.children)}</p>`;
        case 'heading': {
          // The page's title is the one h1.
          const level = Math.min(6, Math.max(2, Math.trunc(Number(block.level) || 2)));
          return `<h${level}>${inline(block.children)}</h${level}>`;
        }
        case 'list':
          return list(block);
        case 'quote':
          return `<blockquote><p>${inline(block.children)}</p></blockquote>`;
        case 'code':
          return `<pre><code>${escapeHtml(plainText(block.children))}</code></pre>`;
        case 'image':
          return image(block.image);
        default: {
          // A block type this page does not know: its text is not lost.
          const text = inline(block?.children);
          return text ? `<p>${text}</p>` : '';
        }
      }
    })
    .join('\n');

// --- the page ----------------------------------------------------------------------------------

/** The page's stylesheet: one column, each script's fonts and line height, the preview banner. */
export const ARTICLE_PAGE_STYLE = `
:root { color-scheme: light; --text: #1f2328; --muted: #59636e; --rule: #d1d9e0; --accent: #0b5cad; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--text); background: #fff; font-size: 1.0625rem; line-height: 1.65;
  font-family: Georgia, "Noto Serif", "PT Serif", "Times New Roman", serif; overflow-wrap: break-word; }
:lang(ru) body, body:lang(ru) { hyphens: auto; }
:lang(zh) body, body:lang(zh) { font-family: "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  line-height: 1.85; letter-spacing: 0.02em; line-break: strict; }
:lang(zh) .body p { text-indent: 2em; text-align: justify; }
h1, h2, h3, h4, .meta, .languages, .section, .preview-banner, figcaption {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.3; margin: 0.25rem 0 0.75rem; }
:lang(zh) h1 { font-size: 1.75rem; line-height: 1.45; letter-spacing: 0.03em; }
h2 { font-size: 1.35rem; line-height: 1.35; margin: 2rem 0 0.5rem; }
h3, h4, h5, h6 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
a { color: var(--accent); }
header.site, main { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
header.site { display: flex; justify-content: flex-end; padding-top: 1rem; }
.languages { display: flex; gap: 1rem; font-size: 0.9rem; margin: 0; padding: 0; list-style: none; }
.languages [aria-current] { font-weight: 600; }
.section { color: var(--muted); font-size: 0.9rem; margin: 1.5rem 0 0; text-transform: uppercase; letter-spacing: 0.06em; }
:lang(zh) .section { text-transform: none; }
.meta { color: var(--muted); font-size: 0.9rem; margin: 0 0 1.5rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
.summary { font-size: 1.15rem; color: #333; }
.credit { border-left: 3px solid var(--rule); padding: 0.25rem 0 0.25rem 1rem; color: #333; font-size: 0.98rem; }
figure { margin: 1.5rem 0; }
figure img { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.5rem; }
blockquote { margin: 1.5rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: #333; }
pre { overflow-x: auto; background: #f6f8fa; padding: 0.75rem 1rem; font-size: 0.9rem; line-height: 1.45; }
.preview-banner { background: #fff4ce; border-bottom: 1px solid #e5c76b; padding: 0.5rem 1.25rem; font-size: 0.85rem; text-align: center; }
.preview-banner.published { background: #e6f4ea; border-color: #8fc79f; }
`.trim();

/** Reloads the preview when the admin says the document was saved (Strapi's `strapiUpdate` message). */
export const PREVIEW_REFRESH_SCRIPT =
  "addEventListener('message',function(e){if(e.source===window.parent&&e.data&&e.data.type==='strapiUpdate')location.reload()});";

const sha256 = (text: string) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;

/**
 * The Content-Security-Policy the page is meant to be sent with: nothing runs or loads but its
 * own stylesheet, the preview's reload script (by their hashes) and images from `imgSources`;
 * framed only by `frameAncestors` (the admin).
 */
export const articlePageCsp = ({ imgSources, frameAncestors }: { imgSources: string[]; frameAncestors: string[] }): string =>
  [
    "default-src 'none'",
    `img-src ${["'self'", 'data:', ...imgSources].join(' ')}`,
    `style-src ${sha256(ARTICLE_PAGE_STYLE)}`,
    `script-src ${sha256(PREVIEW_REFRESH_SCRIPT)}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');

/** The whole page for one article edition. */
export const renderArticlePage = ({ article, site, preview, editionHref }: ArticlePageInput): string => {
  const locale = article.locale;
  const words = wordsFor(locale);
  const attribution = article.attribution ?? null;
  const title = article.title?.trim() || words.untitled;
  const head: string[] = ['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">'];

  head.push(`<title>${escapeHtml(article.seo?.metaTitle?.trim() || title)}${preview ? ` · ${escapeHtml(words.preview)}` : ''}</title>`);
  const description = article.seo?.metaDescription?.trim() || article.summary?.trim();
  if (description) head.push(`<meta name="description" content="${escapeHtml(description)}">`);
  if (preview) {
    head.push('<meta name="robots" content="noindex, nofollow">');
    // The preview's address holds its token: no page it links to learns it.
    head.push('<meta name="referrer" content="no-referrer">');
  } else {
    for (const tag of attribution?.robots ?? []) head.push(`<meta name="${escapeHtml(tag.name)}" content="${escapeHtml(tag.content)}">`);
  }
  const canonical = safeHref(attribution?.canonicalUrl ?? article.url);
  if (canonical) head.push(`<link rel="canonical" href="${escapeHtml(canonical)}">`);
  for (const alternate of article.alternates ?? []) {
    const href = safeHref(alternate.href);
    if (href) head.push(`<link rel="alternate" hreflang="${escapeHtml(alternate.hreflang)}" href="${escapeHtml(href)}">`);
  }
  head.push(`<style>${ARTICLE_PAGE_STYLE}</style>`);
  const jsonLd = typeof attribution?.jsonLdScript === 'string' ? attribution.jsonLdScript : attribution?.jsonLd ? JSON.stringify(attribution.jsonLd) : null;
  if (jsonLd) head.push(`<script type="application/ld+json">${scriptSafeJson(jsonLd)}</script>`);
  if (preview) head.push(`<script>${PREVIEW_REFRESH_SCRIPT}</script>`);

  const body: string[] = [];
  if (preview) {
    const until = preview.expiresAt ? ` · ${escapeHtml(words.validUntil)} ${escapeHtml(preview.expiresAt.slice(0, 16).replace('T', ' '))} UTC` : '';
    body.push(
      `<div class="preview-banner ${preview.status}" role="status"><strong>${escapeHtml(words.preview)}</strong> · ${escapeHtml(preview.status === 'draft' ? words.draft : words.published)} · ${escapeHtml(words.notIndexed)}${until}</div>`
    );
  }

  const editions = article.localizations ?? [];
  if (editions.length > 1) {
    const items = editions.map((edition) => {
      const name = escapeHtml(languageName(edition.locale, site));
      const lang = escapeHtml(edition.locale);
      if (edition.locale === locale) return `<li><span lang="${lang}" aria-current="page">${name}</span></li>`;
      const given = editionHref && Object.hasOwn(editionHref, edition.locale) ? editionHref[edition.locale] : edition.url;
      const href = given === null ? null : safeHref(given);
      return href ? `<li><a href="${escapeHtml(href)}" hreflang="${escapeHtml(edition.hreflang ?? edition.locale)}" lang="${lang}">${name}</a></li>` : `<li><span lang="${lang}">${name}</span></li>`;
    });
    body.push(`<header class="site"><nav aria-label="${escapeHtml(words.languages)}"><ul class="languages">${items.join('')}</ul></nav></header>`);
  }

  const article_: string[] = [];
  const section = article.section ? (site?.sections?.find((entry) => entry.key === article.section)?.names?.[locale] ?? article.section) : null;
  if (section) article_.push(`<p class="section">${escapeHtml(section)}</p>`);
  article_.push(`<h1>${escapeHtml(title)}</h1>`);
  const meta: string[] = [];
  if (article.date) meta.push(`<span>${escapeHtml(words.date)}${escapeHtml(words.colon)}<time datetime="${escapeHtml(article.date)}">${escapeHtml(formatDate(article.date, locale))}</time></span>`);
  const source = article.source;
  if (source?.name) {
    const href = safeHref(source.homepage) ?? safeHref(source.url);
    const name = escapeHtml(source.name);
    meta.push(`<span class="source">${escapeHtml(words.source)}${escapeHtml(words.colon)}${href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${name}</a>` : name}</span>`);
  }
  if (meta.length > 0) article_.push(`<p class="meta">${meta.join('')}</p>`);
  if (article.summary?.trim()) article_.push(`<p class="summary">${escapeHtml(article.summary.trim())}</p>`);
  if (attribution?.creditLineHtml) article_.push(`<p class="credit">${attribution.creditLineHtml}</p>`);
  else if (attribution?.creditLine) article_.push(`<p class="credit">${escapeHtml(attribution.creditLine)}</p>`);
  const cover = image(article.cover, 'cover');
  if (cover) article_.push(cover);
  const blocks = renderBlocks(article.body);
  if (blocks) article_.push(`<div class="body">\n${blocks}\n</div>`);
  body.push(`<main><article>\n${article_.join('\n')}\n</article></main>`);

  return `<!doctype html>\n<html lang="${escapeHtml(locale)}" dir="ltr">\n<head>\n${head.join('\n')}\n</head>\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
};
