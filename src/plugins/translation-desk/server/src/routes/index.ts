export default {
  admin: {
    type: 'admin',
    routes: [],
  },
};
