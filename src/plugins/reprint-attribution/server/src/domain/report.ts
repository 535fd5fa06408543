import { permissionExpired } from './permission-expiry';
import { fieldName } from './messages';

/**
 * The editors' report, as data: the status of a published reprint, the words the report and its
 * CSV use in the admin's language, and the CSV itself. No Strapi import (services/report.ts
 * loads the rows).
 */

import { REPORT_STATUSES, type ReportStatus } from './report-statuses';

export { REPORT_STATUSES, type ReportStatus };

export interface StatusInput {
  /** whether publishing would pass the rules now */
  complete: boolean;
  /** YYYY-MM-DD, when the reprint's licence needs a permission that is not perpetual */
  permissionExpiresAt: string | null;
  /** today and the end of the "expiring" window, YYYY-MM-DD, in the newsroom's time zone */
  today: string;
  until: string;
}

/**
 * One status per reprint, the most urgent first: a lapsed permission (the expiry job's business,
 * and what the rules call `permissionExpiresAt.past`), then anything else publishing would
 * refuse, then a permission that lapses within the window, else complete.
 */
export const reportStatus = ({ complete, permissionExpiresAt, today, until }: StatusInput): ReportStatus => {
  if (permissionExpired(permissionExpiresAt, today)) return 'expired';
  if (!complete) return 'incomplete';
  if (permissionExpiresAt && permissionExpiresAt <= until) return 'expiring';
  return 'complete';
};

/** `status=incomplete,expired` (or repeated) → the statuses, or the values that are none. */
export const parseStatusFilter = (value: unknown): { statuses: ReportStatus[] | null; unknown: string[] } => {
  if (value === undefined || value === null || value === '') return { statuses: null, unknown: [] };
  const items = (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' ? item.split(',') : [String(item)])).map((item) => item.trim());
  const unknown = items.filter((item) => !(REPORT_STATUSES as readonly string[]).includes(item));
  const statuses = REPORT_STATUSES.filter((status) => items.includes(status));
  return { statuses: statuses.length > 0 ? statuses : null, unknown };
};

type Words = {
  statuses: Record<ReportStatus, string>;
  columns: Record<CsvColumn, string>;
};

export const CSV_COLUMNS = [
  'status',
  'title',
  'locale',
  'contentType',
  'documentId',
  'source',
  'missing',
  'originalTitle',
  'originalPublishedAt',
  'license',
  'permissionGrantedBy',
  'permissionExpiresAt',
  'publishedAt',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const WORDS: Record<string, Words> = {
  en: {
    statuses: { expired: 'Permission expired', incomplete: 'Incomplete', expiring: 'Permission expiring', complete: 'Complete' },
    columns: {
      status: 'Status',
      title: 'Title',
      locale: 'Locale',
      contentType: 'Content type',
      documentId: 'Document ID',
      source: 'Source',
      missing: 'Missing or wrong',
      originalTitle: 'Original title',
      originalPublishedAt: 'Original publication date',
      license: 'Licence',
      permissionGrantedBy: 'Permission granted by',
      permissionExpiresAt: 'Permission expires on',
      publishedAt: 'Published at',
    },
  },
  'zh-Hans': {
    statuses: { expired: '授权已过期', incomplete: '署名不完整', expiring: '授权即将到期', complete: '完整' },
    columns: {
      status: '状态',
      title: '标题',
      locale: '语言版本',
      contentType: '内容类型',
      documentId: '文档 ID',
      source: '来源',
      missing: '缺少或有误',
      originalTitle: '原标题',
      originalPublishedAt: '原文发布日期',
      license: '许可',
      permissionGrantedBy: '授权方',
      permissionExpiresAt: '授权到期日',
      publishedAt: '发布时间',
    },
  },
  ru: {
    statuses: { expired: 'Разрешение истекло', incomplete: 'Неполная атрибуция', expiring: 'Разрешение истекает', complete: 'Полная' },
    columns: {
      status: 'Статус',
      title: 'Заголовок',
      locale: 'Язык версии',
      contentType: 'Тип содержимого',
      documentId: 'ID документа',
      source: 'Источник',
      missing: 'Не хватает или неверно',
      originalTitle: 'Заголовок оригинала',
      originalPublishedAt: 'Дата публикации оригинала',
      license: 'Лицензия',
      permissionGrantedBy: 'Кто дал разрешение',
      permissionExpiresAt: 'Срок разрешения истекает',
      publishedAt: 'Опубликовано',
    },
  },
};

/** The report's words in an admin language: its own, that of its language (zh, zh-CN → zh-Hans), else English. */
export const reportWords = (language: string | null | undefined): Words => {
  const code = (language ?? '').trim();
  if (Object.prototype.hasOwnProperty.call(WORDS, code)) return WORDS[code];
  const base = code.toLowerCase().split('-')[0];
  const match = Object.keys(WORDS).find((key) => key.toLowerCase().split('-')[0] === base);
  return match ? WORDS[match] : WORDS.en;
};

/**
 * A problem's field by the label the form gives it, in the admin's language (messages.ts: the
 * words the checklist and refusals use). `rolePath` is in the domain's roles (source, title,
 * reprint.originalTitle); a field without a label keeps its path.
 */
export const fieldLabel = (rolePath: string, language: string | null | undefined): string => {
  const key = rolePath.startsWith('reprint.') ? rolePath.slice('reprint.'.length) : rolePath;
  const label = fieldName(key, language);
  return label === key ? rolePath : label;
};

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma, semicolon or line break; a
 * value a spreadsheet would run as a formula (= + - @, and tab or CR before them) gets a
 * leading apostrophe, so a headline such as "=HYPERLINK(…)" stays text.
 */
export const csvCell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The CSV file: a UTF-8 byte order mark (so Excel reads Chinese and Russian), CRLF lines. */
export const toCsv = (rows: unknown[][]): string => `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
