import { readPreviewConfig } from '../src/lib/preview';

/**
 * Preview (docs/preview.md): PREVIEW_SECRET signs the links, PREVIEW_TOKEN_TTL bounds them,
 * PREVIEW_URL points "Open preview" at a site's own front end instead of the built-in page. A bad
 * value stops start-up with one line naming the variable. Read once: an empty secret outside
 * production becomes one key for this process, which config/admin.ts's handler and the route share.
 */
export default () => {
  const { warning, ...config } = readPreviewConfig(process.env);
  // eslint-disable-next-line no-console
  if (warning) console.warn(`[preview] ${warning}`);
  return config;
};
