import { userDeleted } from '@daybook/contracts';
import type { Subscription } from '@daybook/service-kit';
import type { Kit } from '../app';
import { pushedContracts } from '../domain/pushed-events';
import type { ForgetUser } from '../usecases/forget-user';
import type { RecordChange } from '../usecases/record-change';

/** Every event that concerns a user is recorded in the change log; a deleted account's log goes. */
export function eventHandlers(
  kit: Kit,
  useCases: { recordChange: RecordChange; forgetUser: ForgetUser },
): Subscription[] {
  return [
    ...pushedContracts().map((contract) =>
      kit.on(contract, async (event, { tx }) => {
        await useCases.recordChange(tx, event);
      }),
    ),
    kit.on(userDeleted, (event, { tx }) => useCases.forgetUser(tx, event.data.userId)),
  ];
}
