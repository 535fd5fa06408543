// Any admin; the controller applies the Content Manager's permission checker (with the role's
// conditions) to every document and related source it reads (services/access.ts).
const editors = { policies: [] };
const can = (action: string) => ({ policies: [{ name: 'admin::hasPermissions', config: { actions: [`plugin::reprint-attribution.${action}`] } }] });

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/settings', handler: 'admin.getSettings', config: can('read') },
    { method: 'PUT', path: '/settings', handler: 'admin.updateSettings', config: can('settings.update') },
    { method: 'POST', path: '/preview', handler: 'admin.preview', config: can('read') },
    { method: 'GET', path: '/report', handler: 'admin.report', config: can('read') },
    // the same report and filter as a CSV file (a UTF-8 BOM, formula-like cells made text)
    { method: 'GET', path: '/report.csv', handler: 'admin.reportCsv', config: can('read') },
    { method: 'POST', path: '/expiry/run', handler: 'admin.runExpiry', config: can('settings.update') },
    { method: 'POST', path: '/live', handler: 'admin.live', config: editors },
    // Which content types are attributable is configuration, not content: the admin reads it at
    // start-up, before anyone has logged in, to decide where the panel and the column go.
    { method: 'GET', path: '/types', handler: 'admin.types', config: { auth: false } },
    { method: 'POST', path: '/status', handler: 'admin.status', config: editors },
    // The documents the list's attribution filter keeps (the Content Manager's list applies the same, middlewares/list-filter.ts).
    { method: 'GET', path: '/list-filter', handler: 'admin.listFilter', config: editors },
  ],
};
