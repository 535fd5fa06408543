import { Main } from '@strapi/design-system';
import { Layouts } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import { getTranslation } from '../utils/getTranslation';

/** The Translations page (placeholder of the scaffold). */
const Translations = () => {
  const { formatMessage } = useIntl();
  return (
    <Main>
      <Layouts.Header title={formatMessage({ id: getTranslation('page.title'), defaultMessage: 'Translations' })} />
    </Main>
  );
};

export default Translations;
