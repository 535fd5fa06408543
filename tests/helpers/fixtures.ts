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

/** A media file row as Strapi's local upload provider stores it: root-relative URLs, two formats. */
export const uploadFileRow = (name: string) => ({
  name: `${name}.jpg`,
  alternativeText: 'Participants of the seminar in the LNU conference hall',
  caption: null,
  width: 1200,
  height: 800,
  hash: name,
  ext: '.jpg',
  mime: 'image/jpeg',
  size: 120.5,
  url: `/uploads/${name}.jpg`,
  previewUrl: `/uploads/preview_${name}.jpg`,
  provider: 'local',
  formats: {
    thumbnail: { name: `thumbnail_${name}.jpg`, hash: `thumbnail_${name}`, ext: '.jpg', mime: 'image/jpeg', width: 234, height: 156, size: 9.1, url: `/uploads/thumbnail_${name}.jpg` },
    small: { name: `small_${name}.jpg`, hash: `small_${name}`, ext: '.jpg', mime: 'image/jpeg', width: 500, height: 333, size: 30.2, url: `/uploads/small_${name}.jpg` },
  },
});

/**
 * Gives a seeded article a cover (`seminar.jpg`) in every locale, and its English body an image
 * block, then publishes each edition: what the site-contract tests read absolute URLs from.
 */
export const addCoverAndImageBlock = async (strapi: any, key: string, locales: string[]) => {
  const cover = await strapi.db.query('plugin::upload.file').create({ data: uploadFileRow('seminar') });
  const [row] = await strapi.db.query(ARTICLE_UID).findMany({ where: { key, locale: 'en', publishedAt: { $null: true } } });
  for (const locale of locales) {
    const data: Record<string, unknown> = { cover: cover.id };
    if (locale === 'en') {
      data.body = [...row.body, { type: 'image', image: { ...uploadFileRow('seminar'), createdAt: cover.createdAt, updatedAt: cover.updatedAt }, children: [{ type: 'text', text: '' }] }];
    }
    await strapi.documents(ARTICLE_UID).update({ documentId: row.documentId, locale, data });
    await strapi.documents(ARTICLE_UID).publish({ documentId: row.documentId, locale });
  }
};
