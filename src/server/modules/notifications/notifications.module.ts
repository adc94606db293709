import type { App } from '../../platform/http/types.ts';
import type { GongwuModule } from '../../platform/module.ts';
import { NotificationDispatcher } from './delivery.dispatcher.ts';
import { notificationRoutes } from './notification.routes.ts';
import { notificationsBenchCli } from './notifications.bench.ts';
import { NotificationHub } from './notification.stream.ts';

/**
 * Notifications: the bell (pushed over server-sent events), mail, group robots and webhooks.
 * Other modules call `notify()` from index.ts inside their transaction.
 */
export const module: GongwuModule = {
  name: 'notifications',
  order: 15,
  cli: notificationsBenchCli,
  async routes(app: App) {
    const hub = new NotificationHub(app.database.db, app.config.notifyStreamMs);
    const dispatcher = new NotificationDispatcher(app.database.db, { publicUrl: app.config.publicUrl, log: (m) => app.log.warn(m) });
    await notificationRoutes(hub)(app);
    app.addHook('onReady', async () => {
      if (app.config.notifyIntervalMs > 0) dispatcher.start(app.config.notifyIntervalMs);
    });
    app.addHook('onClose', async () => {
      hub.close();
      await dispatcher.stop();
    });
  },
};
