import { t } from './l10n';

/** "3 days", "5 hours", "12 minutes": a rough span for tooltips. */
export function describeSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) {
    return minutes === 1 ? t('1 minute') : t('{0} minutes', minutes);
  }
  const hours = Math.round(minutes / 60);
  if (hours < 48) {
    return hours === 1 ? t('1 hour') : t('{0} hours', hours);
  }
  const days = Math.round(hours / 24);
  if (days < 90) {
    return t('{0} days', days);
  }
  if (days < 730) {
    return t('{0} months', Math.round(days / 30.4));
  }
  return t('{0} years', Math.round(days / 365.25));
}
