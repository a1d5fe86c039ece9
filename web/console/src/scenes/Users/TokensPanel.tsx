// The API tokens of the current location (and, for who may, those for every location): create one
// (its secret is shown once, then only a hash is kept), revoke one (after a confirmation).
import { Badge, Button, Code, CopyButton, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { Pager } from '../../components/Pager';
import { Empty, ErrorNote, Loading } from '../../components/States';
import { SortableTh, useSort } from '../../components/SortableTh';
import { useCursorPages } from '../../components/useCursorPages';
import { useLocation, useSession } from '../../session';
import { CreateTokenDialog } from './CreateTokenDialog';

export function TokensPanel() {
  const { t } = useTranslation();
  const location = useLocation();
  const { can } = useSession();
  const client = useQueryClient();
  const sorting = useSort<'name' | 'created_at' | 'last_used_at'>();
  const pages = useCursorPages(`tokens:${location.id}:${sorting.sort ?? ''}`);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<{ id: number; name: string } | null>(null);
  const writable = can('tokens.write');

  const tokens = useQuery({
    queryKey: ['api-tokens', location.id, sorting.sort, pages.cursor],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/api-tokens', {
          params: {
            query: {
              limit: 25,
              ...(sorting.sort ? { sort: sorting.sort } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
  });
  const revoke = useMutation({
    mutationFn: (id: number) =>
      call(api.DELETE('/api/v1/api-tokens/{tokenId}', { params: { path: { tokenId: id } } })),
    onSuccess: async () => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('tokens.revoked', { name: revoking?.name }),
      });
      setRevoking(null);
      await client.invalidateQueries({ queryKey: ['api-tokens'] });
    },
  });
  // Tokens of this location and those for every location (the list holds the caller's locations).
  const items =
    tokens.data?.items.filter((tk) => tk.location_id === null || tk.location_id === location.id) ?? [];

  return (
    <>
      <Group justify="space-between">
        <Text c="gray.7">{t('tokens.intro')}</Text>
        {writable && <Button onClick={() => setCreating(true)}>{t('tokens.create')}</Button>}
      </Group>
      <ErrorNote error={tokens.error} />
      {tokens.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty
          title={t('tokens.emptyTitle')}
          next={t(writable ? 'tokens.emptyNext' : 'tokens.emptyNextReader')}
        />
      ) : (
        <Table striped highlightOnHover mt="sm" data-testid="tokens-table">
          <Table.Thead>
            <Table.Tr>
              <SortableTh label={t('tokens.name')} {...sorting.header('name')} />
              <Table.Th>{t('tokens.scopes')}</Table.Th>
              <Table.Th>{t('tokens.where')}</Table.Th>
              <SortableTh label={t('tokens.createdAt')} {...sorting.header('created_at')} />
              <SortableTh label={t('tokens.lastUsed')} {...sorting.header('last_used_at')} />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((tk) => (
              <Table.Tr key={tk.id} data-testid={`token-${tk.id}`}>
                <Table.Td>{tk.name}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {tk.scopes.map((s) => (
                      <Badge key={s} variant="filled" color={s === 'write' ? 'orange.9' : 'blue.9'}>
                        {t(`tokens.scope.${s}`, { defaultValue: s })}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{tk.location_id === null ? t('tokens.everyLocation') : location.name}</Table.Td>
                <Table.Td>{formatDateTime(tk.created_at, location.time_zone)}</Table.Td>
                <Table.Td>
                  {tk.last_used_at ? formatDateTime(tk.last_used_at, location.time_zone) : t('tokens.never')}
                </Table.Td>
                <Table.Td>
                  {writable && (
                    <Button
                      size="xs"
                      color="red"
                      variant="filled"
                      onClick={() => setRevoking({ id: tk.id, name: tk.name })}
                    >
                      {t('tokens.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager
        page={pages.page}
        hasNext={!!tokens.data?.next_cursor}
        onPrevious={pages.previous}
        onNext={() => pages.next(tokens.data?.next_cursor)}
      />
      <CreateTokenDialog opened={creating} onClose={() => setCreating(false)} onCreated={setSecret} />
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={secret !== null}
        onClose={() => setSecret(null)}
        title={t('tokens.secretTitle')}
      >
        <Stack>
          <Text size="sm">{t('tokens.secretOnce')}</Text>
          <Code block data-testid="token-secret">
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret ?? ''}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {t(copied ? 'tokens.copied' : 'tokens.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setSecret(null)}>{t('tokens.secretDone')}</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('tokens.revokeTitle')}
      >
        <Stack>
          <ErrorNote error={revoke.error} />
          <Text size="sm">{t('tokens.revokeConfirm', { name: revoking?.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoking && revoke.mutate(revoking.id)}
            >
              {t('tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
