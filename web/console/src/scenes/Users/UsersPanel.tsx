// The staff of the current location: role (changed in place), language, status; add a user,
// deactivate or reactivate one. Paged on the server (keyset cursors).
import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { Pager } from '../../components/Pager';
import { Empty, ErrorNote, Loading } from '../../components/States';
import { SortableTh, useSort } from '../../components/SortableTh';
import { useCursorPages } from '../../components/useCursorPages';
import { useLocation, useSession } from '../../session';
import { AddUserDialog } from './AddUserDialog';
import { ROLES, type Role } from './roles';

type User = Awaited<ReturnType<typeof listUsers>>['items'][number];

type UserSort = 'name' | 'email' | 'language';

const listUsers = (locationId: number, cursor?: string, sort?: `${'' | '-'}${UserSort}`) =>
  call(
    api.GET('/api/v1/users', {
      params: {
        query: {
          location_id: locationId,
          limit: 25,
          ...(sort ? { sort } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
    }),
  );

export function UsersPanel() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const client = useQueryClient();
  const sorting = useSort<UserSort>();
  const pages = useCursorPages(`users:${location.id}:${sorting.sort ?? ''}`);
  const [adding, setAdding] = useState(false);
  const writable = session.can('users.write');
  const myLocations = new Set(session.locations.map((l) => l.id));

  const users = useQuery({
    queryKey: ['users', location.id, sorting.sort, pages.cursor],
    placeholderData: keepPreviousData,
    queryFn: () => listUsers(location.id, pages.cursor, sorting.sort),
  });
  const update = useMutation({
    mutationFn: (v: {
      user: User;
      body: { disabled?: boolean; roles?: Array<{ location_id: number; role: Role }> };
    }) =>
      call(api.PATCH('/api/v1/users/{userId}', { params: { path: { userId: v.user.id } }, body: v.body })),
    onSuccess: async (user) => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('users.saved', { name: user.name }),
      });
      await client.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) =>
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'red',
        title: t('common.error'),
        message: error.message,
      }),
  });

  function changeRole(user: User, role: Role) {
    // PATCH replaces the roles at the caller's locations: keep the others, change this one.
    const roles = user.roles
      .filter((r) => r.location_id !== location.id && myLocations.has(r.location_id))
      .map((r) => ({ location_id: r.location_id, role: r.role as Role }));
    update.mutate({ user, body: { roles: [...roles, { location_id: location.id, role }] } });
  }

  return (
    <>
      <Group justify="space-between">
        <Text c="gray.7">{t('users.intro', { location: location.name })}</Text>
        {writable && <Button onClick={() => setAdding(true)}>{t('users.add')}</Button>}
      </Group>
      <ErrorNote error={users.error} />
      {users.isPending ? (
        <Loading />
      ) : users.data && users.data.items.length === 0 ? (
        <Empty title={t('users.emptyTitle')} next={t('users.emptyNext')} />
      ) : (
        <Table striped highlightOnHover mt="sm" data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <SortableTh label={t('users.name')} {...sorting.header('name')} />
              <SortableTh label={t('users.email')} {...sorting.header('email')} />
              <Table.Th>{t('users.role')}</Table.Th>
              <SortableTh label={t('users.language')} {...sorting.header('language')} />
              <Table.Th>{t('users.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data?.items.map((user) => {
              const role = user.roles.find((r) => r.location_id === location.id)?.role ?? null;
              const self = user.id === session.me.id;
              return (
                <Table.Tr key={user.id} data-testid={`user-${user.id}`}>
                  <Table.Td>{user.name}</Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    {writable && !self ? (
                      <Select
                        aria-label={t('users.roleOf', { name: user.name })}
                        data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                        value={role}
                        onChange={(v) => v && v !== role && changeRole(user, v as Role)}
                        allowDeselect={false}
                        size="xs"
                        w={190}
                        disabled={update.isPending}
                      />
                    ) : (
                      (role && t(`roles.${role}`)) || '—'
                    )}
                  </Table.Td>
                  <Table.Td>{t(`languages.${user.language}`, { defaultValue: user.language })}</Table.Td>
                  <Table.Td>
                    <Badge color={user.disabled ? 'gray.7' : '#1e6b30'} variant="filled">
                      {t(user.disabled ? 'users.disabled' : 'users.active')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {writable && !self && (
                      <Button
                        size="xs"
                        variant="default"
                        disabled={update.isPending}
                        onClick={() => update.mutate({ user, body: { disabled: !user.disabled } })}
                      >
                        {t(user.disabled ? 'users.reactivate' : 'users.deactivate')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Pager
        page={pages.page}
        hasNext={!!users.data?.next_cursor}
        onPrevious={pages.previous}
        onNext={() => pages.next(users.data?.next_cursor)}
      />
      <AddUserDialog opened={adding} onClose={() => setAdding(false)} />
    </>
  );
}
