import schema from './translation-record/schema';

export default {
  'translation-record': { schema },
};
