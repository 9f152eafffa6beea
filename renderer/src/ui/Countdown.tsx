import { useNow } from '../use-now.ts';
import { formatIn } from './time.ts';

/** Its own component so that only the countdown text re-renders every second. */
export function Countdown({ at, testId }: { at: number; testId?: string }) {
  const now = useNow(1000);
  return (
    <time dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString()} data-testid={testId}>
      {formatIn(at, now)}
    </time>
  );
}
