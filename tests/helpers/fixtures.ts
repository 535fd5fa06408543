/** Minimal valid blocks content: one paragraph. */
export const paragraph = (text: string): any[] => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

export const ARTICLE_UID = 'api::article.article';
export const SOURCE_UID = 'api::source.source';
export const INSTITUTION_UID = 'api::institution.institution';

/**
 * Every row of every table a write could touch (components included), to prove that a
 * rejected request changed nothing.
 */
export const snapshotDatabase = async (strapi: any) => {
  const snapshot: Record<string, unknown[]> = {};
  for (const uid of [ARTICLE_UID, SOURCE_UID, INSTITUTION_UID, 'attribution.reprint', 'shared.seo']) {
    snapshot[uid] = await strapi.db.query(uid).findMany({ orderBy: { id: 'asc' } });
  }
  return snapshot;
};

/**
 * The Document Service without the generated input types: tests send incomplete drafts on
 * purpose (required fields are only enforced on publish).
 */
export const documents = (strapi: any, uid: string): any => strapi.documents(uid);
