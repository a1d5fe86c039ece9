// Users and API tokens (owners and managers): the staff of this location with their role, adding
// (by an emailed link to choose a password, or with a password), changing the role, deactivating;
// the location's API tokens, creating one (its secret shown once) and revoking. Refusals come from
// the server (e.g. only owners manage owners) in the user's language.
import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';
import { TokensPanel } from './TokensPanel';
import { UsersPanel } from './UsersPanel';

export default function Users() {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <Stack>
      <Title order={2}>{t('users.title')}</Title>
      <Tabs defaultValue="users" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="users">{t('users.usersTab')}</Tabs.Tab>
          {can('tokens.read') && <Tabs.Tab value="tokens">{t('users.tokensTab')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel />
        </Tabs.Panel>
        {can('tokens.read') && (
          <Tabs.Panel value="tokens" pt="md">
            <TokensPanel />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
