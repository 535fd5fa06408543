// Editors who may read content in the Content Manager may see what its panel and badge show.
const editors = { policies: [{ name: 'admin::hasPermissions', config: { actions: ['plugin::content-manager.explorer.read'] } }] };
const can = (action: string) => ({ policies: [{ name: 'admin::hasPermissions', config: { actions: [`plugin::reprint-attribution.${action}`] } }] });

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/settings', handler: 'admin.getSettings', config: can('read') },
    { method: 'PUT', path: '/settings', handler: 'admin.updateSettings', config: can('settings.update') },
    { method: 'POST', path: '/preview', handler: 'admin.preview', config: can('read') },
    { method: 'GET', path: '/report', handler: 'admin.report', config: can('read') },
    { method: 'POST', path: '/expiry/run', handler: 'admin.runExpiry', config: can('settings.update') },
    { method: 'GET', path: '/attribution/:contentType/:documentId', handler: 'admin.draftAttribution', config: editors },
    { method: 'POST', path: '/live', handler: 'admin.live', config: editors },
    { method: 'GET', path: '/types', handler: 'admin.types', config: editors },
    { method: 'POST', path: '/status', handler: 'admin.status', config: editors },
  ],
};
