// Customers: search as you type (server-side, debounced) over name, email, number and phone,
// paged by the API's cursor; Do Not Mail as a server-side filter.
import { Badge, Group, SegmentedControl, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { Pager } from '../../components/Pager';
import { SortableTh, useSort } from '../../components/SortableTh';
import { Empty, ErrorNote, Loading } from '../../components/States';
import { useCursorPages } from '../../components/useCursorPages';
import { useLocation } from '../../session';

export default function Customers() {
  const { t } = useTranslation();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(text.trim(), 200);
  const [dnm, setDnm] = useState('all');
  const sorting = useSort<'customer_number' | 'mailing_name' | 'email' | 'phone' | 'city'>();
  const pages = useCursorPages(`${location.id}:${q}:${dnm}:${sorting.sort ?? ''}`);

  const customers = useQuery({
    queryKey: ['customers', location.id, q, dnm, sorting.sort, pages.cursor],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/customers', {
          params: {
            query: {
              location_id: location.id,
              limit: 25,
              ...(q ? { q } : {}),
              ...(sorting.sort ? { sort: sorting.sort } : {}),
              ...(dnm !== 'all' ? { do_not_mail: dnm === 'yes' ? 'true' : 'false' } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
  });

  return (
    <Stack>
      <Title order={2}>{t('customers.title')}</Title>
      <Group align="flex-end">
        <TextInput
          label={t('customers.search')}
          placeholder={t('customers.searchHint')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setParams(e.currentTarget.value ? { q: e.currentTarget.value } : {}, { replace: true });
          }}
          w={360}
          data-testid="customer-search"
        />
        <Stack gap={4}>
          <span id="dnm-label" style={{ fontSize: 14, fontWeight: 500 }}>
            {t('customer.doNotMail')}
          </span>
          <SegmentedControl
            aria-labelledby="dnm-label"
            value={dnm}
            onChange={setDnm}
            data={[
              { value: 'all', label: t('common.all') },
              { value: 'yes', label: t('common.yes') },
              { value: 'no', label: t('common.no') },
            ]}
          />
        </Stack>
      </Group>
      <ErrorNote error={customers.error} />
      {customers.isPending ? (
        <Loading />
      ) : customers.data && customers.data.items.length === 0 ? (
        <Empty
          title={t('customers.emptyTitle')}
          next={q ? t('customers.emptyNextSearch') : t('customers.emptyNext')}
        />
      ) : (
        <Table striped highlightOnHover data-testid="customer-table">
          <Table.Thead>
            <Table.Tr>
              <SortableTh label={t('customer.number')} {...sorting.header('customer_number')} />
              <SortableTh label={t('customer.name')} {...sorting.header('mailing_name')} />
              <SortableTh label={t('customer.email')} {...sorting.header('email')} />
              <SortableTh label={t('customer.phone')} {...sorting.header('phone')} />
              <SortableTh label={t('customer.city')} {...sorting.header('city')} />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {customers.data?.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.customer_number}</Table.Td>
                <Table.Td>
                  <Link to={`/customers/${c.id}`}>{c.mailing_name}</Link>
                </Table.Td>
                <Table.Td>{c.email ?? '—'}</Table.Td>
                <Table.Td>{c.phone ?? '—'}</Table.Td>
                <Table.Td>{c.city ?? '—'}</Table.Td>
                <Table.Td>
                  {c.do_not_mail && (
                    <Badge color="red" variant="filled">
                      {t('customer.doNotMail')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager
        page={pages.page}
        hasNext={!!customers.data?.next_cursor}
        onPrevious={pages.previous}
        onNext={() => pages.next(customers.data?.next_cursor)}
      />
    </Stack>
  );
}
