import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty } from '../../components/States';

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <Empty
      title={t('notFound.title')}
      next={t('notFound.next')}
      action={
        <Anchor component={Link} to="/today">
          {t('nav.today')}
        </Anchor>
      }
    />
  );
}
