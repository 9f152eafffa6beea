import { useCall } from '../app/queries.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { ApiPanel } from './ApiPanel.tsx';
import { ChannelsPanel } from './ChannelsPanel.tsx';
import { SettingsForm } from './SettingsForm.tsx';

export function SettingsScreen() {
  const settings = useCall('settings.get');
  return (
    <div className="screen" data-testid="screen-settings">
      <h1>Settings</h1>
      <QueryView query={settings} what="the settings">
        {(data) => (
          <>
            <SettingsForm key={JSON.stringify(data)} saved={data} />
            <ChannelsPanel key={`channels-${JSON.stringify(data.notifications.channels)}`} saved={data} />
          </>
        )}
      </QueryView>
      <ApiPanel />
    </div>
  );
}
