// Every route needs the plugin's read permission (Settings → Roles → Plugins → Translation desk);
// the controller then applies the Content Manager's permissions to each type and version.
const can = { policies: [{ name: 'admin::hasPermissions', config: { actions: ['plugin::translation-desk.read'] } }] };

export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/types', handler: 'desk.types', config: can },
      { method: 'GET', path: '/status', handler: 'desk.status', config: can },
      { method: 'GET', path: '/documents/:uid/:documentId/:locale', handler: 'desk.detail', config: can },
      { method: 'POST', path: '/documents/:uid/:documentId/:locale/review', handler: 'desk.review', config: can },
      { method: 'POST', path: '/documents/:uid/:documentId/:locale/create', handler: 'desk.create', config: can },
    ],
  },
};
