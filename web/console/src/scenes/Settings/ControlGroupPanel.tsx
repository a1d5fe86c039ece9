// Control group (docs/results.md, "Control group and lift"): per customer message kind, the share
// of its messages held back (status held, reason control_group) so the Statistics screen can show
// what the message changed (lift). Off (0 %) by default, at most 50 %. Shown in the Email tab.
import { Button, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorNote, Loading } from '../../components/States';
import { useSession } from '../../session';
import { savedNote } from './shared';

type Kind =
  paths['/api/v1/locations/{locationId}/control-groups/{kind}']['put']['parameters']['path']['kind'];
type Share = { kind: string; share: number };

const key = (locationId: number) => ['control-groups', locationId] as const;
/** 0.1 (the API's share) ↔ 10 (the percentage shown), to a tenth of a percent. */
const toPercent = (share: number) => Math.round(share * 1000) / 10;
const toShare = (percent: number) => Math.round(percent * 10) / 1000;

export function ControlGroupPanel({ locationId }: { locationId: number }) {
  const session = useSession();
  const groups = useQuery({
    queryKey: key(locationId),
    enabled: session.can('rules.read'),
    queryFn: () =>
      call(api.GET('/api/v1/locations/{locationId}/control-groups', { params: { path: { locationId } } })),
  });
  if (!session.can('rules.read')) return null;
  if (groups.isPending) return <Loading />;
  if (groups.error) return <ErrorNote error={groups.error} />;
  return <ControlGroupForm locationId={locationId} items={groups.data.items} />;
}

function ControlGroupForm({ locationId, items }: { locationId: number; items: Share[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const canWrite = session.can('rules.write');
  const form = useForm<{ percent: Record<string, number> }>({
    initialValues: { percent: Object.fromEntries(items.map((i) => [i.kind, toPercent(i.share)])) },
  });
  const [other, setOther] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: async (values: { percent: Record<string, number> }) => {
      // Only the kinds changed here: one PUT each, a refusal shown on its own field.
      for (const item of items) {
        const share = toShare(values.percent[item.kind] ?? 0);
        if (share === item.share) continue;
        try {
          await call(
            api.PUT('/api/v1/locations/{locationId}/control-groups/{kind}', {
              params: { path: { locationId, kind: item.kind as Kind } },
              body: { share },
            }),
          );
        } catch (error) {
          if (error instanceof ApiError) form.setFieldError(`percent.${item.kind}`, error.message);
          throw error;
        }
      }
    },
    onMutate: () => setOther(null),
    onError: (error) => setOther(error instanceof ApiError ? null : error),
    onSuccess: async () => {
      form.resetDirty();
      savedNote(t);
      await client.invalidateQueries({ queryKey: key(locationId) });
    },
  });

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} data-testid="control-groups">
      <Stack maw={960} mt="xl">
        <Title order={3} size="h4">
          {t('controlGroup.title')}
        </Title>
        <Text size="sm">{t('controlGroup.help')}</Text>
        <ErrorNote error={other} />
        <Table striped withTableBorder maw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('controlGroup.kind')}</Table.Th>
              <Table.Th>{t('controlGroup.share')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map(({ kind }) => {
              const label = t(`kinds.${kind}`, { defaultValue: kind });
              const percent = form.values.percent[kind] ?? 0;
              return (
                <Table.Tr key={kind}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {label}
                    </Text>
                    <Text size="xs" c="gray.7">
                      {kind}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <NumberInput
                        aria-label={t('controlGroup.shareFor', { kind: label })}
                        data-testid={`control-${kind}`}
                        min={0}
                        max={50}
                        step={1}
                        decimalScale={1}
                        allowNegative={false}
                        clampBehavior="strict"
                        suffix=" %"
                        w={96}
                        disabled={!canWrite}
                        {...form.getInputProps(`percent.${kind}`)}
                        onChange={(v) => form.setFieldValue(`percent.${kind}`, Number(v) || 0)}
                      />
                      <Text size="xs" c="gray.7">
                        {percent === 0 ? t('controlGroup.off') : t('controlGroup.heldBack', { percent })}
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {canWrite && (
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="control-groups-save">
              {t('controlGroup.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
