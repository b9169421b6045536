import { z } from 'zod';

export const id = z.uuid();
export const timestamp = z.iso.datetime({ offset: true });
export const userId = z.uuid();
