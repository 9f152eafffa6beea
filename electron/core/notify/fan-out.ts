import { errorMessage } from '../dispatcher.ts';
import type { NotifierPort } from './notice.ts';

/** One port that sends each notice to every channel; a channel that throws does not stop the rest. */
export function fanOut(channels: readonly NotifierPort[], log: (message: string) => void): NotifierPort {
  return {
    send(notice) {
      for (const channel of channels) {
        try {
          channel.send(notice);
        } catch (error) {
          log(`haltwatch: a notification channel failed: ${errorMessage(error)}`);
        }
      }
    },
  };
}
