// The one date formatter of the web. One way to show a moment: YYYY-MM-DD HH:mm in the business time zone (Asia/Shanghai), whatever
// the browser's zone and language, so a time read on one page matches every other page and the
// printed sheets. Seconds only where they matter (the security log).
// With the server's platform/clock.ts, the only file that names the zone or its offset (`npm run lint` checks).
import dayjs from 'dayjs';

const BUSINESS_ZONE = 'Asia/Shanghai';
const BUSINESS_OFFSET = '+08:00';

/** The ISO instant of a business-zone day and wall-clock time ('HH:MM'). */
export const businessInstantIso = (day: string, hm: string) => `${day}T${hm}:00${BUSINESS_OFFSET}`;

/** The current year in the business zone. */
export const businessYear = () => Number(formatDateTime(new Date()).slice(0, 4));

/** Today in the business zone as YYYY-MM-DD, whatever the browser's zone (a browser in UTC is a day behind after 00:00 Beijing). */
export const businessToday = () => formatDateTime(new Date()).slice(0, 10);

/** Today in the business zone as a dayjs date, for pickers' defaults and limits and for month arithmetic. */
export const businessDay = () => dayjs(businessToday());

const parts = (withSeconds: boolean) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: BUSINESS_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  });
const plain = parts(false);
const precise = parts(true);

export function formatDateTime(value: string | number | Date | null | undefined, withSeconds = false): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const p = Object.fromEntries((withSeconds ? precise : plain).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`;
}
