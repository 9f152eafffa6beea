import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import type { NoticeView, NotificationsPage } from '../../../shared/notify-channels.ts';
import type { ServiceStatus } from '../../../shared/status.ts';
import { electronMock, FakeTray, resetElectronFakes } from './electron-mock.ts';
import { statusAt } from '../../helpers/status-fixture.ts';
import { trayMenuActionMocks } from './tray-action-mocks.ts';
import { openBotApi, type BotApi } from '../bot-api/harness.ts';

vi.mock('electron', () => electronMock());
const { LevelTray } = await import('../../../electron/main/tray.ts');
const { createTrayActions, TRAY } = await import('../../../electron/main/tray-actions.ts');
const { feedTrayNotices } = await import('../../../electron/main/tray-notices-feed.ts');
const { noticeEntries, NOTICE_MENU } = await import('../../../electron/main/tray-notices.ts');
type Entries = ReturnType<typeof noticeEntries>;

const notice = (id: number, service: string | null, extra: Partial<NoticeView> = {}): NoticeView => ({
  id,
  at: id,
  kind: 'level',
  priority: 'CRITICAL',
  service,
  title: `notice ${id}`,
  body: '',
  target: '#/board',
  repeats: 0,
  acknowledged: null,
  snoozed: false,
  read: false,
  deliveries: [],
  ...extra,
});
const service = (name: string, state: 'CLOSED' | 'OPEN' | 'HALF_OPEN', failures = 0): ServiceStatus => ({
  name,
  kind: 'http',
  criticality: 'critical',
  breaker: { state, consecutiveFailures: failures, openedAt: null, nextTrialAt: null },
  last: null,
  failures,
  confirmFailures: 2,
  maintenanceUntil: null,
});
const page = (notices: NoticeView[], snoozes: NotificationsPage['snoozes'] = []): NotificationsPage => ({
  notices,
  unread: notices.length,
  snoozes,
});

const actions = trayMenuActionMocks();

type Item = MenuItemConstructorOptions;
const submenu = (item: Item | undefined): Item[] => (item?.submenu ?? []) as Item[];
const labelled = (items: Item[], label: string): Item => {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no "${label}" in ${JSON.stringify(items.map((i) => i.label))}`);
  return found;
};

beforeEach(() => {
  resetElectronFakes();
  vi.clearAllMocks();
});

describe('the Notices entries of the tray', () => {
  it('lists services with an open problem first, then unacknowledged notices, snoozes, then the level’s', () => {
    const entries = noticeEntries(
      statusAt('HALT', {
        services: [service('db', 'CLOSED'), service('broker', 'OPEN', 5), service('redis', 'CLOSED', 1)],
      }),
      page(
        [
          notice(9, 'quotes'),
          notice(8, null),
          notice(7, 'broker'),
          notice(6, 'broker'),
          notice(5, 'llm', { acknowledged: { at: 1, actor: 'desktop', reason: 'known' } }),
          notice(4, null, { kind: 'test' }),
        ],
        [{ service: 'llm', until: 50, reason: 'r', actor: 'tray', at: 1 }],
      ),
    );
    expect(entries).toEqual([
      {
        service: 'broker',
        problem: 'breaker OPEN',
        notice: { id: 7, title: 'notice 7' },
        snoozedUntil: null,
      },
      { service: 'redis', problem: '1 failed checks', notice: null, snoozedUntil: null },
      { service: 'quotes', problem: null, notice: { id: 9, title: 'notice 9' }, snoozedUntil: null },
      { service: 'llm', problem: null, notice: null, snoozedUntil: 50 },
      { service: null, problem: null, notice: { id: 8, title: 'notice 8' }, snoozedUntil: null },
    ]);
  });

  it('nothing open: the submenu says so', () => {
    new LevelTray('/res', statusAt('NORMAL'), actions, 'linux');
    const items = submenu(FakeTray.instances[0]!.item(NOTICE_MENU.title) as Item);
    expect(items).toEqual([{ label: NOTICE_MENU.none, enabled: false }]);
  });

  it('each entry acknowledges its newest notice and snoozes 1 h / 4 h / until the next session', () => {
    const tray = new LevelTray('/res', statusAt('HALT'), actions, 'linux');
    const fake = FakeTray.instances[0]!;
    const entries: Entries = [
      {
        service: 'broker',
        problem: 'breaker OPEN',
        notice: { id: 7, title: 'broker down' },
        snoozedUntil: null,
      },
      { service: null, problem: null, notice: { id: 8, title: 'HALT' }, snoozedUntil: null },
    ];
    tray.setNotices(entries);
    const built = fake.menusBuilt;
    tray.setNotices(structuredClone(entries));
    expect(fake.menusBuilt).toBe(built);
    const [broker, level] = submenu(fake.item(NOTICE_MENU.title) as Item);
    expect(broker?.label).toBe('broker — breaker OPEN');
    const brokerItems = submenu(broker);
    labelled(brokerItems, 'Acknowledge “broker down”').click?.({} as never, undefined, {} as never);
    for (const label of Object.values(NOTICE_MENU.snooze))
      labelled(brokerItems, label).click?.({} as never, undefined, {} as never);
    expect(actions.acknowledgeNotice).toHaveBeenCalledWith(7, 'broker down');
    expect(actions.snoozeService.mock.calls).toEqual([
      ['broker', '1h'],
      ['broker', '4h'],
      ['broker', 'session'],
    ]);
    // The level's notices belong to no service: nothing to snooze.
    expect(level?.label).toBe('Level notices');
    expect(submenu(level).map((i) => i.label)).toEqual(['Acknowledge “HALT”']);
  });

  it('a snoozed service says until when', () => {
    const tray = new LevelTray('/res', statusAt('NORMAL'), actions, 'linux');
    const until = new Date(2026, 0, 5, 15, 30).getTime();
    tray.setNotices([{ service: 'quotes', problem: null, notice: null, snoozedUntil: until }]);
    const [quotes] = submenu(FakeTray.instances[0]!.item(NOTICE_MENU.title) as Item);
    expect(quotes?.label).toMatch(/^quotes \(snoozed until (\w{3} )?15:30\)$/);
    expect(submenu(quotes)[0]).toEqual({ label: 'Acknowledge (no notice waiting)', enabled: false });
  });
});

describe('snooze and acknowledge from the tray, through a real engine', () => {
  let api: BotApi;
  let shown: Entries[];
  let stopFeed: () => void;
  let failures: string[];
  let trayActions: ReturnType<typeof createTrayActions>;

  beforeEach(async () => {
    api = await openBotApi();
    const dispatch = createDispatcher(api.monitor.handlers, () => {});
    shown = [];
    failures = [];
    stopFeed = feedTrayNotices(
      api.monitor,
      dispatch,
      TRAY,
      (e) => shown.push(e),
      () => {},
    );
    trayActions = createTrayActions({
      dispatch,
      confirm: vi.fn(),
      openDashboard: vi.fn(),
      openMini: vi.fn(),
      quit: vi.fn(),
      showFailure: (title, message) => failures.push(`${title}: ${message}`),
      log: vi.fn(),
    });
    api.monitor.notifications.publish({
      kind: 'checkpoint_failed',
      title: 'broker still failing',
      body: 'x',
      urgency: 'critical',
      priority: 'CRITICAL',
      service: 'broker',
      target: '#/board',
    });
  });
  afterEach(async () => {
    stopFeed();
    await api.close();
  });

  const latest = () => shown.at(-1) ?? [];
  const listed = async () => (await api.get('/v1/notifications', api.operator)).json<NotificationsPage>();
  const manualAudit = () =>
    api.db((db) =>
      (
        db.prepare("SELECT event FROM audit_log WHERE kind = 'manual' ORDER BY id").all() as {
          event: string;
        }[]
      ).map((r) => JSON.parse(r.event) as Record<string, unknown>),
    );

  it('snooze 4 h: audited as the tray with a reason, shown as the board’s badge reads it, the gate unchanged', async () => {
    await vi.waitFor(() => expect(latest()[0]?.notice?.title).toBe('broker still failing'));
    const gateBefore = (await api.get('/v1/gate?action=open')).json();
    trayActions.snoozeService('broker', '4h');
    await vi.waitFor(() => expect(latest()[0]?.snoozedUntil).toBe(api.clock.now() + 4 * 3_600_000));
    expect((await listed()).snoozes).toEqual([
      expect.objectContaining({
        service: 'broker',
        actor: 'tray',
        reason: 'notices snoozed for 4 h from the tray menu',
      }),
    ]);
    expect(manualAudit()).toEqual([
      expect.objectContaining({
        action: 'notices_snoozed',
        actor: 'tray',
        reason: 'notices snoozed for 4 h from the tray menu',
      }),
    ]);
    expect((await api.get('/v1/gate?action=open')).json()).toEqual(gateBefore);
    expect(api.monitor.status().level).toBe('NORMAL');
    expect(failures).toEqual([]);
  });

  it('acknowledge: the notice is acknowledged by the tray and leaves the submenu', async () => {
    await vi.waitFor(() => expect(latest()[0]?.notice).not.toBeNull());
    const id = latest()[0]?.notice?.id as number;
    trayActions.acknowledgeNotice(id, 'broker still failing');
    await vi.waitFor(() => expect(latest()).toEqual([]));
    expect((await listed()).notices[0]?.acknowledged).toMatchObject({
      actor: 'tray',
      reason: 'acknowledged from the tray menu',
    });
  });

  it('a refused snooze or acknowledge is shown, not swallowed', async () => {
    trayActions.snoozeService('no/such service', '1h');
    trayActions.acknowledgeNotice(999, 'gone');
    await vi.waitFor(() => expect(failures).toHaveLength(2));
    expect(failures.join('\n')).toContain('Snoozing the notices of no/such service failed');
    expect(failures.join('\n')).toContain('Acknowledging "gone" failed: no notice with id 999');
  });
});
