import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Shade 9 (teal for green, gray 7): white text on lighter shades is below the WCAG AA contrast.

const COLORS: Record<string, string> = {
  sent: 'teal.9',
  done: 'teal.9',
  confirmed: 'teal.9',
  pending: 'blue.9',
  open: 'blue.9',
  requested: 'yellow',
  held: 'yellow',
  sending: 'blue.9',
  failed: 'red.9',
  bounced: 'red.9',
  no_show: 'red.9',
  cancelled: 'gray.7',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status] ?? 'gray.7'} variant="filled" autoContrast>
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
