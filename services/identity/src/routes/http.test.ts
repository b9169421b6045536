import type { Request } from 'express';
import { presentedRefreshToken, readCookie } from './http';

/** A request as the cookie helpers see it: its headers only. */
const req = (cookie?: string): Pick<Request, 'headers'> => ({ headers: cookie === undefined ? {} : { cookie } });
const token = 'a'.repeat(43);

test('reads the refresh cookie among others, decoded, and ignores look-alikes', () => {
  expect(readCookie(req(`theme=dark; daybook_refresh=${token}; x=1`), 'daybook_refresh')).toBe(token);
  expect(readCookie(req('daybook_refresh=a%2Db'), 'daybook_refresh')).toBe('a-b');
  expect(readCookie(req('daybook_refresh="quoted"'), 'daybook_refresh')).toBe('quoted');
  expect(readCookie(req('old_daybook_refresh=x'), 'daybook_refresh')).toBeUndefined();
  expect(readCookie(req('daybook_refresh=%E0%A4%A'), 'daybook_refresh')).toBeUndefined();
  expect(readCookie(req(), 'daybook_refresh')).toBeUndefined();
});

test('the body wins over the cookie', () => {
  expect(presentedRefreshToken(req(`daybook_refresh=${token}`), 'from-body')).toBe('from-body');
  expect(presentedRefreshToken(req(`daybook_refresh=${token}`), undefined)).toBe(token);
  expect(presentedRefreshToken(req(), undefined)).toBeUndefined();
});
