import type { ChecklistItem } from '../../server/src/domain/checklist';

export interface Problem {
  path: string[];
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface Attribution {
  isReprint: boolean;
  creditLine: string | null;
  creditLineHtml: string | null;
  canonicalUrl: string | null;
  robots: Array<{ name: string; content: string }>;
  complete: boolean;
  missing: string[];
  problems: Problem[];
}

/** One requirement of publishing, ticked or not: the server's own type (domain/checklist.ts). */
export type { ChecklistItem };

/** What POST /reprint-attribution/live answers: the attribution of the form and its checklist. */
export interface LiveAttribution extends Attribution {
  checklist: ChecklistItem[];
}

export interface ContentTypeFields {
  reprint: string;
  source: string;
  title: string;
  date?: string;
  slug?: string;
  seo?: string;
}
