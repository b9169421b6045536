import { loginCodeSealing, type SealedValue } from '@daybook/contracts';
import { parseSealingKeys, unseal } from '@daybook/service-kit';

/**
 * The login code in a `login-code-requested` event, opened with the test secret store's
 * key as notifications opens it (until notifications emails it, tests read it this way).
 */
export function unsealLoginCode(
  secrets: Record<string, string>,
  data: { userId: string; sealedCode: SealedValue },
): string {
  const keys = secrets[loginCodeSealing.secret];
  if (!keys) throw new Error(`the test secrets have no ${loginCodeSealing.secret}`);
  return unseal(parseSealingKeys(keys), data.sealedCode, loginCodeSealing.context(data.userId));
}
