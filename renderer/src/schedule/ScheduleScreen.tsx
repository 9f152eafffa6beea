import { useCall } from '../app/queries.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { MonthCalendar } from './MonthCalendar.tsx';
import { ScheduleEditor } from './ScheduleEditor.tsx';
import { UpcomingChecks } from './UpcomingChecks.tsx';

export function ScheduleScreen() {
  const config = useCall('schedule.get');
  return (
    <div className="screen" data-testid="screen-schedule">
      <h1>Schedule</h1>
      <div className="two-columns">
        <UpcomingChecks />
        <MonthCalendar />
      </div>
      <QueryView query={config} what="the schedule">
        {(data) => <ScheduleEditor key={JSON.stringify(data)} saved={data} />}
      </QueryView>
    </div>
  );
}
