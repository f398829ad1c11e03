/**
 * @vp-contact/relay: the relay as a library (createRelay for the Hono app, startRelayServer to run it)
 * and the vp-relay command (cli.ts).
 */
export { createRelay, type RelayOptions } from './app.js';
export { startCardWatch, type CardStatus, type CardWatch, type CardWatchOptions } from './card-watch.js';
export { CARD_EXPIRY_WARNING_DAYS, type CardWarning, type CardWarningEvent, type CheckedCard } from './cards.js';
export {
  RelayConfigSchema,
  DEFAULT_DATABASE,
  DEFAULT_FAILED_TOKENS_PER_MINUTE,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_POSTS_PER_MINUTE,
  DEFAULT_RESPONSE_HOURS,
  DEFAULT_RETENTION_DAYS,
  loadConfig,
  resolveConfig,
  type ConfigInput,
  type MailboxConfig,
  type MailboxKey,
  type RelayConfig,
  type ResolveOptions,
} from './config.js';
export { ApiError, ConfigError, StartError } from './errors.js';
export { jsonLog, memoryLog, type LogFields, type LogLevel, type RelayLog, type RequestLine } from './log.js';
export { DEFAULT_NOTIFY_INTERVAL_MINUTES, DEFAULT_REMINDER_SHARE, NotifySchema, type NotifyConfig } from './notify/config.js';
export { EXPIRY_NOTICE_DAYS, startNoticeScheduler, type NoticeScheduler, type NoticeSchedulerOptions, type NoticeStatus } from './notify/scheduler.js';
export { NOTICE_SUBJECT } from './notify/text.js';
export { webhookSignature, type WebhookBody } from './notify/send.js';
export { RateLimiter } from './rate-limit.js';
export { startRetention, type Retention, type RetentionOptions } from './retention.js';
export { startRelayServer, stopOnSignals, type RunningRelay, type StartOptions } from './server.js';
export { openStore } from './store/open.js';
export type { RelayStore, StoredRequestPage, StoredRequest } from './store/types.js';
