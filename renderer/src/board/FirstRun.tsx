import { routeHref } from '../app/routes.ts';

/**
 * The board with nothing to watch: no green "trading allowed" promise, but what to add first.
 * The Services screen holds starter presets for each step.
 */
export function FirstRun() {
  return (
    <section className="first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h1 id="first-run-title">Nothing is watched yet</h1>
      <p>
        Haltwatch cannot vouch for your setup until it checks something. Three steps, each with a preset on
        the <a href={routeHref('services')}>Services screen</a>:
      </p>
      <ol>
        <li>
          <strong>Add your broker</strong>: its REST health or clock endpoint (Alpaca, IBKR Client Portal,
          Tradier or any REST API), as critical.
        </li>
        <li>
          <strong>Add market data</strong>: a quote (SPY) that must be fresh while the market is open.
        </li>
        <li>
          <strong>Add your bot&apos;s heartbeat</strong>: the bot POSTs a beat from its main loop; a silent
          bot then stops trading.
        </li>
      </ol>
      <p>
        <a className="button-link" href={routeHref('services')} data-testid="first-run-services">
          Go to Services
        </a>
      </p>
    </section>
  );
}
