import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import { shanghaiDate, type IsoDate } from '../../platform/calendar/workdays.ts';
import { Banner } from '../../platform/views/components.tsx';

export interface CalendarWarning {
  /** the year whose State Council schedule is missing */
  year: number;
  /** the whole warning in one sentence, e.g. for a list of notices */
  message: string;
  /** what to do about it, shown below the banner's title */
  detail: string;
}

/**
 * The year the console should warn about, or null: this year if it has no schedule at all, and from
 * 11月 on next year while it has none (the State Council usually publishes it in late October to December).
 */
export async function calendarWarning(calendar: Pick<CalendarService, 'missingYears' | 'nextYearMissing'>, today: IsoDate = shanghaiDate()): Promise<CalendarWarning | null> {
  const thisYear = Number(today.slice(0, 4));
  let year: number | null = null;
  if ((await calendar.missingYears(today, today)).length) year = thisYear;
  else if (await calendar.nextYearMissing(today)) year = thisYear + 1;
  if (year === null) return null;
  const detail = `国务院办公厅公布后，请系统管理员在“工作日历”中录入；录入之前，${year} 年的办理期限暂按周一至周五为工作日计算，可能不准确。`;
  return { year, message: `${year} 年节假日安排尚未录入。${detail}`, detail };
}

/** The warning as a banner for the dashboard and the calendar editor; `canEdit` adds the link to the editor. */
export function CalendarWarningBanner({ warning, canEdit }: { warning: CalendarWarning | null; canEdit?: boolean }) {
  if (!warning) return null;
  return (
    <Banner kind="warning" title={`${warning.year} 年节假日安排尚未录入`}>
      <p>{warning.detail}</p>
      {canEdit && (
        <p>
          <a href={`/console/calendar?year=${warning.year}`}>录入 {warning.year} 年节假日安排</a>
        </p>
      )}
    </Banner>
  );
}
