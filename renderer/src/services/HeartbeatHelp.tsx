import { useCall } from '../app/queries.ts';

/** Where the bot beats: the exact URL, a curl line and the TypeScript client call, for this name. */
export function HeartbeatHelp({ name }: { name: string }) {
  const api = useCall('api.info').data;
  const base = api?.url.replace(/\/$/, '') ?? 'http://127.0.0.1:17321';
  const shownName = name.trim() || 'NAME';
  const url = `${base}/v1/heartbeats/${encodeURIComponent(shownName)}`;
  return (
    <div className="field wide heartbeat-help" data-testid="heartbeat-help">
      <p className="small">
        Your bot proves it is alive by POSTing to this address from its main loop, with the bot token
        (Settings → Bot API) as <code>HALTWATCH_TOKEN</code>:
      </p>
      <code className="code-line" data-testid="heartbeat-url">
        {url}
      </code>
      <pre className="code-block" data-testid="heartbeat-curl">
        {`curl -X POST -H "Authorization: Bearer $HALTWATCH_TOKEN" ${url}`}
      </pre>
      <pre className="code-block" data-testid="heartbeat-client">
        {`await haltwatch.heartbeat(${JSON.stringify(shownName)}); // createHaltwatchClient from 'haltwatch/client'`}
      </pre>
      <p className="muted small">
        Add a schedule entry that checks every minute in session, or a silent bot is noticed only at the next
        scheduled check.
      </p>
    </div>
  );
}
