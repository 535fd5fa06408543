import { SLUG_PATTERN_SOURCE } from '../../lib/field-rules';
import { slugFromTitle } from '../../lib/slug';

/**
 * The admin fills a slug field from its target field through the content-manager's uid service,
 * which drops Chinese characters. For slugs governed by the newsroom's pattern, generate the
 * same slug the server would, by the locale's rules (pinyin for Chinese, Latin for Russian).
 */
export default (plugin: any) => {
  const createUidService = plugin.services.uid;
  plugin.services.uid = (context: any) => {
    const service = createUidService(context);
    const generateUIDField = service.generateUIDField;
    return {
      ...service,
      async generateUIDField(this: any, args: { contentTypeUID: string; field: string; data: any; locale?: string }) {
        const attribute = context.strapi.contentTypes[args.contentTypeUID]?.attributes?.[args.field];
        const title = attribute?.targetField ? args.data?.[attribute.targetField] : undefined;
        const base = attribute?.regex === SLUG_PATTERN_SOURCE && typeof title === 'string' ? slugFromTitle(title, { locale: args.locale }) : '';
        if (!base) return generateUIDField.call(this, args);
        return this.findUniqueUID({ contentTypeUID: args.contentTypeUID, field: args.field, value: base, locale: args.locale });
      },
    };
  };
  return plugin;
};
