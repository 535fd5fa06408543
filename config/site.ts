import { readSiteUrlConfig } from '../src/lib/site-urls';

/**
 * Addresses in content-API responses (docs/api.md, "Addresses"): PUBLIC_URL (the CMS; media),
 * SITE_URL and the page pattern of each type (SITE_ARTICLE_URL, SITE_SOURCE_URL,
 * SITE_INSTITUTION_URL). A bad value stops start-up with a message naming the variable.
 */
export default () => readSiteUrlConfig(process.env);
