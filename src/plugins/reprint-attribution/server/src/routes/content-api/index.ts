// One read route per attributable content type is added at register time (see register.ts),
// each guarded by that type's own `findOne` permission.
export default {
  type: 'content-api',
  routes: [] as unknown[],
};
