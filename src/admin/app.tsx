export default {
  config: {
    // The admin's own language switch (profile → interface language): English is always there.
    locales: ['zh-Hans', 'ru'],
  },
};
