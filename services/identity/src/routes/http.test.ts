import type { Request } from 'express';
import { plausibleRefreshToken, presentedRefreshToken, readCookie } from './http';

const req = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } }) as unknown as Request;
const token = 'a'.repeat(43);

test('reads the refresh cookie among others, decoded, and ignores look-alikes', () => {
  expect(readCookie(req(`theme=dark; daybook_refresh=${token}; x=1`), 'daybook_refresh')).toBe(token);
  expect(readCookie(req('daybook_refresh=a%2Db'), 'daybook_refresh')).toBe('a-b');
  expect(readCookie(req('daybook_refresh="quoted"'), 'daybook_refresh')).toBe('quoted');
  expect(readCookie(req('old_daybook_refresh=x'), 'daybook_refresh')).toBeUndefined();
  expect(readCookie(req('daybook_refresh=%E0%A4%A'), 'daybook_refresh')).toBeUndefined();
  expect(readCookie(req(), 'daybook_refresh')).toBeUndefined();
});

test('the body wins over the cookie; tokens of the wrong shape are not looked up', () => {
  expect(presentedRefreshToken(req(`daybook_refresh=${token}`), 'from-body')).toBe('from-body');
  expect(presentedRefreshToken(req(`daybook_refresh=${token}`), undefined)).toBe(token);
  expect(plausibleRefreshToken(token)).toBe(true);
  expect(plausibleRefreshToken('short')).toBe(false);
  expect(plausibleRefreshToken(undefined)).toBe(false);
});
