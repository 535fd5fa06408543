import type { ContentTypeFields } from './config';
import type { Attribution, Problem } from './domain';

/**
 * The one place where the domain's generic field names (`reprint`, `source`, `title`) become a
 * content type's own (`attribution`, `outlet`, `headline` for the test fixture's clips). Every
 * answer the plugin gives (content API, admin routes, the report, refusals) names real fields,
 * so the admin never has to guess them.
 */
export const toFieldPath = (path: string[], fields: ContentTypeFields): string[] => {
  const [head, ...rest] = path;
  const field = head === 'reprint' ? fields.reprint : head === 'source' ? fields.source : head === 'title' ? fields.title : head;
  return [field, ...rest];
};

const isIdentity = (fields: ContentTypeFields) => fields.reprint === 'reprint' && fields.source === 'source' && fields.title === 'title';

const problemInFields = (problem: Problem, fields: ContentTypeFields): Problem => ({ ...problem, path: toFieldPath(problem.path, fields) });

/** An attribution whose problems, warnings and missing fields name the type's own fields. */
export const inFieldPaths = (attribution: Attribution, fields: ContentTypeFields): Attribution =>
  isIdentity(fields)
    ? attribution
    : {
        ...attribution,
        problems: attribution.problems.map((problem) => problemInFields(problem, fields)),
        warnings: attribution.warnings.map((problem) => problemInFields(problem, fields)),
        missing: attribution.missing.map((path) => toFieldPath(path.split('.'), fields).join('.')),
      };
