export type { DashboardTarget, Notice, NoticeKind, NoticeUrgency, NotifierPort } from './notice.ts';
export { NOTICE_KINDS } from './notice.ts';
export { ALWAYS_NOTIFIED, infoNotice, isAlwaysNotified, levelNotice, missedCheckNotice } from './notices.ts';
export { DEFAULT_COALESCE_MS, NotificationPolicy, type NotificationPolicyOptions } from './policy.ts';
export { createNodeNotifierChannel, type NodeNotifierLike } from './node-notifier-channel.ts';
export { watchNotifications, type NotificationSource } from './watch.ts';
export { NotificationCenter, type NotificationCenterOptions } from './center.ts';
export { buildChannel, ProviderError, type DeliveryChannel, type OutgoingNotice } from './channels/index.ts';
