import { useIntl } from 'react-intl';

import { getTranslation } from './getTranslation';

/**
 * Names the desk shows, in the admin's language. A locale's name is the plugin's message
 * `locale.<code>` ("中文", "Русский": what a column header needs), else `Intl.DisplayNames`;
 * "the zh-Hans original" is a message of its own per locale (`original.<code>`), because Chinese
 * and Russian do not build it from the name the way English does ("китайский оригинал").
 */
const displayName = (code: string, adminLocale: string): string => {
  try {
    const name = new Intl.DisplayNames([adminLocale], { type: 'language' }).of(code);
    return name && name !== code ? name.charAt(0).toLocaleUpperCase(adminLocale) + name.slice(1) : code;
  } catch {
    return code;
  }
};

export const useLocaleWords = () => {
  const { formatMessage, locale: adminLocale } = useIntl();
  const name = (code: string) => formatMessage({ id: getTranslation(`locale.${code}`), defaultMessage: displayName(code, adminLocale) });
  const original = (code: string) => {
    const id = getTranslation(`original.${code}`);
    const phrase = formatMessage({ id, defaultMessage: id });
    return phrase === id ? formatMessage({ id: getTranslation('original.other'), defaultMessage: 'the {locale} original' }, { locale: name(code) }) : phrase;
  };
  return { name, original };
};

export const fieldLabelId = (uid: string, field: string) => `content-manager.content-types.${uid}.${field}`;

/** A day (YYYY-MM-DD, or the day of a timestamp) as that day wherever the browser is. */
export const dayOf = (value: string) => `${value.slice(0, 10)}T00:00:00Z`;
