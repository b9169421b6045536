// Entry point of the audit service: wiring only. The composition root is app.ts; what the
// service does lives in usecases/ (docs/architecture.md, "One service, inside").
import { runService } from '@daybook/service-kit';
import { buildApp } from './app';
import { envSchema } from './env';
import { openDatabase } from './infrastructure/database';

runService({ name: 'audit', envSchema, database: openDatabase, app: buildApp });
