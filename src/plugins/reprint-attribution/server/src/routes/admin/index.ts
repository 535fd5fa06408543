const can = (action: string) => ({ policies: [{ name: 'admin::hasPermissions', config: { actions: [`plugin::reprint-attribution.${action}`] } }] });

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/settings', handler: 'admin.getSettings', config: can('read') },
    { method: 'PUT', path: '/settings', handler: 'admin.updateSettings', config: can('settings.update') },
    { method: 'POST', path: '/preview', handler: 'admin.preview', config: can('read') },
    { method: 'GET', path: '/report', handler: 'admin.report', config: can('read') },
    { method: 'POST', path: '/expiry/run', handler: 'admin.runExpiry', config: can('settings.update') },
    { method: 'GET', path: '/attribution/:contentType/:documentId', handler: 'admin.draftAttribution', config: can('read') },
  ],
};
