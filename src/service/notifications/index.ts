// Notifications (E1, E2): notices from re-evaluation, the in-app feed, team integrations and their delivery.
import { AppError } from '../../core/errors.js';
import type { SecretBox } from '../secrets.js';
import type { Services, Worker } from '../types.js';
import { DELIVER, type DeliveryDeps, deliverHandler, noticeHandler } from './deliver.js';
import { type FeedService, feedService } from './feed.js';
import { type IntegrationService, integrationService } from './integrations.js';
import { NOTICE } from './notice.js';

export interface NotificationServices {
  feed: FeedService;
  integrations: IntegrationService;
}

/** `Services` with the notification use cases attached (by `installNotifications`). */
export interface WithNotifications {
  notifications?: NotificationServices;
}

const needsKey = (): never => {
  throw new AppError('E_NOT_IMPLEMENTED', 'integrations are not set up in this server', {
    hint: 'the server attaches them with installNotifications (it needs the secret key)',
  });
};

const unavailableIntegrations: IntegrationService = {
  list: async () => needsKey(),
  create: async () => needsKey(),
  update: async () => needsKey(),
  remove: async () => needsKey(),
  sendTest: async () => needsKey(),
};

/** The notification use cases for a request: attached ones, else a feed over the store (integrations need the key). */
export function notificationsOf(services: Services): NotificationServices {
  const attached = (services as Services & WithNotifications).notifications;
  return attached ?? { feed: feedService(services.store), integrations: unavailableIntegrations };
}

/** Attaches the use cases to `services` and registers the `notice` and `deliver` job handlers. */
export function installNotifications(
  services: Services,
  worker: Worker,
  deps: { secrets: SecretBox } & Omit<DeliveryDeps, 'secrets'>,
): NotificationServices {
  const notifications: NotificationServices = {
    feed: feedService(services.store),
    integrations: integrationService(services.store, deps.secrets),
  };
  (services as Services & WithNotifications).notifications = notifications;
  worker.handlers.set(NOTICE, noticeHandler);
  worker.handlers.set(DELIVER, deliverHandler(deps));
  return notifications;
}

export type { FeedService } from './feed.js';
export type { IntegrationService, IntegrationView } from './integrations.js';
export type { Notice } from './notice.js';
export { SIGNATURE_HEADER, signatureHeader, verifySignature } from './webhook.js';
