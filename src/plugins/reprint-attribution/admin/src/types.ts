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

export interface ContentTypeFields {
  reprint: string;
  source: string;
  title: string;
  date?: string;
  slug?: string;
  seo?: string;
}
