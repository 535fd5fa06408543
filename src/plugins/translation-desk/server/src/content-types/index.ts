import recordSchema from './translation-record/schema';
import summarySchema from './translation-summary/schema';

export default {
  'translation-record': { schema: recordSchema },
  'translation-summary': { schema: summarySchema },
};
