import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  sent: 'green',
  done: 'green',
  confirmed: 'green',
  pending: 'blue',
  open: 'blue',
  requested: 'yellow',
  held: 'yellow',
  sending: 'blue',
  failed: 'red',
  bounced: 'red',
  no_show: 'red',
  cancelled: 'gray',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="filled">
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
