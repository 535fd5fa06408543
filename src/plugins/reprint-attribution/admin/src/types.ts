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

/** One requirement of publishing, ticked or not (server: domain/checklist.ts). */
export interface ChecklistItem {
  key: string;
  /** the field as the form names it, in the admin's language (the permission: until when) */
  label: string;
  satisfied: boolean;
  path: string[];
  message?: string;
  code?: string;
  warning?: string;
  expiresAt?: string | null;
}

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
