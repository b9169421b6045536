import { loginCodeRequested, reminderDue, userDeleted, userRegistered, userUpdated } from '@daybook/contracts';
import type { Subscription } from '@daybook/service-kit';
import type { Kit } from '../app';
import type { DeliverReminder } from '../usecases/deliver-reminder';
import type { EmailLoginCode } from '../usecases/email-login-code';
import type { ForgetUser, RememberRecipient } from '../usecases/remember-recipient';

/** Events the notifications service consumes: each handler translates and calls a use case. */
export function eventHandlers(
  kit: Kit,
  useCases: {
    deliverReminder: DeliverReminder;
    emailLoginCode: EmailLoginCode;
    rememberRecipient: RememberRecipient;
    forgetUser: ForgetUser;
  },
): Subscription[] {
  return [
    kit.on(reminderDue, (event, { tx }) => useCases.deliverReminder(tx, event.id, event.data)),
    kit.on(loginCodeRequested, (event, { tx }) => useCases.emailLoginCode(tx, event.id, event.data)),
    kit.on(userRegistered, (event, { tx }) => useCases.rememberRecipient(tx, event.data)),
    kit.on(userUpdated, (event, { tx }) => useCases.rememberRecipient(tx, event.data)),
    kit.on(userDeleted, (event, { tx }) => useCases.forgetUser(tx, event.data.userId)),
  ];
}
