import type { Core } from '@strapi/strapi';

import { needsPermission } from '../domain';
import { permissionExpired } from '../domain/permission-expiry';
import { runExclusive } from '../job-lock';
import { attributableTypes, getService, PLUGIN_ID, todayIn } from '../utils';

type Row = Record<string, any>;

export interface ExpiryAction {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
  permissionExpiresAt: string;
  action: 'flagged' | 'unpublished';
  at: string;
}

const LOG_LIMIT = 500;
/** The advisory lock's name: one run at a time across every instance on one database. */
const JOB = `${PLUGIN_ID}:expiry`;

/**
 * Published reprints whose permission has expired (on its end date, as the rules and the report
 * count it: domain/permission-expiry.ts): flagged for the editors, or unpublished,
 * as configured. Each action is logged (with the document and locale) and kept in the plugin's
 * store for the report.
 */
const expiry = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'expiry-log' });

  const expiredRows = async (uid: string, today: string): Promise<Row[]> => {
    const fields = attributableTypes(strapi)[uid];
    const rows: Row[] = await strapi.db.query(uid as never).findMany({
      where: {
        publishedAt: { $notNull: true },
        [fields.reprint]: { isReprint: true, permissionExpiresAt: { $lte: today } },
      },
      populate: { [fields.reprint]: true },
    });
    return rows.filter((row) => {
      const reprint = row[fields.reprint];
      return reprint && !reprint.permissionPerpetual && needsPermission(reprint.license) && permissionExpired(reprint.permissionExpiresAt, today);
    });
  };

  return {
    expiredRows,

    async log(): Promise<ExpiryAction[]> {
      return ((await store().get({})) as ExpiryAction[] | null) ?? [];
    },

    /**
     * One run of the daily job (the cron's and the settings page's "run now"). `today` defaults to
     * today in the newsroom's time zone. With several instances on one PostgreSQL database, one
     * runs it at a time: a run that finds another under way skips (returns no actions) rather than
     * unpublishing or logging the same documents again.
     */
    async run(today?: string): Promise<ExpiryAction[]> {
      const outcome = await runExclusive(strapi, JOB, () => this.runNow(today));
      if (outcome.ran) return outcome.value;
      strapi.log.info('reprint-attribution: expiry check skipped: another instance is running it');
      return [];
    },

    /** The run itself, without the lock: call run(). */
    async runNow(today?: string): Promise<ExpiryAction[]> {
      const settings = await getService(strapi, 'settings').get();
      const day = today ?? todayIn(settings.timeZone);
      const previous = await this.log();
      const flagged = new Set(previous.filter((entry) => entry.action === 'flagged').map((entry) => `${entry.contentType}:${entry.documentId}:${entry.locale}`));
      const actions: ExpiryAction[] = [];

      for (const [uid, fields] of Object.entries(attributableTypes(strapi))) {
        for (const row of await expiredRows(uid, day)) {
          const key = `${uid}:${row.documentId}:${row.locale ?? null}`;
          if (settings.expiryAction === 'flag' && flagged.has(key)) continue;
          const entry: ExpiryAction = {
            contentType: uid,
            documentId: row.documentId,
            locale: row.locale ?? null,
            title: row[fields.title] ?? null,
            permissionExpiresAt: String(row[fields.reprint].permissionExpiresAt).slice(0, 10),
            action: settings.expiryAction === 'unpublish' ? 'unpublished' : 'flagged',
            at: new Date().toISOString(),
          };
          if (entry.action === 'unpublished') {
            await (strapi.documents(uid as never) as any).unpublish({ documentId: row.documentId, ...(row.locale ? { locale: row.locale } : {}) });
          }
          strapi.log.warn(
            `reprint-attribution: permission expired on ${entry.permissionExpiresAt}: ${entry.action} ${uid} ${entry.documentId} (${entry.locale ?? 'no locale'}) “${entry.title ?? ''}”`
          );
          actions.push(entry);
        }
      }
      if (actions.length > 0) await store().set({ value: [...actions, ...previous].slice(0, LOG_LIMIT) });
      return actions;
    },
  };
};

export default expiry;
