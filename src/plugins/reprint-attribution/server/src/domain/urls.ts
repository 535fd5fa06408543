/**
 * An absolute http(s) URL a reader's browser can open: parses, has a host with a dot, no spaces.
 * Everything else (javascript:, data:, relative, protocol-relative, malformed) is refused.
 */
export const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string' || value.length > 2048 || /\s/.test(value)) return false;
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') && !url.username && !url.password;
  } catch {
    return false;
  }
};
